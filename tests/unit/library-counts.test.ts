import { fakeBrowser } from 'wxt/testing/fake-browser';
import { db } from '../../lib/db';
import { browserCountsStore, countLibrary, keepLibraryCounts } from '../../lib/count-library';
import { COUNTS_KEY, earlyCounts, parseCounts, readCounts, startEarlyCounts, watchCounts, type LibraryCounts } from '../../lib/library-counts';
import type { PaperRecord, Status } from '../../lib/paper';

function rec(id: string, status: Status, tags: string[] = []): PaperRecord {
  return { id, keys: [`arxiv:${id}`], ids: {}, title: id, authors: [], status, tags, addedAt: 1, lastSeenAt: 1, sightings: [] };
}

const counts = (inbox: number): LibraryCounts => ({ all: inbox, status: { inbox, saved: 0, queued: 0, reading: 0, read: 0, skipped: 0 }, tags: [] });

beforeEach(async () => {
  fakeBrowser.reset();
  globalThis.siftEarlyCounts = undefined;
  await db.papers.clear();
});

describe('library counts', () => {
  it('counts every status and tag', async () => {
    await db.papers.bulkPut([rec('a', 'inbox', ['ml']), rec('b', 'inbox'), rec('c', 'saved', ['ml', 'cv']), rec('d', 'queued')]);
    expect(await countLibrary(db)).toEqual({
      all: 4,
      status: { inbox: 2, saved: 1, queued: 1, reading: 0, read: 0, skipped: 0 },
      tags: [
        { tag: 'cv', count: 1 },
        { tag: 'ml', count: 2 },
      ],
    });
  });

  it('are stored at start and again after writes settle, and readers hear each change', async () => {
    await db.papers.bulkPut([rec('a', 'inbox')]);
    const seen: (LibraryCounts | undefined)[] = [];
    const stopWatching = watchCounts((c) => seen.push(c));
    const stop = keepLibraryCounts(db, browserCountsStore(), 10);
    await vi.waitFor(async () => expect((await readCounts())?.status.inbox).toBe(1));
    await db.papers.put(rec('b', 'inbox'));
    await db.papers.update('a', { status: 'read' });
    await vi.waitFor(async () => expect((await readCounts())?.status).toMatchObject({ inbox: 1, read: 1 }));
    await vi.waitFor(() => expect(seen.at(-1)?.all).toBe(2));
    stop();
    stopWatching();
  });

  it('count again when a write lands while counting', async () => {
    await db.papers.bulkPut([rec('a', 'inbox')]);
    const writes: number[] = [];
    let release!: () => void;
    const first = new Promise<void>((r) => (release = r));
    const stop = keepLibraryCounts(
      db,
      {
        write: async (c) => {
          writes.push(c.all);
          if (writes.length === 1) await first;
        },
      },
      0,
    );
    await vi.waitFor(() => expect(writes).toEqual([1]));
    await db.papers.put(rec('b', 'inbox'));
    await new Promise((r) => setTimeout(r, 20));
    release();
    await vi.waitFor(() => expect(writes.at(-1)).toBe(2));
    stop();
  });

  it('ignores malformed stored counts', () => {
    expect(parseCounts(undefined)).toBeUndefined();
    expect(parseCounts({ all: 1, status: { inbox: 1 }, tags: [] })).toBeUndefined();
    expect(parseCounts({ all: -1, status: {}, tags: [] })).toBeUndefined();
    const good = { all: 1, status: { inbox: 1, saved: 0, queued: 0, reading: 0, read: 0, skipped: 0 }, tags: [{ tag: 'x', count: 1 }] };
    expect(parseCounts({ ...good, extra: true })).toEqual(good);
    expect(parseCounts({ ...good, tags: [{ tag: 1, count: 1 }] })).toBeUndefined();
  });

  describe('read early (the popup starts the read before React loads)', () => {
    it('are there for the first render once the read answered, and the watcher is told them once', async () => {
      await browser.storage.local.set({ [COUNTS_KEY]: counts(7) });
      startEarlyCounts();
      expect(earlyCounts()).toBeUndefined();
      await vi.waitFor(() => expect(earlyCounts()?.status.inbox).toBe(7));
      const seen: (LibraryCounts | undefined)[] = [];
      const stop = watchCounts((c) => seen.push(c));
      await vi.waitFor(() => expect(seen).toEqual([counts(7)]));
      // The early read is used once; later reads ask storage.
      await browser.storage.local.set({ [COUNTS_KEY]: counts(8) });
      expect((await readCounts())?.status.inbox).toBe(8);
      stop();
    });

    it('keep a count stored before any watcher listens', async () => {
      await browser.storage.local.set({ [COUNTS_KEY]: counts(1) });
      startEarlyCounts();
      await browser.storage.local.set({ [COUNTS_KEY]: counts(2) });
      const seen: (LibraryCounts | undefined)[] = [];
      const stop = watchCounts((c) => seen.push(c));
      await vi.waitFor(() => expect(seen.at(-1)?.status.inbox).toBe(2));
      expect(earlyCounts()).toBeUndefined();
      stop();
    });

    it('without an early read, the first render has no counts', () => {
      expect(earlyCounts()).toBeUndefined();
    });
  });
});
