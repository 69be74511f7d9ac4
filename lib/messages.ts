// The one message protocol between content scripts, extension pages and the background.
// Everything that arrives is `unknown` until parsed here.
import type { DetectedPaper, PaperIds, Status } from './paper';
import { ID_KINDS, STATUSES } from './paper';
import { canonicalIds } from './ids';

/** Entries per message; a larger page is sent in several batches. */
export const MAX_BATCH = 2000;

export type Request =
  /**
   * content script → background: entries detected on the sender's page. `url` is the page's
   * current address: after in-app navigation (history.pushState) the browser's sender URL can lag.
   */
  | { type: 'store-detected'; url: string; entries: DetectedPaper[] }
  /** extension page → background: set the triage status of stored papers. */
  | { type: 'set-status'; paperIds: string[]; status: Status }
  /** extension page → content script: what this tab holds. */
  | { type: 'tab-papers' };

export type StoreDetectedResponse =
  | { ok: true; recordIds: string[]; added: number; known: number }
  | { ok: false; error: string };
export type SetStatusResponse = { ok: true; changed: number } | { ok: false; error: string };
export interface TabPapersResponse {
  url: string;
  site: string;
  recordIds: string[];
  /** Entries detected but not yet stored (e.g. the background is busy or failed). */
  pending: number;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const fail = (error: string): { ok: false; error: string } => ({ ok: false, error });

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isString(x: unknown, max: number): x is string {
  return typeof x === 'string' && x.length <= max;
}

function parseEntry(x: unknown, i: number): Parsed<DetectedPaper> {
  if (!isObject(x)) return fail(`entry ${i} is not an object`);
  const { title, authors, ids, pdfUrl, abstract, venue, year, authorsTruncated } = x;
  if (!isString(title, 2_000) || !title.trim()) return fail(`entry ${i}: title must be a non-empty string`);
  if (!Array.isArray(authors) || authors.length > 5_000 || !authors.every((a) => isString(a, 500)))
    return fail(`entry ${i}: authors must be an array of strings`);
  if (!isObject(ids)) return fail(`entry ${i}: ids must be an object`);
  const cleanIds: PaperIds = {};
  for (const [kind, value] of Object.entries(ids)) {
    if (!(ID_KINDS as readonly string[]).includes(kind)) return fail(`entry ${i}: unknown id kind "${kind}"`);
    if (!isString(value, 300) || !value) return fail(`entry ${i}: id ${kind} must be a non-empty string`);
    cleanIds[kind as keyof PaperIds] = value;
  }
  // Identity must not depend on the sender's normalisation: ids are made canonical here.
  const canonical = canonicalIds(cleanIds);
  if ((authors as string[]).length === 0 && Object.keys(canonical).length === 0)
    return fail(`entry ${i} is incomplete (needs a title and an identifier or author)`);
  const entry: DetectedPaper = { title, authors: authors as string[], ids: canonical };
  if (pdfUrl !== undefined) {
    if (!isString(pdfUrl, 2_000) || !/^https?:\/\//.test(pdfUrl)) return fail(`entry ${i}: pdfUrl must be an http(s) URL`);
    entry.pdfUrl = pdfUrl;
  }
  if (abstract !== undefined) {
    if (!isString(abstract, 20_000)) return fail(`entry ${i}: abstract must be a string`);
    entry.abstract = abstract;
  }
  if (venue !== undefined) {
    if (!isString(venue, 500)) return fail(`entry ${i}: venue must be a string`);
    entry.venue = venue;
  }
  if (year !== undefined) {
    if (!Number.isInteger(year) || (year as number) < 1500 || (year as number) > 3000) return fail(`entry ${i}: year must be an integer`);
    entry.year = year as number;
  }
  if (authorsTruncated === true) entry.authorsTruncated = true;
  return { ok: true, value: entry };
}

/** Validate any incoming request. Unknown fields are dropped; anything malformed is rejected with a reason. */
export function parseRequest(msg: unknown): Parsed<Request> {
  if (!isObject(msg) || typeof msg.type !== 'string') return fail('message must be an object with a type');
  switch (msg.type) {
    case 'store-detected': {
      if (!isString(msg.url, 4_000) || !/^https?:\/\//.test(msg.url)) return fail('url must be an http(s) URL');
      if (!Array.isArray(msg.entries)) return fail('entries must be an array');
      if (msg.entries.length === 0) return fail('entries is empty');
      if (msg.entries.length > MAX_BATCH) return fail(`at most ${MAX_BATCH} entries per message`);
      const entries: DetectedPaper[] = [];
      for (let i = 0; i < msg.entries.length; i++) {
        const parsed = parseEntry(msg.entries[i], i);
        if (!parsed.ok) return parsed;
        entries.push(parsed.value);
      }
      return { ok: true, value: { type: 'store-detected', url: msg.url, entries } };
    }
    case 'set-status': {
      const { paperIds, status } = msg;
      if (!(STATUSES as readonly unknown[]).includes(status)) return fail(`status must be one of ${STATUSES.join(', ')}`);
      if (!Array.isArray(paperIds) || paperIds.length > 100_000 || !paperIds.every((id) => isString(id, 100)))
        return fail('paperIds must be an array of ids');
      return { ok: true, value: { type: 'set-status', paperIds: paperIds as string[], status: status as Status } };
    }
    case 'tab-papers':
      return { ok: true, value: { type: 'tab-papers' } };
    default:
      return fail(`unknown message type "${msg.type.slice(0, 50)}"`);
  }
}
