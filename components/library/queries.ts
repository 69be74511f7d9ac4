// Read-only queries behind the library's views. They read keys, never whole tables of records.
import Dexie from 'dexie';
import type { SiftDB } from '@/lib/db';
import { STATUSES, type Status } from '@/lib/paper';
import { viewStatus, viewTag, type ViewId } from '@/lib/library-view';

export interface ViewCounts {
  all: number;
  status: Record<Status, number>;
  /** Tags in use, alphabetical, with how many papers carry each. */
  tags: { tag: string; count: number }[];
}

export async function viewCounts(db: SiftDB): Promise<ViewCounts> {
  const [all, statusCounts, tagNames] = await Promise.all([
    db.papers.count(),
    Promise.all(STATUSES.map((s) => db.papers.where('status').equals(s).count())),
    db.papers.orderBy('tags').uniqueKeys(),
  ]);
  const status = Object.fromEntries(STATUSES.map((s, i) => [s, statusCounts[i]!])) as Record<Status, number>;
  const tags = await Promise.all(
    (tagNames as string[]).map(async (tag) => ({ tag, count: await db.papers.where('tags').equals(tag).count() })),
  );
  return { all, status, tags };
}

/** A tag with more papers than this is ordered by walking the lastSeenAt index (keys only) instead of loading its records. */
export const TAG_RECORDS_LIMIT = 2_000;

async function tagIds(db: SiftDB, tag: string, recordsLimit: number): Promise<string[]> {
  const ids = (await db.papers.where('tags').equals(tag).primaryKeys()) as string[];
  if (ids.length <= recordsLimit) {
    const records = await db.papers.bulkGet(ids);
    return records
      .filter((r) => r !== undefined)
      .sort((a, b) => b.lastSeenAt - a.lastSeenAt || (a.id < b.id ? -1 : 1))
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
