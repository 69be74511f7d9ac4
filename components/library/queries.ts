// Read-only queries behind the library's views (until the search worker holds the library). They read
// keys, never whole tables of records.
import Dexie from 'dexie';
import type { SiftDB } from '@/lib/db';
import { viewStatus, viewTag, type ViewId } from '@/lib/library-view';

/** A tag with more papers than this is ordered by walking the lastSeenAt index (keys only) instead of loading its records. */
export const TAG_RECORDS_LIMIT = 2_000;

async function tagIds(db: SiftDB, tag: string, recordsLimit: number): Promise<string[]> {
  const ids = (await db.papers.where('tags').equals(tag).primaryKeys()) as string[];
  if (ids.length <= recordsLimit) {
    const records = await db.papers.bulkGet(ids);
    return records
      .filter((r) => r !== undefined)
      .sort((a, b) => b.lastSeenAt - a.lastSeenAt || (a.id < b.id ? 1 : -1))
      .map((r) => r.id);
  }
  const inTag = new Set(ids);
  const ordered = (await db.papers.orderBy('lastSeenAt').reverse().primaryKeys()) as string[];
  return ordered.filter((id) => inTag.has(id));
}

/** The ids a view lists, in its order: most recently seen first, the Queue in reading order. */
export async function viewIds(db: SiftDB, view: ViewId, recordsLimit = TAG_RECORDS_LIMIT): Promise<string[]> {
  if (view === 'all') return (await db.papers.orderBy('lastSeenAt').reverse().primaryKeys()) as string[];
  if (view === 'queue') return (await db.papers.orderBy('queuePos').primaryKeys()) as string[];
  const status = viewStatus(view);
  if (status)
    return (await db.papers
      .where('[status+lastSeenAt]')
      .between([status, Dexie.minKey], [status, Dexie.maxKey])
      .reverse()
      .primaryKeys()) as string[];
  const tag = viewTag(view);
  return tag === undefined ? [] : tagIds(db, tag, recordsLimit);
}

/** The first `limit` ids of a view, in its order: a short walk of one index, for the first rows on screen. */
export async function viewHead(db: SiftDB, view: ViewId, limit: number): Promise<string[]> {
  if (view === 'all') return (await db.papers.orderBy('lastSeenAt').reverse().limit(limit).primaryKeys()) as string[];
  if (view === 'queue') return (await db.papers.orderBy('queuePos').limit(limit).primaryKeys()) as string[];
  const status = viewStatus(view);
  if (status)
    return (await db.papers
      .where('[status+lastSeenAt]')
      .between([status, Dexie.minKey], [status, Dexie.maxKey])
      .reverse()
      .limit(limit)
      .primaryKeys()) as string[];
  return (await viewIds(db, view)).slice(0, limit);
}
