import { describe, expect, it, vi } from 'vitest';
import { adapterFor, detectPapers, detectRows } from '../../../lib/sites';
import { keyYear, pmlr, splitAuthors } from '../../../lib/sites/pmlr';
import { expectFixture, fixtureNames, loadFixture, parseHtml } from '../fixtures';
import { firstPass, grownPage, poisonText, type GrownPage } from './known-rows';

// ---------------------------------------------------------------------------------------------
// Builders for synthetic pages (markup after site-guide §7 and the jekyll-theme includes it cites).

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

interface Item {
  vol?: string;
  key: string;
  title: string; // raw HTML
  authors?: string[]; // raw HTML names
  venue?: string;
  pages?: string;
  pdf?: string | null; // null: no PDF link
  extra?: string; // raw HTML of extra links
}

function paperDiv(it: Item): string {
  const vol = it.vol ?? 'v235';
  const pdf = it.pdf === null ? '' : `[<a href="${it.pdf ?? `https://proceedings.mlr.press/${vol}/${it.key}/${it.key}.pdf`}" target="_blank" onclick="ga('send', 'event', 'PDF Downloads', 'Download', 'x', 10);">Download PDF</a>]`;
  return `
<div class="paper">
  <p class="title">${it.title}</p>
  <p class="details">
    <span class="authors">${(it.authors ?? []).join(',&nbsp;')}</span>;
    <span class="info"><i>${it.venue ?? 'Proceedings of the 41st International Conference on Machine Learning'}</i>, PMLR ${vol.slice(1)}:${it.pages ?? '1-10'}</span>
  </p>
  <p class="links">
    [<a href="https://proceedings.mlr.press/${vol}/${it.key}.html">abs</a>]
    ${pdf}${it.extra ?? ''}
  </p>
</div>`;
}

function volumePage(header: string, body: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Proceedings of Machine Learning Research</title></head><body>
<header class="site-header"><div class="wrapper"><a class="site-title" href="/">Proceedings of Machine Learning Research</a>
<nav class="site-nav"><div class="trigger"><a class="page-link" href="https://proceedings.mlr.press/v235/">Volume 235</a><a class="page-link" href="/faq.html">FAQ</a></div></nav></div></header>
<main class="page-content" aria-label="Content"><div class="wrapper">
${header}
<p>[<a href="./assets/bib/bibliography.bib" target="_blank">bib</a>][<a href="./assets/bib/citeproc.yaml" target="_blank">citeproc</a>]</p>
<div id="sectionnav"><p><label for="search-authors">Filter Authors:</label><input type="search" id="search-authors" value /></p></div>
${body}
</div></main>
<footer class="site-footer"><div class="wrapper"><p>This site last compiled Mon, 01 Jul 2024</p></div></footer></body></html>`;
}

// ---------------------------------------------------------------------------------------------

describe('pmlr fixtures', () => {
  const names = fixtureNames('pmlr');

  it('has the developer fixtures', () => {
    expect(names).toEqual(expect.arrayContaining(['v235-abhyankar24a', 'v235-volume']));
  });

  for (const name of names) {
    it(`${name} matches its expected entries`, () => {
      expect(expectFixture('pmlr', name).length).toBeGreaterThan(0);
    });
  }

  it('volume: one row per div.paper, in page order; the editors line is not an entry; page untouched', () => {
    const { html, expected } = loadFixture('pmlr', 'v235-volume');
    const doc = parseHtml(html);
    const before = doc.documentElement.outerHTML;
    const res = detectRows(doc, expected.url)!;
    expect(res.site).toBe('pmlr');
    expect(res.rows).toHaveLength(expected.entryCount);
    expect(res.rows.map((r) => r.element)).toEqual([...doc.querySelectorAll('div.paper')]);
    expect(res.rows.some((r) => r.paper.authors.includes('Ruslan Salakhutdinov'))).toBe(false);
    expect(res.rows.every((r) => !r.paper.frontMatter)).toBe(true);
    expect(doc.documentElement.outerHTML).toBe(before);
  });

  it('paper: one entry (the BibTeX block repeats the metadata but adds nothing)', () => {
    const { html, expected } = loadFixture('pmlr', 'v235-abhyankar24a');
    const doc = parseHtml(html);
    const rows = detectRows(doc, expected.url)!.rows;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.element).toBe(doc.querySelector('article.post-content'));
    // the <b> inside the abstract contributes its text, not its markup
    expect(rows[0]!.paper.abstract).toContain('This paper presents InferCept, the first LLM inference framework targeting augmented LLMs and supporting');
  });
});

describe('pmlr URLs', () => {
  const claimed = [
    'https://proceedings.mlr.press/v235/',
    'https://proceedings.mlr.press/v235',
    'https://proceedings.mlr.press/v235/index.html',
    'http://proceedings.mlr.press/v9/',
    'https://proceedings.mlr.press/r1/',
    'https://proceedings.mlr.press/v235/abhyankar24a.html',
    'https://proceedings.mlr.press/v235/abad-rocamora24a.html',
    'http://proceedings.mlr.press/v9/glorot10a.html',
    'https://proceedings.mlr.press/v235/abhyankar24a.html#abstract',
  ];
  const refused = [
    'https://proceedings.mlr.press/',
    'https://proceedings.mlr.press/faq.html',
    'https://proceedings.mlr.press/spec.html',
    'https://proceedings.mlr.press/v235/abhyankar24a/abhyankar24a.pdf',
    'https://proceedings.mlr.press/v235/assets/bib/bibliography.bib',
    'https://proceedings.mlr.press/v235/assets/rss/feed.xml',
    'https://proceedings.mlr.press/v235/abhyankar24a/',
    'https://proceedings.mlr.press.evil.com/v235/',
    'https://evil.com/proceedings.mlr.press/v235/',
    'https://www.jmlr.org/papers/v25/23-0001.html',
  ];
  it.each(claimed)('claims %s', (url) => {
    expect(adapterFor(url)).toBe(pmlr);
  });
  it.each(refused)('refuses %s', (url) => {
    expect(pmlr.urls.some((re) => re.test(url))).toBe(false);
  });
});

describe('pmlr helpers', () => {
  it('splits authors on the theme separator, keeping commas inside a name when it is used', () => {
    expect(splitAuthors('Ada Lovelace,\u00a0Alan Turing')).toEqual(['Ada Lovelace', 'Alan Turing']);
    expect(splitAuthors('Sammy Davis, Jr.,\u00a0Alan Turing')).toEqual(['Sammy Davis, Jr.', 'Alan Turing']);
    expect(splitAuthors('Ada Lovelace, Alan Turing')).toEqual(['Ada Lovelace', 'Alan Turing']);
    expect(splitAuthors(' , ')).toEqual([]);
  });
  it('reads the year a key implies', () => {
    expect(keyYear('abhyankar24a')).toBe(2024);
    expect(keyYear('glorot10a')).toBe(2010);
    expect(keyYear('cheeseman95a')).toBe(1995);
    expect(keyYear('preface')).toBeUndefined();
  });
});

describe('pmlr volume variants', () => {
  it('an old volume: Preface marked as front matter, en-dash names, arXiv and supplementary links, sections', () => {
    const url = 'https://proceedings.mlr.press/v9/';
    const venue = 'Proceedings of the Thirteenth International Conference on Artificial Intelligence and Statistics';
    const html = volumePage(
      `<h2>Volume 9: International Conference on Artificial Intelligence and Statistics, 13-15 May 2010, Chia Laguna Resort, Sardinia, Italy</h2>
       <p><strong>Editors: Yee Whye Teh,&nbsp;Mike Titterington</strong></p>`,
      `<h3 id="preface"></h3>` +
        paperDiv({ vol: 'v9', key: 'teh10a', title: 'Preface', authors: ['Yee Whye Teh', 'Mike Titterington'], venue, pages: 'i-ii' }) +
        `<h3 id="papers">Papers</h3>` +
        paperDiv({
          vol: 'v9',
          key: 'glorot10a',
          title: 'Understanding the difficulty of training deep feedforward neural networks',
          authors: ['Xavier Glorot', 'Yoshua Bengio'],
          venue,
          pages: '249-256',
          extra: '[<a href="https://proceedings.mlr.press/v9/glorot10a/glorot10a-supp.pdf">Supplementary Material</a>][<a href="https://arxiv.org/abs/1001.0001v2">arXiv version</a>][<a href="https://github.com/x/y">Software</a>]',
        }) +
        paperDiv({ vol: 'v9', key: 'grosse-wentrup10a', title: 'Causal <em>inference</em> with $\\alpha$-mixing', authors: ['Moritz Grosse–Wentrup'], venue }),
    );
    const rows = detectRows(parseHtml(html), url)!.rows;
    expect(rows.map((r) => r.paper.ids.pmlr)).toEqual(['teh10a', 'glorot10a', 'grosse-wentrup10a']);
    expect(rows[0]!.paper.frontMatter).toBe(true);
    expect(rows[1]!.paper).toEqual({
      title: 'Understanding the difficulty of training deep feedforward neural networks',
      authors: ['Xavier Glorot', 'Yoshua Bengio'],
      ids: { pmlr: 'glorot10a', arxiv: '1001.0001' },
      pdfUrl: 'https://proceedings.mlr.press/v9/glorot10a/glorot10a.pdf',
      venue,
      year: 2010,
    });
    expect(rows[2]!.paper).toMatchObject({ title: 'Causal inference with $\\alpha$-mixing', authors: ['Moritz Grosse–Wentrup'] });
  });

  it('a PDF hosted on GitHub is the paper PDF; a supplementary PDF alone is not', () => {
    const url = 'https://proceedings.mlr.press/v235/';
    const html = volumePage(
      '<h2>Volume 235: International Conference on Machine Learning, 21-27 July 2024, Vienna, Austria</h2>',
      paperDiv({ key: 'wu24d', title: 'Ditto', authors: ['Haoqi Wu'], pdf: 'https://raw.githubusercontent.com/mlresearch/v235/main/assets/wu24d/wu24d.pdf' }) +
        paperDiv({ key: 'nopdf24a', title: 'Only supplementary', authors: ['Sam Supp'], pdf: null, extra: '[<a href="https://proceedings.mlr.press/v235/nopdf24a/nopdf24a-supp.pdf">Supplementary PDF</a>]' }),
    );
    const papers = detectPapers(parseHtml(html), url);
    expect(papers.map((p) => p.pdfUrl)).toEqual(['https://raw.githubusercontent.com/mlresearch/v235/main/assets/wu24d/wu24d.pdf', undefined]);
    expect(papers.map((p) => p.year)).toEqual([2024, 2024]);
  });

  it('without a volume header, the year comes from the key', () => {
    const html = volumePage('', paperDiv({ vol: 'v80', key: 'smith18b', title: 'T', authors: ['A B'] }));
    expect(detectPapers(parseHtml(html), 'https://proceedings.mlr.press/v80/')[0]).toMatchObject({ year: 2018, ids: { pmlr: 'smith18b' } });
  });
});

describe('pmlr paper page variants', () => {
  it('without meta tags: h1, span.authors, div#info, div#abstract and the extras links', () => {
    const url = 'https://proceedings.mlr.press/v9/glorot10a.html';
    const html = `<!DOCTYPE html><html><head><title>Understanding</title></head><body><main class="page-content"><div class="wrapper">
      <article class="post-content">
      <h1>Understanding the difficulty of training deep feedforward neural networks</h1><span class="authors">Xavier Glorot,&nbsp;Yoshua Bengio</span>
      <div id="info"><i>Proceedings of the Thirteenth International Conference on Artificial Intelligence and Statistics</i>,&nbsp;PMLR 9:249-256,&nbsp;2010.</div>
      <h4>Abstract</h4><div id="abstract" class="abstract">Whereas before 2006 it appears that deep <em>multi-layer</em> neural networks were not successfully trained, $\\tanh$ units saturate.</div>
      <h4>Cite this Paper</h4><div class="citecode" id="bibtex">@InProceedings{pmlr-v9-glorot10a, title = {Understanding the difficulty}, author = {Glorot, Xavier and Bengio, Yoshua}}</div>
      <div class="citecode" id="apa">Glorot, X. &amp; Bengio, Y.. (2010). Understanding the difficulty.</div>
      <h4>Related Material</h4><div id="extras"><ul>
        <li><a href="http://proceedings.mlr.press/v9/glorot10a/glorot10a.pdf">Download PDF</a></li>
        <li><a href="https://proceedings.mlr.press/v9/glorot10a/glorot10a-supp.pdf">Supplementary PDF</a></li>
        <li><a href="https://openreview.net/forum?id=Abc-123_x">OpenReview</a></li></ul></div>
      </article></div></main></body></html>`;
    const rows = detectRows(parseHtml(html), url)!.rows;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.paper).toEqual({
      title: 'Understanding the difficulty of training deep feedforward neural networks',
      authors: ['Xavier Glorot', 'Yoshua Bengio'],
      ids: { pmlr: 'glorot10a', openreview: 'Abc-123_x' },
      pdfUrl: 'http://proceedings.mlr.press/v9/glorot10a/glorot10a.pdf',
      abstract: 'Whereas before 2006 it appears that deep multi-layer neural networks were not successfully trained, $\\tanh$ units saturate.',
      venue: 'Proceedings of the Thirteenth International Conference on Artificial Intelligence and Statistics',
      year: 2010,
    });
  });

  it('the Preface page is marked front matter', () => {
    const html = `<html><head><meta name="citation_title" content="Preface"><meta name="citation_author" content="Yee Whye Teh"></head>
      <body><article class="post-content"><h1>Preface</h1></article></body></html>`;
    const papers = detectPapers(parseHtml(html), 'https://proceedings.mlr.press/v9/teh10a.html');
    expect(papers).toHaveLength(1);
    expect(papers[0]).toMatchObject({ title: 'Preface', frontMatter: true, ids: { pmlr: 'teh10a' } });
  });

  it('a DOI in citation_doi is kept', () => {
    const html = `<html><head><meta name="citation_title" content="T"><meta name="citation_author" content="A B">
      <meta name="citation_doi" content="10.5555/ABC.123"></head><body><article class="post-content"><h1>T</h1></article></body></html>`;
    expect(detectPapers(parseHtml(html), 'https://proceedings.mlr.press/v1/b07a.html')[0]!.ids).toEqual({ pmlr: 'b07a', doi: '10.5555/abc.123' });
  });

  it('an error page yields nothing', () => {
    const html = '<html><head><title>404</title></head><body><main><p>Not found</p></main></body></html>';
    expect(detectPapers(parseHtml(html), 'https://proceedings.mlr.press/v235/nothing24a.html')).toEqual([]);
  });
});

describe('pmlr hostile and broken markup', () => {
  const url = 'https://proceedings.mlr.press/v235/';
  const evil = '<img src=x onerror=alert(1)>';
  const html = volumePage(
    '<h2>Volume 235: ICML, 21-27 July 2024</h2>',
    `<div class="paper"></div>
     <div class="paper"><p class="title"></p><p class="details"><span class="authors">No Title</span></p></div>
     ${paperDiv({ key: 'evil24a', title: `${esc(evil)} and friends`, authors: [esc('<b>Mallory</b>'), 'Trent'] })}
     <div class="paper"><div><em><p class="title"><b>Nested <i>junk</i></b> title</p></em></div>
       <p class="details"><span><span class="authors">Deep Author</span></span></p>
       <p class="links">[<a href="javascript:alert(1)">Download PDF</a>][<a href="http://[bad">abs</a>][<a href="https://proceedings.mlr.press/v235/deep24a.html">abs</a>]</p>
       <div class="paper"><p class="title">Paper inside a paper</p><p class="details"><span class="authors">Inner</span></p></div></div>
     <div class="paper"><p class="title">Neither key nor authors</p></div>
     <div class="paper"><p class="title">Authors only</p><p class="details"><span class="authors">Only Author</span></p></div>`,
  );

  it('never throws, skips empty and incomplete entries, and reads the rest', () => {
    const doc = parseHtml(html);
    expect(() => pmlr.detect(doc, new URL(url))).not.toThrow();
    const got = detectPapers(doc, url);
    expect(got.map((p) => p.title)).toEqual([`${evil} and friends`, 'Nested junk title', 'Authors only']);
    expect(got[0]).toMatchObject({ authors: ['<b>Mallory</b>', 'Trent'], ids: { pmlr: 'evil24a' } });
    expect(got[1]).toMatchObject({ authors: ['Deep Author'], ids: { pmlr: 'deep24a' } });
    expect(got[1]!.pdfUrl).toBeUndefined();
    expect(got[2]).toMatchObject({ authors: ['Only Author'], ids: {} });
  });

  it('returns escaped markup as literal text, creates no element and leaves the page untouched', () => {
    const doc = parseHtml(html);
    const before = doc.documentElement.outerHTML;
    expect(doc.querySelectorAll('img, b')).toHaveLength(1); // only the <b> of the nested-junk title
    detectPapers(doc, url);
    expect(doc.querySelectorAll('img, b')).toHaveLength(1);
    expect(doc.querySelector('img[src="x"]')).toBeNull();
    expect(doc.documentElement.outerHTML).toBe(before);
  });

  it('survives empty pages and deep nesting', () => {
    expect(detectPapers(parseHtml(''), url)).toEqual([]);
    expect(detectPapers(parseHtml(''), 'https://proceedings.mlr.press/v235/x24a.html')).toEqual([]);
    const deep = volumePage('', `${'<div>'.repeat(3000)}${paperDiv({ key: 'deep24b', title: 'Deep', authors: ['Zed'] })}${'</div>'.repeat(3000)}`);
    expect(detectPapers(parseHtml(deep), url).map((p) => p.ids.pmlr)).toEqual(['deep24b']);
  });
});

describe('pmlr speed', () => {
  // Parsing the synthetic page dominates on a loaded machine: a generous timeout, a bound on detection alone.
  it('2,600 entries (the size of v235): linear, with a fixed number of document-wide queries', { timeout: 60_000 }, () => {
    const n = 2600;
    const items: string[] = [];
    for (let i = 0; i < n; i++) {
      items.push(paperDiv({ key: `k${i}24a`, title: `Paper ${i}`, authors: [`Author ${i}`, `Other ${i}`], extra: `[<a href="https://openreview.net/forum?id=id${i}">OpenReview</a>]` }));
    }
    const doc = parseHtml(volumePage('<h2>Volume 235: ICML, 21-27 July 2024</h2>', items.join('')));
    const qsa = vi.spyOn(doc, 'querySelectorAll');
    const qs = vi.spyOn(doc, 'querySelector');
    const rows = detectRows(doc, 'https://proceedings.mlr.press/v235/')!.rows;
    expect(rows).toHaveLength(n);
    expect(rows[n - 1]!.paper).toMatchObject({ title: `Paper ${n - 1}`, authors: [`Author ${n - 1}`, `Other ${n - 1}`], ids: { pmlr: `k${n - 1}24a`, openreview: `id${n - 1}` }, year: 2024 });
    expect(qsa.mock.calls.length + qs.mock.calls.length).toBeLessThanOrEqual(2);
  });
});

// ---------------------------------------------------------------------------------------------
// Re-detection with `known` (rows read on an earlier pass are skipped before their text is read).

describe('pmlr re-detection with known rows', () => {
  const URL_VOL = 'https://proceedings.mlr.press/v235/';
  const items = (from: number, to: number): string => {
    let out = '';
    for (let i = from; i <= to; i++) {
      out += paperDiv({ key: `k${i}a`, title: `Paper <em>${i}</em>`, authors: [`Author ${i}`, `Other ${i}`], extra: `[<a href="https://openreview.net/forum?id=id${i}">OpenReview</a>]` });
    }
    return out;
  };
  const expectedPaper = (i: number) => ({
    title: `Paper ${i}`,
    authors: [`Author ${i}`, `Other ${i}`],
    ids: { pmlr: `k${i}a`, openreview: `id${i}` },
    pdfUrl: `https://proceedings.mlr.press/v235/k${i}a/k${i}a.pdf`,
    venue: 'Proceedings of the 41st International Conference on Machine Learning',
    year: 2024, // from the volume header, not from the key
  });
  /** A volume page with papers 1-4, read once; then papers 5-7 appended after them. */
  const grown = (): GrownPage =>
    grownPage(
      parseHtml(volumePage('<h2>Volume 235: International Conference on Machine Learning, 21-27 July 2024, Vienna, Austria</h2>', items(1, 4))),
      URL_VOL,
      4,
      (_doc, first) => first[3]!.parentElement!.insertAdjacentHTML('beforeend', items(5, 7)), // the last papers of the wrapper
    );

  it('the fixture volume with every row known: no rows, and the adapter itself returns none', () => {
    const { html, expected } = loadFixture('pmlr', 'v235-volume');
    const doc = parseHtml(html);
    const { rows: first, known } = firstPass(doc, expected.url);
    expect(first).toHaveLength(expected.entryCount);
    expect(detectRows(doc, expected.url, { known })!.rows).toEqual([]);
    expect(pmlr.detect(doc, new URL(expected.url), { known })).toEqual([]);
  });

  it('the fixture paper page: its one row element, once known, is dropped', () => {
    const { html, expected } = loadFixture('pmlr', 'v235-abhyankar24a');
    const doc = parseHtml(html);
    const first = detectRows(doc, expected.url)!.rows;
    expect(first).toHaveLength(1);
    expect(detectRows(doc, expected.url, { known: (row) => row === first[0]!.element })!.rows).toEqual([]);
  });

  it('after papers are appended, a second pass yields exactly the new ones, in page order, with the volume year', () => {
    const { doc, known } = grown();
    const rows = detectRows(doc, URL_VOL, { known })!.rows;
    expect(rows.map((r) => r.paper)).toEqual([expectedPaper(5), expectedPaper(6), expectedPaper(7)]);
    expect(rows.map((r) => r.element)).toEqual([...doc.querySelectorAll('div.paper')].slice(4));
    // the adapter skips them itself, not only the registry
    expect(pmlr.detect(doc, new URL(URL_VOL), { known }).map((r) => r.paper.ids.pmlr)).toEqual(['k5a', 'k6a', 'k7a']);
  });

  it('never reads the text of known rows', () => {
    const { doc, first, known } = grown();
    const reads: string[] = [];
    poisonText(first, reads);
    const rows = detectRows(doc, URL_VOL, { known })!.rows;
    expect(reads).toEqual([]);
    expect(rows.map((r) => r.paper)).toEqual([expectedPaper(5), expectedPaper(6), expectedPaper(7)]);
    // control: without `known` the same rows are read, so the poison would have been seen
    const all = detectRows(doc, URL_VOL)!.rows;
    expect(reads.length).toBeGreaterThan(0);
    expect(all[0]!.paper.title).toContain('POISONED');
  });
});
