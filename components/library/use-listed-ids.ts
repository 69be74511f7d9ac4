// The ids a list shows. The search worker answers every list once it holds the library (a few ms per
// list, whatever its size, and it follows writes). Until then a view in its own order comes from
// IndexedDB's indexes: its first rows at once, the whole list after; searches and filters ask the
// worker, which answers with what it has read so far.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '@/lib/db';
import { hasFilters, NATURAL_ORDER, type LibraryFilters, type SortKey, type SortOrder } from '@/lib/library-filters';
import { defaultSort, effectiveSort, type ViewId } from '@/lib/library-view';
import type { Facets, ListRequest } from '@/lib/search/catalog';
import { librarySearchClient, type SearchClient } from '@/lib/search/search-client';
import { viewHead, viewIds } from './queries';

export interface ListQuery {
  view: ViewId;
  q: string;
  filters: LibraryFilters;
  sort?: SortKey;
  order?: SortOrder;
}

export interface SearchState {
  client?: SearchClient;
  /** The worker holds every paper. */
  ready: boolean;
  /** How far the worker got, while it reads the library. */
  progress?: { indexed: number; total: number };
  error?: string;
  facets: Facets;
}

export interface Listed extends Omit<SearchState, 'client'> {
  /** The list's first ids, in order; undefined until the first answer. More are read as the list scrolls (see `reach`). */
  ids: string[] | undefined;
  /** How many papers the list holds (more than `ids` while the rest is not read yet). */
  total?: number;
  /** Every id of the list, for Select all. */
  allIds(): Promise<string[]>;
  /** The list is shown down to `index`: read further ahead when it gets near the end of what is read. */
  reach(index: number): void;
  /** False while only the first rows are known, or the worker has not read every paper yet. */
  complete: boolean;
  /** The list is a search or filtered (so it says “results”). */
  searched: boolean;
}

/** Ids read from the worker at a time: a list answers at typing speed however many papers it holds. */
export const PAGE = 1_000;
/** How many ids the first, quick read of a view takes: a screenful and then some. */
export const HEAD_ROWS = 60;
/** The worker starts once the first rows are on screen: reading the library competes with them. */
const WORKER_DELAY_MS = 300;
const NO_FACETS: Facets = { sites: [], venues: [] };

/** True when the list is a view in its own order, with no search or filter. */
export function isPlainList(query: ListQuery): boolean {
  if (query.q.trim() || hasFilters(query.filters)) return false;
  const { sort, order } = effectiveSort(query);
  const own = defaultSort(query.view, undefined);
  return sort === own && order === NATURAL_ORDER[own];
}

/** The side panel's search worker: started at once when `needNow`, else shortly after the panel opens. */
function useSearchState(needNow: boolean): SearchState {
  const [state, setState] = useState<SearchState>({ ready: false, facets: NO_FACETS });
  const client = state.client;
  useEffect(() => {
    if (client) return;
    const start = () => {
      try {
        setState((s) => ({ ...s, client: librarySearchClient() }));
      } catch (err) {
        setState((s) => ({ ...s, error: err instanceof Error ? err.message : String(err) }));
      }
    };
    if (needNow) {
      start();
      return;
    }
    const timer = setTimeout(start, WORKER_DELAY_MS);
    return () => clearTimeout(timer);
  }, [client, needNow]);
  useEffect(() => {
    if (!client) return;
    const read = () =>
      setState({
        client,
        ready: client.ready,
        progress: client.ready ? undefined : client.progress,
        error: client.error,
        facets: client.facets,
      });
    read();
    return client.listen('status', read);
  }, [client]);
  return state;
}

/** `firstRowsShown`: the whole list is read after the first rows' records, which would otherwise wait behind it. */
export function useListedIds(query: ListQuery, firstRowsShown = true): Listed {
  const plain = isPlainList(query);
  const search = useSearchState(!plain);
  const { client, ready } = search;
  const { view } = query;
  const fromIndexes = plain && !ready;
  const head = useLiveQuery(async () => (fromIndexes ? { view, ids: await viewHead(db, view, HEAD_ROWS) } : undefined), [view, fromIndexes]);
  // A head shorter than asked for is the whole view.
  const headIsWhole = head?.view === view && head.ids.length < HEAD_ROWS;
  const readWhole = fromIndexes && firstRowsShown && !headIsWhole;
  const whole = useLiveQuery(async () => (readWhole ? { view, ids: await viewIds(db, view) } : undefined), [view, readWhole]);

  const request: ListRequest = useMemo(() => {
    const { sort, order } = effectiveSort(query);
    return { view: query.view, q: query.q.trim(), filters: query.filters, sort, order };
  }, [query]);
  const key = JSON.stringify(request);
  const [answer, setAnswer] = useState<{ key: string; ids: string[]; total: number; complete: boolean }>();
  // Bumped when the library changed or the worker read more: the list is asked again.
  const [changes, setChanges] = useState(0);
  // How many ids to read: a page, more as the list scrolls; a new list starts with one page again.
  const [want, setWant] = useState({ key, limit: PAGE });
  const limit = want.key === key ? want.limit : PAGE;

  // A layout effect: the request leaves before the frame is painted, not a frame later.
  useLayoutEffect(() => {
    if (!client || fromIndexes) return;
    const stopChanged = client.listen('changed', () => setChanges((n) => n + 1));
    // While the worker reads the library, each step shows more of a search.
    const stopStatus = client.listen('status', () => setChanges((n) => n + 1));
    let live = true;
    void client.list(JSON.parse(key) as ListRequest, limit).then((r) => {
      if (live && r) setAnswer({ key, ids: r.ids, total: r.total, complete: r.complete });
    });
    return () => {
      live = false;
      stopChanged();
      stopStatus();
    };
  }, [client, fromIndexes, key, changes, limit]);

  // For `npm run bench`: when the answer for a search was rendered.
  useLayoutEffect(() => {
    if (import.meta.env.MODE === 'bench' && answer) performance.mark('sift:listed', { detail: (JSON.parse(answer.key) as ListRequest).q ?? '' });
  }, [answer]);

  const { client: _client, ...status } = search;
  let listed: Pick<Listed, 'ids' | 'complete' | 'total'>;
  if (fromIndexes) {
    if (whole?.view === view) listed = { ids: whole.ids, complete: true };
    else listed = { ids: head?.view === view ? head.ids : undefined, complete: headIsWhole };
  } else {
    // While a new answer is on its way, the last one stays (typing does not blank the list); a plain
    // view switched to from another is not shown another view's answer.
    const current = answer && (answer.key === key || !plain) ? answer : undefined;
    listed = { ids: current?.ids, total: current?.total, complete: current?.complete ?? false };
  }
  // Handing over from IndexedDB to the worker: the same list stays until the worker's answer comes.
  const last = useRef<{ key: string; ids: string[] }>(undefined);
  if (listed.ids) last.current = { key, ids: listed.ids };
  else if (last.current?.key === key) listed = { ids: last.current.ids, complete: false };
  const shown = listed.ids;
  const allIds = async () => {
    if (!client || !shown || listed.total === undefined || listed.total <= shown.length) return shown ?? [];
    // It overtakes the shown list's request (latest wins), which is then asked again.
    const all = await client.list(request);
    setChanges((n) => n + 1);
    return all?.ids ?? shown;
  };
  const reach = (index: number) => {
    if (!shown || listed.total === undefined || shown.length >= listed.total || index < shown.length - PAGE / 4) return;
    // Twice what is read, at least a page past `index`; asked once (renders meanwhile ask the same).
    const need = Math.max(shown.length * 2, index + PAGE);
    if (limit < need) setWant({ key, limit: need });
  };
  return { ...status, ...listed, allIds, reach, searched: !plain };
}
