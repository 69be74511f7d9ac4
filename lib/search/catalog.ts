// What the search worker keeps of each paper to filter and sort the library's lists: a few small
// fields per paper (about 10 MB for 50,000), so a filtered view never loads whole records.
import { dayRange, type LibraryFilters, type SortKey, type SortOrder } from '../library-filters';
import { viewStatus, viewTag, type ViewId } from '../library-view';
import type { PaperRecord, Status } from '../paper';
import { foldText } from './tokenize';

export interface CatalogRow {
  id: string;
  status: Status;
  tags: readonly string[];
  /** The sites the paper was seen on (sightings' `site`), without repeats. */
  sites: readonly string[];
  year?: number;
  venue?: string;
  /** The venue lowercased without accents, for the venue filter. */
  venueKey: string;
  addedAt: number;
  lastSeenAt: number;
  queuePos?: number;
  /** The title lowercased without accents, for sorting by title. */
  titleKey: string;
}

export function catalogRowOf(p: PaperRecord): CatalogRow {
  return {
    id: p.id,
    status: p.status,
    tags: p.tags,
    sites: [...new Set(p.sightings.map((s) => s.site))],
    year: p.year,
    venue: p.venue,
    venueKey: p.venue ? foldText(p.venue) : '',
    addedAt: p.addedAt,
    lastSeenAt: p.lastSeenAt,
    queuePos: p.queuePos,
    titleKey: foldText(p.title).replace(/^[^\p{L}\p{N}]+/u, ''),
  };
}

/** Which papers a list shows and in what order: the side panel's view, search, filters and sort. */
export interface ListRequest {
  view: ViewId;
  q?: string;
  filters: LibraryFilters;
  sort: SortKey;
  order: SortOrder;
}

/** Values the filter fields offer, most used first. */
export interface Facets {
  sites: { site: string; count: number }[];
  venues: string[];
  years?: [number, number];
}

const MAX_VENUES = 300;

export class Catalog {
  private rows = new Map<string, CatalogRow>();
  /** Every row in a sort's order, kept until the catalog changes (sorting 50,000 rows takes tens of ms). */
  private sortedCache = new Map<string, CatalogRow[]>();

  get size(): number {
    return this.rows.size;
  }

  set(p: PaperRecord): void {
    this.rows.set(p.id, catalogRowOf(p));
    this.sortedCache.clear();
  }

  remove(id: string): void {
    if (this.rows.delete(id)) this.sortedCache.clear();
  }

  /** The ids a list shows without search text: every row in the sort's order, filtered. */
  list(req: ListRequest): string[] {
    const cacheKey = `${req.sort}:${req.order}`;
    let sorted = this.sortedCache.get(cacheKey);
    if (!sorted) {
      sorted = sortRows([...this.rows.values()], req.sort, req.order);
      this.sortedCache.set(cacheKey, sorted);
    }
    const keep = rowFilter(req.view, req.filters);
    const ids: string[] = [];
    for (const r of sorted) if (keep(r)) ids.push(r.id);
    return ids;
  }

  get(id: string): CatalogRow | undefined {
    return this.rows.get(id);
  }

  values(): IterableIterator<CatalogRow> {
    return this.rows.values();
  }

  facets(): Facets {
    const sites = new Map<string, number>();
    const venues = new Map<string, number>();
    let lo = Infinity;
    let hi = -Infinity;
    for (const r of this.rows.values()) {
      for (const s of r.sites) sites.set(s, (sites.get(s) ?? 0) + 1);
      if (r.venue) venues.set(r.venue, (venues.get(r.venue) ?? 0) + 1);
      if (r.year !== undefined) {
        lo = Math.min(lo, r.year);
        hi = Math.max(hi, r.year);
      }
    }
    const byCount = <K>(m: Map<K, number>) => [...m].sort((a, b) => b[1] - a[1]);
    return {
      sites: byCount(sites).map(([site, count]) => ({ site, count })),
      venues: byCount(venues)
        .slice(0, MAX_VENUES)
        .map(([v]) => v),
      ...(lo <= hi ? { years: [lo, hi] as [number, number] } : {}),
    };
  }
}

/** A test for one row: the view and every filter set in `filters`. */
export function rowFilter(view: ViewId, f: LibraryFilters): (r: CatalogRow) => boolean {
  const tests: ((r: CatalogRow) => boolean)[] = [];
  const status = viewStatus(view);
  if (status) tests.push((r) => r.status === status);
  const tag = viewTag(view);
  if (tag !== undefined) tests.push((r) => r.tags.includes(tag));
  const tags = f.tags ?? [];
  if (tags.length) tests.push(f.tagMode === 'any' ? (r) => tags.some((t) => r.tags.includes(t)) : (r) => tags.every((t) => r.tags.includes(t)));
  if (f.status?.length) {
    const wanted = new Set<Status>(f.status);
    tests.push((r) => wanted.has(r.status));
  }
  if (f.site) {
    const site = f.site;
    tests.push((r) => r.sites.includes(site));
  }
  if (f.yearFrom !== undefined || f.yearTo !== undefined) {
    const lo = f.yearFrom ?? -Infinity;
    const hi = f.yearTo ?? Infinity;
    tests.push((r) => r.year !== undefined && r.year >= lo && r.year <= hi);
  }
  if (f.venue) {
    const venue = foldText(f.venue);
    tests.push((r) => r.venueKey.includes(venue));
  }
  if (f.addedFrom || f.addedTo) {
    const [lo, hi] = dayRange(f.addedFrom, f.addedTo);
    tests.push((r) => r.addedAt >= lo && r.addedAt <= hi);
  }
  if (f.seenFrom || f.seenTo) {
    const [lo, hi] = dayRange(f.seenFrom, f.seenTo);
    tests.push((r) => r.lastSeenAt >= lo && r.lastSeenAt <= hi);
  }
  return (r) => tests.every((t) => t(r));
}

type Compare = (a: CatalogRow, b: CatalogRow) => number;

/** Papers missing the sorted field go last in either order. */
function missingLast(get: (r: CatalogRow) => number | undefined, sign: number): Compare {
  return (a, b) => {
    const x = get(a);
    const y = get(b);
    if (x === undefined || y === undefined) return x === y ? 0 : x === undefined ? 1 : -1;
    return sign * (x - y);
  };
}

function comparator(sort: SortKey, order: SortOrder, scores?: ReadonlyMap<string, number>): Compare {
  const sign = order === 'asc' ? 1 : -1;
  switch (sort) {
    case 'relevance':
      return scores ? (a, b) => sign * ((scores.get(a.id) ?? 0) - (scores.get(b.id) ?? 0)) : () => 0;
    case 'added':
      return (a, b) => sign * (a.addedAt - b.addedAt);
    case 'seen':
      return (a, b) => sign * (a.lastSeenAt - b.lastSeenAt);
    case 'year':
      return missingLast((r) => r.year, sign);
    case 'queue':
      return missingLast((r) => r.queuePos, sign);
    case 'title':
      return (a, b) => sign * (a.titleKey < b.titleKey ? -1 : a.titleKey > b.titleKey ? 1 : 0);
  }
}

/** Rows in a sort's order; equal keys fall back to the most recently seen first. Sorts `rows` in place. */
function sortRows(rows: CatalogRow[], sort: SortKey, order: SortOrder, scores?: ReadonlyMap<string, number>): CatalogRow[] {
  const compare = comparator(sort, order, scores);
  // Ties as IndexedDB's lastSeenAt indexes walked backwards give them (newest, then the larger id),
  // so a list does not reorder when the worker takes it over from IndexedDB.
  return rows.sort((a, b) => compare(a, b) || b.lastSeenAt - a.lastSeenAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

/**
 * The ids of `rows` that pass the request's view and filters, in its order. `scores` (search
 * relevance by id) orders by relevance; equal keys fall back to the most recently seen first.
 */
export function selectPapers(rows: Iterable<CatalogRow>, req: ListRequest, scores?: ReadonlyMap<string, number>): string[] {
  const keep = rowFilter(req.view, req.filters);
  const kept: CatalogRow[] = [];
  for (const r of rows) if (keep(r)) kept.push(r);
  return sortRows(kept, req.sort, req.order, scores).map((r) => r.id);
}
