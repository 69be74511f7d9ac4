import { resolve } from 'node:path';
import { launch, ROOT } from './tests/e2e/browser.mjs';
import { arxivListingHtml } from './tests/bench/seed.mjs';
const s = await launch({ extension: resolve(ROOT, '.output/chrome-mv3-bench') });
let log = [];
s.worker.on('console', (m) => log.push(m.text()));
const url = 'https://arxiv.org/list/cs.LG/new?skip=0&show=2000';
s.serve({ url, html: arxivListingHtml(2000) });
for (let i = 0; i < 4; i++) {
  await s.worker.evaluate(async () => { const o = indexedDB.open('sift'); o.onupgradeneeded = () => o.transaction.abort(); const idb = await new Promise(r => (o.onsuccess = () => r(o.result), o.onerror = () => r())); if (!idb) return; await new Promise(r => { const tx = idb.transaction('papers','readwrite'); tx.objectStore('papers').clear(); tx.oncomplete = r; }); idb.close(); });
  const page = await s.context.newPage();
  page.on('console', (m) => log.push(m.text()));
  await page.goto(url);
  await new Promise(r => setTimeout(r, 2500));
  const ev = log.filter(l => l.startsWith('T ')).map(l => l.split(' ')).map(([, n, t]) => [n, Number(t)]).sort((a, b) => a[1] - b[1]);
  console.log(ev.map(([n, t], j) => `${n} +${j ? (t - ev[j-1][1]).toFixed(0) : 0}`).join('  '));
  log = [];
  await page.close();
}
await s.close();
