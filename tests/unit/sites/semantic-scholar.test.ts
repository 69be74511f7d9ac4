import { describe, expect, it, vi } from 'vitest';
import { adapterFor, detectPapers, detectRows } from '../../../lib/sites';
import { semanticScholar } from '../../../lib/sites/semantic-scholar';
import { expectFixture, fixtureNames, loadFixture, parseHtml } from '../fixtures';
import { knownRows, readInside, readsDuring } from './known-rows';

// Synthetic pages follow site-guide §11 (post-render DOM; class names other than .result-page,
// .cl-paper-row and #app are the guide's unconfirmed ones, as in the shared fixture).

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const SEARCH = 'https://www.semanticscholar.org/search?q=attention&sort=relevance';
const ID_A = '204e3073870fae3d05bcbc2f6a8e263d9b72e776';
const ID_B = 'fa72afa9b2cbc8f0d7b05d52548906610ffbb9c5';
const ID_C = 'c79a8fd667f59e6f1ca9d54afc34f792e9079c7e';

const author = (name: string, id = '1') =>
  `<span><span><a class="cl-paper-authors__author-link" data-heap-id="author_link" href="/author/${encodeURIComponent(name.replace(/ /g, '-'))}/${id}"><span><span>${name}</span></span></a></span></span>`;

interface Row {
  id: string;
  title: string;
  authors: string; // inner HTML of span.cl-paper-authors
  venue?: string;
  date?: string;
  actions?: string; // links among the row actions
}

function row(r: Row, i: number): string {
  return `<div class="cl-paper-row serp-papers__paper-row paper-v2-cue paper-row-normal" data-paper-id="${r.id}" data-test-id="search-result" data-index="${i}">
    <a class="link-button--show-visited" data-heap-id="title_link" href="/paper/Slug-${i}/${r.id}"><h2 class="cl-paper-title" data-test-id="title-link"><span><span>${r.title}</span></span></h2></a>
    <div class="cl-paper-row__metadata"><span class="cl-paper-authors" data-test-id="author-list">${r.authors}</span>
      ${r.venue !== undefined ? `<span class="cl-paper-venue" data-test-id="venue-metadata"><span>${r.venue}</span></span>` : ''}
      ${r.date !== undefined ? `<span class="cl-paper-pubdates" data-test-id="paper-year"><span class="cl-paper-pubdates__date">${r.date}</span></span>` : ''}</div>
    <div class="cl-paper__bulleted-row"><div class="cl-paper-abstract text-truncator" data-test-id="text-truncator-text"><span class="tldr-abstract__pill">TLDR</span> A truncated summary with a <a href="https://arxiv.org/abs/9999.99999">link</a> inside …<button class="text-truncator__expand" aria-label="Expand truncated text">Expand</button></div></div>
    <div class="cl-paper-controls"><div class="cl-paper-controls__actions">${r.actions ?? ''}<button class="cl-paper-action__button" aria-label="Save to Library">Save</button><button class="cl-paper-action__button" aria-label="Cite">Cite</button></div></div>
  </div>`;
}

function searchPage(rows: string): string {
  return `<!DOCTYPE html><html><head><title>attention | Semantic Scholar</title></head><body><div id="app"><div class="app-container">
    <header class="global-header"><a class="logo" href="/">Semantic Scholar</a><form class="search-bar" action="/search"><input name="q" value="attention"></form></header>
    <main class="main-content"><div class="result-page" data-test-id="result-page"><div class="cl-paper-rows serp-papers">${rows}</div>
      <div class="cl-pager"><a class="cl-pager__page" href="?q=attention&amp;page=2">2</a></div></div></main>
    <footer class="global-footer"><a href="/about">About Us</a></footer>
  </div></div></body></html>`;
}

describe('semantic scholar: shared fixtures', () => {
  const names = fixtureNames('semantic-scholar');
  it('has fixtures to check', () => {
    expect(names.length).toBeGreaterThan(0);
  });
  for (const name of names) {
    it(`matches ${name}`, () => {
      const got = expectFixture('semantic-scholar', name);
      expect(got.length).toBeGreaterThan(0);
      for (const p of got) expect(p).not.toHaveProperty('abstract'); // previews are cut
    });
  }
});

describe('semantic scholar: URLs', () => {
  it.each([
    SEARCH,
    'https://www.semanticscholar.org/search?q=large%20language%20models&sort=relevance&page=2',
    `https://www.semanticscholar.org/paper/Attention-is-All-you-Need-Vaswani-Shazeer/${ID_A}`,
    `https://www.semanticscholar.org/paper/${ID_A}`,
    `https://www.semanticscholar.org/paper/TectoMT%3A-Modular-NLP-Framework-Popel-Zabokrtsk%C3%BD/e1ea10a288632a4003a4221759bc7f7a2df36208?utm_source=x#citing-papers`,
    'https://www.semanticscholar.org/author/Ashish-Vaswani/40348417',
  ])('claims %s', (url) => {
    expect(adapterFor(url)).toBe(semanticScholar);
  });

  it.each([
    'https://www.semanticscholar.org/',
    'https://www.semanticscholar.org/me/library',
    'https://www.semanticscholar.org/product/api',
    `https://www.semanticscholar.org/reader/${ID_A}`,
    'https://www.semanticscholar.org/paper/Attention-is-All-you-Need/1234',
    `https://api.semanticscholar.org/graph/v1/paper/${ID_A}`,
    `https://www.semanticscholar.org.evil.com/paper/${ID_A}`,
    `https://example.com/www.semanticscholar.org/paper/${ID_A}`,
  ])('does not claim %s', (url) => {
    expect(adapterFor(url)).not.toBe(semanticScholar);
  });
});

describe('semantic scholar: search rows', () => {
  it('reads PDF, arXiv and DOI links of the actions; the preview never gives ids or an abstract', () => {
    const html = searchPage(
      [
        row(
          {
            id: ID_A,
            title: 'Attention is All you Need',
            authors: `${author('Ashish Vaswani')}, ${author('Noam M. Shazeer')}, <span class="cl-paper-authors__hidden-count"><button class="cl-button" aria-label="Show 6 more authors">+6 authors</button></span>, ${author('Illia Polosukhin')}`,
            venue: 'Neural Information Processing Systems',
            date: '12 June 2017',
            actions: `<a class="cl-paper-view-paper" href="https://arxiv.org/pdf/1706.03762.pdf" data-heap-id="paper_link_target"><span>arXiv</span></a><a class="cl-paper-view-paper" href="/reader/${ID_A}">Semantic Reader</a>`,
          },
          0,
        ),
        row(
          {
            id: ID_B,
            title: 'Neural Machine Translation by Jointly Learning to Align and Translate',
            authors: '<span>Dzmitry Bahdanau</span>, <span>Kyunghyun Cho</span>, <span>Yoshua Bengio</span>',
            venue: 'ICLR',
            date: '2014',
            actions: '<a href="https://doi.org/10.48550/arXiv.1409.0473">DOI</a>',
          },
          1,
        ),
        row(
          {
            id: ID_C,
            title: 'A paper with a publisher PDF',
            authors: author('Solo Author'),
            actions: '<a href="https://www.example.org/files/paper.pdf">PDF</a><a href="https://doi.org/10.1000/abc.123">Publisher</a>',
          },
          2,
        ),
      ].join(''),
    );
    const doc = parseHtml(html);
    const rows = detectRows(doc, SEARCH)!.rows;
    expect(rows.map((r) => r.element)).toEqual([...doc.querySelectorAll('.cl-paper-row')]);
    expect(rows.map((r) => r.paper)).toEqual([
      {
        title: 'Attention is All you Need',
        authors: ['Ashish Vaswani', 'Noam M. Shazeer', 'Illia Polosukhin'],
        authorsTruncated: true,
        ids: { s2: ID_A, arxiv: '1706.03762' },
        venue: 'Neural Information Processing Systems',
        year: 2017,
        pdfUrl: 'https://arxiv.org/pdf/1706.03762.pdf',
      },
      {
        title: 'Neural Machine Translation by Jointly Learning to Align and Translate',
        authors: ['Dzmitry Bahdanau', 'Kyunghyun Cho', 'Yoshua Bengio'],
        // The arXiv DOI names the arXiv paper (lib/ids.ts decides whether the DOI is kept too).
        ids: expect.objectContaining({ s2: ID_B, arxiv: '1409.0473' }),
        venue: 'ICLR',
        year: 2014,
      },
      {
        title: 'A paper with a publisher PDF',
        authors: ['Solo Author'],
        ids: { s2: ID_C, doi: '10.1000/abc.123' },
        pdfUrl: 'https://www.example.org/files/paper.pdf',
      },
    ]);
  });

  it('author pages list papers with the same row markup', () => {
    const url = 'https://www.semanticscholar.org/author/Ashish-Vaswani/40348417';
    const html = `<html><body><div id="app"><main><div class="author-detail-card"><h1>Ashish Vaswani</h1></div>
      <div class="cl-paper-rows">${row({ id: ID_A, title: 'Attention is All you Need', authors: author('Ashish Vaswani'), date: '2017' }, 0)}</div></main></div></body></html>`;
    expect(detectPapers(parseHtml(html), url)).toEqual([
      { title: 'Attention is All you Need', authors: ['Ashish Vaswani'], ids: { s2: ID_A }, year: 2017 },
    ]);
  });

  it('before the results render the page yields nothing', () => {
    const html = `<html><body><div id="app"><div class="result-page"><div class="cl-paper-rows"><div class="loading-spinner"></div></div></div></div></body></html>`;
    expect(detectPapers(parseHtml(html), SEARCH)).toEqual([]);
  });
});

describe('semantic scholar: paper page', () => {
  const URL_P = `https://www.semanticscholar.org/paper/Attention-is-All-you-Need-Vaswani-Shazeer/${ID_A}`;
  const ABSTRACT =
    'The dominant sequence transduction models are based on complex recurrent or convolutional neural networks in an encoder-decoder configuration.';

  function paperPage(schema: string | null, opts: { meta?: string } = {}): string {
    return `<!DOCTYPE html><html><head><title>Attention is All you Need | Semantic Scholar</title>${opts.meta ?? ''}
      ${schema === null ? '' : `<script class="schema-data" type="application/ld+json">${schema}</script>`}</head>
      <body><div id="app"><header class="global-header"><a href="/">Semantic Scholar</a></header>
      <main><div class="fresh-paper-detail-page__header" data-test-id="paper-detail-header">
        <h1 data-test-id="paper-detail-title">Attention is All you Need</h1>
        <span class="author-list" data-test-id="author-list">${author('Ashish Vaswani')}, ${author('Noam M. Shazeer')}, <button class="more-authors-label">+6 authors</button>, ${author('Illia Polosukhin')}</span>
        <span data-test-id="venue-metadata">Neural Information Processing Systems</span> · <span data-test-id="paper-year">12 June 2017</span>
        <div data-test-id="abstract-text"><span>${ABSTRACT.slice(0, 60)}…</span><button class="text-truncator__expand">Expand</button></div>
      </div>
      <div class="citation-list" id="citing-papers"><h2>Citations</h2>
        ${row({ id: ID_B, title: 'A citing paper', authors: author('Someone Else'), date: '2020' }, 0)}
        ${row({ id: ID_C, title: 'Another citing paper', authors: author('Other Person'), date: '2021' }, 1)}</div>
      <div class="cite-modal"><pre class="bibtex-citation">@inproceedings{Vaswani2017AttentionIA,
  title={Attention is All you Need},
  author={Ashish Vaswani and Noam M. Shazeer},
  booktitle={Neural Information Processing Systems},
  year={2017}
}</pre></div></main></div></body></html>`;
  }

  const schema = JSON.stringify({
    '@context': 'http://schema.org',
    '@graph': [
      { '@type': 'BreadcrumbList', itemListElement: [{ '@type': 'ListItem', position: 1, name: 'Semantic Scholar' }] },
      [
        {
          '@type': 'Article',
          name: 'Attention is All you Need',
          abstract: ABSTRACT,
          author: [
            { '@type': 'Person', name: 'Ashish Vaswani' },
            { '@type': 'Person', name: 'Noam M. Shazeer' },
            { '@type': 'Person', name: 'Niki Parmar' },
          ],
          datePublished: '2017-06-12',
          publication: 'Neural Information Processing Systems',
          sameAs: 'https://doi.org/10.5555/3295222.3295349',
          mainEntity: 'https://arxiv.org/pdf/1706.03762.pdf',
        },
      ],
    ],
  });

  it('reads the JSON-LD Article: every author, the abstract, DOI, PDF; citation rows are not entries', () => {
    const doc = parseHtml(paperPage(schema));
    const rows = detectRows(doc, URL_P)!.rows;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.paper).toEqual({
      title: 'Attention is All you Need',
      authors: ['Ashish Vaswani', 'Noam M. Shazeer', 'Niki Parmar'],
      ids: { s2: ID_A, doi: '10.5555/3295222.3295349', arxiv: '1706.03762' },
      abstract: ABSTRACT,
      venue: 'Neural Information Processing Systems',
      year: 2017,
      pdfUrl: 'https://arxiv.org/pdf/1706.03762.pdf',
    });
    expect(rows[0]!.element).toBe(doc.querySelector('[data-test-id="paper-detail-header"]'));
    expect(rows[0]!.title).toBe(doc.querySelector('h1[data-test-id="paper-detail-title"]'));
  });

  it('a fallback h1 is the title element only when it shows the title', () => {
    const other = paperPage(schema).replace('<h1 data-test-id="paper-detail-title">Attention is All you Need</h1>', '<h1>Paper details</h1>');
    const doc = parseHtml(other);
    const rows = detectRows(doc, URL_P)!.rows;
    expect(rows[0]!.paper.title).toBe('Attention is All you Need');
    expect(rows[0]!.title).toBeUndefined();
    const same = parseHtml(paperPage(schema).replace(' data-test-id="paper-detail-title"', ''));
    expect(detectRows(same, URL_P)!.rows[0]!.title).toBe(same.querySelector('main h1'));
  });

  it('re-detection: a known header ends the pass before the JSON-LD or any text is read', () => {
    const doc = parseHtml(paperPage(schema));
    const old = detectRows(doc, URL_P)!.rows.map((r) => r.element);
    expect(old).toHaveLength(1);
    const known = knownRows(old);
    const parse = vi.spyOn(JSON, 'parse');
    try {
      const { result, read } = readsDuring(() => semanticScholar.detect(doc, new URL(URL_P), { known }));
      expect(result).toEqual([]);
      expect(read).toEqual([]);
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
    expect(detectRows(doc, URL_P, { known })!.rows).toEqual([]);
    // Another element known: the page is read as before.
    expect(detectRows(doc, URL_P, { known: () => false })!.rows.map((r) => r.element)).toEqual(old);
  });

  it('without (or with broken) JSON-LD the header is read and the cut abstract is left out', () => {
    for (const broken of [null, '{"@graph": [', '{"@graph": [null, [7, "x", {"@type": "Article"}]]}', '[]']) {
      const papers = detectPapers(parseHtml(paperPage(broken)), URL_P);
      expect(papers).toEqual([
        {
          title: 'Attention is All you Need',
          authors: ['Ashish Vaswani', 'Noam M. Shazeer', 'Illia Polosukhin'],
          authorsTruncated: true,
          ids: { s2: ID_A },
          venue: 'Neural Information Processing Systems',
          year: 2017,
        },
      ]);
    }
  });

  it('citation_* meta tags fill in for a missing JSON-LD author list', () => {
    const meta =
      '<meta name="citation_title" content="Attention is All you Need"><meta name="citation_author" content="Ashish Vaswani"><meta name="citation_author" content="Niki Parmar"><meta name="citation_publication_date" content="2017"><meta name="citation_pdf_url" content="https://arxiv.org/pdf/1706.03762v5.pdf">';
    const papers = detectPapers(parseHtml(paperPage(null, { meta })), `https://www.semanticscholar.org/paper/${ID_A}`);
    expect(papers[0]).toMatchObject({
      authors: ['Ashish Vaswani', 'Niki Parmar'],
      ids: { s2: ID_A },
      year: 2017,
      pdfUrl: 'https://arxiv.org/pdf/1706.03762v5.pdf',
    });
    expect(papers[0]!.authorsTruncated).toBeUndefined();
  });
});

describe('semantic scholar: hostile and broken markup', () => {
  const evil = '<img src=x onerror=alert(1)>';

  it('returns escaped markup as literal text and leaves the page untouched', () => {
    const doc = parseHtml(searchPage(row({ id: ID_A, title: `${esc(evil)} Evil`, authors: author(esc('<i>Mallory</i>')) }, 0)));
    const before = new XMLSerializer().serializeToString(doc);
    const papers = detectPapers(doc, SEARCH);
    expect(papers.map((p) => [p.title, p.authors])).toEqual([[`${evil} Evil`, ['<i>Mallory</i>']]]);
    expect(doc.querySelectorAll('img, i')).toHaveLength(0);
    expect(new XMLSerializer().serializeToString(doc)).toBe(before);
  });

  it('JSON-LD strings holding markup stay text', () => {
    const schema = JSON.stringify({ '@graph': [{}, [{ '@type': 'Article', name: `${evil} T`, author: [{ name: '<b>X</b>' }], abstract: '<script>alert(1)</script>' }]] });
    const html = `<html><head><script class="schema-data" type="application/ld+json">${schema.replace(/</g, '\\u003c')}</script></head><body><main><h1>T</h1></main></body></html>`;
    const doc = parseHtml(html);
    const [p] = detectPapers(doc, `https://www.semanticscholar.org/paper/${ID_A}`);
    expect(p).toMatchObject({ title: `${evil} T`, authors: ['<b>X</b>'], abstract: '<script>alert(1)</script>' });
    expect(doc.querySelectorAll('img, b')).toHaveLength(0);
  });

  it('skips empty and title-less rows, ignores bad ids, nested rows and never throws', () => {
    const html = searchPage(
      [
        '<div class="cl-paper-row"></div>',
        `<div class="cl-paper-row" data-paper-id="${ID_B}"><div class="cl-paper-authors">${author('No Title')}</div></div>`,
        row({ id: 'not-an-id', title: 'Bad id, no authors', authors: '' }, 2),
        row({ id: 'not-an-id', title: 'Bad id, with an author', authors: author('Kept Author') }, 3),
        `<div class="cl-paper-row" data-paper-id="${ID_C}"><a href="/paper/x/${ID_C}"><h2 class="cl-paper-title"><em><span><b>Nested</b></span></em> title</h2></a>
          <div class="inner">${row({ id: ID_A, title: 'Row inside a row', authors: author('Inner') }, 9)}</div></div>`,
      ].join(''),
    );
    const doc = parseHtml(html);
    expect(() => semanticScholar.detect(doc, new URL(SEARCH))).not.toThrow();
    expect(detectPapers(doc, SEARCH).map((p) => [p.title, p.ids])).toEqual([
      ['Bad id, with an author', {}],
      ['Nested title', { s2: ID_C }],
    ]);
  });

  it('an empty or error page yields nothing', () => {
    expect(detectPapers(parseHtml(''), SEARCH)).toEqual([]);
    expect(detectPapers(parseHtml('<html><body><div id="app"></div></body></html>'), `https://www.semanticscholar.org/paper/${ID_A}`)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Re-detection: rows known from an earlier pass are skipped before any of their text is read.

describe('semantic scholar: re-detection with known rows', () => {
  it('the fixture page with every row known yields nothing, and no row text is read', () => {
    for (const name of fixtureNames('semantic-scholar')) {
      const { html, expected } = loadFixture('semantic-scholar', name);
      const doc = parseHtml(html);
      const old = detectRows(doc, expected.url)!.rows.map((r) => r.element);
      expect(old.length).toBeGreaterThan(0);
      const known = knownRows(old);
      const { result, read } = readsDuring(() => semanticScholar.detect(doc, new URL(expected.url), { known }));
      expect(result).toEqual([]);
      expect(readInside(read, old)).toEqual([]);
      expect(detectRows(doc, expected.url, { known })!.rows).toEqual([]);
    }
  });

  const hex = (i: number) => i.toString(16).padStart(40, 'a');
  const entry = (i: number) =>
    row(
      {
        id: hex(i),
        title: `Paper number ${i}`,
        authors: `${author(`First Author${i}`)}, ${author('Second Author')}`,
        venue: `Venue ${i}`,
        date: '2023',
        actions: `<a href="https://arxiv.org/pdf/2301.${10000 + i}">arXiv</a>`,
      },
      i,
    );

  for (const [label, url] of [
    ['search', SEARCH],
    ['author page', 'https://www.semanticscholar.org/author/Ashish-Vaswani/40348417'],
  ] as const) {
    it(`${label}: rows rendered later are the only rows of a second pass, in page order; old rows are not read`, () => {
      const doc = parseHtml(searchPage([0, 1, 2].map(entry).join('')));
      const first = readsDuring(() => detectRows(doc, url)!.rows);
      expect(first.result.map((r) => r.paper.title)).toEqual(['Paper number 0', 'Paper number 1', 'Paper number 2']);
      const old = first.result.map((r) => r.element);
      expect(readInside(first.read, old).length).toBeGreaterThan(0); // the spy sees row text being read

      doc.querySelector('.cl-paper-rows')!.insertAdjacentHTML('beforeend', [3, 4].map(entry).join(''));
      // A pass that read the old rows again would see these titles.
      for (const r of old) r.querySelector('.cl-paper-title')!.textContent = 'CHANGED: must not be read';
      const known = knownRows(old);

      const second = readsDuring(() => detectRows(doc, url, { known })!.rows);
      expect(readInside(second.read, old)).toEqual([]);
      expect(second.result.map((r) => r.element)).toEqual([...doc.querySelectorAll('.cl-paper-row')].slice(3));
      const alone = detectRows(parseHtml(searchPage([3, 4].map(entry).join(''))), url)!.rows;
      expect(second.result.map((r) => r.paper)).toEqual(alone.map((r) => r.paper));
      expect(second.result.map((r) => r.paper)).toEqual([3, 4].map((i) => ({
        title: `Paper number ${i}`,
        authors: [`First Author${i}`, 'Second Author'],
        ids: { s2: hex(i), arxiv: `2301.${10000 + i}` },
        venue: `Venue ${i}`,
        year: 2023,
        pdfUrl: `https://arxiv.org/pdf/2301.${10000 + i}`,
      })));
      // The adapter itself leaves the known rows out.
      expect(semanticScholar.detect(doc, new URL(url), { known }).map((r) => r.element)).toEqual(second.result.map((r) => r.element));
    });
  }
});
