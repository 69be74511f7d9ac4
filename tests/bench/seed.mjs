// Realistic paper text for benchmarks: titles and abstracts from the shared Hugging Face trending seed.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const SHARED = process.env.SIFT_SHARED ?? resolve(import.meta.dirname, '../../../shared');

/** [{title, abstract}] read from the seed: a title line followed by its (long) abstract line. */
export function seedPapers() {
  const lines = readFileSync(resolve(SHARED, 'seeds/hf-trending-papers.txt'), 'utf8')
    .split('\n')
    .map((l) => l.replace(/^Subscribe/, '').trim())
    .filter(Boolean);
  const papers = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    if (lines[i].length < 300 && lines[i + 1].length >= 300) {
      papers.push({ title: lines[i], abstract: lines[i + 1] });
      i++;
    }
  }
  return papers;
}

const FIRST = ['Ada', 'Alan', 'Grace', 'Yoshua', 'Fei-Fei', 'Geoffrey', 'Daphne', 'Jürgen', 'Leslie', 'Barbara', 'Yann', 'Andrew'];
const LAST = ['Lovelace', 'Turing', 'Hopper', 'Bengio', 'Li', 'Hinton', 'Koller', 'Schmidhuber', 'Valiant', 'Liskov', 'LeCun', 'Ng'];

export function authorsFor(i) {
  const n = 2 + (i % 5);
  return Array.from({ length: n }, (_, k) => `${FIRST[(i + k) % FIRST.length]} ${LAST[(i * 7 + k) % LAST.length]}`);
}

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An arXiv /new-style listing (current template markup, site-guide §1) with `count` entries. */
export function arxivListingHtml(count) {
  const seed = seedPapers();
  const rows = [];
  for (let i = 0; i < count; i++) {
    const p = seed[i % seed.length];
    const id = `2411.${String(10000 + i)}`;
    const authors = authorsFor(i)
      .map((a) => `<a href="https://arxiv.org/search/cs?searchtype=author&amp;query=${encodeURIComponent(a)}">${esc(a)}</a>`)
      .join(', ');
    rows.push(`<dt><a name="item${i + 1}">[${i + 1}]</a> <a href="/abs/${id}" title="Abstract" id="${id}">arXiv:${id}</a> [<a href="/pdf/${id}" title="Download PDF" id="pdf-${id}">pdf</a>, <a href="/format/${id}" title="Other formats" id="oth-${id}">other</a>]</dt>
<dd><div class="meta">
<div class="list-title mathjax"><span class="descriptor">Title:</span> ${esc(p.title)}${i >= seed.length ? ` (${Math.floor(i / seed.length) + 1})` : ''}</div>
<div class="list-authors">${authors}</div>
<div class="list-subjects"><span class="descriptor">Subjects:</span> <span class="primary-subject">Machine Learning (cs.LG)</span></div>
<p class="mathjax">${esc(p.abstract)}</p>
</div></dd>`);
  }
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Machine Learning new submissions</title></head><body>
<div id="content"><div id="content-inner"><div id="dlpage">
<h1>Machine Learning</h1>
<h3>Showing new listings for Friday, 29 November 2024</h3>
<dl id="articles"><h3>New submissions (showing ${count} of ${count} entries)</h3>
${rows.join('\n')}
</dl></div></div></div></body></html>`;
}
