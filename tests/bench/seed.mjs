// Realistic paper text for benchmarks: titles and abstracts from the Hugging Face trending seed (tests/fixtures/seeds).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const FIXTURES = resolve(import.meta.dirname, '../fixtures');

/** [{title, abstract}] read from the seed: a title line followed by its (long) abstract line. */
export function seedPapers() {
  const lines = readFileSync(resolve(FIXTURES, 'seeds/hf-trending-papers.txt'), 'utf8')
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

const hex32 = (i) => (i.toString(16).padStart(8, '0') + 'a1b2c3d4e5f60718293a4b5c').padEnd(32, '0').slice(0, 32);

/** A NeurIPS year list (site-guide §8) with `count` entries, in the shell of the shared fixture. */
export function neuripsListHtml(count) {
  const shell = readFileSync(resolve(FIXTURES, 'neurips/papers-2019.html'), 'utf8');
  const seed = seedPapers();
  const items = [];
  for (let i = 0; i < count; i++) {
    const title = esc(`${seed[i % seed.length].title}${i >= seed.length ? ` (${Math.floor(i / seed.length) + 1})` : ''}`);
    items.push(`<li class="conference"><a title="paper title" href="/paper_files/paper/2019/hash/${hex32(i)}-Abstract.html">${title}</a> <i>${authorsFor(i).map(esc).join(', ')}</i></li>`);
  }
  const start = shell.indexOf('<ul class="paper-list">') + '<ul class="paper-list">'.length;
  const end = shell.indexOf('</ul>', start);
  return shell.slice(0, start) + '\n' + items.join('\n') + '\n' + shell.slice(end);
}

/** A dblp search result page (site-guide §10) with `count` CoRR entries, built from one entry of the shared fixture. */
export function dblpSearchHtml(count) {
  const shell = readFileSync(resolve(FIXTURES, 'dblp/search-llm-inference.html'), 'utf8');
  const start = shell.indexOf('<li class="entry informal toc" id="journals/corr/abs-2412-17560"');
  const end = shell.indexOf('<li class="entry', start + 1);
  const template = shell.slice(start, end);
  const title = /<span class="title" itemprop="name">[^<]*<\/span>/;
  const seed = seedPapers();
  const items = [];
  for (let i = 0; i < count; i++) {
    const id = `2411.${String(10000 + i)}`;
    const t = esc(`${seed[i % seed.length].title}${i >= seed.length ? ` (${Math.floor(i / seed.length) + 1})` : ''}`);
    items.push(
      template
        .replaceAll('2412.17560', id)
        .replaceAll('2412-17560', id.replace('.', '-'))
        .replace(title, `<span class="title" itemprop="name">${t}.</span>`),
    );
  }
  const listStart = shell.indexOf('<ul class="publ-list"');
  const listOpenEnd = shell.indexOf('>', listStart) + 1;
  const listEnd = shell.indexOf('</ul></div></div></div>', listOpenEnd);
  return shell.slice(0, listOpenEnd) + '<li class="year">2024</li>' + items.join('') + shell.slice(listEnd);
}

const MORE_FIRST = ['Wei', 'Hao', 'Maria', 'Ahmed', 'Sofia', 'Kenji', 'Priya', 'Lucas', 'Olga', 'Chen', 'Fatima', 'Mateo', 'Ines', 'Jun', 'Amara', 'Tomasz'];
const MORE_LAST = ['Zhang', 'Wang', 'Garcia', 'Müller', 'Nguyen', 'Kim', 'Singh', 'Rossi', 'Kowalski', 'Silva', 'Okafor', 'Schölkopf', 'Tanaka', 'Dubois', 'Ivanova', 'Haddad', 'Larsen', 'Moreau'];
const VENUES = ['NeurIPS', 'ICML', 'ICLR', 'ACL', 'EMNLP', 'CVPR', 'ICCV', 'AAAI', 'KDD', 'arXiv'];
const TAGS = ['to read', 'llm', 'systems', 'theory', 'vision', 'rl', 'survey', 'benchmark'];

/**
 * `count` library records in the stored shape (lib/paper.ts PaperRecord), varied so that a
 * 50,000-paper library is not 250 copies of the same papers: titles and abstracts are recombined
 * from the seed's, authors drawn from a larger pool, statuses, tags and dates spread.
 */
export function libraryRecords(count, now = Date.now()) {
  const seed = seedPapers();
  const sentences = seed.flatMap((p) => p.abstract.split(/(?<=\.)\s+/));
  const words = seed.flatMap((p) => p.title.split(/\s+/));
  const out = [];
  let queuePos = 0;
  for (let i = 0; i < count; i++) {
    const base = seed[i % seed.length];
    const other = seed[(i * 7 + 3) % seed.length];
    const title = `${base.title.split(' ').slice(0, 5).join(' ')} ${words[(i * 31) % words.length]} ${other.title.split(' ').slice(-3).join(' ')}`;
    const abstract = [0, 1, 2, 3, 4, 5].map((k) => sentences[(i * 13 + k * 101 + (i >> 5)) % sentences.length]).join(' ');
    const n = 2 + (i % 6);
    const authors = Array.from({ length: n }, (_, k) => `${MORE_FIRST[(i + k * 5) % MORE_FIRST.length]} ${MORE_LAST[(i * 3 + k * 7) % MORE_LAST.length]}`);
    const arxiv = `${String(20 + (i % 5))}${String((i % 12) + 1).padStart(2, '0')}.${String(10000 + (i % 90000)).padStart(5, '0')}`;
    const r = i % 100;
    const status = r < 70 ? 'inbox' : r < 80 ? 'saved' : r < 82 ? 'queued' : r < 84 ? 'reading' : r < 92 ? 'read' : 'skipped';
    const seenAt = now - ((i * 7919) % (730 * 86400)) * 1000;
    const tags = i % 7 === 0 ? [TAGS[i % TAGS.length]] : i % 23 === 0 ? [TAGS[i % TAGS.length], TAGS[(i + 3) % TAGS.length]] : [];
    const record = {
      id: `bench-${i}`,
      keys: [`arxiv:${arxiv}`, `title:${title.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim()}|${authors[0].split(' ').pop().toLowerCase()}`],
      ids: { arxiv },
      title,
      authors,
      abstract,
      venue: VENUES[i % VENUES.length],
      year: 2020 + (i % 5),
      pdfUrl: `https://arxiv.org/pdf/${arxiv}`,
      status,
      tags,
      addedAt: seenAt,
      lastSeenAt: seenAt,
      updatedAt: seenAt,
      sightings: [{ url: 'https://arxiv.org/list/cs.LG/new', site: 'arxiv', at: seenAt }],
    };
    if (status !== 'inbox') record.statusChangedAt = seenAt;
    if (status === 'queued') record.queuePos = ++queuePos;
    if (i % 50 === 0) record.note = `Compare with ${other.title.split(' ').slice(0, 3).join(' ')}.`;
    out.push(record);
  }
  return out;
}
