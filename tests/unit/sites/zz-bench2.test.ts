import { it } from 'vitest';
import { loadFixture } from '../fixtures';
import { readText, readAuthorLinks, textNoLabel, hasClass } from '../../../lib/sites/arxiv-listing';
import { normalizeArxivId } from '../../../lib/ids';
import { absoluteUrl, cleanText } from '../../../lib/text';

it('bench2', () => {
  const { html } = loadFixture('arxiv-listing', 'list-hep-ph-new');
  const start = html.indexOf("<dl id='articles'>");
  const end = html.lastIndexOf('</dl>') + 5;
  const dls = html.slice(start, end);
  const body = Array.from({ length: Math.ceil(2000 / 15) }, () => dls).join('\n');
  const big = html.slice(0, start) + body + html.slice(end);
  const doc = new DOMParser().parseFromString(big.replace(/<link[^>]*>/g, '').replace(/<script[^>]*>[^<]*<\/script>/g, ''), 'text/html');
  const dds = Array.from(doc.querySelectorAll('dl > dd'));
  const dts = Array.from(doc.querySelectorAll('dl > dt'));
  const t = (name: string, f: () => void) => { let best = Infinity; for (let k = 0; k < 5; k++) { const s = performance.now(); f(); best = Math.min(best, performance.now() - s); } console.log(name, best.toFixed(1)); };
  t('dd.children meta', () => { for (const dd of dds) { const c = dd.children; for (let i = 0; i < c.length; i++) hasClass(c[i]!.getAttribute('class'), 'meta'); } });
  t('meta children[] getAttr', () => { for (const dd of dds) { const m = dd.children[0]!; const ch = m.children; for (let i = 0; i < ch.length; i++) hasClass(ch[i]!.getAttribute('class'), 'list-title'); } });
  t('title textNoLabel', () => { for (const dd of dds) textNoLabel(dd.querySelector('.list-title')); });
  t('authors', () => { for (const dd of dds) readAuthorLinks(dd.querySelector('.list-authors')!); });
  t('authors qsa', () => { for (const dd of dds) Array.from(dd.querySelectorAll('.list-authors a'), (a) => a.textContent); });
  t('abstract readText+clean', () => { for (const dd of dds) cleanText(readText(dd.querySelector('p')!)); });
  t('dt children', () => { for (const dt of dts) { const l = dt.children; for (let i = 0; i < l.length; i++) l[i]!.getAttribute('href'); } });
  t('dt textContent', () => { for (const dt of dts) dt.textContent; });
  t('normalizeArxivId', () => { for (const dt of dts) normalizeArxivId(dt.children[1]!.textContent); });
  t('absoluteUrl', () => { for (const dt of dts) absoluteUrl('/pdf/0704.0001', 'https://arxiv.org/list/x/new'); });
  t('childNodes text', () => { for (const dd of dds) { const n = dd.childNodes; for (let i = 0; i < n.length; i++) n[i]!.nodeType; } });
});
