// The library (side panel): views with counts, a virtualized list, selection, bulk actions with
// undo, keyboard triage, and the open paper. Reads only through useLiveQuery; every change is a
// request to the background (lib/library-requests.ts), the only writer.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useVirtualizer } from '@tanstack/react-virtual';
import { db } from '@/lib/db';
import { library } from '@/lib/library-requests';
import { effectiveSort, parseRoute, queueMoveTarget, rangeBetween, viewLabel, viewStatus, viewTag, type ViewId } from '@/lib/library-view';
import type { LibraryCounts } from '@/lib/library-counts';
import { filterCount } from '@/lib/library-filters';
import { queryWords } from '@/lib/search/highlight';
import type { DeleteResponse, EditResponse } from '@/lib/messages';
import type { PaperRecord, Status } from '@/lib/paper';
import { useLibraryStore } from './library/library-store';
import { useLibraryCounts } from './library/use-counts';
import { isPlainList, useListedIds } from './library/use-listed-ids';
import { SearchBar } from './library/SearchBar';
import { FilterPanel } from './library/FilterPanel';
import { ViewNav } from './library/ViewNav';
import { PaperRow } from './library/PaperRow';
import { BulkBar, type BulkStatus } from './library/BulkBar';
import { PaperDetail } from './library/PaperDetail';
import { TagManager } from './library/TagManager';
import { DataPanel } from './library/DataPanel';

/** Every row has this height (px): the virtualizer needs no measuring. */
export const ROW_HEIGHT = 88;

type Failure = { ok: false; error: string };

interface Toast {
  message: string;
  undo?: () => Promise<EditResponse | Failure>;
}

const STATUS_DONE: Record<BulkStatus, (papers: string) => string> = {
  saved: (p) => `Saved ${p}`,
  queued: (p) => `Queued ${p}`,
  read: (p) => `Marked ${p} read`,
  skipped: (p) => `Skipped ${p}`,
};

const KEY_STATUS: Record<string, BulkStatus> = { s: 'saved', q: 'queued', r: 'read', d: 'skipped' };

const papersWord = (n: number) => `${n} ${n === 1 ? 'paper' : 'papers'}`;

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** A view's paper count as last counted, if known. */
function viewTotal(counts: LibraryCounts | undefined, view: ViewId): number | undefined {
  if (!counts) return undefined;
  if (view === 'all') return counts.all;
  const status = viewStatus(view);
  if (status) return counts.status[status];
  return counts.tags.find((t) => t.tag === viewTag(view))?.count;
}

export function Library() {
  const view = useLibraryStore((s) => s.view);
  const paper = useLibraryStore((s) => s.paper);
  const selected = useLibraryStore((s) => s.selected);
  const focus = useLibraryStore((s) => s.focus);
  const q = useLibraryStore((s) => s.q);
  const filters = useLibraryStore((s) => s.filters);
  const sortChoice = useLibraryStore((s) => s.sort);
  const orderChoice = useLibraryStore((s) => s.order);
  const store = useLibraryStore.getState;
  const [filtersOpen, setFiltersOpen] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);

  // The route lives in the hash: read it before the first paint, and whenever it changes.
  useLayoutEffect(() => {
    const sync = () => store().applyRoute(parseRoute(location.hash));
    sync();
    window.addEventListener('hashchange', sync);
    return () => window.removeEventListener('hashchange', sync);
  }, [store]);

  const counts = useLibraryCounts();
  const listQuery = useMemo(() => ({ view, q, filters, sort: sortChoice, order: orderChoice }), [view, q, filters, sortChoice, orderChoice]);
  const [firstRowsShown, setFirstRowsShown] = useState(false);
  const listed = useListedIds(listQuery, firstRowsShown);
  const { sort, order } = effectiveSort(listQuery);
  // Drag to reorder only where the list is the queue in reading order.
  const queueOrder = view === 'queue' && isPlainList(listQuery);
  const ids = listed.ids;
  const list = ids ?? [];
  const words = useMemo(() => queryWords(q), [q]);
  // Key and action handlers read the list as last rendered, not as their effect last saw it.
  const listRef = useRef(list);
  listRef.current = list;

  const [toast, setToast] = useState<Toast>();
  const [error, setError] = useState<string>();
  const [tagsOpen, setTagsOpen] = useState(false);
  const [dataOpen, setDataOpen] = useState(false);
  const [drag, setDrag] = useState<{ id: string; over?: string; after?: boolean }>();

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: Math.max(list.length, listed.total ?? 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    getItemKey: (i) => list[i] ?? i,
  });
  const items = virtualizer.getVirtualItems();
  // Rows scrolled to beyond the ids read so far: read further.
  const lastShown = items.length > 0 ? items[items.length - 1]!.index : 0;
  const { reach } = listed;
  useEffect(() => reach(lastShown), [reach, lastShown]);
  const visibleIds = items.map((it) => list[it.index]).filter((id): id is string => id !== undefined);
  const visibleKey = visibleIds.join('\n');
  // Only the rows on screen are read.
  const visible = useLiveQuery(() => db.papers.bulkGet(visibleKey ? visibleKey.split('\n') : []), [visibleKey]);
  useEffect(() => {
    if (visible !== undefined && visibleKey) setFirstRowsShown(true);
  }, [visible, visibleKey]);
  const records = useMemo(() => {
    const map = new Map<string, PaperRecord>();
    for (const r of visible ?? []) if (r) map.set(r.id, r);
    return map;
  }, [visible]);

  const focusIndex = focus === undefined ? -1 : list.indexOf(focus);
  const lastFocusIndex = useRef(-1);
  if (focusIndex >= 0) lastFocusIndex.current = focusIndex;

  // The focused paper left the view (triaged away, deleted): focus the one now in its place.
  useEffect(() => {
    if (!ids || focus === undefined || focusIndex >= 0 || paper === focus) return;
    const i = Math.min(lastFocusIndex.current, ids.length - 1);
    store().setFocus(i >= 0 ? ids[i] : undefined);
  }, [ids, focus, focusIndex, paper, store]);

  // Papers that left the view leave the selection (a search showing only its best matches keeps the rest selected).
  const partial = listed.total !== undefined && ids !== undefined && listed.total > ids.length;
  useEffect(() => {
    if (!ids || selected.size === 0 || partial) return;
    const inView = new Set(ids);
    const kept = [...selected].filter((id) => inView.has(id));
    if (kept.length !== selected.size) store().setSelection(kept);
  }, [ids, selected, store, partial]);

  // Keep the focused row on screen.
  useEffect(() => {
    if (focusIndex >= 0) virtualizer.scrollToIndex(focusIndex, { align: 'auto' });
  }, [focusIndex, virtualizer]);

  /** What an action applies to: the selection, else the focused paper. */
  const targets = useCallback((): string[] => {
    const { selected: sel, focus: f } = store();
    if (sel.size > 0) return [...sel];
    return f !== undefined && listRef.current.includes(f) ? [f] : [];
  }, [store]);

  const showEdit = useCallback((res: EditResponse | Failure, done: (changed: number) => string) => {
    if (!res.ok) {
      setError(res.error);
      return;
    }
    setError(undefined);
    setToast({ message: done(res.changed), undo: res.before.length > 0 ? () => library.restore(res.before) : undefined });
  }, []);

  const setStatus = useCallback(
    async (status: BulkStatus, paperIds = targets()) => {
      if (paperIds.length === 0) return;
      showEdit(await library.setStatus(paperIds, status as Status), (n) => STATUS_DONE[status](papersWord(n)));
    },
    [targets, showEdit],
  );

  const editTags = useCallback(
    async (tag: string, add: boolean) => {
      const paperIds = targets();
      if (paperIds.length === 0) return;
      const res = add ? await library.editTags(paperIds, [tag], []) : await library.editTags(paperIds, [], [tag]);
      showEdit(res, (n) => `${add ? 'Tagged' : 'Untagged'} ${papersWord(n)} #${tag}`);
    },
    [targets, showEdit],
  );

  const deleteSelected = useCallback(async () => {
    const paperIds = targets();
    if (paperIds.length === 0) return;
    const res: DeleteResponse | Failure = await library.deletePapers(paperIds);
    if (!res.ok) {
      setError(res.error);
      return;
    }
    setError(undefined);
    store().clearSelection();
    const { token } = res;
    setToast({ message: `Deleted ${papersWord(res.deleted.length)}`, undo: () => library.undoDelete(token) });
  }, [targets, store]);

  const undo = useCallback(async () => {
    if (!toast?.undo) return;
    const res = await toast.undo();
    if (!res.ok) {
      setError(res.error);
      return;
    }
    setError(undefined);
    setToast({ message: 'Undone' });
  }, [toast]);

  const moveInQueue = useCallback(
    async (direction: 1 | -1) => {
      const { focus: f } = store();
      if (f === undefined) return;
      const target = queueMoveTarget(listRef.current, f, direction);
      if (!target) return;
      const res = await library.moveInQueue(f, target.beforeId);
      if (!res.ok) setError(res.error);
      else setError(undefined);
    },
    [store],
  );

  const dropInQueue = useCallback(async (id: string, over: string, after: boolean) => {
    const list = listRef.current;
    const at = list.indexOf(over);
    if (id === over || at < 0) return;
    const beforeId = after ? list[at + 1] : over;
    if (beforeId === id) return;
    const res = await library.moveInQueue(id, beforeId);
    if (!res.ok) setError(res.error);
    else setError(undefined);
  }, []);

  const onRowClick = useCallback(
    (id: string, e: MouseEvent) => {
      const s = store();
      if (e.shiftKey) s.selectRange(rangeBetween(listRef.current, s.anchor, id), id);
      else if (e.metaKey || e.ctrlKey) s.toggle(id);
      else s.selectOne(id);
    },
    [store],
  );

  // Keys, never while typing in a field or with Ctrl/Alt/⌘ held.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.altKey || e.metaKey || isTyping(e.target)) return;
      const s = store();
      const list = listRef.current;
      const at = s.focus === undefined ? -1 : list.indexOf(s.focus);
      let handled = true;
      if (e.key === '/') {
        searchRef.current?.focus();
        searchRef.current?.select();
      } else if (e.key === 't') {
        // The open paper's tag field, else the selection's.
        const field = document.querySelector<HTMLInputElement>('.lib-detail [data-tag-input]') ?? document.querySelector<HTMLInputElement>('.lib-bulk [data-tag-input]');
        field?.focus();
      } else if (e.key === 'j' || e.key === 'k') {
        if (list.length === 0) return;
        const next = e.key === 'j' ? Math.min(at + 1, list.length - 1) : Math.max(at - 1, 0);
        s.setFocus(list[next]);
      } else if ((e.key === 'J' || e.key === 'K') && e.shiftKey && s.view === 'queue') {
        void moveInQueue(e.key === 'J' ? 1 : -1);
      } else if (e.key === 'x') {
        if (at >= 0) s.toggle(list[at]!);
      } else if (KEY_STATUS[e.key]) {
        void setStatus(KEY_STATUS[e.key]!);
      } else if (e.key === 'Enter') {
        // Enter on a button or link activates it; elsewhere it opens the focused paper.
        if (at >= 0 && !(e.target instanceof Element && e.target.closest('button, a, [role="button"]'))) s.openPaper(list[at]);
        else handled = false;
      } else if (e.key === 'Escape') {
        if (s.paper) s.openPaper(undefined);
        else s.clearSelection();
      } else handled = false;
      if (handled) e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [store, setStatus, moveInQueue]);

  const selectView = (v: ViewId) => {
    setToast(undefined);
    store().setView(v);
  };

  const total = counts?.all;
  const label = viewLabel(view);
  const searching = listed.searched;
  const leaveSearch = () => {
    const s = store();
    if (s.focus === undefined && listRef.current.length > 0) s.setFocus(listRef.current[0]);
    scrollRef.current?.focus();
  };
  const focusedRowId = focusIndex >= 0 ? `row-${list[focusIndex]}` : undefined;

  return (
    <main className={`library lib${paper || tagsOpen || dataOpen ? ' has-detail' : ''}`}>
      <header className="bar">
        <h1>Sift library</h1>
        <span className="summary" data-testid="library-count">
          {total ?? 0} papers
        </span>
        <button
          type="button"
          aria-expanded={tagsOpen}
          onClick={() => {
            setTagsOpen(!tagsOpen);
            setDataOpen(false);
          }}
        >
          Manage tags
        </button>
        <button
          type="button"
          aria-expanded={dataOpen}
          onClick={() => {
            setDataOpen(!dataOpen);
            setTagsOpen(false);
          }}
        >
          Export / import
        </button>
      </header>
      <ViewNav current={view} counts={counts} onSelect={selectView} />
      <SearchBar
        ref={searchRef}
        q={q}
        sort={sort}
        order={order}
        filtersOpen={filtersOpen}
        filterCount={filterCount(filters)}
        onQuery={(text) => store().setQuery(text)}
        onSort={(k, o) => store().setSort(k, o)}
        onToggleFilters={() => setFiltersOpen(!filtersOpen)}
        onLeave={leaveSearch}
      />
      {filtersOpen && (
        <FilterPanel
          filters={filters}
          tags={counts?.tags.map((t) => t.tag) ?? []}
          facets={listed.facets}
          onChange={(f) => store().setFilters(f)}
        />
      )}
      <div className="lib-body">
        <section className="lib-list" aria-labelledby="lib-view-title">
          <h2 id="lib-view-title" className="lib-view-title">
            {label}{' '}
            <span className="count" data-testid="list-count">
              {searching
                ? ids
                  ? `${(listed.total ?? ids.length).toLocaleString()} ${(listed.total ?? ids.length) === 1 ? 'result' : 'results'}`
                  : '…'
                : listed.complete && ids
                  ? ids.length
                  : (viewTotal(counts, view) ?? '…')}
            </span>
          </h2>
          {searching && listed.progress && (
            <p className="lib-progress" role="status" data-testid="search-progress">
              <progress max={listed.progress.total} value={listed.progress.indexed} aria-label="Search index" /> Indexing{' '}
              {listed.progress.indexed.toLocaleString()} of {listed.progress.total.toLocaleString()} papers; results so far
            </p>
          )}
          {searching && listed.error && (
            <p role="alert" className="error lib-error">
              Search is unavailable: {listed.error}
            </p>
          )}
          <BulkBar
            total={listed.total ?? list.length}
            selected={selected.size}
            canOpen={focusIndex >= 0}
            onSelectAll={() => void listed.allIds().then((all) => store().setSelection(all))}
            onClear={() => store().clearSelection()}
            onStatus={(s) => void setStatus(s)}
            onTag={(tag, add) => void editTags(tag, add)}
            onDelete={() => void deleteSelected()}
            onOpen={() => focusIndex >= 0 && store().openPaper(list[focusIndex])}
            onInvalidTag={() => setError('Type a tag first (1 to 100 characters).')}
          />
          {error && (
            <p role="alert" className="error lib-error" data-testid="library-error">
              {error}
            </p>
          )}
          {ids && ids.length === 0 && (
            <p className="empty" data-testid="empty-view">
              {searching
                ? listed.complete
                  ? `No papers in ${label} match${q.trim() ? ` “${q.trim()}”` : ''}${filterCount(filters) ? ' with these filters' : ''}.`
                  : 'No matches yet…'
                : view === 'inbox'
                  ? 'Nothing to triage. Open an arXiv or Hugging Face listing.'
                  : `No papers in ${label}.`}
            </p>
          )}
          <div
            ref={scrollRef}
            className="lib-scroll"
            role="listbox"
            aria-label={`${label} papers`}
            aria-multiselectable="true"
            aria-activedescendant={focusedRowId}
            tabIndex={0}
            data-testid="paper-list"
          >
            <div className="lib-spacer" style={{ height: virtualizer.getTotalSize() }}>
              {items.map((it) => {
                const id = list[it.index];
                if (id === undefined)
                  return (
                    <div key={`more-${it.index}`} className="lib-row" aria-hidden="true" style={{ transform: `translateY(${it.start}px)`, height: ROW_HEIGHT }}>
                      <span className="title loading">Loading…</span>
                    </div>
                  );
                return (
                  <PaperRow
                    key={id}
                    id={id}
                    paper={records.get(id)}
                    index={it.index}
                    count={list.length}
                    selected={selected.has(id)}
                    focused={it.index === focusIndex}
                    next={view === 'queue' && it.index === 0}
                    top={it.start}
                    height={ROW_HEIGHT}
                    words={words}
                    drop={drag?.over === id ? (drag.after ? 'after' : 'before') : undefined}
                    onClick={onRowClick}
                    onOpen={(pid) => store().openPaper(pid)}
                    {...(queueOrder
                      ? {
                          onDragStart: (pid: string) => setDrag({ id: pid }),
                          onDragOver: (pid: string, after: boolean) =>
                            setDrag((d) => (d && (d.over !== pid || d.after !== after) ? { ...d, over: pid, after } : d)),
                          onDrop: (pid: string, after: boolean) => {
                            if (drag) void dropInQueue(drag.id, pid, after);
                            setDrag(undefined);
                          },
                          onDragEnd: () => setDrag(undefined),
                        }
                      : {})}
                  />
                );
              })}
            </div>
          </div>
        </section>
        {dataOpen ? (
          <div className="lib-detail">
            <DataPanel
              listLabel={q.trim() ? `${label} “${q.trim()}”` : label}
              listCount={listed.total ?? ids?.length}
              listIds={listed.allIds}
              selected={list.filter((pid) => selected.has(pid))}
              tags={counts?.tags.map((t) => t.tag) ?? []}
              onClose={() => setDataOpen(false)}
            />
          </div>
        ) : tagsOpen ? (
          <div className="lib-detail">
            <TagManager onClose={() => setTagsOpen(false)} />
          </div>
        ) : (
          paper && (
            <div className="lib-detail">
              <PaperDetail paperId={paper} onClose={() => store().openPaper(undefined)} />
            </div>
          )
        )}
      </div>
      {toast && (
        <div className="lib-toast" role="status" data-testid="toast">
          <span>{toast.message}</span>
          {toast.undo && (
            <button type="button" onClick={() => void undo()}>
              Undo
            </button>
          )}
          <button type="button" aria-label="Dismiss" onClick={() => setToast(undefined)}>
            ×
          </button>
        </div>
      )}
    </main>
  );
}
