import { SearchClient, type WorkerLike } from '../../../lib/search/search-client';
import type { FromSearchWorker, ToSearchWorker } from '../../../lib/search/search-protocol';

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

describe('SearchClient', () => {
  it('answers each query with its hits; a query overtaken by a newer one resolves to nothing', async () => {
    const w = fakeWorker();
    const client = new SearchClient(w.worker);
    const first = client.search('tra');
    const second = client.search('transformer', 50);
    expect(w.sent).toEqual([
      { type: 'query', seq: 1, query: 'tra' },
      { type: 'query', seq: 2, query: 'transformer', limit: 50 },
    ]);
    expect(await first).toBeUndefined();
    // A late answer to the old query is ignored.
    w.reply({ type: 'result', seq: 1, hits: [{ id: 'old', score: 1 }], complete: true, ms: 1 });
    w.reply({ type: 'result', seq: 2, hits: [{ id: 'p1', score: 9 }], complete: false, ms: 2.5 });
    expect(await second).toEqual({ query: 'transformer', hits: [{ id: 'p1', score: 9 }], complete: false, ms: 2.5 });
  });

  it('reports progress, changes and errors', () => {
    const w = fakeWorker();
    const client = new SearchClient(w.worker);
    const onProgress = vi.fn();
    const onChanged = vi.fn();
    client.onProgress = onProgress;
    client.onChanged = onChanged;
    w.reply({ type: 'progress', indexed: 2000, total: 50000 });
    expect(client.progress).toEqual({ indexed: 2000, total: 50000 });
    w.reply({ type: 'changed' });
    w.reply({ type: 'error', error: 'IndexedDB is not available' });
    expect(onProgress).toHaveBeenCalledTimes(2);
    expect(onChanged).toHaveBeenCalledTimes(1);
    expect(client.error).toBe('IndexedDB is not available');
    client.close();
    expect(w.worker.terminate).toHaveBeenCalled();
  });
});
