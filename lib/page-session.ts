// What one page (one URL) has detected and sent. The content script keeps one per location,
// so a re-detection after the page changes sends only entries it has not sent yet.
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
  /** Milliseconds spent detecting, and sending until the background committed (for `npm run bench`). */
  detectMs?: number;
  storeMs?: number;
}

export class PageSession {
  site = '';
  /** Primary identity key of each entry, in page order, as of the last detection. */
  private order: string[] = [];
  private recordIdByKey = new Map<string, string>();
  private inFlight = new Set<string>();

  constructor(
    readonly url: string,
    private readonly send: Send,
  ) {}

  /** Detect on `doc` and send what is new, in batches of MAX_BATCH. Never throws. */
  async sync(doc: Document): Promise<SyncResult> {
    const t0 = performance.now();
    const found = detectRows(doc, this.url);
    if (!found) return { detected: 0, sent: 0, failed: 0 };
    const t1 = performance.now();
    this.site = found.site;
    const fresh: { key: string; paper: DetectedPaper }[] = [];
    const order: string[] = [];
    const seen = new Set<string>();
    for (const { paper } of found.rows) {
      const key = sessionKey(paper);
      if (seen.has(key)) continue;
      seen.add(key);
      order.push(key);
      if (!this.recordIdByKey.has(key) && !this.inFlight.has(key)) fresh.push({ key, paper });
    }
    // Keep entries that scrolled out of a virtualised list: the tab still showed them.
    for (const key of this.order) if (!seen.has(key)) order.push(key);
    this.order = order;

    let sent = 0;
    let failed = 0;
    let error: string | undefined;
    for (let i = 0; i < fresh.length; i += MAX_BATCH) {
      const batch = fresh.slice(i, i + MAX_BATCH);
      batch.forEach((b) => this.inFlight.add(b.key));
      let response: StoreDetectedResponse;
      try {
        response = await this.send(this.url, batch.map((b) => b.paper));
      } catch (err) {
        response = { ok: false, error: err instanceof Error ? err.message : String(err) };
      }
      batch.forEach((b) => this.inFlight.delete(b.key));
      if (response.ok && response.recordIds.length === batch.length) {
        batch.forEach((b, j) => this.recordIdByKey.set(b.key, response.recordIds[j]!));
        sent += batch.length;
      } else {
        failed += batch.length;
        error = response.ok ? 'background answered with a wrong number of ids' : response.error;
      }
    }
    return { detected: order.length, sent, failed, error, detectMs: t1 - t0, storeMs: performance.now() - t1 };
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
    return this.order.filter((k) => !this.recordIdByKey.has(k)).length;
  }
}
