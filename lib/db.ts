// The one Dexie database. Only the background writes; extension pages read it with useLiveQuery.
import Dexie, { type EntityTable } from 'dexie';
import type { PaperRecord } from './paper';

export const DB_NAME = 'sift';

export class SiftDB extends Dexie {
  papers!: EntityTable<PaperRecord, 'id'>;

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
  }
}

export const db = new SiftDB();
