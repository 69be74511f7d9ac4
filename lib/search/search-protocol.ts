// Messages between the side panel and its search worker.
import type { Facets, ListRequest } from './catalog';

export type ToSearchWorker = { type: 'list'; seq: number; request: ListRequest };

export type FromSearchWorker =
  | { type: 'progress'; indexed: number; total: number }
  | { type: 'listed'; seq: number; ids: string[]; complete: boolean; ms: number }
  /** The library changed and the index caught up: a shown list may be stale. */
  | { type: 'changed' }
  | { type: 'facets'; facets: Facets }
  | { type: 'error'; error: string };
