// Messages between the side panel and its search worker.
import type { Facets, ListRequest } from './catalog';

/** `limit`: answer only the first ids of the list (and how many it holds). */
export type ToSearchWorker = { type: 'list'; seq: number; request: ListRequest; limit?: number };

export type FromSearchWorker =
  | { type: 'progress'; indexed: number; total: number }
  /** The index and catalog hold every paper: lists are complete from now on. */
  | { type: 'ready'; total: number; readMs: number; indexMs: number }
  | { type: 'listed'; seq: number; ids: string[]; total: number; complete: boolean; ms: number }
  /** The library changed and the index caught up: a shown list may be stale. */
  | { type: 'changed' }
  | { type: 'facets'; facets: Facets }
  | { type: 'error'; error: string };
