// All library writes. Called only from the background; each call is one transaction.
import type { SiftDB } from './db';
import type { DetectedPaper, PaperBrief, PaperPatch, PaperRecord, Sighting, Status } from './paper';

/** How long deleted papers can be brought back. */
export const TRASH_KEEP_MS = 7 * 24 * 60 * 60 * 1000;
import { identityKeys, idsConflict } from './ids';
import { mergeDetected, mergeRecords, newRecord } from './merge';
import { groupCommit } from './group-commit';

export interface StoreResult {
  /** Record id of each entry, in the order given. */
  recordIds: string[];
  /** What the page's badges show, one per distinct record. */
  briefs: PaperBrief[];
  added: number;
  known: number;
}

export function briefOf(rec: PaperRecord, seenBefore?: number): PaperBrief {
  const brief: PaperBrief = { id: rec.id, status: rec.status, tags: rec.tags };
  if (rec.note) brief.note = rec.note;
  if (seenBefore !== undefined) brief.seenBefore = seenBefore;
  return brief;
}

function isTitleKey(key: string): boolean {
  return key.startsWith('title:');
}

/** Records that are this paper: found by a shared identifier, or by title key when no identifier disagrees. */
function matchesFor(paper: DetectedPaper, keys: string[], byKey: Map<string, PaperRecord>): PaperRecord[] {
  const found: PaperRecord[] = [];
  for (const key of keys) {
    const rec = byKey.get(key);
    if (!rec || found.includes(rec)) continue;
    if (isTitleKey(key) && idsConflict(rec.ids, paper.ids)) continue;
    found.push(rec);
  }
  return found;
}

/** Entries of one page seen at one moment: one message's batch. */
export interface StoreJob {
  entries: readonly DetectedPaper[];
  sighting: Sighting;
}

/**
 * Store one batch of detected entries seen at `sighting`: new papers are added as `inbox`,
 * known ones gain the new facts and the sighting. One transaction: all or nothing.
 */
export async function storeDetected(
  db: SiftDB,
  entries: readonly DetectedPaper[],
  sighting: Sighting,
  newId: () => string = () => crypto.randomUUID(),
): Promise<StoreResult> {
  const [result] = await storeJobs(db, [{ entries, sighting }], newId);
  return result!;
}

/**
 * Several batches in one transaction with one lookup and one write, as if they were one batch (a
 * later batch sees what an earlier one added); one result per batch, in order.
 */
export async function storeJobs(db: SiftDB, jobs: readonly StoreJob[], newId: () => string = () => crypto.randomUUID()): Promise<StoreResult[]> {
  return db.transaction('rw', db.papers, async () => {
    const keyed = jobs.map((job) => job.entries.map((paper) => ({ paper, keys: identityKeys(paper) })));
    const allKeys = [...new Set(keyed.flat().flatMap((k) => k.keys))];
    const existing = allKeys.length ? await db.papers.where('keys').anyOf(allKeys).toArray() : [];

    const byKey = new Map<string, PaperRecord>();
    const index = (rec: PaperRecord) => {
      for (const key of rec.keys) byKey.set(key, rec);
    };
    existing.forEach(index);

    const existingIds = new Set(existing.map((r) => r.id));
    /** Records there before the batch being read: the library's, then also those of earlier batches. */
    const knownIds = new Set(existingIds);
    const changed = new Map<string, PaperRecord>();
    const mergedInto = new Map<string, string>();
    /** Per batch: its entries' records, and when each (by final id) was last seen before the batch. */
    const counts = jobs.map(() => ({ recordIds: [] as string[], seenBefore: new Map<string, number>(), added: 0, known: 0 }));

    keyed.forEach((entries, j) => {
      const { sighting } = jobs[j]!;
      const count = counts[j]!;
      for (const { paper, keys } of entries) {
        const matches = matchesFor(paper, keys, byKey);
        let rec: PaperRecord;
        if (matches.length === 0) {
          rec = newRecord(paper, sighting, newId(), keys);
          count.added++;
        } else {
          // The oldest record keeps its id; any other match is the same paper seen under another id.
          matches.sort((a, b) => a.addedAt - b.addedAt);
          let base = matches[0]!;
          for (const other of matches.slice(1)) {
            base = mergeRecords(base, other);
            mergedInto.set(other.id, base.id);
            changed.delete(other.id);
          }
          const before = matches.filter((m) => knownIds.has(m.id));
          if (before.length) {
            count.known++;
            count.seenBefore.set(base.id, Math.max(...before.map((m) => count.seenBefore.get(m.id) ?? m.lastSeenAt)));
          }
          rec = mergeDetected(base, paper, sighting, keys);
        }
        rec.updatedAt = sighting.at;
        index(rec);
        changed.set(rec.id, rec);
        count.recordIds.push(rec.id);
      }
      for (const id of count.recordIds) knownIds.add(id);
    });

    const removed = [...mergedInto.keys()].filter((id) => existingIds.has(id));
    if (removed.length) await db.papers.bulkDelete(removed);
    await db.papers.bulkPut([...changed.values()]);
    // An entry whose record was merged into another later in the batch points at the survivor.
    const survivor = (id: string): string => {
      const next = mergedInto.get(id);
      return next ? survivor(next) : id;
    };
    return counts.map(({ recordIds, seenBefore, added, known }) => {
      const ids = recordIds.map(survivor);
      const briefs = [...new Set(ids)].map((id) => briefOf(changed.get(id)!, seenBefore.get(id)));
      return { recordIds: ids, briefs, added, known };
    });
  });
}

const storeQueues = new WeakMap<SiftDB, (job: StoreJob) => Promise<StoreResult>>();

/**
 * storeDetected for pages: batches that arrive while one is being written go together in the next
 * transaction (group commit: `storeJobs`), each still answered on its own.
 */
export function storeDetectedGrouped(db: SiftDB, entries: readonly DetectedPaper[], sighting: Sighting): Promise<StoreResult> {
  let write = storeQueues.get(db);
  if (!write) {
    write = groupCommit((jobs: StoreJob[]) => storeJobs(db, jobs));
    storeQueues.set(db, write);
  }
  return write({ entries, sighting });
}

export interface EditResult {
  /** The changed records as they were: restoring them undoes the edit. */
  before: PaperPatch[];
  /** The changed records as they are now. */
  briefs: PaperBrief[];
}

export function patchOf(rec: PaperRecord): PaperPatch {
  const patch: PaperPatch = { id: rec.id, status: rec.status, tags: [...rec.tags] };
  if (rec.statusChangedAt !== undefined) patch.statusChangedAt = rec.statusChangedAt;
  if (rec.queuePos !== undefined) patch.queuePos = rec.queuePos;
  if (rec.note !== undefined) patch.note = rec.note;
  if (rec.rating !== undefined) patch.rating = rec.rating;
  return patch;
}

/** The queue position after the last queued paper. */
async function endOfQueue(db: SiftDB): Promise<number> {
  const last = await db.papers.orderBy('queuePos').last();
  return (last?.queuePos ?? 0) + 1;
}

/** Apply `edit` to the records with these ids, in one transaction; records it leaves equal are not written. */
async function editRecords(db: SiftDB, ids: readonly string[], edit: (rec: PaperRecord) => PaperRecord | undefined): Promise<EditResult> {
  return db.transaction('rw', db.papers, async () => {
    const records = await db.papers.bulkGet([...new Set(ids)]);
    const before: PaperPatch[] = [];
    const updated: PaperRecord[] = [];
    for (const rec of records) {
      if (!rec) continue;
      const next = edit(rec);
      if (!next) continue;
      before.push(patchOf(rec));
      next.updatedAt = Math.max(Date.now(), (rec.updatedAt ?? 0) + 1);
      updated.push(next);
    }
    await db.papers.bulkPut(updated);
    return { before, briefs: updated.map((r) => briefOf(r)) };
  });
}

/**
 * Set the triage status of papers. Queued papers join the end of the queue, in the order given;
 * any other status takes a paper off the queue.
 */
export async function setStatus(db: SiftDB, ids: readonly string[], status: Status, now = Date.now()): Promise<EditResult> {
  return db.transaction('rw', db.papers, async () => {
    let next = status === 'queued' ? await endOfQueue(db) : 0;
    return editRecords(db, ids, (r) => {
      if (r.status === status) return undefined;
      const changed: PaperRecord = { ...r, status, statusChangedAt: now };
      if (status === 'queued') changed.queuePos = next++;
      else delete changed.queuePos;
      return changed;
    });
  });
}

/**
 * Move a queued paper to just before `beforeId` (another queued paper), or to the end when
 * `beforeId` is undefined. Only its own position changes.
 */
export async function moveInQueue(db: SiftDB, id: string, beforeId: string | undefined): Promise<EditResult> {
  return db.transaction('rw', db.papers, async () => {
    const queue = await db.papers.orderBy('queuePos').toArray();
    const without = queue.filter((p) => p.id !== id);
    const at = beforeId === undefined ? without.length : without.findIndex((p) => p.id === beforeId);
    if (at < 0) return { before: [], briefs: [] };
    const prev = without[at - 1]?.queuePos;
    const next = without[at]?.queuePos;
    // Halfway between the neighbours: no other paper is rewritten.
    const pos = prev === undefined ? (next === undefined ? 1 : next - 1) : next === undefined ? prev + 1 : (prev + next) / 2;
    return editRecords(db, [id], (r) => (r.status !== 'queued' || r.queuePos === pos ? undefined : { ...r, queuePos: pos }));
  });
}

/** Rate a paper 1–5, or clear its rating with undefined. */
export function setRating(db: SiftDB, id: string, rating: number | undefined): Promise<EditResult> {
  return editRecords(db, [id], (r) => {
    if (r.rating === rating) return undefined;
    const next: PaperRecord = { ...r };
    if (rating === undefined) delete next.rating;
    else next.rating = rating;
    return next;
  });
}

/**
 * Delete papers. They are kept in the trash for TRASH_KEEP_MS under the token answered, so that
 * `undoDelete(token)` brings them back; older trash is emptied now.
 */
export async function deletePapers(
  db: SiftDB,
  ids: readonly string[],
  now = Date.now(),
  token: string = crypto.randomUUID(),
): Promise<{ token: string; deleted: string[] }> {
  return db.transaction('rw', db.papers, db.trash, async () => {
    const records = (await db.papers.bulkGet([...new Set(ids)])).filter((r): r is PaperRecord => !!r);
    await db.trash.where('at').below(now - TRASH_KEEP_MS).delete();
    if (records.length === 0) return { token, deleted: [] };
    await db.trash.put({ token, at: now, records });
    await db.papers.bulkDelete(records.map((r) => r.id));
    return { token, deleted: records.map((r) => r.id) };
  });
}

/**
 * Undo a delete: the papers come back as they were. One seen again since the delete (stored anew
 * under another id) is merged back into its old record, so nothing is lost either way.
 */
export async function undoDelete(db: SiftDB, token: string): Promise<EditResult> {
  return db.transaction('rw', db.papers, db.trash, async () => {
    const entry = await db.trash.get(token);
    if (!entry) return { before: [], briefs: [] };
    const back: PaperRecord[] = [];
    for (const rec of entry.records) {
      // A record matching several keys comes back once per key.
      const found = await db.papers.where('keys').anyOf(rec.keys).toArray();
      const again = [...new Map(found.filter((r) => r.id !== rec.id).map((r) => [r.id, r])).values()];
      let merged = rec;
      for (const other of again) merged = mergeRecords(merged, other);
      if (again.length) await db.papers.bulkDelete(again.map((r) => r.id));
      back.push({ ...merged, updatedAt: Date.now() });
    }
    await db.papers.bulkPut(back);
    await db.trash.delete(token);
    return { before: [], briefs: back.map((r) => briefOf(r)) };
  });
}

/** Rename a tag on every paper; renaming onto an existing tag merges the two. */
export async function renameTag(db: SiftDB, from: string, to: string): Promise<EditResult> {
  return db.transaction('rw', db.papers, db.tags, async () => {
    const ids = await db.papers.where('tags').equals(from).primaryKeys();
    const result = await editRecords(db, ids, (r) => ({ ...r, tags: [...new Set(r.tags.map((t) => (t === from ? to : t)))] }));
    const info = await db.tags.get(from);
    if (info) {
      await db.tags.delete(from);
      if (!(await db.tags.get(to))) await db.tags.put({ ...info, name: to });
    }
    return result;
  });
}

/** Remove a tag from every paper. */
export async function deleteTag(db: SiftDB, tag: string): Promise<EditResult> {
  return db.transaction('rw', db.papers, db.tags, async () => {
    const ids = await db.papers.where('tags').equals(tag).primaryKeys();
    await db.tags.delete(tag);
    return editRecords(db, ids, (r) => ({ ...r, tags: r.tags.filter((t) => t !== tag) }));
  });
}

/** Give a tag a colour, or none. */
export async function setTagColor(db: SiftDB, tag: string, color: string | undefined): Promise<void> {
  if (color === undefined) await db.tags.delete(tag);
  else await db.tags.put({ name: tag, color });
}

/** Add and remove tags on papers. */
export function editTags(db: SiftDB, ids: readonly string[], add: readonly string[], remove: readonly string[]): Promise<EditResult> {
  return editRecords(db, ids, (r) => {
    const tags = [...new Set([...r.tags.filter((t) => !remove.includes(t)), ...add])];
    const same = tags.length === r.tags.length && tags.every((t, i) => t === r.tags[i]);
    return same ? undefined : { ...r, tags };
  });
}

/** Set (or, with an empty string, clear) a paper's note. */
export function setNote(db: SiftDB, id: string, note: string): Promise<EditResult> {
  return editRecords(db, [id], (r) => {
    if ((r.note ?? '') === note) return undefined;
    const next: PaperRecord = { ...r, note };
    if (!note) delete next.note;
    return next;
  });
}

/** Put user-editable fields back as they were (undo). Papers deleted since are left alone. */
export async function restore(db: SiftDB, patches: readonly PaperPatch[]): Promise<EditResult> {
  const byId = new Map(patches.map((p) => [p.id, p]));
  return editRecords(db, [...byId.keys()], (r) => {
    const p = byId.get(r.id)!;
    const next: PaperRecord = { ...r, status: p.status, tags: [...p.tags] };
    for (const field of ['statusChangedAt', 'queuePos', 'note', 'rating'] as const) {
      if (p[field] === undefined) delete next[field];
      else (next as unknown as Record<string, unknown>)[field] = p[field];
    }
    return next;
  });
}

/** Every tag in use, most used first (for autocomplete). */
export async function listTags(db: SiftDB): Promise<string[]> {
  const counts = new Map<string, number>();
  await db.papers.orderBy('tags').eachKey((tag) => {
    const t = String(tag);
    counts.set(t, (counts.get(t) ?? 0) + 1);
  });
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([t]) => t);
}

const seenOn = (rec: PaperRecord, origin: string) => rec.sightings.some((s) => s.url.startsWith(`${origin}/`));

/** The briefs of those of these papers that were seen on `origin` (any of them when `origin` is undefined). */
export async function briefsSeenOn(db: SiftDB, ids: readonly string[], origin: string | undefined): Promise<PaperBrief[]> {
  const records = await db.papers.bulkGet([...new Set(ids)]);
  return records.filter((r): r is PaperRecord => !!r && (origin === undefined || seenOn(r, origin))).map((r) => briefOf(r));
}

/** True when every one of these papers was seen on `origin`: a page may triage only what it showed. */
export async function allSeenOn(db: SiftDB, ids: readonly string[], origin: string): Promise<boolean> {
  const records = await db.papers.bulkGet([...new Set(ids)]);
  return records.every((r) => !!r && seenOn(r, origin));
}
