import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { adapterFor, detectPapers, detectRows, normalizeEntry } from '../../../lib/sites';
import { neurips } from '../../../lib/sites/neurips';
import { expectFixture, fixtureNames, loadFixture, parseHtml } from '../fixtures';
import { firstPass, grownPage, poisonText, type GrownPage } from './known-rows';

// ---------------------------------------------------------------------------------------------
// Builders for synthetic pages (markup of site-guide §8).

const text = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const H1 = '0123456789abcdef0123456789abcdef';
const H2 = 'fedcba9876543210fedcba9876543210';
const H3 = 'aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbb';

const CHROME_TOP = `<nav class="navbar"><a class="navbar-brand" href="/">NeurIPS Proceedings</a>
  <form class="form-inline" action="/papers/search" method="get"><input name="q"><button type="submit">Search</button></form></nav>`;
const CHROME_BOTTOM = `<footer class="footer"><div class="container"><p>Do not remove: This comment is monitored</p></div></footer>`;

function yearPage(year: number, volume: string, items: string): string {
  return `<!doctype html><html><head><title>NeurIPS ${year}</title></head><body>${CHROME_TOP}
  <div class="container-fluid"><div class="col p-3">
    <h4>${volume}</h4>
    <div><a class="btn btn-light btn-spacer" href="/paper_files/paper/${year}/file/front-matter.pdf">Front Matter</a></div>
    <ul class="paper-list">${items}</ul>
  </div></div>${CHROME_BOTTOM}</body></html>`;
}

function item(year: number, hash: string, title: string, authors: string, cls = 'conference', suffix = '-Abstract.html'): string {
  return `<li class="${cls}"><a title="paper title" href="/paper_files/paper/${year}/hash/${hash}${suffix}">${text(title)}</a> <i>${text(authors)}</i></li>`;
}

const V2022 = 'Advances in Neural Information Processing Systems 35  (NeurIPS 2022)';

describe('neurips fixtures', () => {
  const names = fixtureNames('neurips');
  it('has the developer fixtures', () => {
    expect(names.length).toBeGreaterThanOrEqual(2);
  });
  for (const name of names) {
    it(`${name} matches its expected entries`, () => {
      const got = expectFixture('neurips', name);
      expect(got.length).toBe(loadFixture('neurips', name).expected.entryCount);
    });
  }

  it('year list: one row per li, the li is the row element, no PDF and no abstract', () => {
    const { html, expected } = loadFixture('neurips', 'papers-2019');
    const rows = detectRows(parseHtml(html), expected.url)!.rows;
    expect(rows).toHaveLength(25);
    for (const r of rows) {
      expect(r.element.localName).toBe('li');
      expect(r.paper.pdfUrl).toBeUndefined();
      expect(r.paper.abstract).toBeUndefined();
    }
    expect(rows[0]!.element.querySelector('a')?.textContent).toBe(rows[0]!.paper.title);
  });

  it('paper page: the row element is the title heading', () => {
    const { html, expected } = loadFixture('neurips', 'paper-2019-d0921d44');
    const rows = detectRows(parseHtml(html), expected.url)!.rows;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.element.localName).toBe('h4');
    expect(rows[0]!.element.textContent).toBe(expected.entries[0]!.title);
  });
});

describe('neurips URLs', () => {
  it.each([
    'https://proceedings.neurips.cc/paper_files/paper/2019',
    'https://proceedings.neurips.cc/paper_files/paper/2023/',
    'https://proceedings.neurips.cc/paper/2019',
    'https://papers.nips.cc/paper_files/paper/2017',
    'https://papers.nips.cc/paper_files/paper/2019/hash/d0921d442ee91b896ad95059d13df618-Abstract.html',
    'https://proceedings.neurips.cc/paper_files/paper/2022/hash/0123456789abcdef0123456789abcdef-Abstract-Conference.html',
    'https://proceedings.neurips.cc/paper_files/paper/2022/hash/0123456789abcdef0123456789abcdef-Abstract-Datasets_and_Benchmarks.html',
    'https://proceedings.neurips.cc/paper/2020/hash/0123456789abcdef0123456789abcdef-Abstract.html',
    'https://proceedings.neurips.cc/papers/search?q=graph',
  ])('claims %s', (url) => {
    expect(adapterFor(url)).toBe(neurips);
  });

  it.each([
    'https://proceedings.neurips.cc/',
    'https://proceedings.neurips.cc/paper_files/paper/2019/file/d0921d442ee91b896ad95059d13df618-Paper.pdf',
    'https://proceedings.neurips.cc/paper_files/paper/2019/file/d0921d442ee91b896ad95059d13df618-Bibtex.bib',
    'https://proceedings.neurips.cc/paper_files/paper/2019/hash/d0921d44-Abstract.html',
    'https://proceedings.neurips.cc/admin/login',
    'https://nips.cc/virtual/2023/poster/70000',
    'https://example.com/proceedings.neurips.cc/paper_files/paper/2019',
    'https://proceedings.neurips.cc.evil.com/paper_files/paper/2019',
  ])('does not claim %s', (url) => {
    expect(adapterFor(url)).not.toBe(neurips);
  });
});

describe('neurips year list (synthetic)', () => {
  const URL_2022 = 'https://proceedings.neurips.cc/paper_files/paper/2022';

  it('2022 page: both tracks, -Abstract-<Track> links, venue from the volume heading, year from the URL', () => {
    const html = yearPage(
      2022,
      V2022,
      item(2022, H1, 'Main Track Paper', 'Ada Lovelace, Alan Turing', 'conference', '-Abstract-Conference.html') +
        item(2022, H2, 'A Benchmark Paper', 'Grace Hopper', 'datasets_and_benchmarks', '-Abstract-Datasets_and_Benchmarks.html') +
        item(2022, H3, 'Untracked', 'Edsger Dijkstra', 'none'),
    );
    const got = detectPapers(parseHtml(html), URL_2022);
    expect(got).toEqual([
      { title: 'Main Track Paper', authors: ['Ada Lovelace', 'Alan Turing'], ids: { neurips: H1 }, venue: 'Advances in Neural Information Processing Systems 35 (NeurIPS 2022)', year: 2022 },
      { title: 'A Benchmark Paper', authors: ['Grace Hopper'], ids: { neurips: H2 }, venue: 'Advances in Neural Information Processing Systems 35 (NeurIPS 2022)', year: 2022 },
      { title: 'Untracked', authors: ['Edsger Dijkstra'], ids: { neurips: H3 }, venue: 'Advances in Neural Information Processing Systems 35 (NeurIPS 2022)', year: 2022 },
    ]);
  });

  it('a div.paper-content wrapper with span.paper-authors is read the same way', () => {
    const li = `<li class="conference"><div class="paper-content"><a title="paper title" href="/paper_files/paper/2023/hash/${H1}-Abstract-Conference.html">Wrapped Title</a>
      <span class="paper-authors">Ada Lovelace, Alan Turing</span></div></li>`;
    const got = detectPapers(parseHtml(yearPage(2023, 'Advances in Neural Information Processing Systems 36  (NeurIPS 2023)', li)), 'https://proceedings.neurips.cc/paper_files/paper/2023');
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ title: 'Wrapped Title', authors: ['Ada Lovelace', 'Alan Turing'], ids: { neurips: H1 }, year: 2023 });
  });

  it('authors as bare text after the link, and stray whitespace / U+2029 in names', () => {
    const li = `<li class="conference"><a href="/paper_files/paper/2022/hash/${H1}-Abstract-Conference.html">Bare</a> Ada\u2029 Lovelace,  Alan   Turing ,</li>`;
    const li2 = `<li class="conference"><a href="/paper_files/paper/2022/hash/${H2}-Abstract-Conference.html">Spaced</a> <i> \u2029Grace Hopper,\n Kurt Gödel</i></li>`;
    const got = detectPapers(parseHtml(yearPage(2022, V2022, li + li2)), URL_2022);
    expect(got.map((p) => p.authors)).toEqual([
      ['Ada Lovelace', 'Alan Turing'],
      ['Grace Hopper', 'Kurt Gödel'],
    ]);
  });

  it('plain rows: names split on commas with or without a space, empty names dropped', () => {
    const rows = [
      item(2022, H1, 'Spaced', 'Ada Lovelace, Alan Turing', 'conference', '-Abstract-Conference.html'),
      item(2022, H2, 'Tight', 'Ada Lovelace,Alan Turing', 'conference', '-Abstract-Conference.html'),
      item(2022, H3, 'Trailing', 'Ada Lovelace, , Alan Turing, ', 'conference', '-Abstract-Conference.html'),
    ];
    const got = detectPapers(parseHtml(yearPage(2022, V2022, rows.join(''))), URL_2022);
    expect(got.map((p) => p.authors)).toEqual([
      ['Ada Lovelace', 'Alan Turing'],
      ['Ada Lovelace', 'Alan Turing'],
      ['Ada Lovelace', 'Alan Turing'],
    ]);
  });

  it('a row whose link has an empty hash is kept: title, authors, venue, year, its link as the title; no proceedings id', () => {
    const html = yearPage(
      2021,
      'Advances in Neural Information Processing Systems 34  (NeurIPS 2021)',
      item(2021, H1, 'With a hash', 'Ada Lovelace') +
        item(2021, '', 'Without a hash', 'Grace Hopper, Alan Turing', 'datasets_and_benchmarks', '-Abstract-round2.html') +
        // Not an abstract link at all: not an entry.
        item(2021, 'nothex', 'Junk link', 'Nobody'),
    );
    const doc = parseHtml(html);
    const rows = detectRows(doc, 'https://proceedings.neurips.cc/paper_files/paper/2021')!.rows;
    expect(rows.map((r) => r.paper)).toEqual([
      { title: 'With a hash', authors: ['Ada Lovelace'], ids: { neurips: H1 }, venue: 'Advances in Neural Information Processing Systems 34 (NeurIPS 2021)', year: 2021 },
      { title: 'Without a hash', authors: ['Grace Hopper', 'Alan Turing'], ids: {}, venue: 'Advances in Neural Information Processing Systems 34 (NeurIPS 2021)', year: 2021 },
    ]);
    const items = doc.querySelectorAll('ul.paper-list > li');
    expect(rows[1]!.element).toBe(items[1]);
    expect(rows[1]!.title).toBe(items[1]!.querySelector('a'));
    // The same in a wrapper the fast path does not read.
    const wrapped = `<li class="conference"><div class="paper-content"><a href="/paper_files/paper/2021/hash/-Abstract.html">Wrapped, no hash</a>
      <span class="paper-authors">Ada Lovelace</span></div></li>`;
    expect(detectPapers(parseHtml(yearPage(2021, 'NeurIPS 2021', wrapped)), 'https://proceedings.neurips.cc/paper_files/paper/2021')).toEqual([
      { title: 'Wrapped, no hash', authors: ['Ada Lovelace'], ids: {}, venue: 'NeurIPS 2021', year: 2021 },
    ]);
  });

  it('the hash is that of the abstract link even after an earlier "/hash/" in the same href', () => {
    const li = `<li class="conference"><a href="/hash/x/paper_files/paper/2022/hash/${H2}-Abstract-Conference.html">Odd Link</a> <i>Ada Lovelace</i></li>`;
    expect(detectPapers(parseHtml(yearPage(2022, V2022, li)), URL_2022)[0]!.ids).toEqual({ neurips: H2 });
  });

  it('an uppercase hash in the link comes back lowercase', () => {
    const li = item(2022, H1.toUpperCase(), 'Upper', 'A B', 'conference', '-Abstract-Conference.html');
    expect(detectPapers(parseHtml(yearPage(2022, V2022, li)), URL_2022)[0]!.ids).toEqual({ neurips: H1 });
  });

  it('page chrome, the front-matter buttons and junk rows produce no entries', () => {
    const junk =
      `<li class="conference"></li>` + // empty row
      `<li class="conference"><a href="/paper_files/paper/2022/hash/${H2}-Abstract-Conference.html"></a> <i>Nobody</i></li>` + // no title
      `<li class="conference"><a href="/paper_files/paper/2022/file/${H2}-Paper-Conference.pdf">A PDF link</a> <i>Someone</i></li>` + // not an abstract page
      `<li><div><div><span><b><i>deep</i></b></span></div></div></li>` +
      item(2022, H1, 'Real One', 'Ada Lovelace', 'conference', '-Abstract-Conference.html');
    const got = detectPapers(parseHtml(yearPage(2022, V2022, junk)), URL_2022);
    expect(got.map((p) => p.title)).toEqual(['Real One']);
  });

  it('without ul.paper-list, list items linking to abstract pages are still found', () => {
    const html = `<html><body><div><ol><li><a href="/paper_files/paper/2021/hash/${H1}-Abstract.html">Fallback</a> <i>Ada Lovelace</i></li>
      <li><a href="/about">About</a></li></ol></div></body></html>`;
    const got = detectPapers(parseHtml(html), 'https://proceedings.neurips.cc/paper_files/paper/2021');
    expect(got).toEqual([{ title: 'Fallback', authors: ['Ada Lovelace'], ids: { neurips: H1 }, year: 2021 }]);
  });

  it('search results: the year of each entry comes from its link, and no page-wide venue is given', () => {
    const html = yearPage(
      2022,
      'Search results',
      item(2019, H1, 'Old One', 'Ada Lovelace') + item(2022, H2, 'New One', 'Alan Turing', 'conference', '-Abstract-Conference.html'),
    ).replace('<h4>Search results</h4>', '<h4>Advances in Neural Information Processing Systems 35 (NeurIPS 2022)</h4>');
    const got = detectPapers(parseHtml(html), 'https://proceedings.neurips.cc/papers/search?q=one');
    expect(got).toEqual([
      { title: 'Old One', authors: ['Ada Lovelace'], ids: { neurips: H1 }, year: 2019 },
      { title: 'New One', authors: ['Alan Turing'], ids: { neurips: H2 }, year: 2022 },
    ]);
  });

  it('a title containing markup comes back as literal text and creates no element', () => {
    const evil = '<img src=x onerror=alert(1)> Evil & Co';
    const doc = parseHtml(yearPage(2022, V2022, item(2022, H1, evil, '<b>Mallory</b>', 'conference', '-Abstract-Conference.html')));
    const imgs = doc.querySelectorAll('img').length;
    const got = detectPapers(doc, URL_2022);
    expect(got[0]!.title).toBe(evil);
    expect(got[0]!.authors).toEqual(['<b>Mallory</b>']);
    expect(doc.querySelectorAll('img').length).toBe(imgs);
    expect(doc.querySelector('img[src="x"], b')).toBeNull();
  });

  it('2,000 rows: linear, with a fixed number of document-wide queries, and the page is untouched', () => {
    const n = 2000;
    let items = '';
    for (let i = 0; i < n; i++) {
      const hash = (i.toString(16).padStart(8, '0') + H1).slice(0, 32);
      items += item(2023, hash, `Paper ${i}`, `Author ${i}, Second ${i}`, i % 7 === 0 ? 'datasets_and_benchmarks' : 'conference', '-Abstract-Conference.html');
    }
    const doc = parseHtml(yearPage(2023, 'Advances in Neural Information Processing Systems 36  (NeurIPS 2023)', items));
    const before = doc.body.innerHTML.length;
    const qsa = vi.spyOn(doc, 'querySelectorAll');
    const qs = vi.spyOn(doc, 'querySelector');
    const rows = detectRows(doc, 'https://proceedings.neurips.cc/paper_files/paper/2023')!.rows;
    expect(rows).toHaveLength(n);
    expect(rows[n - 1]!.paper).toMatchObject({ title: `Paper ${n - 1}`, authors: [`Author ${n - 1}`, `Second ${n - 1}`], year: 2023 });
    expect(qsa.mock.calls.length + qs.mock.calls.length).toBeLessThanOrEqual(4);
    expect(doc.body.innerHTML.length).toBe(before);
  }, 60_000); // building and parsing the big page is slow under happy-dom
});

describe('neurips paper page (synthetic)', () => {
  const URL_P = `https://proceedings.neurips.cc/paper_files/paper/2022/hash/${H1}-Abstract-Conference.html`;

  function paperPage(opts: { head?: string; body: string }): string {
    return `<!doctype html><html><head><title>T</title>${opts.head ?? ''}</head><body>${CHROME_TOP}
      <div class="container-fluid"><div class="col p-3">${opts.body}</div></div>${CHROME_BOTTOM}</body></html>`;
  }

  const buttons = `<div><a class="btn btn-light btn-spacer" href="/paper_files/paper/2022/file/${H1}-Bibtex-Conference.bib">Bibtex</a>
    <a class="btn btn-primary btn-spacer" href="/paper_files/paper/2022/file/${H1}-Paper-Conference.pdf">Paper</a>
    <a class="btn btn-light btn-spacer" href="/paper_files/paper/2022/file/${H1}-Supplemental-Conference.zip">Supplemental</a></div>`;

  it('2022 layout: abstract right after its heading, track text after the volume link, PDF from the Paper button', () => {
    const html = paperPage({
      body: `<h4>A 2022 Paper</h4>
        <p>Part of <a href="/paper_files/paper/2022">Advances in Neural Information Processing Systems 35  (NeurIPS 2022)</a> Main Conference Track</p>
        ${buttons}
        <h4>Authors</h4><p><i>Ada Lovelace, Alan Turing</i></p>
        <h4>Abstract</h4><p>First paragraph with $x^2$.</p><p>Second paragraph.</p>`,
    });
    const got = detectPapers(parseHtml(html), URL_P);
    expect(got).toEqual([
      {
        title: 'A 2022 Paper',
        authors: ['Ada Lovelace', 'Alan Turing'],
        ids: { neurips: H1 },
        pdfUrl: `https://proceedings.neurips.cc/paper_files/paper/2022/file/${H1}-Paper-Conference.pdf`,
        abstract: 'First paragraph with $x^2$. Second paragraph.',
        venue: 'Advances in Neural Information Processing Systems 35 (NeurIPS 2022)',
        year: 2022,
      },
    ]);
  });

  it('without the authors block, citation_author metas are used ("Last, First" turned around)', () => {
    const html = paperPage({
      head: `<meta name="citation_title" content="Meta Title"><meta name="citation_author" content="Lovelace, Ada"><meta name="citation_author" content="Alan Turing">
        <meta name="citation_pdf_url" content="https://proceedings.neurips.cc/paper_files/paper/2022/file/${H1}-Paper-Conference.pdf">`,
      body: `<div class="paper-section"><h4>Abstract</h4><p></p><p>Only abstract.</p><p></p></div>`,
    });
    const got = detectPapers(parseHtml(html), URL_P);
    expect(got[0]).toMatchObject({ title: 'Meta Title', authors: ['Ada Lovelace', 'Alan Turing'], abstract: 'Only abstract.', year: 2022 });
    expect(got[0]!.pdfUrl).toBe(`https://proceedings.neurips.cc/paper_files/paper/2022/file/${H1}-Paper-Conference.pdf`);
  });

  it('a page without an abstract has no abstract field; the hash always comes from the URL', () => {
    const html = paperPage({ body: `<h4>No Abstract Here</h4>${buttons}<h4>Authors</h4><p><i>Ada Lovelace</i></p>` });
    const got = detectPapers(parseHtml(html), URL_P);
    expect(got).toHaveLength(1);
    expect(got[0]!.abstract).toBeUndefined();
    expect(got[0]!.ids).toEqual({ neurips: H1 });
  });

  it('an error page at a paper URL yields nothing', () => {
    const html = `<html><head><title>404 Not Found</title></head><body><p>Not Found</p></body></html>`;
    expect(detectPapers(parseHtml(html), URL_P)).toEqual([]);
  });

  it('hostile text in the title and abstract stays text', () => {
    const html = paperPage({
      body: `<h4>${text('<script>alert(1)</script> T')}</h4><h4>Authors</h4><p><i>A B</i></p><h4>Abstract</h4><p>${text('<img src=x onerror=alert(1)>')}</p>`,
    });
    const doc = parseHtml(html);
    const got = detectPapers(doc, URL_P);
    expect(got[0]!.title).toBe('<script>alert(1)</script> T');
    expect(got[0]!.abstract).toBe('<img src=x onerror=alert(1)>');
    expect(doc.querySelector('script, img')).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// Re-detection with `known` (rows read on an earlier pass are skipped before their text is read).

describe('neurips re-detection with known rows', () => {
  const URL_2022 = 'https://proceedings.neurips.cc/paper_files/paper/2022';
  const VENUE = 'Advances in Neural Information Processing Systems 35 (NeurIPS 2022)';
  const hash = (i: number): string => i.toString(16).padStart(32, 'c');
  const items = (from: number, to: number): string => {
    let out = '';
    for (let i = from; i <= to; i++) out += item(2022, hash(i), `Paper ${i}`, `Author ${i}, Other ${i}`, 'conference', '-Abstract-Conference.html');
    return out;
  };
  const expectedPaper = (i: number) => ({ title: `Paper ${i}`, authors: [`Author ${i}`, `Other ${i}`], ids: { neurips: hash(i) }, venue: VENUE, year: 2022 });
  /** A year page with rows 1-4, read once; then rows 5-7 appended to the list. */
  const grown = (): GrownPage =>
    grownPage(parseHtml(yearPage(2022, V2022, items(1, 4))), URL_2022, 4, (doc) => doc.querySelector('ul.paper-list')!.insertAdjacentHTML('beforeend', items(5, 7)));

  it('the fixture year list with every row known: no rows, and the adapter itself returns none', () => {
    const { html, expected } = loadFixture('neurips', 'papers-2019');
    const doc = parseHtml(html);
    const { rows: first, known } = firstPass(doc, expected.url);
    expect(first).toHaveLength(expected.entryCount);
    expect(detectRows(doc, expected.url, { known })!.rows).toEqual([]);
    expect(neurips.detect(doc, new URL(expected.url), { known })).toEqual([]);
  });

  it('the fixture paper page: its one row element, once known, is dropped', () => {
    const { html, expected } = loadFixture('neurips', 'paper-2019-d0921d44');
    const doc = parseHtml(html);
    const first = detectRows(doc, expected.url)!.rows;
    expect(first).toHaveLength(1);
    expect(detectRows(doc, expected.url, { known: (row) => row === first[0]!.element })!.rows).toEqual([]);
  });

  it('after rows are appended, a second pass yields exactly the new ones, in page order, with the volume venue', () => {
    const { doc, known } = grown();
    const rows = detectRows(doc, URL_2022, { known })!.rows;
    expect(rows.map((r) => r.paper)).toEqual([expectedPaper(5), expectedPaper(6), expectedPaper(7)]);
    expect(rows.map((r) => r.element)).toEqual([...doc.querySelectorAll('ul.paper-list > li')].slice(4));
    // the adapter skips them itself, not only the registry
    expect(neurips.detect(doc, new URL(URL_2022), { known }).map((r) => r.paper.ids.neurips)).toEqual([hash(5), hash(6), hash(7)]);
  });

  it('never reads the text of known rows', () => {
    const { doc, first, known } = grown();
    const reads: string[] = [];
    poisonText(first, reads);
    const rows = detectRows(doc, URL_2022, { known })!.rows;
    expect(reads).toEqual([]);
    expect(rows.map((r) => r.paper)).toEqual([expectedPaper(5), expectedPaper(6), expectedPaper(7)]);
    // control: without `known` the same rows are read, so the poison would have been seen
    const all = detectRows(doc, URL_2022)!.rows;
    expect(reads.length).toBeGreaterThan(0);
    expect(all[0]!.paper.title).toContain('POISONED');
  });
});

// ---------------------------------------------------------------------------------------------
// Rows the adapter hands over in normal form skip the registry's normalizeEntry: that must change nothing.

describe('neurips rows already in normal form', () => {
  const URL_2022 = 'https://proceedings.neurips.cc/paper_files/paper/2022';
  const hash = (i: number): string => i.toString(16).padStart(32, 'd');
  const rowsOf = (html: string) => neurips.detect(parseHtml(html), new URL(URL_2022));

  it('a clean row is marked, and normalizeEntry would keep it exactly as it is', () => {
    const [row] = rowsOf(yearPage(2022, V2022, item(2022, hash(1), 'Clean Title & <More>', 'Ada Lovelace, Alan Turing')));
    expect(row!.normalized).toBe(true);
    expect(normalizeEntry(structuredClone(row!.paper))).toEqual(row!.paper);
  });

  it('rows with stray whitespace, a long author line or an overlong venue are left to the registry', () => {
    const rows = rowsOf(
      yearPage(
        2022,
        V2022,
        item(2022, hash(1), 'Two  Spaces', 'Ada Lovelace') +
          item(2022, hash(2), 'Fine', 'Ada  Lovelace, Alan Turing') +
          item(2022, hash(3), 'Fine', Array.from({ length: 60 }, (_, i) => `Author Number${i}`).join(', ')),
      ),
    );
    expect(rows.map((r) => r.normalized)).toEqual([false, false, false]);
    const longVenue = rowsOf(yearPage(2022, `NeurIPS ${'x'.repeat(600)}`, item(2022, hash(4), 'Fine', 'Ada Lovelace')));
    expect(longVenue[0]!.normalized).toBe(false);
    expect(detectPapers(parseHtml(yearPage(2022, `NeurIPS ${'x'.repeat(600)}`, item(2022, hash(4), 'Fine', 'Ada Lovelace'))), URL_2022)[0]!.venue).toHaveLength(500);
  });

  it('any title and author line: a row marked normal is one normalizeEntry returns unchanged (property)', () => {
    const piece = fc.constantFrom('Ada', 'Lovelace', 'Ünïcode', '&', '<b>', ' ', '  ', ',', ', ', '\t', '\n', '\u00a0', '\u2029', '\u0001', 'x');
    const text = fc.array(piece, { minLength: 1, maxLength: 12 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.array(fc.tuple(text, text, fc.boolean()), { minLength: 1, maxLength: 8 }), (entries) => {
        // Some links with an empty hash: those rows take the same path.
        const html = yearPage(2022, V2022, entries.map(([title, authors, empty], i) => item(2022, empty ? '' : hash(i), title, authors)).join(''));
        for (const row of rowsOf(html)) {
          if (row.normalized) expect(normalizeEntry(structuredClone(row.paper))).toEqual(row.paper);
        }
        // And the registry's answer is that of normalising every row.
        const expected = rowsOf(html).flatMap((r) => normalizeEntry(r.paper) ?? []);
        expect(detectPapers(parseHtml(html), URL_2022)).toEqual(expected);
      }),
    );
  });
});
