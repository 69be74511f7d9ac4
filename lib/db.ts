// The one Dexie database. Only the background writes; extension pages read it with useLiveQuery.
import Dexie, { type EntityTable } from 'dexie';
import type { PaperRecord, TagInfo, TrashEntry } from './paper';
import { venueYearCorrection } from './merge';

export const DB_NAME = 'sift';

export class SiftDB extends Dexie {
  papers!: EntityTable<PaperRecord, 'id'>;
  tags!: EntityTable<TagInfo, 'name'>;
  trash!: EntityTable<TrashEntry, 'token'>;

  constructor(name = DB_NAME) {
    super(name);
    // Index only what is queried: `keys` finds a paper by any identifier,
    // `status` counts the inbox, `lastSeenAt` orders the library.
    this.version(1).stores({ papers: 'id, *keys, status, lastSeenAt' });
    // v2: `*tags` lists the tags in use (autocomplete) and finds a tag's papers.
    this.version(2)
      .stores({ papers: 'id, *keys, status, lastSeenAt, *tags' })
      .upgrade((tx) =>
        tx
          .table<PaperRecord>('papers')
          .toCollection()
          .modify((p) => {
            if (!Array.isArray(p.tags)) p.tags = [];
          }),
      );
    // v3: the reading queue's order (`queuePos`), tag colours, and deleted papers kept for undo.
    this.version(3)
      .stores({ papers: 'id, *keys, status, lastSeenAt, *tags, queuePos', tags: 'name', trash: 'token, at' })
      .upgrade(async (tx) => {
        // Papers already queued keep the order in which they were queued.
        const queued = await tx.table<PaperRecord>('papers').where('status').equals('queued').toArray();
        queued.sort((a, b) => (a.statusChangedAt ?? a.addedAt) - (b.statusChangedAt ?? b.addedAt));
        await tx.table<PaperRecord>('papers').bulkPut(queued.map((p, i) => ({ ...p, queuePos: i + 1 })));
      });
    // v4: `[status+lastSeenAt]` lists a status view, most recently seen first, reading keys only.
    this.version(4)
      .stores({ papers: 'id, *keys, status, lastSeenAt, *tags, queuePos, [status+lastSeenAt]' })
      // Nothing to rewrite: the new index is built from the records as they are.
      .upgrade((tx) => tx.table<PaperRecord>('papers').toCollection().modify(() => {}));
    // v5: `updatedAt`, stamped by every write, lets the search index catch up with what changed.
    this.version(5)
      .stores({ papers: 'id, *keys, status, lastSeenAt, *tags, queuePos, [status+lastSeenAt], updatedAt' })
      .upgrade((tx) =>
        tx
          .table<PaperRecord>('papers')
          .toCollection()
          .modify((p) => {
            p.updatedAt ??= Math.max(p.lastSeenAt, p.statusChangedAt ?? 0);
          }),
      );
    // v6: OpenReview papers took the year of the date shown (for ICLR 2021, the submission's:
    // 2020); the year their venue names ("ICLR 2021 Poster") is theirs. No index changes.
    this.version(6)
      .stores({ papers: 'id, *keys, status, lastSeenAt, *tags, queuePos, [status+lastSeenAt], updatedAt' })
      .upgrade((tx) => {
        const at = Date.now();
        return tx
          .table<PaperRecord>('papers')
          .toCollection()
          .modify((p) => {
            const named = venueYearCorrection(p);
            if (named) {
              p.year = named;
              p.updatedAt = at;
            }
          });
      });
  }
}

export const db = new SiftDB();
