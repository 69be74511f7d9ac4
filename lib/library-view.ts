// The side panel's route (which view, which paper is open) as it lives in the URL hash:
// `#view=inbox`, `#view=tag:ml`, `#view=queue&paper=<id>`. Pure functions, no DOM.
import { cleanTag, MAX_TAG } from './messages';
import type { Status } from './paper';
import { formatListParams, NATURAL_ORDER, parseListParams, type LibraryFilters, type SortKey, type SortOrder } from './library-filters';

/** The views a status has, in nav order. `queue` shows status `queued`. */
export const STATUS_VIEWS = ['inbox', 'queue', 'saved', 'reading', 'read', 'skipped'] as const;
export type StatusView = (typeof STATUS_VIEWS)[number];
export type ViewId = StatusView | 'all' | `tag:${string}`;

export const DEFAULT_VIEW: ViewId = 'inbox';

export const VIEW_LABELS: Record<StatusView | 'all', string> = {
  inbox: 'Inbox',
  queue: 'Queue',
  saved: 'Saved',
  reading: 'Reading',
  read: 'Read',
  skipped: 'Skipped',
  all: 'All',
};

export interface LibraryRoute {
  view: ViewId;
  /** The open paper, if any. */
  paper?: string;
  /** The search text. */
  q?: string;
  filters?: LibraryFilters;
  /** Absent: the view's own order (see defaultSort). */
  sort?: SortKey;
  order?: SortOrder;
}

/** The order a view lists in when the user picks none: by relevance while searching, the Queue in reading order, else most recently seen first. */
export function defaultSort(view: ViewId, q: string | undefined): SortKey {
  if (q?.trim()) return 'relevance';
  return view === 'queue' ? 'queue' : 'seen';
}

/** The sort and order in effect for a route. Relevance without search text means the view's own order. */
export function effectiveSort(route: Pick<LibraryRoute, 'view' | 'q' | 'sort' | 'order'>): { sort: SortKey; order: SortOrder } {
  let sort = route.sort ?? defaultSort(route.view, route.q);
  if (sort === 'relevance' && !route.q?.trim()) sort = defaultSort(route.view, undefined);
  return { sort, order: route.order ?? NATURAL_ORDER[sort] };
}

/** The status a view lists, or undefined for All and tag views. */
export function viewStatus(view: ViewId): Status | undefined {
  if (view === 'queue') return 'queued';
  return (STATUS_VIEWS as readonly string[]).includes(view) ? (view as Status) : undefined;
}

/** The tag a view lists, or undefined. */
export function viewTag(view: ViewId): string | undefined {
  return view.startsWith('tag:') ? view.slice(4) : undefined;
}

export function tagView(tag: string): ViewId {
  return `tag:${tag}`;
}

export function viewLabel(view: ViewId): string {
  const tag = viewTag(view);
  return tag !== undefined ? `#${tag}` : VIEW_LABELS[view as StatusView | 'all'];
}

/** A view id from untrusted text, or undefined if it names no view. */
export function parseView(raw: string | undefined): ViewId | undefined {
  if (raw === undefined) return undefined;
  if (raw === 'all' || (STATUS_VIEWS as readonly string[]).includes(raw)) return raw as ViewId;
  if (raw.startsWith('tag:')) {
    const tag = cleanTag(raw.slice(4));
    if (tag && tag.length <= MAX_TAG && tag === raw.slice(4)) return tagView(tag);
  }
  return undefined;
}

function decode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

/** Parse `location.hash` (with or without its `#`). Unknown or malformed values fall back to the Inbox and no paper. */
export function parseRoute(hash: string): LibraryRoute {
  const params = new Map<string, string[]>();
  for (const part of hash.replace(/^#/, '').split('&')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const key = part.slice(0, eq);
    const value = decode(part.slice(eq + 1));
    if (value === undefined) continue;
    const values = params.get(key);
    if (values) values.push(value);
    else params.set(key, [value]);
  }
  const get = (key: string) => params.get(key)?.[0];
  const route: LibraryRoute = { view: parseView(get('view')) ?? DEFAULT_VIEW };
  const paper = get('paper');
  if (paper && paper.length <= 100 && !/[\u0000-\u001f\u007f]/.test(paper)) route.paper = paper;
  const { filters, ...list } = parseListParams(get, (key) => params.get(key) ?? []);
  Object.assign(route, list);
  if (Object.keys(filters).length) route.filters = filters;
  return route;
}

/** The hash for a route, with its `#`; parseRoute(formatRoute(r)) equals r. */
export function formatRoute(route: LibraryRoute): string {
  const parts = [`view=${encodeURIComponent(route.view)}`, ...formatListParams(route.q, route.filters ?? {}, route.sort, route.order)];
  if (route.paper) parts.push(`paper=${encodeURIComponent(route.paper)}`);
  return `#${parts.join('&')}`;
}

/** The ids from the anchor to the target, inclusive, in list order (a shift-click range). */
export function rangeBetween(ids: readonly string[], anchor: string | undefined, target: string): string[] {
  const to = ids.indexOf(target);
  if (to < 0) return [];
  const from = anchor === undefined ? -1 : ids.indexOf(anchor);
  if (from < 0) return [target];
  return ids.slice(Math.min(from, to), Math.max(from, to) + 1);
}

/**
 * Where a queued paper goes when moved one place: the `beforeId` for library.moveInQueue
 * (undefined means the end), or null when it cannot move that way.
 */
export function queueMoveTarget(ids: readonly string[], id: string, direction: 1 | -1): { beforeId?: string } | null {
  const i = ids.indexOf(id);
  if (i < 0) return null;
  if (direction === -1) return i === 0 ? null : { beforeId: ids[i - 1] };
  if (i >= ids.length - 1) return null;
  const beforeId = ids[i + 2];
  return beforeId === undefined ? {} : { beforeId };
}
