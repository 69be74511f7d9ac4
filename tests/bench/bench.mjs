// `npm run bench`: speed figures in real Chromium, printed as a table. Build with `--mode bench` first
// (the script does): only that build writes the `sift:*` timings to the page's performance timeline.
import { resolve } from 'node:path';
import { launch, ROOT, storedPapers } from '../e2e/browser.mjs';
import { arxivListingHtml } from './seed.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const ENTRIES = 2000;
const URL_LISTING = `https://arxiv.org/list/cs.LG/new?skip=0&show=${ENTRIES}`;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms) => `${ms.toFixed(1)} ms`;

/** The floor for P1: a bare querySelectorAll walk reading the same text the adapter reads. */
function floorWalk() {
  const t0 = performance.now();
  const out = [];
  const dts = document.querySelectorAll('#dlpage dl > dt');
  const dds = document.querySelectorAll('#dlpage dl > dd');
  for (let i = 0; i < dds.length; i++) {
    const dd = dds[i];
    out.push([
      dts[i].querySelector('a[title="Abstract"]').textContent,
      dd.querySelector('.list-title').textContent,
      [...dd.querySelectorAll('.list-authors a')].map((a) => a.textContent),
      dd.querySelector('p.mathjax').textContent,
    ]);
  }
  return { ms: performance.now() - t0, n: out.length };
}

/** The floor for P2: the same records written with raw IndexedDB in one transaction, same indexes. */
async function floorWrite(records) {
  const open = indexedDB.open('bench-floor', 1);
  open.onupgradeneeded = () => {
    const store = open.result.createObjectStore('papers', { keyPath: 'id' });
    store.createIndex('keys', 'keys', { multiEntry: true });
    store.createIndex('status', 'status');
    store.createIndex('lastSeenAt', 'lastSeenAt');
  };
  const idb = await new Promise((res, rej) => ((open.onsuccess = () => res(open.result)), (open.onerror = () => rej(open.error))));
  await new Promise((res) => {
    const tx = idb.transaction('papers', 'readwrite');
    tx.objectStore('papers').clear();
    tx.oncomplete = res;
  });
  const t0 = performance.now();
  await new Promise((res, rej) => {
    const tx = idb.transaction('papers', 'readwrite');
    const store = tx.objectStore('papers');
    for (const r of records) store.put(r);
    tx.oncomplete = res;
    tx.onerror = () => rej(tx.error);
  });
  const ms = performance.now() - t0;
  idb.close();
  return ms;
}

async function clearLibrary() {
  const open = indexedDB.open('sift');
  open.onupgradeneeded = () => open.transaction?.abort(); // not created yet: nothing to clear
  const idb = await new Promise((res) => ((open.onsuccess = () => res(open.result)), (open.onerror = () => res(undefined))));
  if (!idb) return;
  await new Promise((res) => {
    const tx = idb.transaction('papers', 'readwrite');
    tx.objectStore('papers').clear();
    tx.oncomplete = res;
  });
  idb.close();
}

// WXT writes a `--mode bench` build to its own folder.
const s = await launch({ extension: resolve(ROOT, '.output/chrome-mv3-bench') });
const html = arxivListingHtml(ENTRIES);
s.serve({ url: URL_LISTING, html });
const p1 = [];
const p1more = [];
const p1floor = [];
const p2 = [];
const p2floor = [];
try {
  // Warm-up load so that the first measured run is not also the browser's first page.
  for (let run = -1; run < RUNS; run++) {
    await s.worker.evaluate(clearLibrary);
    const page = await s.context.newPage();
    await page.goto(URL_LISTING);
    const timings = await page.waitForFunction(
      (n) => {
        const m = performance.getEntriesByType('measure');
        const detect = m.find((e) => e.name === 'sift:detect');
        const store = m.find((e) => e.name === `sift:store:${n}`);
        return detect && store ? { detect: detect.duration, store: store.duration } : null;
      },
      ENTRIES,
      { timeout: 60_000, polling: 50 },
    );
    const { detect, store } = await timings.jsonValue();
    const floor = await page.evaluate(floorWalk);
    if (floor.n !== ENTRIES) throw new Error(`floor walk read ${floor.n} entries`);
    const records = await storedPapers(s.worker);
    if (records.length !== ENTRIES) throw new Error(`stored ${records.length} of ${ENTRIES}`);
    const floorMs = await s.worker.evaluate(floorWrite, records);

    // The page then grows by 50 rows: the re-detection should cost about 50 rows, not 2,050.
    await page.evaluate(() => {
      const dl = document.querySelector('#dlpage dl');
      const pairs = [...dl.querySelectorAll(':scope > dt, :scope > dd')].slice(0, 100);
      for (let i = 0; i < pairs.length; i += 2) {
        const [dt, dd] = [pairs[i].cloneNode(true), pairs[i + 1].cloneNode(true)];
        const id = `2412.${String(90000 + i / 2)}`;
        for (const a of dt.querySelectorAll('a[href]')) a.setAttribute('href', a.getAttribute('href').replace(/\d{4}\.\d{5}/, id));
        dt.querySelector('a[title="Abstract"]').textContent = `arXiv:${id}`;
        dl.append(dt, dd);
      }
    });
    const grown = await page.waitForFunction(
      () => {
        const passes = performance.getEntriesByName('sift:detect');
        return passes.length >= 2 ? passes[passes.length - 1].duration : null;
      },
      undefined,
      { timeout: 30_000, polling: 50 },
    );
    const moreMs = await grown.jsonValue();
    if (run >= 0) {
      p1.push(detect);
      p1more.push(moreMs);
      p1floor.push(floor.ms);
      p2.push(store);
      p2floor.push(floorMs);
    }
    await page.close();
  }
} finally {
  await s.close();
}

const rows = [
  ['P1 detect 2,000-entry arXiv listing', median(p1), median(p1floor), 2],
  ['P2 store 2,000 entries (content → background → committed)', median(p2), median(p2floor), 1.5],
];
console.log(`\nSift bench: headless Chromium, median of ${RUNS} runs\n`);
console.log('| figure | Sift | floor | ratio | target | ok |');
console.log('|---|---:|---:|---:|---:|:-:|');
let failed = false;
for (const [name, ours, floor, target] of rows) {
  const ratio = ours / floor;
  failed ||= ratio > target;
  console.log(`| ${name} | ${fmt(ours)} | ${fmt(floor)} | ${ratio.toFixed(2)}× | ≤ ${target}× | ${ratio <= target ? 'yes' : 'NO'} |`);
}
console.log(`| P1+ re-detect after 50 rows are added to the 2,000 | ${fmt(median(p1more))} | (first pass ${fmt(median(p1))}) | ${(median(p1more) / median(p1)).toFixed(2)}× | — | — |`);
console.log('\nP1 floor: querySelectorAll walk reading id, title, authors, abstract. P2 floor: raw IndexedDB put of the same records, one transaction, same indexes.');
process.exitCode = failed ? 1 : 0;
