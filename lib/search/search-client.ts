// The side panel's end of the search worker: one list request in flight at a time, the latest wins.
import type { Facets, ListRequest } from './catalog';
import type { FromSearchWorker, ToSearchWorker } from './search-protocol';

export interface ListResult {
  request: ListRequest;
  /** The first `limit` ids of the list, in order. */
  ids: string[];
  /** How many papers the list holds. */
  total: number;
  complete: boolean;
  ms: number;
}

/** What the client needs of a Worker (a fake or an in-process service in tests). */
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
  private pending = new Map<number, { request: ListRequest; resolve: (r: ListResult | undefined) => void }>();
  progress: { indexed: number; total: number } = { indexed: 0, total: 0 };
  /** The worker holds every paper: its lists are complete. */
  ready = false;
  facets: Facets = { sites: [], venues: [] };
  error: string | undefined;
  private listeners = { status: new Set<() => void>(), changed: new Set<() => void>() };

  constructor(private readonly worker: WorkerLike) {
    worker.addEventListener('message', (e) => this.receive(e.data));
  }

  /** The papers for `request`; undefined when a newer request overtook it. */
  list(request: ListRequest, limit?: number): Promise<ListResult | undefined> {
    const seq = ++this.seq;
    // An older request still in flight will not be shown: let it resolve to nothing.
    for (const p of this.pending.values()) p.resolve(undefined);
    this.pending.clear();
    return new Promise((resolve) => {
      this.pending.set(seq, { request, resolve });
      this.worker.postMessage(limit === undefined ? { type: 'list', seq, request } : { type: 'list', seq, request, limit });
    });
  }

  /** `status`: progress, facets or an error arrived. `changed`: the library changed, lists shown may be stale. */
  listen(event: 'status' | 'changed', fn: () => void): () => void {
    this.listeners[event].add(fn);
    return () => this.listeners[event].delete(fn);
  }

  private emit(event: 'status' | 'changed'): void {
    for (const fn of this.listeners[event]) fn();
  }

  close(): void {
    this.worker.terminate();
  }

  private receive(msg: FromSearchWorker): void {
    switch (msg.type) {
      case 'progress':
        this.progress = { indexed: msg.indexed, total: msg.total };
        this.emit('status');
        return;
      case 'ready':
        this.ready = true;
        this.progress = { indexed: msg.total, total: msg.total };
        // For `npm run bench`: when the index was complete.
        if (import.meta.env.MODE === 'bench') performance.mark('sift:indexed', { detail: { total: msg.total, readMs: msg.readMs, indexMs: msg.indexMs } });
        this.emit('status');
        return;
      case 'facets':
        this.facets = msg.facets;
        this.emit('status');
        return;
      case 'changed':
        this.emit('changed');
        return;
      case 'error':
        this.error = msg.error;
        this.emit('status');
        return;
      case 'listed': {
        const p = this.pending.get(msg.seq);
        if (!p) return;
        this.pending.delete(msg.seq);
        if (import.meta.env.MODE === 'bench') performance.mark('sift:answer', { detail: { q: p.request.q ?? '', ms: msg.ms, n: msg.ids.length } });
        p.resolve({ request: p.request, ids: msg.ids, total: msg.total, complete: msg.complete, ms: msg.ms });
      }
    }
  }
}

let shared: SearchClient | undefined;

/** The side panel's one search worker, started on first use. */
export function librarySearchClient(): SearchClient {
  shared ??= new SearchClient(startSearchWorker());
  return shared;
}

/** Tests put an in-process search behind the client. */
export function setLibrarySearchClient(client: SearchClient | undefined): void {
  shared?.close();
  shared = client;
}
