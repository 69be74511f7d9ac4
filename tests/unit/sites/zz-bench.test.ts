import { it } from 'vitest';
import { arxivListing } from '../../../lib/sites/arxiv-listing';
import { loadFixture } from '../fixtures';

it('bench', () => {
  const { html } = loadFixture('arxiv-listing', 'list-hep-ph-new');
  // Build a 2000-entry page by repeating the fixture's first dl's entries.
  const start = html.indexOf("<dl id='articles'>");
  const end = html.lastIndexOf('</dl>') + 5;
  const dls = html.slice(start, end);
  const body = Array.from({ length: Math.ceil(2000 / 15) }, () => dls).join('\n');
  const big = html.slice(0, start) + body + html.slice(end);
  const doc = new DOMParser().parseFromString(big.replace(/<link[^>]*>/g, '').replace(/<script[^>]*>[^<]*<\/script>/g, ''), 'text/html');
  const url = new URL('https://arxiv.org/list/hep-ph/new?show=2000');
  const floor = () => {
    const dts = doc.querySelectorAll('dl > dt');
    const dds = doc.querySelectorAll('dl > dd');
    const out = [];
    for (let i = 0; i < dds.length; i++) {
      const dt = dts[i]!, dd = dds[i]!;
      out.push({
        id: dt.querySelector('a[title=Abstract]')?.textContent,
        pdf: dt.querySelector('a[title="Download PDF"]')?.getAttribute('href'),
        title: dd.querySelector('.list-title')?.textContent,
        authors: Array.from(dd.querySelectorAll('.list-authors a'), (a) => a.textContent),
        abstract: dd.querySelector('p.mathjax')?.textContent,
      });
    }
    return out;
  };
  const time = (f: () => unknown[], n = 5) => {
    let best = Infinity; let len = 0;
    for (let k = 0; k < n; k++) { const t = performance.now(); len = f().length; best = Math.min(best, performance.now() - t); }
    return [best.toFixed(1), len];
  };
  console.log('floor', time(floor), 'adapter', time(() => arxivListing.detect(doc, url)));
});
