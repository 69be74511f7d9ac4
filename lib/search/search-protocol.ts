// Messages between the side panel and its search worker.
import type { SearchHit } from './search-index';

export type ToSearchWorker = { type: 'query'; seq: number; query: string; limit?: number };

export type FromSearchWorker =
  | { type: 'progress'; indexed: number; total: number }
  | { type: 'result'; seq: number; hits: SearchHit[]; complete: boolean; ms: number }
  /** The library changed and the index caught up: a shown result may be stale. */
  | { type: 'changed' }
  | { type: 'error'; error: string };
