// How many papers each view holds, as the background last counted them (`lib/count-library.ts`):
// the popup and the side panel read this small record in storage.local at once. No Dexie here, so
// the popup's first frame does not wait for the database code.
import { STATUSES, type Status } from './paper';

export interface LibraryCounts {
  all: number;
  status: Record<Status, number>;
  /** Tags in use, alphabetical, with how many papers carry each. */
  tags: { tag: string; count: number }[];
}

export const COUNTS_KEY = 'libraryCounts';

/** Counts from storage: anything malformed is no counts at all (the reader shows “…” until the next count). */
export function parseCounts(raw: unknown): LibraryCounts | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const c = raw as Partial<LibraryCounts>;
  const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;
  if (!isCount(c.all) || typeof c.status !== 'object' || c.status === null || !Array.isArray(c.tags)) return undefined;
  if (!STATUSES.every((s) => isCount((c.status as Record<string, unknown>)[s]))) return undefined;
  if (!c.tags.every((t) => typeof t?.tag === 'string' && isCount(t?.count))) return undefined;
  return { all: c.all, status: c.status, tags: c.tags };
}

/**
 * The popup starts reading the counts in a tiny script of its own (`entrypoints/early-counts.ts`)
 * before React has loaded, and leaves the read here; `settled` once it has answered.
 */
interface EarlyCounts {
  read: Promise<void>;
  settled: boolean;
  raw?: unknown;
}
declare global {
  var siftEarlyCounts: EarlyCounts | undefined;
}

type StorageChanges = Record<string, { newValue?: unknown }>;
const countsChanged = (changes: StorageChanges, area: string) => area === 'local' && COUNTS_KEY in changes;

export function startEarlyCounts(): void {
  let changed = false;
  const early: EarlyCounts = {
    settled: false,
    read: browser.storage.local.get(COUNTS_KEY).then(
      (got) => {
        if (changed) return;
        early.raw = got[COUNTS_KEY];
        early.settled = true;
      },
      () => undefined,
    ),
  };
  // A count stored before the page's own listener exists must not be missed.
  browser.storage.onChanged.addListener((changes, area) => {
    if (!countsChanged(changes, area)) return;
    changed = true;
    early.raw = changes[COUNTS_KEY]!.newValue;
    early.settled = true;
  });
  globalThis.siftEarlyCounts = early;
}

/** The counts the early read already holds, for a first frame that shows them; else undefined. */
export function earlyCounts(): LibraryCounts | undefined {
  const early = globalThis.siftEarlyCounts;
  return early?.settled ? parseCounts(early.raw) : undefined;
}

export async function readCounts(): Promise<LibraryCounts | undefined> {
  const early = globalThis.siftEarlyCounts;
  if (early) {
    // Used once: later reads go to storage.
    globalThis.siftEarlyCounts = undefined;
    await early.read;
    if (early.settled) return parseCounts(early.raw);
  }
  const got = await browser.storage.local.get(COUNTS_KEY);
  return parseCounts(got[COUNTS_KEY]);
}

/** Calls `fn` with the stored counts now and whenever they change. */
export function watchCounts(fn: (counts: LibraryCounts | undefined) => void): () => void {
  let live = true;
  void readCounts().then((c) => live && fn(c));
  const onChanged = (changes: StorageChanges, area: string) => {
    if (countsChanged(changes, area)) fn(parseCounts(changes[COUNTS_KEY]!.newValue));
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => {
    live = false;
    browser.storage.onChanged.removeListener(onChanged);
  };
}
