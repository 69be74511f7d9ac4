// The library's search, as the side panel's worker runs it: builds the index from IndexedDB in the
// background of the worker, answers queries meanwhile (saying the answer may be partial), and
// catches up with writes by reading what changed since it last looked (`updatedAt`, the trash).
import type { SiftDB } from '../db';
import type { PaperRecord } from '../paper';
import { hasFilters } from '../library-filters';
import { SearchIndex, type SearchDoc } from './search-index';
import { Catalog, rowFilter, selectPapers, type CatalogRow, type Facets, type ListRequest } from './catalog';

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

export interface ListAnswer {
  /** The papers the list shows, in order (the first `limit` of them). */
  ids: string[];
  /** How many papers belong to the list. */
  total: number;
  /** False while the index is still being built: more papers may belong. */
  complete: boolean;
}

/** Papers read per IndexedDB request while building. */
const BUILD_CHUNK = 2_000;

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
  /** Time spent reading IndexedDB and indexing while building (ms). */
  readMs = 0;
  indexMs = 0;

  constructor(private readonly db: SiftDB) {}

  /** Read every paper into the index; `onProgress` hears how far it got. */
  async build(onProgress?: (indexed: number, total: number) => void, now = Date.now): Promise<void> {
    const startedAt = now();
    this.total = await this.db.papers.count();
    // Chunks in key order: each is one getAll (a cursor over 50,000 large records is several times slower).
    let last: string | undefined;
    for (;;) {
      const t0 = performance.now();
      const chunk = await (last === undefined ? this.db.papers.orderBy(':id') : this.db.papers.where(':id').above(last)).limit(BUILD_CHUNK).toArray();
      const t1 = performance.now();
      this.readMs += t1 - t0;
      if (chunk.length === 0) break;
      for (const p of chunk) {
        this.index.add(searchDocOf(p));
        this.catalog.set(p);
      }
      this.indexMs += performance.now() - t1;
      this.indexed += chunk.length;
      this.total = Math.max(this.total, this.indexed);
      onProgress?.(this.indexed, this.total);
      last = chunk[chunk.length - 1]!.id;
    }
    this.index.seal();
    this.built = true;
    this.syncedAt = startedAt;
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

  /** The papers a side panel list shows: its view, search text, filters and sort (the first `limit`, and how many in all). */
  list(req: ListRequest, limit = Infinity): ListAnswer {
    let ids: string[];
    if (!req.q?.trim()) ids = this.catalog.list(req);
    else {
      // Best first: relevance needs no second sort, and with no view or filter to apply, no lookups.
      const ranked = this.index.rankedIds(req.q);
      const keep = req.view === 'all' && !hasFilters(req.filters) ? undefined : rowFilter(req.view, req.filters);
      if (req.sort === 'relevance') {
        ids = keep ? ranked.filter((id) => { const row = this.catalog.get(id); return row !== undefined && keep(row); }) : ranked;
        if (req.order === 'asc') ids.reverse();
      } else {
        const rows: CatalogRow[] = [];
        for (const id of ranked) {
          const row = this.catalog.get(id);
          if (row && (!keep || keep(row))) rows.push(row);
        }
        ids = selectPapers(rows, { ...req, view: 'all', filters: {} });
      }
    }
    return { ids: ids.length > limit ? ids.slice(0, limit) : ids, total: ids.length, complete: this.built };
  }

  facets(): Facets {
    return this.catalog.facets();
  }
}
