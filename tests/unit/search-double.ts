// For component tests: the side panel's search worker run in-process on the test's database,
// with messages passed asynchronously as a real worker would.
import { SearchClient, setLibrarySearchClient, type WorkerLike } from '../../lib/search/search-client';
import { serveSearch } from '../../lib/search/search-service';
import type { FromSearchWorker } from '../../lib/search/search-protocol';
import type { SiftDB } from '../../lib/db';

export function useInProcessSearch(db: SiftDB): SearchClient {
  let listener: ((e: MessageEvent<FromSearchWorker>) => void) | undefined;
  let service: ReturnType<typeof serveSearch> | undefined;
  const worker: WorkerLike = {
    postMessage: (msg) => void setTimeout(() => service?.receive(msg)),
    addEventListener: (_type, l) => void (listener = l),
    terminate: () => service?.close(),
  };
  const client = new SearchClient(worker);
  service = serveSearch(db, (msg) => void setTimeout(() => listener?.({ data: msg } as MessageEvent<FromSearchWorker>)));
  setLibrarySearchClient(client);
  return client;
}
