// Writing a parsed backup into the library. One transaction: a failure or a cancel writes nothing.
//
// Into an empty library, every record comes back exactly as it was backed up (same id, every
// field), except `updatedAt`, which is stamped now so that the search index takes it in.
//
// Into a library that already has papers, a backed-up paper that is already there (same record
// id, or a shared identity key as storeDetected matches them) is merged into it; nothing of either
// side is lost:
// - identifiers, identity keys and tags: the union; sightings: the union (the same url and time once);
// - addedAt the earliest, lastSeenAt the latest;
// - metadata (title, abstract, venue…) and rating: the library's, the backup filling what it lacks
//   (mergeRecords' rule: the library is usually the more recent of the two);
// - status: a decision beats "inbox"; between two decisions the more recent (statusChangedAt)
//   wins, as when papers merge on detection; on equal or unknown times the further one along
//   wins: read > reading > queued > saved > skipped. "Skipped" is last because it is the only
//   decision that hides a paper: when unsure, keep it in sight;
// - notes: both, the library's first, separated by a blank line, unless one already holds the
//   other as a whole paragraph (restoring the same backup twice adds nothing);
// - queue: a paper queued in the library keeps its place; papers queued only in the backup join
//   after the current queue, in their backed-up order (when the library's queue is empty they keep
//   their backed-up positions).
// Backed-up papers are never merged with one another: they were distinct in the library they came from.
// Settings live in browser storage, not in IndexedDB: the caller applies `backup.settings`.
import type { SiftDB } from '../db';
import { idsConflict } from '../ids';
import { mergeRecords } from '../merge';
import type { PaperRecord, Sighting, Status } from '../paper';
import type { Backup } from './backup';

export interface RestoreOptions {
  /** Called after each chunk of papers (and once with 0 at the start). It runs inside the transaction: no other database work there. */
  onProgress?: (done: number, total: number) => void;
  /** Aborting rolls the whole restore back; the promise rejects with an AbortError. */
  signal?: AbortSignal;
  now?: number;
}

export interface RestoreResult {
  /** Backed-up papers added as new records. */
  added: number;
  /** Backed-up papers merged into papers already in the library. */
  merged: number;
  /** Tag settings (colours) added; a tag that already has settings keeps them. */
  tags: number;
}

/** Papers written per step; progress is reported and cancel is checked between steps. */
export const RESTORE_CHUNK = 1_000;

/** Between two decisions made at the same (or an unknown) time, the one further along. */
const PROGRESS: Record<Status, number> = { inbox: 0, skipped: 1, saved: 2, queued: 3, reading: 4, read: 5 };

function winningStatus(a: PaperRecord, b: PaperRecord): PaperRecord {
  if (a.status === 'inbox') return b;
  if (b.status === 'inbox') return a;
  const ta = a.statusChangedAt ?? 0;
  const tb = b.statusChangedAt ?? 0;
  if (ta !== tb) return tb > ta ? b : a;
  return PROGRESS[b.status] > PROGRESS[a.status] ? b : a;
}

/** True when `note` holds `part` as whole paragraphs. */
function holds(note: string, part: string): boolean {
  return note === part || note.startsWith(`${part}\n\n`) || note.endsWith(`\n\n${part}`) || note.includes(`\n\n${part}\n\n`);
}

function mergedNote(a: string | undefined, b: string | undefined): string | undefined {
  if (!a) return b || undefined;
  if (!b || holds(a, b)) return a;
  if (holds(b, a)) return b;
  return `${a}\n\n${b}`;
}

function uniqueSightings(sightings: readonly Sighting[]): Sighting[] {
  const seen = new Set<string>();
  return sightings.filter((s) => {
    const key = `${s.at}\u0000${s.url}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** `a` (in the library, keeping its id) and `b` (backed up, or another library record of the same paper) as one record. */
function mergeRestored(a: PaperRecord, b: PaperRecord): PaperRecord {
  const merged = mergeRecords(a, b);
  merged.sightings = uniqueSightings(merged.sightings);
  const won = winningStatus(a, b);
  merged.status = won.status;
  if (won.statusChangedAt === undefined) delete merged.statusChangedAt;
  else merged.statusChangedAt = won.statusChangedAt;
  const pos = merged.status !== 'queued' ? undefined : a.status === 'queued' && a.queuePos !== undefined ? a.queuePos : won.queuePos;
  if (pos === undefined) delete merged.queuePos;
  else merged.queuePos = pos;
  const note = mergedNote(a.note, b.note);
  if (note === undefined) delete merged.note;
  else merged.note = note;
  return merged;
}

/** Equality of JSON-like values; records nest three levels at most. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  return keys.length === Object.keys(y).length && keys.every((k) => k in y && same(x[k], y[k]));
}

/** True when merging left the record as it was (its stamp aside): it need not be written again. */
function unchanged(before: PaperRecord, after: PaperRecord): boolean {
  const { updatedAt: _before, ...was } = before;
  const { updatedAt: _after, ...is } = after;
  return same(was, is);
}

/** Queue positions for the backup's queued papers, in their backed-up order, starting after `end`. */
function queuePlaces(papers: readonly PaperRecord[], end: number): Map<string, number> {
  const queued = papers.filter((p) => p.status === 'queued');
  const places = new Map<string, number>();
  if (end === 0) {
    // The library's queue is empty: backed-up places are kept, the odd paper without one goes last.
    let last = queued.reduce((max, p) => Math.max(max, p.queuePos ?? 0), 0);
    for (const p of queued) places.set(p.id, p.queuePos ?? ++last);
    return places;
  }
  queued.sort((x, y) => (x.queuePos ?? Infinity) - (y.queuePos ?? Infinity));
  queued.forEach((p, i) => places.set(p.id, end + i + 1));
  return places;
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new DOMException('The restore was cancelled.', 'AbortError');
}

export async function restoreBackup(db: SiftDB, backup: Backup, options: RestoreOptions = {}): Promise<RestoreResult> {
  const { onProgress, signal, now = Date.now() } = options;
  throwIfAborted(signal);
  return db.transaction('rw', db.papers, db.tags, async () => {
    const total = backup.papers.length;
    onProgress?.(0, total);
    const libraryEmpty = (await db.papers.count()) === 0;
    const queueEnd = libraryEmpty ? 0 : ((await db.papers.orderBy('queuePos').last())?.queuePos ?? 0);
    const places = queuePlaces(backup.papers, queueEnd);
    const library = libraryEmpty ? undefined : await LibraryIndex.read(db);
    let added = 0;
    let merged = 0;

    for (let start = 0; start < total; start += RESTORE_CHUNK) {
      throwIfAborted(signal);
      const chunk = backup.papers.slice(start, start + RESTORE_CHUNK).map((p) => {
        const place = places.get(p.id);
        return { ...p, ...(place === undefined ? {} : { queuePos: place }), updatedAt: now };
      });
      if (!library) {
        await db.papers.bulkAdd(chunk);
        added += chunk.length;
      } else {
        const result = await mergeChunk(db, chunk, library, now);
        added += result.added;
        merged += result.merged;
      }
      onProgress?.(Math.min(start + RESTORE_CHUNK, total), total);
    }

    const names = backup.tags.map((t) => t.name);
    const have = await db.tags.bulkGet(names);
    const newTags = backup.tags.filter((_, i) => !have[i]);
    await db.tags.bulkPut(newTags);
    throwIfAborted(signal);
    return { added, merged, tags: newTags.length };
  });
}

/**
 * Where the library's papers are, by record id and by identity key: read once, in chunks, keeping
 * only ids and keys (a few MB for 50,000 papers). Asking the `keys` index for the thousands of keys
 * of each chunk (`anyOf`) costs a cursor step per key, and grew with the library in tests.
 * Papers this restore adds are never indexed: backed-up papers match only the library's.
 */
class LibraryIndex {
  private readonly byKey = new Map<string, string[]>();
  private readonly ids = new Set<string>();
  /** Library records merged into another during this restore, and which one. */
  private readonly absorbedInto = new Map<string, string>();

  static async read(db: SiftDB): Promise<LibraryIndex> {
    const index = new LibraryIndex();
    let last: string | undefined;
    for (;;) {
      const range = last === undefined ? db.papers.toCollection() : db.papers.where(':id').above(last);
      const chunk = await range.limit(5_000).toArray();
      for (const rec of chunk) index.add(rec.id, rec.keys);
      if (chunk.length < 5_000) return index;
      last = chunk[chunk.length - 1]!.id;
    }
  }

  add(id: string, keys: readonly string[]): void {
    this.ids.add(id);
    for (const key of keys) {
      const ids = this.byKey.get(key);
      if (!ids) this.byKey.set(key, [id]);
      else if (!ids.includes(id)) ids.push(id);
    }
  }

  absorb(id: string, into: string): void {
    this.absorbedInto.set(id, into);
    this.ids.delete(id);
  }

  survivor(id: string): string {
    let at = id;
    for (let next = this.absorbedInto.get(at); next !== undefined; next = this.absorbedInto.get(at)) at = next;
    return at;
  }

  /** Library records that may be this paper, each with whether only a title key links them. */
  candidates(paper: PaperRecord): Map<string, boolean> {
    const found = new Map<string, boolean>();
    // Record ids are random: the same id is the same paper (e.g. a backup restored into its own library).
    if (this.ids.has(paper.id) || this.absorbedInto.has(paper.id)) found.set(this.survivor(paper.id), false);
    for (const key of paper.keys) {
      const byTitle = key.startsWith('title:');
      for (const raw of this.byKey.get(key) ?? []) {
        const id = this.survivor(raw);
        found.set(id, byTitle && (found.get(id) ?? true));
      }
    }
    return found;
  }
}

/** Merge one chunk of backed-up papers into the library; papers that match nothing are added. */
async function mergeChunk(db: SiftDB, chunk: readonly PaperRecord[], library: LibraryIndex, now: number): Promise<{ added: number; merged: number }> {
  const wanted = new Set<string>();
  for (const paper of chunk) for (const id of library.candidates(paper).keys()) wanted.add(id);
  /** The library's records this chunk touches, kept current as they merge. */
  const current = new Map<string, PaperRecord>();
  if (wanted.size) for (const rec of await db.papers.bulkGet([...wanted])) if (rec) current.set(rec.id, rec);
  const stored = new Map(current);
  const absorbed: string[] = [];
  const changed = new Set<string>();
  const toAdd: PaperRecord[] = [];
  let merged = 0;

  for (const paper of chunk) {
    const matches: PaperRecord[] = [];
    for (const [id, titleOnly] of library.candidates(paper)) {
      const rec = current.get(id);
      // A shared title key is no match when an identifier disagrees (two papers, one title).
      if (rec && !(titleOnly && idsConflict(rec.ids, paper.ids))) matches.push(rec);
    }
    if (matches.length === 0) {
      toAdd.push(paper);
      continue;
    }
    merged++;
    // The oldest library record keeps its id, as in storeDetected.
    matches.sort((x, y) => x.addedAt - y.addedAt);
    let rec = matches[0]!;
    for (const other of matches.slice(1)) {
      rec = mergeRestored(rec, other);
      library.absorb(other.id, rec.id);
      absorbed.push(other.id);
      current.delete(other.id);
      changed.delete(other.id);
    }
    rec = { ...mergeRestored(rec, paper), updatedAt: now };
    current.set(rec.id, rec);
    library.add(rec.id, rec.keys);
    changed.add(rec.id);
  }

  if (absorbed.length) await db.papers.bulkDelete(absorbed);
  // A paper the library already held exactly so (a backup restored into its own library) is not rewritten.
  const writes = [...changed].map((id) => current.get(id)!).filter((rec) => !stored.has(rec.id) || !unchanged(stored.get(rec.id)!, rec));
  await db.papers.bulkPut([...writes, ...toAdd]);
  return { added: toAdd.length, merged };
}
