// The side panel's end of the search worker: one query in flight at a time, the latest one wins.
import type { FromSearchWorker, ToSearchWorker } from './search-protocol';
import type { SearchHit } from './search-index';

export interface SearchResult {
  query: string;
  hits: SearchHit[];
  complete: boolean;
  ms: number;
}

/** What the client needs of a Worker (a fake in tests). */
export interface WorkerLike {
  postMessage(msg: ToSearchWorker): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<FromSearchWorker>) => void): void;
  terminate(): void;
}

export function startSearchWorker(): WorkerLike {
  return new Worker(new URL('./search.worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerLike;
}

export class SearchClient {
  private seq = 0;
  private pending = new Map<number, { query: string; resolve: (r: SearchResult | undefined) => void }>();
  progress: { indexed: number; total: number } = { indexed: 0, total: 0 };
  error: string | undefined;
  onProgress: (() => void) | undefined;
  onChanged: (() => void) | undefined;

  constructor(private readonly worker: WorkerLike) {
    worker.addEventListener('message', (e) => this.receive(e.data));
  }

  /** The hits for `query`; undefined when a newer query overtook it. */
  search(query: string, limit?: number): Promise<SearchResult | undefined> {
    const seq = ++this.seq;
    // An older query still in flight will not be shown: let it resolve to nothing.
    for (const [s, p] of this.pending) if (s < seq) p.resolve(undefined);
    this.pending.clear();
    return new Promise((resolve) => {
      this.pending.set(seq, { query, resolve });
      this.worker.postMessage(limit === undefined ? { type: 'query', seq, query } : { type: 'query', seq, query, limit });
    });
  }

  close(): void {
    this.worker.terminate();
  }

  private receive(msg: FromSearchWorker): void {
    switch (msg.type) {
      case 'progress':
        this.progress = { indexed: msg.indexed, total: msg.total };
        this.onProgress?.();
        return;
      case 'changed':
        this.onChanged?.();
        return;
      case 'error':
        this.error = msg.error;
        this.onProgress?.();
        return;
      case 'result': {
        const p = this.pending.get(msg.seq);
        if (!p) return;
        this.pending.delete(msg.seq);
        p.resolve({ query: p.query, hits: msg.hits, complete: msg.complete, ms: msg.ms });
      }
    }
  }
}
