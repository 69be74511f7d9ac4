// The side panel's search worker: holds the index, so building it and typing never block the panel.
// It reads IndexedDB itself (read only; the background is the only writer).
import { SiftDB } from '../db';
import { serveSearch } from './search-service';
import type { ToSearchWorker } from './search-protocol';

const service = serveSearch(new SiftDB(), (msg) => postMessage(msg));
onmessage = (e: MessageEvent<ToSearchWorker>) => service.receive(e.data);
