// Importing papers from a reference manager's export (BibTeX, CSL-JSON). Imported papers go
// through storeDetected, exactly like papers seen on a page: they merge by DOI, arXiv id or title
// identity, add facts and never touch a status, tag or note already there. Then the import's tag
// and each entry's keywords are added to the records.
//
// Sighting: an import is not a page visit, so every imported paper gets a sighting of site
// "import" at the time of the import. Its url is the entry's own web address when it has one (the
// library then links the paper there, and shows where it came from), else `import:<format>`.
import type { SiftDB } from '../db';
import { canonicalIds, normalizeArxivId } from '../ids';
import { SAME_VISIT_MS } from '../merge';
import { cleanTag, MAX_TAG } from '../messages';
import type { DetectedPaper, PaperIds, PaperRecord, Sighting } from '../paper';
import { idsFromString } from '../sites/generic-meta';
import { storeDetected } from '../store';

/** One paper read from an import file: what a page would show, plus the entry's link and keywords. */
export interface ImportEntry extends DetectedPaper {
  /** The entry's web address (http or https). */
  url?: string;
  /** Keywords, cleaned to tags. */
  tags?: string[];
  /** Where the entry is in its file, for messages: "entry 3 (line 42)". */
  where?: string;
}

/** An entry of the file that is not imported, and why. */
export interface ImportProblem {
  /** 1-based number of the entry in the file; 0 for a broken @string or @preamble. */
  entry: number;
  line?: number;
  /** The entry's citation key or id, when it has one. */
  key?: string;
  /** The whole message: "entry 3 (line 42): missing title". */
  error: string;
}

export type ParsedImport = { ok: true; entries: ImportEntry[]; problems: ImportProblem[] } | { ok: false; error: string };

export type ImportFormat = 'bibtex' | 'csl-json';

export interface ImportOptions {
  /** Tag every imported paper with this (e.g. "zotero-2024"). */
  tag?: string;
  /** The file's format, named in the sighting of entries without a web address. */
  format?: ImportFormat;
  /** Called after each chunk (and once with 0 at the start); it runs inside the transaction. */
  onProgress?: (done: number, total: number) => void;
  /** Aborting rolls the whole import back; the promise rejects with an AbortError. */
  signal?: AbortSignal;
  now?: number;
  newId?: () => string;
}

export interface ImportResult {
  /** Entries that became new papers. */
  added: number;
  /** Entries that joined a paper already in the library (or an earlier entry of the same file). */
  merged: number;
  /** Entries not imported; `index` is into the entries given. */
  skipped: { index: number; error: string }[];
}

/** Entries stored per step; progress is reported and cancel is checked between steps. */
export const IMPORT_CHUNK = 1_000;

// ---------------------------------------------------------------------------------------------
// Helpers shared by the format readers.

export const isWebUrl = (s: string | undefined): s is string => !!s && /^https?:\/\/[^\s]+$/i.test(s);

/** Identifiers a link reveals: arXiv, DOI, PubMed, PMC, OpenReview, ACL Anthology. */
export function idsFromUrl(url: string | undefined, into: PaperIds): void {
  if (!url) return;
  const s = url.trim();
  idsFromString(s, into);
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    return;
  }
  const host = u.hostname.replace(/^www\./, '').toLowerCase();
  if (host === 'openreview.net' && /^\/(?:forum|pdf)$/.test(u.pathname)) {
    const id = u.searchParams.get('id');
    if (id && /^[\w-]{5,40}$/.test(id)) into.openreview ??= id;
  } else if (host === 'aclanthology.org') {
    // New style `2020.acl-main.1`, old style `P18-1001` (as the ACL Anthology adapter reads them).
    const m = /^\/(\d{4}\.[A-Za-z0-9_]+-[A-Za-z0-9_]+\.\d+|[A-Z]\d{2}-\d{4})(?:\/|\.pdf)?$/.exec(u.pathname);
    if (m?.[1]) into.acl ??= m[1];
  } else if (host === 'dblp.org' || host === 'dblp.uni-trier.de') {
    const m = /^\/rec\/((?:[\w.-]+\/)+[\w.-]+?)(?:\.(?:html|bib|xml|ris))?$/.exec(u.pathname);
    if (m?.[1]) into.dblp ??= m[1];
  }
}

/** A PDF address: the link itself, or an arXiv abs page's PDF. */
export function pdfFromUrl(url: string | undefined): string | undefined {
  if (!isWebUrl(url)) return undefined;
  return /\.pdf(?:[?#].*)?$/i.test(url) || /^https?:\/\/(?:www\.|export\.)?arxiv\.org\/pdf\//i.test(url) ? url : undefined;
}

/** An arXiv id named in free text: "arXiv preprint arXiv:1810.04805", "arXiv:2401.01234 [cs]". */
export function arxivFromText(s: string | undefined): string | undefined {
  const m = /\barxiv\s*:?\s*([a-z][a-z.-]*\/\d{7}|\d{4}\.\d{4,5})(?:v\d+)?/i.exec(s ?? '');
  return m?.[1] ? normalizeArxivId(m[1]) : undefined;
}

/** A venue that only says "arXiv" (Google Scholar's "arXiv preprint arXiv:…", dblp's CoRR) names no venue. */
export function isPreprintVenue(venue: string): boolean {
  return /^\s*(?:arxiv(?:\s+preprint)?|corr)\b/i.test(venue);
}

/** Keywords as tags: split on commas and semicolons, cleaned; anything too long for a tag is dropped. */
export function keywordTags(raw: readonly string[]): string[] {
  const tags = raw
    .flatMap((k) => k.split(/[,;]/))
    .map(cleanTag)
    .filter((t) => t && t.length <= MAX_TAG);
  return [...new Set(tags)];
}

// ---------------------------------------------------------------------------------------------
// Checking entries: the format readers produce text; the limits are the library's.

const isString = (x: unknown, max: number): x is string => typeof x === 'string' && x.length <= max;

/** The entry ready to store, or why it cannot be. */
function checkEntry(x: ImportEntry): ImportEntry | string {
  if (typeof x !== 'object' || x === null) return 'not an entry';
  const title = typeof x.title === 'string' ? x.title.trim() : '';
  if (!title) return 'missing title';
  if (title.length > 2_000) return `title is too long (${title.length} characters; the limit is 2,000)`;
  if (!Array.isArray(x.authors) || !x.authors.every((a) => isString(a, 500))) return 'authors must be names of at most 500 characters';
  if (x.authors.length > 5_000) return `too many authors (${x.authors.length}; the limit is 5,000)`;
  const authors = x.authors.map((a) => a.trim()).filter(Boolean);
  const ids = canonicalIds(typeof x.ids === 'object' && x.ids !== null ? x.ids : {});
  if (authors.length === 0 && Object.keys(ids).length === 0) return 'no authors and no identifier (DOI, arXiv id…): not enough to tell the paper apart';
  const entry: ImportEntry = { title, authors, ids };
  if (x.authorsTruncated) entry.authorsTruncated = true;
  if (x.abstract) {
    if (typeof x.abstract !== 'string') return 'abstract must be text';
    if (x.abstract.length > 20_000) return `abstract is too long (${x.abstract.length.toLocaleString('en-US')} characters; the limit is 20,000)`;
    entry.abstract = x.abstract;
  }
  if (x.venue) {
    if (typeof x.venue !== 'string') return 'venue must be text';
    if (x.venue.length > 500) return `venue is too long (${x.venue.length.toLocaleString('en-US')} characters; the limit is 500)`;
    entry.venue = x.venue;
  }
  if (x.year !== undefined) {
    if (!Number.isInteger(x.year) || x.year < 1500 || x.year > 3000) return 'year must be a whole number from 1500 to 3000';
    entry.year = x.year;
  }
  if (x.pdfUrl !== undefined && isWebUrl(x.pdfUrl) && x.pdfUrl.length <= 2_000) entry.pdfUrl = x.pdfUrl;
  if (isWebUrl(x.url) && x.url.length <= 4_000) entry.url = x.url;
  if (Array.isArray(x.tags)) entry.tags = keywordTags(x.tags.filter((t): t is string => typeof t === 'string'));
  return entry;
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new DOMException('The import was cancelled.', 'AbortError');
}

/** Adds `s` unless the record has that url already within one visit (a file imported twice in a row). */
function withSighting(sightings: readonly Sighting[], s: Sighting): Sighting[] {
  const again = sightings.some((old) => old.url === s.url && Math.abs(s.at - old.at) < SAME_VISIT_MS);
  return again ? [...sightings] : [...sightings, s];
}

/**
 * Store imported entries, in one transaction: a failure or a cancel writes nothing. Entries that
 * cannot be stored (no title, nothing to tell the paper apart, a field over the library's limits)
 * are skipped and reported; the rest are imported.
 */
export async function importEntries(db: SiftDB, entries: readonly ImportEntry[], options: ImportOptions = {}): Promise<ImportResult> {
  const { onProgress, signal, now = Date.now(), format, newId = () => crypto.randomUUID() } = options;
  const importTag = options.tag === undefined ? undefined : cleanTag(options.tag);
  if (importTag !== undefined && (!importTag || importTag.length > MAX_TAG)) throw new RangeError(`the import's tag must have 1 to ${MAX_TAG} characters`);
  throwIfAborted(signal);

  const skipped: ImportResult['skipped'] = [];
  const valid: { index: number; entry: ImportEntry }[] = [];
  entries.forEach((raw, index) => {
    const checked = checkEntry(raw);
    if (typeof checked === 'string') skipped.push({ index, error: `${raw?.where ?? `entry ${index + 1}`}: ${checked}` });
    else valid.push({ index, entry: checked });
  });

  const fileSighting: Sighting = { url: `import:${format ?? 'file'}`, site: 'import', at: now };
  let added = 0;

  await db.transaction('rw', db.papers, async () => {
    onProgress?.(0, valid.length);
    for (let start = 0; start < valid.length; start += IMPORT_CHUNK) {
      throwIfAborted(signal);
      const chunk = valid.slice(start, start + IMPORT_CHUNK);
      // storeDetected joins this transaction: its writes roll back with the import's.
      const stored = await storeDetected(db, chunk.map(({ entry }) => entry), fileSighting, newId);
      added += stored.added;
      await finishRecords(db, chunk, stored.recordIds, importTag, fileSighting);
      onProgress?.(Math.min(start + IMPORT_CHUNK, valid.length), valid.length);
    }
    throwIfAborted(signal);
  });

  return { added, merged: valid.length - added, skipped };
}

/**
 * What storeDetected does not do for an import: the import's tag and the entries' keywords, and a
 * sighting at the entry's own address in place of the file's.
 */
async function finishRecords(
  db: SiftDB,
  chunk: readonly { entry: ImportEntry }[],
  recordIds: readonly string[],
  importTag: string | undefined,
  fileSighting: Sighting,
): Promise<void> {
  const byRecord = new Map<string, ImportEntry[]>();
  chunk.forEach(({ entry }, i) => {
    const id = recordIds[i]!;
    const list = byRecord.get(id);
    if (list) list.push(entry);
    else byRecord.set(id, [entry]);
  });
  const records = await db.papers.bulkGet([...byRecord.keys()]);
  const changed: PaperRecord[] = [];
  for (const rec of records) {
    if (!rec) continue;
    const mine = byRecord.get(rec.id)!;
    const add = [...(importTag ? [importTag] : []), ...mine.flatMap((e) => e.tags ?? [])];
    const tags = [...new Set([...rec.tags, ...add])];
    const urls = [...new Set(mine.map((e) => e.url).filter(isWebUrl))];
    let sightings = rec.sightings;
    if (urls.length) {
      sightings = sightings.filter((s) => !(s.url === fileSighting.url && s.at === fileSighting.at));
      for (const url of urls) sightings = withSighting(sightings, { ...fileSighting, url });
    }
    if (tags.length === rec.tags.length && sightings === rec.sightings) continue;
    changed.push({ ...rec, tags, sightings, updatedAt: fileSighting.at });
  }
  await db.papers.bulkPut(changed);
}
