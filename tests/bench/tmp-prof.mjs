import { resolve } from 'node:path';
import { launch, ROOT } from '../e2e/browser.mjs';
import { neuripsListHtml } from './seed.mjs';
const s = await launch({ extension: resolve(ROOT, '.output/chrome-mv3-bench') });
const url = 'https://proceedings.neurips.cc/paper_files/paper/2019';
s.serve({ url, html: neuripsListHtml(1899) });
const self = new Map();
for (let i = 0; i < 6; i++) {
  const page = await s.context.newPage();
  const cdp = await s.context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 25 });
  await cdp.send('Profiler.start');
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('sift:detect')[0], undefined, { polling: 50 });
  const { profile } = await cdp.send('Profiler.stop');
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const dts = profile.timeDeltas;
  profile.samples.forEach((id, k) => {
    const n = byId.get(id);
    const f = n.callFrame;
    if (!f.url.includes('chrome-extension')) return;
    const key = `${f.functionName || '(anon)'}:${f.lineNumber}:${f.columnNumber}`;
    self.set(key, (self.get(key) ?? 0) + (dts[k + 1] ?? 0) / 1000);
  });
  // Also native children of extension functions
  await page.close();
}
console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([k, v]) => `${(v / 6).toFixed(2)} ms  ${k}`).join('\n'));
await s.close();
