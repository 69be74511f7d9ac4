// The library's search, filters and sort, as the side panel holds them and as they live in the
// URL hash. Pure functions, no DOM; the search worker applies them (lib/search/catalog.ts).
import { cleanTag, MAX_TAG } from './messages';
import { STATUSES, type Status } from './paper';

export const SORT_KEYS = ['relevance', 'added', 'seen', 'year', 'title', 'queue'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortOrder = 'asc' | 'desc';

export const SORT_LABELS: Record<SortKey, string> = {
  relevance: 'Relevance',
  added: 'Date added',
  seen: 'Last seen',
  year: 'Year',
  title: 'Title',
  queue: 'Queue position',
};

/** The order each sort starts in: newest and best first, titles A→Z, the queue as it is read. */
export const NATURAL_ORDER: Record<SortKey, SortOrder> = {
  relevance: 'desc',
  added: 'desc',
  seen: 'desc',
  year: 'desc',
  title: 'asc',
  queue: 'asc',
};

/** A day as the user picks it in a date field: `YYYY-MM-DD`. */
export type Day = string;

export interface LibraryFilters {
  /** Papers carrying these tags: all of them, or any (tagMode). */
  tags?: string[];
  tagMode?: 'all' | 'any';
  status?: Status[];
  /** A site papers were seen on (a sighting's `site`, e.g. `arxiv`). */
  site?: string;
  yearFrom?: number;
  yearTo?: number;
  /** Part of the venue's name, any case or accents. */
  venue?: string;
  addedFrom?: Day;
  addedTo?: Day;
  seenFrom?: Day;
  seenTo?: Day;
}

export const MAX_QUERY = 500;
const MAX_FILTER_TEXT = 200;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function hasFilters(f: LibraryFilters): boolean {
  return (
    (f.tags?.length ?? 0) > 0 ||
    (f.status?.length ?? 0) > 0 ||
    !!f.site ||
    f.yearFrom !== undefined ||
    f.yearTo !== undefined ||
    !!f.venue ||
    !!(f.addedFrom || f.addedTo || f.seenFrom || f.seenTo)
  );
}

/** How many filters are set (shown on the Filters button). */
export function filterCount(f: LibraryFilters): number {
  let n = 0;
  if (f.tags?.length) n++;
  if (f.status?.length) n++;
  if (f.site) n++;
  if (f.yearFrom !== undefined || f.yearTo !== undefined) n++;
  if (f.venue) n++;
  if (f.addedFrom || f.addedTo) n++;
  if (f.seenFrom || f.seenTo) n++;
  return n;
}

/** A `YYYY-MM-DD` day, or undefined when the text is not a real day. */
export function parseDay(raw: string | undefined): Day | undefined {
  if (!raw || !DAY.test(raw)) return undefined;
  const [y, m, d] = raw.split('-').map(Number) as [number, number, number];
  const date = new Date(y, m - 1, d);
  return date.getFullYear() === y && date.getMonth() === m - 1 && date.getDate() === d ? raw : undefined;
}

/** The times a day range covers, in local time: from the start of `from` to the end of `to`. */
export function dayRange(from: Day | undefined, to: Day | undefined): [number, number] {
  // The end of `to` is the start of the next day minus 1 ms: days change length with daylight saving.
  const startOf = (day: Day, plusDays = 0) => {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    return new Date(y, m - 1, d + plusDays).getTime();
  };
  return [from ? startOf(from) : -Infinity, to ? startOf(to, 1) - 1 : Infinity];
}

function parseYear(raw: string | undefined): number | undefined {
  if (!raw || !/^\d{4}$/.test(raw)) return undefined;
  const year = Number(raw);
  return year >= 1000 && year <= 2999 ? year : undefined;
}

function cleanText(raw: string | undefined, max: number): string | undefined {
  if (raw === undefined) return undefined;
  const text = raw.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim();
  return text && text.length <= max ? text : undefined;
}

/** Search, filters and sort from the hash's parameters (`tag` may repeat). Anything malformed is left out. */
export function parseListParams(get: (key: string) => string | undefined, getAll: (key: string) => string[]): {
  q?: string;
  filters: LibraryFilters;
  sort?: SortKey;
  order?: SortOrder;
} {
  const filters: LibraryFilters = {};
  const tags = [
    ...new Set(
      getAll('tag')
        .map(cleanTag)
        .filter((t) => t && t.length <= MAX_TAG),
    ),
  ].slice(0, 20);
  if (tags.length) filters.tags = tags;
  if (get('tagmode') === 'any') filters.tagMode = 'any';
  const status = (get('status') ?? '').split(',').filter((s): s is Status => (STATUSES as readonly string[]).includes(s));
  if (status.length) filters.status = [...new Set(status)];
  const site = cleanText(get('site'), 40);
  if (site && /^[\w.-]+$/.test(site)) filters.site = site;
  const years = /^(\d{4})?-(\d{4})?$/.exec(get('year') ?? '');
  if (years) {
    const from = parseYear(years[1]);
    const to = parseYear(years[2]);
    if (from !== undefined) filters.yearFrom = from;
    if (to !== undefined) filters.yearTo = to;
  }
  const venue = cleanText(get('venue'), MAX_FILTER_TEXT);
  if (venue) filters.venue = venue;
  for (const [key, fromKey, toKey] of [
    ['added', 'addedFrom', 'addedTo'],
    ['seen', 'seenFrom', 'seenTo'],
  ] as const) {
    const range = /^([\d-]*)\.\.([\d-]*)$/.exec(get(key) ?? '');
    if (!range) continue;
    const from = parseDay(range[1]);
    const to = parseDay(range[2]);
    if (from) filters[fromKey] = from;
    if (to) filters[toKey] = to;
  }
  const q = cleanText(get('q'), MAX_QUERY);
  const sortRaw = get('sort');
  const sort = (SORT_KEYS as readonly string[]).includes(sortRaw ?? '') ? (sortRaw as SortKey) : undefined;
  const orderRaw = get('order');
  const order = orderRaw === 'asc' || orderRaw === 'desc' ? orderRaw : undefined;
  return { ...(q ? { q } : {}), filters, ...(sort ? { sort } : {}), ...(order ? { order } : {}) };
}

/** The hash parameters for search, filters and sort, in a stable order (empty when none is set). */
export function formatListParams(q: string | undefined, f: LibraryFilters, sort?: SortKey, order?: SortOrder): string[] {
  const enc = encodeURIComponent;
  const out: string[] = [];
  if (q?.trim()) out.push(`q=${enc(q.trim())}`);
  for (const t of f.tags ?? []) out.push(`tag=${enc(t)}`);
  if (f.tags?.length && f.tagMode === 'any') out.push('tagmode=any');
  if (f.status?.length) out.push(`status=${f.status.join(',')}`);
  if (f.site) out.push(`site=${enc(f.site)}`);
  if (f.yearFrom !== undefined || f.yearTo !== undefined) out.push(`year=${f.yearFrom ?? ''}-${f.yearTo ?? ''}`);
  if (f.venue) out.push(`venue=${enc(f.venue)}`);
  if (f.addedFrom || f.addedTo) out.push(`added=${f.addedFrom ?? ''}..${f.addedTo ?? ''}`);
  if (f.seenFrom || f.seenTo) out.push(`seen=${f.seenFrom ?? ''}..${f.seenTo ?? ''}`);
  if (sort) out.push(`sort=${sort}`);
  if (order) out.push(`order=${order}`);
  return out;
}

const SITE_LABELS: Record<string, string> = {
  arxiv: 'arXiv',
  huggingface: 'Hugging Face',
  openreview: 'OpenReview',
  'acl-anthology': 'ACL Anthology',
  pmlr: 'PMLR',
  neurips: 'NeurIPS',
  cvf: 'CVF',
  dblp: 'dblp',
  'google-scholar': 'Google Scholar',
  'semantic-scholar': 'Semantic Scholar',
  pubmed: 'PubMed',
  biorxiv: 'bioRxiv / medRxiv',
  generic: 'Other pages',
  import: 'Imported',
};

export function siteLabel(site: string): string {
  return SITE_LABELS[site] ?? site;
}
