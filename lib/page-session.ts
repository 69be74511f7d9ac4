// What one page (one URL) has detected and sent. The content script keeps one per location.
// A re-detection after the page changes reads only rows it has not read, and sends only
// entries it has not sent, so repeated additions to a long page cost only what is new.
import { ID_KINDS, type DetectedPaper } from './paper';
import { MAX_BATCH, type StoreDetectedResponse } from './messages';
import { detectRows } from './sites';

/** What makes an entry "the same" within one page: its first identifier, else its title and authors. */
function sessionKey(paper: DetectedPaper): string {
  for (const kind of ID_KINDS) {
    const value = paper.ids[kind];
    if (value) return `${kind}:${value}`;
  }
  return `title:${paper.title}|${paper.authors[0] ?? ''}`;
}

export type Send = (url: string, entries: DetectedPaper[]) => Promise<StoreDetectedResponse>;

export interface SyncResult {
  detected: number;
  sent: number;
  failed: number;
  error?: string;
  /** Row elements read for the first time in this pass. */
  newRows: Element[];
  /** Milliseconds spent detecting, and sending until the background committed (for `npm run bench`). */
  detectMs?: number;
  storeMs?: number;
}

export class PageSession {
  site = '';
  /** Entry keys in the order they were first seen. Entries that leave the page stay: the tab showed them. */
  private order: string[] = [];
  private recordIdByKey = new Map<string, string>();
  /** Entries detected but not stored yet (in flight, or failed and waiting for a retry). */
  private unsent = new Map<string, DetectedPaper>();
  private inFlight = new Set<string>();
  private readRows = new WeakSet<Element>();

  constructor(
    readonly url: string,
    private readonly send: Send,
  ) {}

  /** Detect on `doc` and send what is new, in batches of MAX_BATCH. Never throws. */
  async sync(doc: Document): Promise<SyncResult> {
    const t0 = performance.now();
    const found = detectRows(doc, this.url, { known: (row) => this.readRows.has(row) });
    const t1 = performance.now();
    const newRows: Element[] = [];
    this.site = found.site;
    for (const { paper, element } of found.rows) {
      this.readRows.add(element);
      newRows.push(element);
      const key = sessionKey(paper);
      if (this.recordIdByKey.has(key) || this.unsent.has(key)) continue;
      this.order.push(key);
      this.unsent.set(key, paper);
    }

    const fresh = [...this.unsent].filter(([key]) => !this.inFlight.has(key));
    let sent = 0;
    let failed = 0;
    let error: string | undefined;
    for (let i = 0; i < fresh.length; i += MAX_BATCH) {
      const batch = fresh.slice(i, i + MAX_BATCH);
      batch.forEach(([key]) => this.inFlight.add(key));
      let response: StoreDetectedResponse;
      try {
        response = await this.send(
          this.url,
          batch.map(([, paper]) => paper),
        );
      } catch (err) {
        response = { ok: false, error: err instanceof Error ? err.message : String(err) };
      }
      batch.forEach(([key]) => this.inFlight.delete(key));
      if (response.ok && response.recordIds.length === batch.length) {
        batch.forEach(([key], j) => {
          this.recordIdByKey.set(key, response.recordIds[j]!);
          this.unsent.delete(key);
        });
        sent += batch.length;
      } else {
        failed += batch.length;
        error = response.ok ? 'background answered with a wrong number of ids' : response.error;
      }
    }
    return { detected: this.order.length, sent, failed, error, newRows, detectMs: t1 - t0, storeMs: performance.now() - t1 };
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

  /** Entries detected but not stored yet. */
  pending(): number {
    return this.unsent.size;
  }
}
