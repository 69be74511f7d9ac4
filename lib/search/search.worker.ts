// The side panel's search worker: holds the index, so building it and typing never block the panel.
// It reads IndexedDB itself (read only; the background is the only writer) and catches up after
// every write anywhere (Dexie announces writes to every context of the extension).
import Dexie from 'dexie';
import { SiftDB } from '../db';
import { LibrarySearch } from './library-search';
import type { FromSearchWorker, ToSearchWorker } from './search-protocol';

const post = (msg: FromSearchWorker) => postMessage(msg);
const search = new LibrarySearch(new SiftDB());
let timer: ReturnType<typeof setTimeout> | undefined;

Dexie.on('storagemutated', () => {
  clearTimeout(timer);
  timer = setTimeout(() => void search.catchUp().then(() => post({ type: 'changed' })), 150);
});

onmessage = (e: MessageEvent<ToSearchWorker>) => {
  const msg = e.data;
  if (msg?.type !== 'query') return;
  const start = performance.now();
  const answer = search.search(msg.query, msg.limit);
  post({ type: 'result', seq: msg.seq, ...answer, ms: performance.now() - start });
};

void search
  .build((indexed, total) => post({ type: 'progress', indexed, total }))
  .catch((err: unknown) => post({ type: 'error', error: err instanceof Error ? err.message : String(err) }));
