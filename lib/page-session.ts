// What one page (one URL) has detected and sent. The content script keeps one per location.
// A re-detection after the page changes reads only rows it has not read, and sends only
// entries it has not sent, so repeated additions to a long page cost only what is new.
// A long page is read in time slices (`budgetMs`); its entries are sent once the last slice is read.
import { ID_KINDS, type DetectedPaper, type PaperBrief } from './paper';
import { MAX_BATCH, type BriefsResponse, type StoreDetectedResponse } from './messages';
import { detectRows } from './sites';

/** What makes an entry "the same" within one page: its first identifier, else its title and authors. */
function sessionKey(paper: DetectedPaper): string {
  for (const kind of ID_KINDS) {
    const value = paper.ids[kind];
    if (value) return `${kind}:${value}`;
  }
  return `title:${paper.title}|${paper.authors[0] ?? ''}`;
}

const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** About this much page text per message: its serialisation stays a short task on the page. */
export const MAX_BATCH_CHARS = 300_000;

/** The text an entry adds to a message, roughly (its strings, plus a little for the rest). */
function entryChars(paper: DetectedPaper): number {
  let n = 200 + paper.title.length + (paper.abstract?.length ?? 0) + (paper.venue?.length ?? 0) + (paper.pdfUrl?.length ?? 0);
  for (const a of paper.authors) n += a.length + 4;
  return n;
}

/** `items` in order, cut into runs of at most `maxEntries` and, past the first of each run, `maxChars` of text. */
export function batchesOf<T extends [string, DetectedPaper]>(items: readonly T[], maxEntries: number, maxChars: number): T[][] {
  const batches: T[][] = [];
  let batch: T[] = [];
  let chars = 0;
  for (const item of items) {
    const size = entryChars(item[1]);
    if (batch.length > 0 && (batch.length >= maxEntries || chars + size > maxChars)) {
      batches.push(batch);
      batch = [];
      chars = 0;
    }
    batch.push(item);
    chars += size;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

export type Send = (url: string, entries: DetectedPaper[]) => Promise<StoreDetectedResponse>;

/** One entry as shown on the page. Two rows may show the same paper (same key). */
export interface PageRow {
  key: string;
  element: Element;
  title?: Element;
  paper: DetectedPaper;
}

export interface SyncResult {
  detected: number;
  sent: number;
  failed: number;
  error?: string;
  /** Rows read for the first time in this pass. */
  newRows: PageRow[];
  /** True when the time budget ran out before every row was read: sync again soon. */
  more: boolean;
  /** Milliseconds spent detecting, and sending until the background committed (for `npm run bench`). */
  detectMs?: number;
  storeMs?: number;
}

export interface SyncOptions {
  /** Read rows for at most about this long, then leave the rest for the next sync. */
  budgetMs?: number;
}

export class PageSession {
  site = '';
  /** Entry keys in the order they were first seen. Entries that leave the page stay: the tab showed them. */
  private order: string[] = [];
  private recordIdByKey = new Map<string, string>();
  private recordIdSet = new Set<string>();
  /** What the badges show, by record id: from the store answer, then from edits and broadcasts. */
  private briefs = new Map<string, PaperBrief>();
  /** Entries detected but not stored yet (in flight, or failed and waiting for a retry). */
  private unsent = new Map<string, DetectedPaper>();
  private inFlight = new Set<string>();
  private readRows = new WeakSet<Element>();
  private rowsRead = 0;

  constructor(
    readonly url: string,
    private readonly send: Send,
  ) {}

  /** Detect on `doc` and, once every row is read, send what is new in batches (`batchesOf`). Never throws. */
  async sync(doc: Document, options: SyncOptions = {}): Promise<SyncResult> {
    const t0 = performance.now();
    const found = detectRows(doc, this.url, {
      // A first pass has read nothing: no per-row lookup then.
      known: this.rowsRead > 0 ? (row) => this.readRows.has(row) : undefined,
      deadline: options.budgetMs === undefined ? undefined : t0 + options.budgetMs,
    });
    const t1 = performance.now();
    const newRows: PageRow[] = [];
    this.site = found.site;
    this.rowsRead += found.rows.length;
    for (const { paper, element, title } of found.rows) {
      this.readRows.add(element);
      const key = sessionKey(paper);
      newRows.push({ key, element, title, paper });
      if (this.recordIdByKey.has(key) || this.unsent.has(key)) continue;
      this.order.push(key);
      this.unsent.set(key, paper);
    }
    const more = found.deferred > 0;
    if (more) return { detected: this.order.length, sent: 0, failed: 0, newRows, more, detectMs: t1 - t0 };
    // Building a large message costs tens of milliseconds: not in the same task as a slice of reading.
    if (options.budgetMs !== undefined && this.unsent.size > 0 && performance.now() - t0 > options.budgetMs / 2) await yieldToPage();
    const t2 = performance.now();

    const fresh = [...this.unsent].filter(([key]) => !this.inFlight.has(key));
    let sent = 0;
    let failed = 0;
    let error: string | undefined;
    const store = async (batch: [string, DetectedPaper][]) => {
      let response: StoreDetectedResponse;
      try {
        response = await this.send(
          this.url,
          batch.map(([, paper]) => paper),
        );
      } catch (err) {
        response = { ok: false, error: err instanceof Error ? err.message : String(err) };
      }
      // A worker stopped while answering can leave the reply empty: a failure, retried later.
      response ??= { ok: false, error: 'no answer from the background' };
      batch.forEach(([key]) => this.inFlight.delete(key));
      if (response.ok && response.recordIds.length === batch.length) {
        batch.forEach(([key], j) => {
          const id = response.recordIds[j]!;
          this.recordIdByKey.set(key, id);
          this.recordIdSet.add(id);
          this.unsent.delete(key);
        });
        this.update(response.briefs ?? []);
        sent += batch.length;
      } else {
        failed += batch.length;
        error = response.ok ? 'background answered with a wrong number of ids' : response.error;
      }
    };
    // Each batch is posted in a task of its own (serialising a few MB at once is a long task on the
    // page), and without waiting for the previous answer: the next batch travels while the
    // background writes the last one. The background writes them one transaction at a time.
    const stored: Promise<void>[] = [];
    for (const batch of batchesOf(fresh, MAX_BATCH, MAX_BATCH_CHARS)) {
      if (stored.length > 0) await yieldToPage();
      batch.forEach(([key]) => this.inFlight.add(key));
      stored.push(store(batch));
    }
    await Promise.all(stored);
    return { detected: this.order.length, sent, failed, error, newRows, more, detectMs: t1 - t0, storeMs: performance.now() - t2 };
  }

  /** Stored record ids of this page's entries, in page order (unsent entries omitted). */
  recordIds(): string[] {
    const ids = new Set<string>();
    for (const key of this.order) {
      const id = this.recordIdByKey.get(key);
      if (id) ids.add(id);
    }
    return [...ids];
  }

  recordIdOf(key: string): string | undefined {
    return this.recordIdByKey.get(key);
  }

  brief(recordId: string): PaperBrief | undefined {
    return this.briefs.get(recordId);
  }

  /**
   * Ask again what this page's papers' badges should show (after a restore or an import changed the
   * library), MAX_BATCH ids per request; returns the briefs taken. A failed request changes nothing.
   */
  async reloadBriefs(ask: (paperIds: string[]) => Promise<BriefsResponse | undefined>): Promise<PaperBrief[]> {
    const ids = this.recordIds();
    const taken: PaperBrief[] = [];
    for (let i = 0; i < ids.length; i += MAX_BATCH) {
      const answer = await ask(ids.slice(i, i + MAX_BATCH)).catch(() => undefined);
      if (answer?.ok && Array.isArray(answer.briefs)) taken.push(...this.update(answer.briefs));
    }
    return taken;
  }

  /** Take newer states (after an edit, or a change made elsewhere); returns the ones about this page. */
  update(briefs: readonly PaperBrief[]): PaperBrief[] {
    const mine: PaperBrief[] = [];
    for (const b of briefs) {
      const old = this.briefs.get(b.id);
      // "Seen before" belongs to this visit: an edit elsewhere does not make a new paper old.
      const next = old && old.seenBefore !== undefined && b.seenBefore === undefined ? { ...b, seenBefore: old.seenBefore } : b;
      if (this.recordIdSet.has(b.id)) {
        this.briefs.set(b.id, next);
        mine.push(next);
      }
    }
    return mine;
  }

  /** Entries detected but not stored yet. */
  pending(): number {
    return this.unsent.size;
  }
}
