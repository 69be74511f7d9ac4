// All library writes. Called only from the background; each call is one transaction.
import type { SiftDB } from './db';
import type { DetectedPaper, PaperRecord, Sighting, Status } from './paper';
import { identityKeys, idsConflict } from './ids';
import { mergeDetected, mergeRecords, newRecord } from './merge';

export interface StoreResult {
  /** Record id of each entry, in the order given. */
  recordIds: string[];
  added: number;
  known: number;
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
        rec = mergeDetected(base, paper, sighting, keys);
        if (matches.some((m) => existingIds.has(m.id))) known++;
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
    return { recordIds: recordIds.map(survivor), added, known };
  });
}

/** Set the triage status of papers; returns how many changed. */
export async function setStatus(db: SiftDB, ids: readonly string[], status: Status, now = Date.now()): Promise<number> {
  return db.transaction('rw', db.papers, async () => {
    const records = await db.papers.bulkGet([...ids]);
    const updated = records
      .filter((r): r is PaperRecord => !!r && r.status !== status)
      .map((r) => ({ ...r, status, statusChangedAt: now }));
    await db.papers.bulkPut(updated);
    return updated.length;
  });
}
