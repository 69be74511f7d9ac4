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

/** A view that one index lists in order (every view but tags), as a Dexie collection; undefined for a tag view. */
function indexedView(db: SiftDB, view: ViewId) {
  if (view === 'all') return db.papers.orderBy('lastSeenAt').reverse();
  if (view === 'queue') return db.papers.orderBy('queuePos');
  const status = viewStatus(view);
  if (status) return db.papers.where('[status+lastSeenAt]').between([status, Dexie.minKey], [status, Dexie.maxKey]).reverse();
  return undefined;
}

/** The ids a view lists, in its order: most recently seen first, the Queue in reading order. */
export async function viewIds(db: SiftDB, view: ViewId, recordsLimit = TAG_RECORDS_LIMIT): Promise<string[]> {
  const indexed = indexedView(db, view);
  if (indexed) return (await indexed.primaryKeys()) as string[];
  const tag = viewTag(view);
  return tag === undefined ? [] : tagIds(db, tag, recordsLimit);
}

/** The first `limit` ids of a view, in its order: a short walk of one index, for the first rows on screen. */
export async function viewHead(db: SiftDB, view: ViewId, limit: number): Promise<string[]> {
  const indexed = indexedView(db, view);
  if (indexed) return (await indexed.limit(limit).primaryKeys()) as string[];
  return (await viewIds(db, view)).slice(0, limit);
}
