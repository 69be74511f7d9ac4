// The side panel's UI state: the route (mirrored in the URL hash), selection and focus.
// Never database rows: useLiveQuery owns those.
import { create } from 'zustand';
import { formatRoute, type LibraryRoute, type ViewId } from '@/lib/library-view';

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

  /** Apply a route read from the hash (on load, on hashchange). */
  applyRoute(route: LibraryRoute): void;
  setView(view: ViewId): void;
  openPaper(id: string | undefined): void;
  setFocus(id: string | undefined): void;
  /** Click: select only this paper. */
  selectOne(id: string): void;
  /** Shift-click: select the given range (computed by the caller from the view's ids). */
  selectRange(ids: readonly string[], target: string): void;
  toggle(id: string): void;
  setSelection(ids: Iterable<string>): void;
  clearSelection(): void;
}

function writeHash(route: LibraryRoute): void {
  if (typeof location === 'undefined') return;
  const hash = formatRoute(route);
  if (location.hash !== hash) location.hash = hash;
}

export const useLibraryStore = create<LibraryState>((set, get) => ({
  view: 'inbox',
  paper: undefined,
  selected: new Set(),
  anchor: undefined,
  focus: undefined,

  applyRoute: (route) => {
    const { view, paper } = get();
    if (view === route.view && paper === route.paper) return;
    // A paper named in the hash is opened, focused and selected.
    const onPaper = route.paper ? { focus: route.paper, selected: new Set([route.paper]), anchor: route.paper } : {};
    if (view !== route.view) set({ view: route.view, paper: route.paper, selected: new Set(), anchor: undefined, focus: undefined, ...onPaper });
    else set({ paper: route.paper, ...onPaper });
  },
  setView: (view) => {
    if (get().view === view && !get().paper) return;
    set({ view, paper: undefined, selected: new Set(), anchor: undefined, focus: undefined });
    writeHash({ view });
  },
  openPaper: (id) => {
    set(id ? { paper: id, focus: id } : { paper: undefined });
    writeHash({ view: get().view, paper: id });
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
