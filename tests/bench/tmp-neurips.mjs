import { resolve } from 'node:path';
import { launch, ROOT } from '../e2e/browser.mjs';
import { neuripsListHtml } from './seed.mjs';
const s = await launch({ extension: resolve(ROOT, '.output/chrome-mv3-bench') });
const url = 'https://proceedings.neurips.cc/paper_files/paper/2019';
s.serve({ url, html: neuripsListHtml(1899) });
for (let i = 0; i < 21; i++) {
  const page = await s.context.newPage();
  await page.goto(url);
  const h = await page.waitForFunction(() => { const d = performance.getEntriesByName('sift:detect')[0]; const x = performance.getEntriesByName('sift:x').at(-1); return d && x ? { d: d.duration, ...x.detail } : null; }, undefined, { polling: 50 });
  const v = await h.jsonValue();
  (globalThis.R ??= []).push(v);
  await page.close();
}
await s.close();
const med = (k) => globalThis.R.map((r) => r[k]).sort((a, b) => a - b)[10].toFixed(1);
console.log( 'median detect', med('d'), 'adapter', med('a'), 'norm', med('n'));
