// Pure record construction and merging. Detection adds facts; it never removes user data.
import type { DetectedPaper, PaperRecord, Sighting, Status } from './paper';
import { identityKeys, mergeIds } from './ids';
import { yearFrom } from './text';

/** A reload of the same page within this window is the same visit, not a new sighting. */
export const SAME_VISIT_MS = 30 * 60 * 1000;

export function newRecord(paper: DetectedPaper, sighting: Sighting, id: string, keys = identityKeys(paper)): PaperRecord {
  const record: PaperRecord = {
    id,
    keys,
    ids: { ...paper.ids },
    title: paper.title,
    authors: [...paper.authors],
    status: 'inbox',
    tags: [],
    addedAt: sighting.at,
    lastSeenAt: sighting.at,
    sightings: [sighting],
  };
  if (paper.authorsTruncated) record.authorsTruncated = true;
  if (paper.abstract) record.abstract = paper.abstract;
  if (paper.venue) record.venue = paper.venue;
  if (paper.year) record.year = paper.year;
  if (paper.pdfUrl) record.pdfUrl = paper.pdfUrl;
  return record;
}

function union<T>(a: readonly T[], b: readonly T[]): T[] {
  return [...new Set([...a, ...b])];
}

function addSighting(sightings: readonly Sighting[], s: Sighting): Sighting[] {
  const sameVisit = sightings.some((old) => old.url === s.url && s.at - old.at >= 0 && s.at - old.at < SAME_VISIT_MS);
  return sameVisit ? [...sightings] : [...sightings, s];
}

/** The record with what this detection adds: new ids, missing fields, a fuller author list, the sighting. */
export function mergeDetected(
  record: PaperRecord,
  paper: DetectedPaper,
  sighting: Sighting,
  keys = identityKeys(paper),
): PaperRecord {
  const merged: PaperRecord = {
    ...record,
    ids: mergeIds(record.ids, paper.ids),
    keys: union(record.keys, keys),
    sightings: addSighting(record.sightings, sighting),
    lastSeenAt: Math.max(record.lastSeenAt, sighting.at),
  };
  if (!merged.abstract && paper.abstract) merged.abstract = paper.abstract;
  if (!merged.venue && paper.venue) merged.venue = paper.venue;
  const year = venueConsistentYear(merged.venue, record.year, paper.year);
  if (year) merged.year = year;
  if (!merged.pdfUrl && paper.pdfUrl) merged.pdfUrl = paper.pdfUrl;
  const fuller =
    paper.authors.length > 0 &&
    (merged.authors.length === 0 || (merged.authorsTruncated && !paper.authorsTruncated) || (!!merged.authorsTruncated === !!paper.authorsTruncated && paper.authors.length > merged.authors.length));
  if (fuller) {
    merged.authors = [...paper.authors];
    if (paper.authorsTruncated) merged.authorsTruncated = true;
    else delete merged.authorsTruncated;
  }
  return merged;
}

/**
 * The year to keep of two: the first, unless only the second agrees with a year the venue names
 * ("ICLR 2021 Poster" is 2021's, whatever a submission date said).
 */
/**
 * Sift before schema 6 stored an OpenReview paper with its submission year ("ICLR 2021", 2020):
 * the year its venue names, when that differs; undefined when the record is right.
 */
export function venueYearCorrection(p: { ids?: { openreview?: string }; venue?: string; year?: number }): number | undefined {
  const named = p.ids?.openreview ? yearFrom(p.venue) : undefined;
  return named && p.year !== named ? named : undefined;
}

export function venueConsistentYear(venue: string | undefined, kept: number | undefined, offered: number | undefined): number | undefined {
  if (!kept) return offered;
  if (!offered || offered === kept) return kept;
  const named = yearFrom(venue);
  return named === offered && named !== kept ? offered : kept;
}

/** A triage decision outranks "inbox"; between two decisions the more recent one wins. */
function mergedStatus(a: PaperRecord, b: PaperRecord): { status: Status; statusChangedAt?: number } {
  if (a.status === 'inbox') return { status: b.status, statusChangedAt: b.statusChangedAt };
  if (b.status === 'inbox') return { status: a.status, statusChangedAt: a.statusChangedAt };
  return (b.statusChangedAt ?? 0) > (a.statusChangedAt ?? 0)
    ? { status: b.status, statusChangedAt: b.statusChangedAt }
    : { status: a.status, statusChangedAt: a.statusChangedAt };
}

/** Two records found to be one paper (e.g. a preprint and its publication): keep `a`'s id, lose nothing of either. */
export function mergeRecords(a: PaperRecord, b: PaperRecord): PaperRecord {
  const merged: PaperRecord = {
    ...b,
    ...a,
    ids: mergeIds(a.ids, b.ids),
    keys: union(a.keys, b.keys),
    tags: union(a.tags, b.tags),
    sightings: [...a.sightings, ...b.sightings].sort((x, y) => x.at - y.at),
    addedAt: Math.min(a.addedAt, b.addedAt),
    lastSeenAt: Math.max(a.lastSeenAt, b.lastSeenAt),
    ...mergedStatus(a, b),
  };
  if (merged.statusChangedAt === undefined) delete merged.statusChangedAt;
  // A queue place belongs to a queued paper: the queued side's, else none.
  if (merged.status !== 'queued') delete merged.queuePos;
  else merged.queuePos = a.status === 'queued' && a.queuePos !== undefined ? a.queuePos : b.queuePos;
  if (merged.queuePos === undefined) delete merged.queuePos;
  const year = venueConsistentYear(merged.venue, a.year, b.year);
  if (year) merged.year = year;
  const notes = [a.note, b.note].filter((n): n is string => !!n);
  if (notes.length) merged.note = [...new Set(notes)].join('\n\n');
  if (a.authors.length === 0 || (a.authorsTruncated && !b.authorsTruncated && b.authors.length > 0)) {
    merged.authors = b.authors;
    if (b.authorsTruncated) merged.authorsTruncated = true;
    else delete merged.authorsTruncated;
  }
  return merged;
}
