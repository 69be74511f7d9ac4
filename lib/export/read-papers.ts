// Reading the papers to export, from an extension page (reads are allowed anywhere; writes are not).
import type { SiftDB } from '../db';
import type { PaperRecord } from '../paper';

const CHUNK = 2_000;

/** The records of `ids`, in that order (ids no longer stored are left out), read in chunks. */
export async function readPapers(db: SiftDB, ids: readonly string[], onProgress?: (done: number, total: number) => void): Promise<PaperRecord[]> {
  const out: PaperRecord[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    for (const r of await db.papers.bulkGet(ids.slice(i, i + CHUNK))) if (r) out.push(r);
    onProgress?.(Math.min(i + CHUNK, ids.length), ids.length);
  }
  return out;
}
