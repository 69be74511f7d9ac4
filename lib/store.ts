// All library writes. Called only from the background; each call is one transaction.
import type { SiftDB } from './db';
import type { DetectedPaper, PaperBrief, PaperPatch, PaperRecord, Sighting, Status } from './paper';
import { identityKeys, idsConflict } from './ids';
import { mergeDetected, mergeRecords, newRecord } from './merge';

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
  return db.transaction('rw', db.papers, async () => {
    const keyed = entries.map((paper) => ({ paper, keys: identityKeys(paper) }));
    const allKeys = [...new Set(keyed.flatMap((k) => k.keys))];
    const existing = allKeys.length ? await db.papers.where('keys').anyOf(allKeys).toArray() : [];

    const byKey = new Map<string, PaperRecord>();
    const index = (rec: PaperRecord) => {
      for (const key of rec.keys) byKey.set(key, rec);
    };
    existing.forEach(index);

    const existingIds = new Set(existing.map((r) => r.id));
    /** When each record (by final id) was last seen before this batch. */
    const seenBefore = new Map<string, number>();
    const changed = new Map<string, PaperRecord>();
    const mergedInto = new Map<string, string>();
    const recordIds: string[] = [];
    let added = 0;
    let known = 0;

    for (const { paper, keys } of keyed) {
      const matches = matchesFor(paper, keys, byKey);
      let rec: PaperRecord;
      if (matches.length === 0) {
        rec = newRecord(paper, sighting, newId(), keys);
        added++;
      } else {
        // The oldest record keeps its id; any other match is the same paper seen under another id.
        matches.sort((a, b) => a.addedAt - b.addedAt);
        let base = matches[0]!;
        for (const other of matches.slice(1)) {
          base = mergeRecords(base, other);
          mergedInto.set(other.id, base.id);
          changed.delete(other.id);
        }
        const before = matches.filter((m) => existingIds.has(m.id));
        if (before.length) {
          known++;
          seenBefore.set(base.id, Math.max(...before.map((m) => seenBefore.get(m.id) ?? m.lastSeenAt)));
        }
        rec = mergeDetected(base, paper, sighting, keys);
      }
      index(rec);
      changed.set(rec.id, rec);
      recordIds.push(rec.id);
    }

    const removed = [...mergedInto.keys()].filter((id) => existingIds.has(id));
    if (removed.length) await db.papers.bulkDelete(removed);
    await db.papers.bulkPut([...changed.values()]);
    // An entry whose record was merged into another later in the batch points at the survivor.
    const survivor = (id: string): string => {
      const next = mergedInto.get(id);
      return next ? survivor(next) : id;
    };
    const briefs = [...changed.values()].map((r) => briefOf(r, seenBefore.get(r.id)));
    return { recordIds: recordIds.map(survivor), briefs, added, known };
  });
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
  if (rec.note !== undefined) patch.note = rec.note;
  return patch;
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
      updated.push(next);
    }
    await db.papers.bulkPut(updated);
    return { before, briefs: updated.map((r) => briefOf(r)) };
  });
}

/** Set the triage status of papers. */
export function setStatus(db: SiftDB, ids: readonly string[], status: Status, now = Date.now()): Promise<EditResult> {
  return editRecords(db, ids, (r) => (r.status === status ? undefined : { ...r, status, statusChangedAt: now }));
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
    if (p.statusChangedAt === undefined) delete next.statusChangedAt;
    else next.statusChangedAt = p.statusChangedAt;
    if (p.note === undefined) delete next.note;
    else next.note = p.note;
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

/** True when every one of these papers was seen on `origin`: a page may triage only what it showed. */
export async function allSeenOn(db: SiftDB, ids: readonly string[], origin: string): Promise<boolean> {
  const records = await db.papers.bulkGet([...new Set(ids)]);
  return records.every((r) => !!r && r.sightings.some((s) => s.url.startsWith(`${origin}/`)));
}
