// The library's search, as the side panel's worker runs it: builds the index from IndexedDB in the
// background of the worker, answers queries meanwhile (saying the answer may be partial), and
// catches up with writes by reading what changed since it last looked (`updatedAt`, the trash).
import type { SiftDB } from '../db';
import type { PaperRecord } from '../paper';
import { SearchIndex, type SearchDoc, type SearchHit } from './search-index';
import { Catalog, selectPapers, type CatalogRow, type Facets, type ListRequest } from './catalog';

export function searchDocOf(p: PaperRecord): SearchDoc {
  return {
    id: p.id,
    title: p.title,
    authors: p.authors,
    tags: p.tags,
    ids: p.ids,
    venue: p.venue,
    note: p.note,
    abstract: p.abstract,
    lastSeenAt: p.lastSeenAt,
  };
}

export interface SearchAnswer {
  hits: SearchHit[];
  /** False while the index is still being built: more papers may match. */
  complete: boolean;
}

export interface ListAnswer {
  /** Every paper the list shows, in order. */
  ids: string[];
  /** False while the index is still being built: more papers may belong. */
  complete: boolean;
}

/** Changes this close to the last look are read again: clocks of writers and reader may differ a little. */
const SLACK_MS = 2_000;

export class LibrarySearch {
  private index = new SearchIndex();
  private catalog = new Catalog();
  private built = false;
  private syncedAt = 0;
  private catchingUp: Promise<void> | undefined;
  indexed = 0;
  total = 0;

  constructor(private readonly db: SiftDB) {}

  /** Read every paper into the index; `onProgress` hears how far it got. */
  async build(onProgress?: (indexed: number, total: number) => void, now = Date.now): Promise<void> {
    const startedAt = now();
    this.total = await this.db.papers.count();
    await this.db.papers.each((p) => {
      this.index.add(searchDocOf(p));
      this.catalog.set(p);
      this.indexed++;
      if (this.indexed % 2_000 === 0) onProgress?.(this.indexed, this.total);
    });
    this.index.seal();
    this.built = true;
    this.syncedAt = startedAt;
    onProgress?.(this.indexed, this.indexed);
    // Writes made while reading: caught up now.
    await this.catchUp(now);
  }

  /** Take in papers written or deleted since the last look. Calls made meanwhile share one pass. */
  catchUp(now = Date.now): Promise<void> {
    if (!this.built) return Promise.resolve();
    this.catchingUp ??= this.readChanges(now).finally(() => (this.catchingUp = undefined));
    return this.catchingUp;
  }

  private async readChanges(now: () => number): Promise<void> {
    const from = this.syncedAt - SLACK_MS;
    const lookedAt = now();
    const [changed, trashed] = await Promise.all([
      this.db.papers.where('updatedAt').above(from).toArray(),
      this.db.trash.where('at').above(from).toArray(),
    ]);
    // Deleted first: a paper deleted and brought back is in both, and must stay.
    for (const entry of trashed)
      for (const r of entry.records) {
        this.index.remove(r.id);
        this.catalog.remove(r.id);
      }
    for (const p of changed) {
      this.index.add(searchDocOf(p));
      this.catalog.set(p);
    }
    this.syncedAt = lookedAt;
  }

  search(query: string, limit?: number): SearchAnswer {
    return { hits: this.index.search(query, limit), complete: this.built };
  }

  /** The papers a side panel list shows: its view, search text, filters and sort. */
  list(req: ListRequest): ListAnswer {
    if (!req.q?.trim()) return { ids: selectPapers(this.catalog.values(), req), complete: this.built };
    const hits = this.index.search(req.q, Infinity);
    const scores = new Map<string, number>();
    const rows: CatalogRow[] = [];
    for (const h of hits) {
      const row = this.catalog.get(h.id);
      if (!row) continue;
      scores.set(h.id, h.score);
      rows.push(row);
    }
    return { ids: selectPapers(rows, req, scores), complete: this.built };
  }

  facets(): Facets {
    return this.catalog.facets();
  }
}
