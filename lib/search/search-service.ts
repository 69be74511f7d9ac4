// The search worker's work, apart from the worker itself (tests run it in-process): build the
// index from IndexedDB, answer list requests, and catch up after every write anywhere (Dexie
// announces writes to every context of the extension).
import Dexie from 'dexie';
import type { SiftDB } from '../db';
import { LibrarySearch } from './library-search';
import type { FromSearchWorker, ToSearchWorker } from './search-protocol';

/** Writes come in bursts (a listing page stores in chunks): catch up once they pause this long. */
const CATCH_UP_DELAY_MS = 60;

export function serveSearch(db: SiftDB, post: (msg: FromSearchWorker) => void): { receive(msg: ToSearchWorker): void; close(): void } {
  const search = new LibrarySearch(db);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  const fail = (err: unknown) => post({ type: 'error', error: err instanceof Error ? err.message : String(err) });

  const onMutated = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      void search
        .catchUp()
        .then(() => {
          if (closed) return;
          post({ type: 'changed' });
          post({ type: 'facets', facets: search.facets() });
        })
        .catch(fail);
    }, CATCH_UP_DELAY_MS);
  };
  Dexie.on('storagemutated', onMutated);

  void search
    .build((indexed, total) => post({ type: 'progress', indexed, total }))
    .then(() => {
      post({ type: 'ready', total: search.indexed, readMs: search.readMs, indexMs: search.indexMs });
      post({ type: 'facets', facets: search.facets() });
    })
    .catch(fail);

  return {
    receive(msg) {
      if (msg?.type !== 'list') return;
      const start = performance.now();
      const answer = search.list(msg.request, msg.limit);
      post({ type: 'listed', seq: msg.seq, ...answer, ms: performance.now() - start });
    },
    close() {
      closed = true;
      clearTimeout(timer);
      Dexie.on('storagemutated').unsubscribe(onMutated);
    },
  };
}
