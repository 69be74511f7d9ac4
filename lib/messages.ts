// The one message protocol between content scripts, extension pages and the background.
// Everything that arrives is `unknown` until parsed here.
import type { DetectedPaper, PaperBrief, PaperIds, PaperPatch, Status } from './paper';
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
  /**
   * extension page or content script → background: triage. A content script may change only
   * papers seen on its own site. Each answers with an EditResponse.
   */
  | { type: 'set-status'; paperIds: string[]; status: Status }
  | { type: 'edit-tags'; paperIds: string[]; add: string[]; remove: string[] }
  | { type: 'set-note'; paperId: string; note: string }
  /** Undo: put back the fields an EditResponse reported in `before`. */
  | { type: 'restore'; patches: PaperPatch[] }
  /** Library (extension pages only): queue order, rating, delete and its undo, tags management. */
  | { type: 'move-in-queue'; paperId: string; beforeId?: string }
  | { type: 'set-rating'; paperId: string; rating?: number }
  | { type: 'delete-papers'; paperIds: string[] }
  | { type: 'undo-delete'; token: string }
  | { type: 'rename-tag'; from: string; to: string }
  | { type: 'delete-tag'; tag: string }
  | { type: 'tag-color'; tag: string; color?: string }
  /** → background: the tags in use, most used first (autocomplete). */
  | { type: 'list-tags' }
  /**
   * content script → background: what these papers' badges should show now, after a restore or an
   * import changed the library. Only papers seen on the sender's site are answered.
   */
  | { type: 'paper-briefs'; paperIds: string[] }
  /** content script → background: show this paper in the library. */
  | { type: 'open-library'; paperId?: string }
  /** extension page → content script: what this tab holds. */
  | { type: 'tab-papers' };

/** background → every tab: a restore or an import changed the library; a page asks for its papers' briefs again. */
export interface LibraryChanged {
  type: 'library-changed';
}

/** background → every tab: papers changed (from any page); badges update at once. */
export interface PapersChanged {
  type: 'papers-changed';
  briefs: PaperBrief[];
}

export type StoreDetectedResponse =
  | { ok: true; recordIds: string[]; briefs: PaperBrief[]; added: number; known: number }
  | { ok: false; error: string };
export type EditResponse = { ok: true; changed: number; before: PaperPatch[]; briefs: PaperBrief[] } | { ok: false; error: string };
/** @deprecated name kept for the popup; the same as EditResponse. */
export type SetStatusResponse = EditResponse;
export type DeleteResponse = { ok: true; token: string; deleted: string[] } | { ok: false; error: string };
export type BriefsResponse = { ok: true; briefs: PaperBrief[] } | { ok: false; error: string };
export type ListTagsResponse = { ok: true; tags: string[] } | { ok: false; error: string };
export type OkResponse = { ok: true } | { ok: false; error: string };
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

export const MAX_TAG = 100;
export const MAX_NOTE = 100_000;

function isStatus(x: unknown): x is Status {
  return (STATUSES as readonly unknown[]).includes(x);
}

function isId(x: unknown): x is string {
  return isString(x, 100) && x.length > 0;
}

function isRating(x: unknown): x is number {
  return Number.isInteger(x) && (x as number) >= 1 && (x as number) <= 5;
}

function isIdList(x: unknown): x is string[] {
  return Array.isArray(x) && x.length <= 100_000 && x.every((id) => isString(id, 100) && id.length > 0);
}

/** Tags are trimmed, single-spaced, 1–100 characters, without control characters. */
export function cleanTag(raw: string): string {
  return raw.replace(/[\u0000-\u001f\u007f]/g, '').replace(/\s+/g, ' ').trim();
}

function parseTags(x: unknown): Parsed<string[]> {
  if (!Array.isArray(x) || x.length > 100) return fail('tags must be an array of at most 100 strings');
  const tags: string[] = [];
  for (const raw of x) {
    if (!isString(raw, 1_000)) return fail('tags must be strings');
    const tag = cleanTag(raw);
    if (!tag || tag.length > MAX_TAG) return fail(`a tag must have 1 to ${MAX_TAG} characters`);
    tags.push(tag);
  }
  return { ok: true, value: [...new Set(tags)] };
}

function parsePatch(x: unknown): PaperPatch | undefined {
  if (!isObject(x)) return undefined;
  const { id, status, statusChangedAt, tags, note } = x;
  if (!isString(id, 100) || !id || !isStatus(status)) return undefined;
  const parsedTags = parseTags(tags);
  if (!parsedTags.ok) return undefined;
  const patch: PaperPatch = { id, status, tags: parsedTags.value };
  if (statusChangedAt !== undefined) {
    if (typeof statusChangedAt !== 'number' || !Number.isFinite(statusChangedAt)) return undefined;
    patch.statusChangedAt = statusChangedAt;
  }
  if (note !== undefined) {
    if (!isString(note, MAX_NOTE)) return undefined;
    patch.note = note;
  }
  const { queuePos, rating } = x;
  if (queuePos !== undefined) {
    if (typeof queuePos !== 'number' || !Number.isFinite(queuePos)) return undefined;
    patch.queuePos = queuePos;
  }
  if (rating !== undefined) {
    if (!isRating(rating)) return undefined;
    patch.rating = rating;
  }
  return patch;
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
      if (!isStatus(status)) return fail(`status must be one of ${STATUSES.join(', ')}`);
      if (!isIdList(paperIds)) return fail('paperIds must be an array of ids');
      return { ok: true, value: { type: 'set-status', paperIds, status } };
    }
    case 'edit-tags': {
      const { paperIds, add, remove } = msg;
      if (!isIdList(paperIds)) return fail('paperIds must be an array of ids');
      const adds = parseTags(add);
      const removes = parseTags(remove);
      if (!adds.ok) return adds;
      if (!removes.ok) return removes;
      return { ok: true, value: { type: 'edit-tags', paperIds, add: adds.value, remove: removes.value } };
    }
    case 'set-note': {
      const { paperId, note } = msg;
      if (!isString(paperId, 100) || !paperId) return fail('paperId must be an id');
      if (!isString(note, MAX_NOTE)) return fail(`note must be a string of at most ${MAX_NOTE} characters`);
      return { ok: true, value: { type: 'set-note', paperId, note } };
    }
    case 'restore': {
      if (!Array.isArray(msg.patches) || msg.patches.length > 100_000) return fail('patches must be an array');
      const patches: PaperPatch[] = [];
      for (const [i, raw] of msg.patches.entries()) {
        const patch = parsePatch(raw);
        if (!patch) return fail(`patch ${i} is malformed`);
        patches.push(patch);
      }
      return { ok: true, value: { type: 'restore', patches } };
    }
    case 'list-tags':
      return { ok: true, value: { type: 'list-tags' } };
    case 'move-in-queue': {
      const { paperId, beforeId } = msg;
      if (!isId(paperId)) return fail('paperId must be an id');
      if (beforeId !== undefined && !isId(beforeId)) return fail('beforeId must be an id');
      return { ok: true, value: beforeId === undefined ? { type: 'move-in-queue', paperId } : { type: 'move-in-queue', paperId, beforeId } };
    }
    case 'set-rating': {
      const { paperId, rating } = msg;
      if (!isId(paperId)) return fail('paperId must be an id');
      if (rating !== undefined && !isRating(rating)) return fail('rating must be a whole number from 1 to 5');
      return { ok: true, value: rating === undefined ? { type: 'set-rating', paperId } : { type: 'set-rating', paperId, rating } };
    }
    case 'paper-briefs':
      if (!isIdList(msg.paperIds)) return fail('paperIds must be an array of ids');
      return { ok: true, value: { type: 'paper-briefs', paperIds: msg.paperIds } };
    case 'delete-papers':
      if (!isIdList(msg.paperIds)) return fail('paperIds must be an array of ids');
      return { ok: true, value: { type: 'delete-papers', paperIds: msg.paperIds } };
    case 'undo-delete':
      if (!isId(msg.token)) return fail('token must be an id');
      return { ok: true, value: { type: 'undo-delete', token: msg.token } };
    case 'rename-tag': {
      const names = parseTags([msg.from, msg.to]);
      if (!names.ok || names.value.length !== 2) return fail('rename-tag needs two different tags, from and to');
      return { ok: true, value: { type: 'rename-tag', from: names.value[0]!, to: names.value[1]! } };
    }
    case 'delete-tag': {
      const names = parseTags([msg.tag]);
      if (!names.ok) return names;
      return { ok: true, value: { type: 'delete-tag', tag: names.value[0]! } };
    }
    case 'tag-color': {
      const names = parseTags([msg.tag]);
      if (!names.ok) return names;
      const { color } = msg;
      if (color !== undefined && !(typeof color === 'string' && /^#[0-9a-f]{6}$/i.test(color))) return fail('color must be like #1a73e8');
      return { ok: true, value: color === undefined ? { type: 'tag-color', tag: names.value[0]! } : { type: 'tag-color', tag: names.value[0]!, color } };
    }
    case 'open-library': {
      const { paperId } = msg;
      if (paperId !== undefined && (!isString(paperId, 100) || !paperId)) return fail('paperId must be an id');
      return { ok: true, value: paperId === undefined ? { type: 'open-library' } : { type: 'open-library', paperId } };
    }
    case 'tab-papers':
      return { ok: true, value: { type: 'tab-papers' } };
    default:
      return fail(`unknown message type "${msg.type.slice(0, 50)}"`);
  }
}
