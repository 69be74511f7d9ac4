// The ids a list shows. A view in its own order with no search or filter is read straight from
// IndexedDB's indexes (live, and ready before the search index is built); anything else asks the
// search worker, which filters and sorts its catalog and says when the library changed.
import { useEffect, useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '@/lib/db';
import { hasFilters, NATURAL_ORDER, type LibraryFilters, type SortKey, type SortOrder } from '@/lib/library-filters';
import { defaultSort, effectiveSort, type ViewId } from '@/lib/library-view';
import type { Facets, ListRequest } from '@/lib/search/catalog';
import { librarySearchClient, type SearchClient } from '@/lib/search/search-client';
import { viewIds } from './queries';

export interface ListQuery {
  view: ViewId;
  q: string;
  filters: LibraryFilters;
  sort?: SortKey;
  order?: SortOrder;
}

export interface Listed {
  /** Undefined until the first answer for this list. */
  ids: string[] | undefined;
  /** False while the search index is still being built (more papers may belong). */
  complete: boolean;
  /** The list came from the search worker (search, filters or another order). */
  searched: boolean;
  /** How far the search index got, while it is built. */
  progress?: { indexed: number; total: number };
  error?: string;
}

/** True when IndexedDB's own indexes can list this: no search, no filter, the view's own order. */
export function isPlainList(query: ListQuery): boolean {
  if (query.q.trim() || hasFilters(query.filters)) return false;
  const { sort, order } = effectiveSort(query);
  const own = defaultSort(query.view, undefined);
  return sort === own && order === NATURAL_ORDER[own];
}

export function useListedIds(query: ListQuery): Listed {
  const plain = isPlainList(query);
  const { view } = query;
  const direct = useLiveQuery(async () => (plain ? { view, ids: await viewIds(db, view) } : undefined), [view, plain]);

  const request: ListRequest = useMemo(() => {
    const { sort, order } = effectiveSort(query);
    return { view: query.view, q: query.q.trim(), filters: query.filters, sort, order };
  }, [query]);
  const key = JSON.stringify(request);
  const [answer, setAnswer] = useState<{ key: string; ids: string[]; complete: boolean }>();
  // Bumped when the library changed or the index grew: the request is asked again.
  const [changes, setChanges] = useState(0);
  const [status, setStatus] = useState<Pick<Listed, 'progress' | 'error'>>({});

  useEffect(() => {
    if (plain) return;
    let client: SearchClient;
    try {
      client = librarySearchClient();
    } catch (err) {
      setStatus({ error: err instanceof Error ? err.message : String(err) });
      return;
    }
    const report = () =>
      setStatus({
        progress: client.progress.indexed < client.progress.total ? client.progress : undefined,
        error: client.error,
      });
    report();
    const stopChanged = client.listen('changed', () => setChanges((n) => n + 1));
    const stopStatus = client.listen('status', () => {
      report();
      // While the index grows, the list is asked again to show what it found so far.
      if (!client.error) setChanges((n) => n + 1);
    });
    let live = true;
    void client.list(JSON.parse(key) as ListRequest).then((r) => {
      if (live && r) setAnswer({ key, ids: r.ids, complete: r.complete });
    });
    return () => {
      live = false;
      stopChanged();
      stopStatus();
    };
  }, [plain, key, changes]);

  if (plain) return { ids: direct && direct.view === view ? direct.ids : undefined, complete: true, searched: false };
  // While a new answer is on its way, the last one stays (typing does not blank the list).
  return { ids: answer?.ids, complete: answer?.complete ?? false, searched: true, ...status };
}

/** The values the filter fields offer (sites, venues, years), from the search worker. */
export function useSearchFacets(enabled: boolean): Facets {
  const [facets, setFacets] = useState<Facets>({ sites: [], venues: [] });
  useEffect(() => {
    if (!enabled) return;
    let client: SearchClient;
    try {
      client = librarySearchClient();
    } catch {
      return; // The list says search is unavailable.
    }
    setFacets(client.facets);
    return client.listen('status', () => setFacets(client.facets));
  }, [enabled]);
  return facets;
}
