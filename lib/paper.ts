// The paper model: what a site adapter detects, and what the library stores.

/** Identifiers a page can reveal. Values are canonical (see lib/ids.ts). */
export interface PaperIds {
  arxiv?: string;
  doi?: string;
  openreview?: string;
  pmid?: string;
  pmcid?: string;
  acl?: string;
  pmlr?: string;
  dblp?: string;
  neurips?: string;
  cvf?: string;
  s2?: string;
}

export const ID_KINDS = ['arxiv', 'doi', 'openreview', 'pmid', 'pmcid', 'acl', 'pmlr', 'dblp', 'neurips', 'cvf', 's2'] as const;
export type IdKind = (typeof ID_KINDS)[number];

/** One entry as found on a page (site-guide §0 `entries` item). */
export interface DetectedPaper {
  title: string;
  authors: string[];
  ids: PaperIds;
  pdfUrl?: string;
  abstract?: string;
  venue?: string;
  year?: number;
  authorsTruncated?: boolean;
  frontMatter?: boolean;
  listingType?: string;
  itemType?: string;
}

/** An entry together with the element that shows it, for in-page UI. */
export interface DetectedRow {
  paper: DetectedPaper;
  element: Element;
  /** The element showing the entry's title (Sift's badge goes right after it); absent when unknown. */
  title?: Element;
  /**
   * True when the adapter made the entry in normal form itself (what the registry's normalizeEntry
   * would return unchanged), so the registry skips it. Only for rows read thousands at a time;
   * its test checks this against normalizeEntry.
   */
  normalized?: boolean;
}

/** Lengths a detected entry is clipped to (site-guide §0). */
export const ENTRY_LIMITS = { title: 2_000, name: 500, authors: 5_000, venue: 500, text: 20_000 } as const;

/** A year a detected entry may carry; any other is dropped. */
export function isEntryYear(year: number): boolean {
  return Number.isInteger(year) && year > 1500 && year < 3000;
}

export const STATUSES = ['inbox', 'saved', 'queued', 'reading', 'read', 'skipped'] as const;
export type Status = (typeof STATUSES)[number];

/** Where and when a paper was seen. */
export interface Sighting {
  url: string;
  site: string;
  at: number;
}

/** One row of the `papers` table. */
export interface PaperRecord {
  /** Random, assigned once on insert; never derived from metadata that can change. */
  id: string;
  /** Every identity key of the paper (see identityKeys); multi-entry indexed. */
  keys: string[];
  ids: PaperIds;
  title: string;
  authors: string[];
  authorsTruncated?: boolean;
  abstract?: string;
  venue?: string;
  year?: number;
  pdfUrl?: string;
  status: Status;
  tags: string[];
  note?: string;
  addedAt: number;
  lastSeenAt: number;
  statusChangedAt?: number;
  /** Place in the reading queue (lower reads first); present exactly while `status` is `queued`. */
  queuePos?: number;
  /** The user's 1–5 rating. */
  rating?: number;
  /** When the record last changed (any write): the search index catches up from it. */
  updatedAt?: number;
  sightings: Sighting[];
}

/** A tag's own settings (the `tags` table); tags without settings have no row. */
export interface TagInfo {
  name: string;
  /** A CSS colour, e.g. "#1a73e8". */
  color?: string;
}

/** What the in-page badge shows of a stored paper. */
export interface PaperBrief {
  id: string;
  status: Status;
  tags: string[];
  note?: string;
  /** When the paper was last seen before this page showed it; absent if it was new here. */
  seenBefore?: number;
}

/** The user-editable fields of a record, as they were: applying it undoes an edit. */
export interface PaperPatch {
  id: string;
  status: Status;
  statusChangedAt?: number;
  queuePos?: number;
  tags: string[];
  note?: string;
  rating?: number;
}

/** Papers deleted together, kept for a while so that the delete can be undone. */
export interface TrashEntry {
  token: string;
  at: number;
  records: PaperRecord[];
}
