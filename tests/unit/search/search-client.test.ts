import { SearchClient, type WorkerLike } from '../../../lib/search/search-client';
import type { FromSearchWorker, ToSearchWorker } from '../../../lib/search/search-protocol';
import type { ListRequest } from '../../../lib/search/catalog';

function fakeWorker() {
  const sent: ToSearchWorker[] = [];
  let listener: ((e: MessageEvent<FromSearchWorker>) => void) | undefined;
  const worker: WorkerLike = {
    postMessage: (msg) => void sent.push(msg),
    addEventListener: (_type, l) => void (listener = l),
    terminate: vi.fn(),
  };
  const reply = (msg: FromSearchWorker) => listener!({ data: msg } as MessageEvent<FromSearchWorker>);
  return { worker, sent, reply };
}

const request = (q: string): ListRequest => ({ view: 'all', q, filters: {}, sort: 'relevance', order: 'desc' });

describe('SearchClient', () => {
  it('answers each list request; a request overtaken by a newer one resolves to nothing', async () => {
    const w = fakeWorker();
    const client = new SearchClient(w.worker);
    const first = client.list(request('tra'));
    const second = client.list(request('transformer'), 1000);
    expect(w.sent).toEqual([
      { type: 'list', seq: 1, request: request('tra') },
      { type: 'list', seq: 2, request: request('transformer'), limit: 1000 },
    ]);
    expect(await first).toBeUndefined();
    // A late answer to the old request is ignored.
    w.reply({ type: 'listed', seq: 1, ids: ['old'], total: 1, complete: true, ms: 1 });
    w.reply({ type: 'listed', seq: 2, ids: ['p1'], total: 1200, complete: false, ms: 2.5 });
    expect(await second).toEqual({ request: request('transformer'), ids: ['p1'], total: 1200, complete: false, ms: 2.5 });
  });

  it('reports progress, facets, changes and errors', () => {
    const w = fakeWorker();
    const client = new SearchClient(w.worker);
    const onStatus = vi.fn();
    const onChanged = vi.fn();
    client.listen('status', onStatus);
    const stop = client.listen('changed', onChanged);
    w.reply({ type: 'progress', indexed: 2000, total: 50000 });
    expect(client.progress).toEqual({ indexed: 2000, total: 50000 });
    w.reply({ type: 'facets', facets: { sites: [{ site: 'arxiv', count: 3 }], venues: ['ICLR'] } });
    expect(client.facets.venues).toEqual(['ICLR']);
    w.reply({ type: 'changed' });
    w.reply({ type: 'error', error: 'IndexedDB is not available' });
    expect(onStatus).toHaveBeenCalledTimes(3);
    expect(onChanged).toHaveBeenCalledTimes(1);
    expect(client.error).toBe('IndexedDB is not available');
    stop();
    w.reply({ type: 'changed' });
    expect(onChanged).toHaveBeenCalledTimes(1);
    client.close();
    expect(w.worker.terminate).toHaveBeenCalled();
  });
});
