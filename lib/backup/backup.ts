// A backup of the whole library as one JSON file: every paper exactly as stored, the tags' own
// settings, the user's settings, and the schema the records were written under.
// parse-backup.ts reads it back, restore.ts writes it into a library.
import type { SiftDB } from '../db';
import type { PaperRecord, TagInfo } from '../paper';
import type { Settings } from '../settings';

export const BACKUP_FORMAT = 'sift-backup';
/** The layout of the backup file itself; raised only when an older Sift could not read a newer file. */
export const BACKUP_VERSION = 1;

export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: number;
  /** The database schema (Dexie version) the records follow. */
  schemaVersion: number;
  exportedAt: number;
  papers: PaperRecord[];
  tags: TagInfo[];
  settings: Settings;
}

/** Papers read per request: large enough to be fast, small enough to report progress. */
const READ_CHUNK = 5_000;

export interface BackupOptions {
  onProgress?: (done: number, total: number) => void;
  now?: number;
}

/**
 * Read the whole library, in primary-key order. One read transaction: papers written meanwhile
 * cannot make the backup hold half of a change. The deleted papers kept for undo (`trash`) are
 * not part of a backup: they are gone for the user.
 */
export async function makeBackup(db: SiftDB, settings: Settings, options: BackupOptions = {}): Promise<Backup> {
  const { onProgress, now = Date.now() } = options;
  return db.transaction('r', db.papers, db.tags, async () => {
    const total = await db.papers.count();
    const papers: PaperRecord[] = [];
    onProgress?.(0, total);
    let last: string | undefined;
    for (;;) {
      // Chunks by primary key: each is one getAll over a key range, never a cursor step per paper.
      const range = last === undefined ? db.papers.toCollection() : db.papers.where(':id').above(last);
      const chunk = await range.limit(READ_CHUNK).toArray();
      for (const p of chunk) papers.push(p);
      onProgress?.(papers.length, Math.max(total, papers.length));
      if (chunk.length < READ_CHUNK) break;
      last = chunk[chunk.length - 1]!.id;
    }
    const tags = await db.tags.toArray();
    return { format: BACKUP_FORMAT, version: BACKUP_VERSION, schemaVersion: db.verno, exportedAt: now, papers, tags, settings };
  });
}

/**
 * The backup as JSON text: the header first, then one paper per line, so that a person (or grep,
 * or a diff of two backups) can read it; still one JSON document.
 */
export function backupText(backup: Backup): string {
  const { papers, ...head } = backup;
  const header = JSON.stringify(head);
  const parts: string[] = [header.slice(0, -1), ',"papers":[\n'];
  for (let i = 0; i < papers.length; i++) {
    if (i > 0) parts.push(',\n');
    parts.push(JSON.stringify(papers[i]));
  }
  parts.push('\n]}\n');
  return parts.join('');
}
