// The side panel's UI state: the route (mirrored in the URL hash), selection and focus.
// Never database rows: useLiveQuery owns those.
import { create } from 'zustand';
import { formatRoute, type LibraryRoute, type ViewId } from '@/lib/library-view';
import type { LibraryFilters, SortKey, SortOrder } from '@/lib/library-filters';

export interface LibraryState {
  view: ViewId;
  /** The open paper (detail), if any. */
  paper?: string;
  /** Selected paper ids (bulk actions act on these). */
  selected: ReadonlySet<string>;
  /** Where a shift-click range starts. */
  anchor?: string;
  /** The keyboard's current row. */
  focus?: string;
  /** The search text. */
  q: string;
  filters: LibraryFilters;
  /** Absent: the view's own order. */
  sort?: SortKey;
  order?: SortOrder;

  /** Apply a route read from the hash (on load, on hashchange). */
  applyRoute(route: LibraryRoute): void;
  setView(view: ViewId): void;
  openPaper(id: string | undefined): void;
  setFocus(id: string | undefined): void;
  /** Typing in the search field: the hash follows without adding to the history. */
  setQuery(q: string): void;
  setFilters(filters: LibraryFilters): void;
  setSort(sort: SortKey | undefined, order?: SortOrder): void;
  /** Click: select only this paper. */
  selectOne(id: string): void;
  /** Shift-click: select the given range (computed by the caller from the view's ids). */
  selectRange(ids: readonly string[], target: string): void;
  toggle(id: string): void;
  setSelection(ids: Iterable<string>): void;
  clearSelection(): void;
}

function writeHash(route: LibraryRoute, replace = false): void {
  if (typeof location === 'undefined') return;
  const hash = formatRoute(route);
  if (location.hash === hash) return;
  if (replace) history.replaceState(history.state, '', hash);
  else location.hash = hash;
}

function routeOf(s: LibraryState): LibraryRoute {
  return { view: s.view, paper: s.paper, q: s.q, filters: s.filters, sort: s.sort, order: s.order };
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The state a side panel opens with (before the hash is read); tests start from it too. */
export function initialLibraryState(): Pick<LibraryState, 'view' | 'paper' | 'selected' | 'anchor' | 'focus' | 'q' | 'filters' | 'sort' | 'order'> {
  return { view: 'inbox', paper: undefined, selected: new Set(), anchor: undefined, focus: undefined, q: '', filters: {}, sort: undefined, order: undefined };
}

export const useLibraryStore = create<LibraryState>((set, get) => ({
  ...initialLibraryState(),

  applyRoute: (route) => {
    const list = { q: route.q ?? '', filters: route.filters ?? {}, sort: route.sort, order: route.order };
    const now = get();
    if (now.q !== list.q || !sameJson(now.filters, list.filters) || now.sort !== list.sort || now.order !== list.order) set(list);
    const { view, paper } = now;
    if (view === route.view && paper === route.paper) return;
    // A paper named in the hash is opened, focused and selected.
    const onPaper = route.paper ? { focus: route.paper, selected: new Set([route.paper]), anchor: route.paper } : {};
    if (view !== route.view) set({ view: route.view, paper: route.paper, selected: new Set(), anchor: undefined, focus: undefined, ...onPaper });
    else set({ paper: route.paper, ...onPaper });
  },
  setView: (view) => {
    if (get().view === view && !get().paper) return;
    // Search and filters stay; the order is the new view's own.
    set({ view, paper: undefined, selected: new Set(), anchor: undefined, focus: undefined, sort: undefined, order: undefined });
    writeHash(routeOf(get()));
  },
  openPaper: (id) => {
    set(id ? { paper: id, focus: id } : { paper: undefined });
    writeHash(routeOf(get()));
  },
  setQuery: (q) => {
    if (get().q === q) return;
    set({ q });
    writeHash(routeOf(get()), true);
  },
  setFilters: (filters) => {
    set({ filters });
    writeHash(routeOf(get()));
  },
  setSort: (sort, order) => {
    set({ sort, order });
    writeHash(routeOf(get()));
  },
  setFocus: (id) => set({ focus: id }),
  selectOne: (id) => set({ selected: new Set([id]), anchor: id, focus: id }),
  selectRange: (ids, target) => set({ selected: new Set(ids), focus: target }),
  toggle: (id) => {
    const selected = new Set(get().selected);
    if (selected.has(id)) selected.delete(id);
    else selected.add(id);
    set({ selected, anchor: id });
  },
  setSelection: (ids) => set({ selected: new Set(ids) }),
  clearSelection: () => set({ selected: new Set(), anchor: undefined }),
}));
