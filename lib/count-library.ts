// Counting in IndexedDB walks the index (about 0.3–1 s per count at 50,000 papers on a slow machine),
// so the background, the only writer, counts after its writes settle and keeps the result in
// storage.local (`lib/library-counts.ts` reads it).
import Dexie from 'dexie';
import type { SiftDB } from './db';
import { COUNTS_KEY, type LibraryCounts } from './library-counts';
import { STATUSES, type Status } from './paper';

/**
 * Each count is its own short read, not one transaction: a long read transaction would hold back the
 * writes that arrive meanwhile. A write landing between two counts is followed by another count.
 */
export async function countLibrary(db: SiftDB): Promise<LibraryCounts> {
  const [all, statusCounts, tagNames] = await Promise.all([
    db.papers.count(),
    Promise.all(STATUSES.map((s) => db.papers.where('status').equals(s).count())),
    db.papers.orderBy('tags').uniqueKeys(),
  ]);
  const status = Object.fromEntries(STATUSES.map((s, i) => [s, statusCounts[i]!])) as Record<Status, number>;
  const tags = await Promise.all((tagNames as string[]).map(async (tag) => ({ tag, count: await db.papers.where('tags').equals(tag).count() })));
  return { all, status, tags };
}

export interface CountsStore {
  write(counts: LibraryCounts): Promise<void>;
}

/**
 * Count now and again after every burst of writes (`delayMs` after the last). A count that overlapped
 * a write is followed by another, so the stored counts always end up matching the library.
 */
export function keepLibraryCounts(db: SiftDB, store: CountsStore, delayMs = 300): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let again = false;
  let stopped = false;
  const run = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        const counts = await countLibrary(db);
        if (!stopped) await store.write(counts);
      } while (again && !stopped);
    } catch (err) {
      console.warn('[sift] counting the library failed', err);
    } finally {
      running = false;
    }
  };
  const onMutated = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(), delayMs);
  };
  Dexie.on('storagemutated', onMutated);
  void run();
  return () => {
    stopped = true;
    clearTimeout(timer);
    Dexie.on('storagemutated').unsubscribe(onMutated);
  };
}

/** The counts in storage.local, for the extension's pages. */
export function browserCountsStore(): CountsStore {
  return { write: (counts) => browser.storage.local.set({ [COUNTS_KEY]: counts }) };
}

