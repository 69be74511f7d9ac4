// Reading a backup file. Everything is checked before anything is written: the caller gets either
// a clean Backup (every record in exactly the PaperRecord shape) or one message saying what is
// wrong and where. Text is data: a title holding `<script>` is a title like any other.
import { db as siftDb } from '../db';
import { canonicalIds, identityKeys } from '../ids';
import { venueYearCorrection } from '../merge';
import { cleanTag, MAX_NOTE, MAX_TAG, type Parsed } from '../messages';
import { ID_KINDS, STATUSES, type PaperIds, type PaperRecord, type Sighting, type Status, type TagInfo } from '../paper';
import { parseSettings } from '../settings';
import { BACKUP_FORMAT, BACKUP_VERSION, type Backup } from './backup';

const MB = 1024 * 1024;
/**
 * Largest file read, in characters (≈ bytes: backups are mostly ASCII). A backup of 50,000 papers
 * is about 80 MB; a string cannot exceed ≈ 512 MB in V8 at all, and parsing one of that size would
 * need several GB.
 */
export const MAX_FILE_MB = 256;
/** A backup nests 4 levels deep, CSL-JSON 5; anything far deeper is not one of them. */
export const MAX_JSON_DEPTH = 32;

const fail = (error: string): { ok: false; error: string } => ({ ok: false, error });

/** The message for a file of this many bytes (or characters), or undefined when its size is fine. Callers can check File.size before reading it. */
export function fileSizeError(size: number): string | undefined {
  return size > MAX_FILE_MB * MB ? `file is too large (${Math.ceil(size / MB)} MB; the limit is ${MAX_FILE_MB} MB)` : undefined;
}

/**
 * JSON text to a value, or why it is not JSON: where the syntax breaks (the engines' own messages
 * differ and do not all say where), or that it nests too deeply.
 */
export function parseJsonText(text: string): Parsed<unknown> {
  const tooLarge = fileSizeError(text.length);
  if (tooLarge) return fail(tooLarge);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    // Recursive parsers run out of stack on deep nesting; V8's and SpiderMonkey's do not.
    if (err instanceof RangeError) return fail(`nested too deeply (more than ${MAX_JSON_DEPTH} levels)`);
    return fail(`not JSON: ${jsonSyntaxError(text)}`);
  }
  const deep = deepNestingAt(text, MAX_JSON_DEPTH);
  if (deep >= 0) return fail(`nested too deeply (more than ${MAX_JSON_DEPTH} levels, at ${where(text, deep)})`);
  return { ok: true, value };
}

/** "position N (line L, column C)" */
function where(text: string, pos: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < pos; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return `position ${pos} (line ${line}, column ${pos - lineStart + 1})`;
}

/** True when the quote at `pos` is escaped (an odd run of backslashes before it). */
function escaped(text: string, pos: number): boolean {
  let n = 0;
  while (pos - 1 - n >= 0 && text.charCodeAt(pos - 1 - n) === 92) n++;
  return n % 2 === 1;
}

/**
 * Where valid JSON first nests deeper than `max`, or -1. Strings are skipped with indexOf, so the
 * cost is mostly that of the structure, not of the text (titles, abstracts).
 */
function deepNestingAt(text: string, max: number): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      let end = text.indexOf('"', i + 1);
      while (end > 0 && escaped(text, end)) end = text.indexOf('"', end + 1);
      if (end < 0) return -1;
      i = end;
    } else if (c === 91 || c === 123) {
      if (++depth > max) return i;
    } else if (c === 93 || c === 125) {
      depth--;
    }
  }
  return -1;
}

const WS = new Set([32, 9, 10, 13]);

/**
 * Describe the first syntax error of text that JSON.parse rejected. Runs only on failure; a plain
 * state machine, with an explicit stack, so no input can exhaust the call stack.
 */
function jsonSyntaxError(text: string): string {
  const n = text.length;
  let i = 0;
  const stack: number[] = []; // 91 for an array, 123 for an object
  const skip = () => {
    while (i < n && WS.has(text.charCodeAt(i))) i++;
  };
  const unexpected = (): string =>
    i >= n ? `unexpected end at ${where(text, n)}` : `unexpected ${JSON.stringify(text[i])} at ${where(text, i)}`;
  const string = (): string | undefined => {
    i++; // opening quote
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return undefined;
      }
      if (c < 32) return `a control character inside text at ${where(text, i)}`;
      if (c === 92) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return `a bad \\u escape at ${where(text, i)}`;
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else if (e === undefined) return unexpected();
        else return `a bad escape "\\${e}" at ${where(text, i)}`;
      } else i++;
    }
    return unexpected();
  };
  /** An object member's name and its colon. */
  const memberName = (): string | undefined => {
    if (text.charCodeAt(i) !== 34) return unexpected();
    const bad = string();
    if (bad) return bad;
    skip();
    if (text.charCodeAt(i) !== 58) return unexpected();
    i++;
    return undefined;
  };
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  // Expecting a value, then what may follow it, until the stack is empty.
  for (;;) {
    skip();
    const c = text.charCodeAt(i);
    if (c === 123 || c === 91) {
      stack.push(c);
      i++;
      skip();
      if (text.charCodeAt(i) === (c === 123 ? 125 : 93)) {
        stack.pop();
        i++;
      } else if (c === 123) {
        const bad = memberName();
        if (bad) return bad;
        continue;
      } else continue;
    } else if (c === 34) {
      const bad = string();
      if (bad) return bad;
    } else if (text.startsWith('true', i) || text.startsWith('null', i)) i += 4;
    else if (text.startsWith('false', i)) i += 5;
    else {
      NUMBER.lastIndex = i;
      if (!NUMBER.test(text)) return unexpected();
      i = NUMBER.lastIndex;
    }
    // After a value: close what is open, or go on to the next element / member.
    for (;;) {
      skip();
      const top = stack[stack.length - 1];
      if (top === undefined) return i < n ? `unexpected ${JSON.stringify(text[i])} after the end of the JSON at ${where(text, i)}` : 'unreadable JSON';
      const d = text.charCodeAt(i);
      if (d === (top === 123 ? 125 : 93)) {
        stack.pop();
        i++;
        continue;
      }
      if (d !== 44) return unexpected();
      i++;
      if (top === 123) {
        skip();
        const bad = memberName();
        if (bad) return bad;
      }
      break;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Field checks. Each returns the clean value or throws a FieldError naming the field.

class FieldError extends Error {}

/** Limits, in characters. A note can outgrow what one edit may set (MAX_NOTE): merging papers joins their notes. */
const LIMITS = {
  id: 100,
  title: 2_000,
  author: 500,
  authors: 5_000,
  abstract: 20_000,
  venue: 500,
  url: 4_000,
  site: 100,
  idValue: 300,
  key: 2_500,
  keys: 1_000,
  tags: 1_000,
  sightings: 100_000,
  note: MAX_NOTE * 10,
};

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

const count = (n: number) => n.toLocaleString('en-US');

function textField(x: unknown, path: string, max: number): string {
  if (typeof x !== 'string') throw new FieldError(`${path}: expected text`);
  if (x.length > max) throw new FieldError(`${path}: text is too long (${count(x.length)} characters; the limit is ${count(max)})`);
  return x;
}

function list(x: unknown, path: string, max: number): unknown[] {
  if (!Array.isArray(x)) throw new FieldError(`${path}: expected a list`);
  if (x.length > max) throw new FieldError(`${path}: too many items (${count(x.length)}; the limit is ${count(max)})`);
  return x;
}

/** A list of texts; an item's path is spelled out only when it is wrong (authors and keys are many). */
function textList(x: unknown, path: string, maxItems: number, maxLength: number): string[] {
  const items = list(x, path, maxItems);
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (typeof item !== 'string' || item.length > maxLength) textField(item, `${path}[${i}]`, maxLength);
  }
  return items as string[];
}

function finite(x: unknown, path: string): number {
  if (typeof x !== 'number' || !Number.isFinite(x)) throw new FieldError(`${path}: expected a finite number`);
  return x;
}

function object(x: unknown, path: string): Record<string, unknown> {
  if (!isObject(x)) throw new FieldError(`${path}: expected an object`);
  return x;
}

function webUrl(x: unknown, path: string): string {
  const url = textField(x, path, LIMITS.url);
  if (!/^https?:\/\//i.test(url)) throw new FieldError(`${path}: expected an http(s) URL`);
  return url;
}

function tagName(x: unknown, path: string): string {
  const tag = cleanTag(textField(x, path, 1_000));
  if (!tag || tag.length > MAX_TAG) throw new FieldError(`${path}: expected a tag of 1 to ${MAX_TAG} characters`);
  return tag;
}

function status(x: unknown, path: string): Status {
  if (!(STATUSES as readonly unknown[]).includes(x)) {
    const shown = typeof x === 'string' ? `"${x.slice(0, 50)}"` : typeof x;
    throw new FieldError(`${path}: unknown status ${shown} (expected ${STATUSES.slice(0, -1).join(', ')} or ${STATUSES.at(-1)})`);
  }
  return x as Status;
}

function paperIds(x: unknown, path: string): PaperIds {
  const raw = object(x, path);
  const ids: PaperIds = {};
  // Only known kinds are read: any other key (even "__proto__") is left behind.
  for (const kind of ID_KINDS) {
    if (raw[kind] === undefined) continue;
    ids[kind] = textField(raw[kind], `${path}.${kind}`, LIMITS.idValue);
  }
  return canonicalIds(ids);
}

function sighting(x: unknown, path: string): Sighting {
  const raw = object(x, path);
  return { url: textField(raw.url, `${path}.url`, LIMITS.url), site: textField(raw.site, `${path}.site`, LIMITS.site), at: finite(raw.at, `${path}.at`) };
}

/** A record is always findable by its own identifiers, whatever the file says. */
function withIdentityKeys(stored: string[], own: readonly string[]): string[] {
  const unique = new Set(stored);
  if (unique.size === stored.length && own.every((k) => unique.has(k))) return stored;
  for (const k of own) unique.add(k);
  return [...unique];
}

/** One stored paper, cleaned to exactly the PaperRecord shape: unknown fields are dropped. */
function paperRecord(x: unknown, path: string): PaperRecord {
  const raw = object(x, path);
  const id = textField(raw.id, `${path}.id`, LIMITS.id);
  if (!id) throw new FieldError(`${path}.id: expected a non-empty id`);
  const title = textField(raw.title, `${path}.title`, LIMITS.title);
  if (!title.trim()) throw new FieldError(`${path}.title: expected a non-empty title`);
  // The parsed arrays are fresh and nobody else's: used as they are, not copied.
  const authors = textList(raw.authors, `${path}.authors`, LIMITS.authors, LIMITS.author);
  const ids = paperIds(raw.ids, `${path}.ids`);
  const rawTags = list(raw.tags, `${path}.tags`, LIMITS.tags);
  const tags = rawTags.length === 0 ? (rawTags as string[]) : [...new Set(rawTags.map((t, i) => tagName(t, `${path}.tags[${i}]`)))];
  const sightings = list(raw.sightings, `${path}.sightings`, LIMITS.sightings).map((s, i) => sighting(s, `${path}.sightings[${i}]`));
  const storedKeys = textList(raw.keys, `${path}.keys`, LIMITS.keys, LIMITS.key);
  const rec: PaperRecord = {
    id,
    keys: withIdentityKeys(storedKeys, identityKeys({ ids, title, authors })),
    ids,
    title,
    authors,
    status: status(raw.status, `${path}.status`),
    tags,
    addedAt: finite(raw.addedAt, `${path}.addedAt`),
    lastSeenAt: finite(raw.lastSeenAt, `${path}.lastSeenAt`),
    sightings,
  };
  if (raw.authorsTruncated !== undefined) {
    if (typeof raw.authorsTruncated !== 'boolean') throw new FieldError(`${path}.authorsTruncated: expected true or false`);
    if (raw.authorsTruncated) rec.authorsTruncated = true;
  }
  if (raw.abstract !== undefined) rec.abstract = textField(raw.abstract, `${path}.abstract`, LIMITS.abstract);
  if (raw.venue !== undefined) rec.venue = textField(raw.venue, `${path}.venue`, LIMITS.venue);
  if (raw.year !== undefined) {
    if (!Number.isInteger(raw.year) || (raw.year as number) < 1500 || (raw.year as number) > 3000)
      throw new FieldError(`${path}.year: expected a whole number from 1500 to 3000`);
    rec.year = raw.year as number;
  }
  if (raw.pdfUrl !== undefined) rec.pdfUrl = webUrl(raw.pdfUrl, `${path}.pdfUrl`);
  if (raw.note !== undefined) rec.note = textField(raw.note, `${path}.note`, LIMITS.note);
  if (raw.statusChangedAt !== undefined) rec.statusChangedAt = finite(raw.statusChangedAt, `${path}.statusChangedAt`);
  // A queue place belongs to a queued paper only.
  if (raw.queuePos !== undefined) {
    const pos = finite(raw.queuePos, `${path}.queuePos`);
    if (rec.status === 'queued') rec.queuePos = pos;
  }
  if (raw.rating !== undefined) {
    if (!Number.isInteger(raw.rating) || (raw.rating as number) < 1 || (raw.rating as number) > 5)
      throw new FieldError(`${path}.rating: expected a whole number from 1 to 5`);
    rec.rating = raw.rating as number;
  }
  if (raw.updatedAt !== undefined) rec.updatedAt = finite(raw.updatedAt, `${path}.updatedAt`);
  return rec;
}

function tagInfo(x: unknown, path: string): TagInfo {
  const raw = object(x, path);
  const info: TagInfo = { name: tagName(raw.name, `${path}.name`) };
  if (raw.color !== undefined) {
    // Only the form the colour picker writes: the value ends up in a style.
    if (typeof raw.color !== 'string' || !/^#[0-9a-f]{6}$/i.test(raw.color)) throw new FieldError(`${path}.color: expected a colour like #1a73e8`);
    info.color = raw.color;
  }
  return info;
}

function wholeNumber(x: unknown, path: string): number {
  if (!Number.isInteger(x) || (x as number) < 1) throw new FieldError(`${path}: expected a whole number`);
  return x as number;
}

/** What a file that is not a backup looks like, to say so. */
function notABackup(value: unknown, text: string): string {
  if (Array.isArray(value)) return 'not a Sift backup: the file is a list (CSL-JSON? use Import)';
  if (!isObject(value)) return 'not a Sift backup: expected a JSON object';
  if (value.format === undefined) return /^\s*@/.test(text) ? 'not a Sift backup: the file looks like BibTeX (use Import)' : 'not a Sift backup (it has no "format" field)';
  const shown = typeof value.format === 'string' ? `"${value.format.slice(0, 50)}"` : typeof value.format;
  return `not a Sift backup (its format is ${shown}, not "${BACKUP_FORMAT}")`;
}

export interface ParseBackupOptions {
  /** The newest schema this build reads; the database's own by default. */
  schemaVersion?: number;
}

/** Read and check a backup file's text. Nothing is written here. */
export function parseBackup(text: string, options: ParseBackupOptions = {}): Parsed<Backup> {
  const { schemaVersion: newestSchema = siftDb.verno } = options;
  if (/^\s*@/.test(text.slice(0, 1_000))) return fail('not a Sift backup: the file looks like BibTeX (use Import)');
  const json = parseJsonText(text);
  if (!json.ok) return json;
  const root = json.value;
  if (!isObject(root) || root.format !== BACKUP_FORMAT) return fail(notABackup(root, text));
  try {
    // Versions first: a newer file's other fields may mean something this build does not know.
    const version = wholeNumber(root.version, 'version');
    if (version > BACKUP_VERSION) return fail(`made by a newer Sift (backup format ${version}); update Sift first`);
    const schemaVersion = wholeNumber(root.schemaVersion, 'schemaVersion');
    if (schemaVersion > newestSchema) return fail(`made by a newer Sift (schema ${schemaVersion}); update Sift first`);
    const exportedAt = finite(root.exportedAt, 'exportedAt');
    if (root.settings !== undefined && !isObject(root.settings)) return fail('settings: expected an object');
    const rawPapers = list(root.papers, 'papers', Number.MAX_SAFE_INTEGER);
    const papers: PaperRecord[] = new Array(rawPapers.length);
    const firstWithId = new Map<string, number>();
    for (let i = 0; i < rawPapers.length; i++) {
      const rec = paperRecord(rawPapers[i], `papers[${i}]`);
      // The same correction the schema 6 upgrade made to the library.
      const venueYear = schemaVersion < 6 ? venueYearCorrection(rec) : undefined;
      if (venueYear) rec.year = venueYear;
      const before = firstWithId.get(rec.id);
      if (before !== undefined) return fail(`papers[${i}].id: the same id as papers[${before}]`);
      firstWithId.set(rec.id, i);
      papers[i] = rec;
    }
    const tags = new Map<string, TagInfo>();
    const rawTags = root.tags === undefined ? [] : list(root.tags, 'tags', 100_000);
    rawTags.forEach((t, i) => {
      const info = tagInfo(t, `tags[${i}]`);
      if (!tags.has(info.name)) tags.set(info.name, info);
    });
    return {
      ok: true,
      value: { format: BACKUP_FORMAT, version, schemaVersion, exportedAt, papers, tags: [...tags.values()], settings: parseSettings(root.settings) },
    };
  } catch (err) {
    if (err instanceof FieldError) return fail(err.message);
    throw err;
  }
}
