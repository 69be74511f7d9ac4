import { describe, expect, it } from 'vitest';
import { adapterFor, detectPapers, detectRows } from '../../../lib/sites';
import { biorxiv } from '../../../lib/sites/biorxiv';
import { expectFixture, fixtureNames, loadFixture, parseHtml } from '../fixtures';
import { knownRows, readInside, readsDuring } from './known-rows';

// Synthetic pages follow site-guide §14 (HighWire 2.0 citation markup, citation_* meta).

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

interface Cite {
  suffix: string; // "2021.08.03.454978"
  title: string;
  authors?: [string, string][] | string; // [given, surname] pairs, or raw HTML
  journal?: string | null;
  posted?: string | null;
  pdf?: boolean;
  site?: 'biorxiv' | 'medrxiv';
}

function cite(c: Cite, i: number): string {
  const site = c.site ?? 'biorxiv';
  const authors =
    typeof c.authors === 'string'
      ? c.authors
      : (c.authors ?? [['Jane', 'Doe']])
          .map(
            ([g, s], k) =>
              `<span class="highwire-citation-author${k === 0 ? ' first' : ''}" data-delta="${k}"><span class="nlm-given-names">${g}</span> <span class="nlm-surname">${s}</span></span>`,
          )
          .join(', ');
  return `<div class="highwire-article-citation highwire-citation-type-highwire-article" data-pisa="${site};${c.suffix}v1" data-pisa-master="${site};${c.suffix}" id="${site}${i}">
    <div class="highwire-cite highwire-cite-highwire-article highwire-citation-${site}-article-pap-list clearfix">
      <span class="highwire-cite-title"><a href="/content/10.1101/${c.suffix}v1" class="highwire-cite-linked-title"><span class="highwire-cite-title">${c.title}</span></a></span>
      <div class="highwire-cite-authors"><span class="highwire-citation-authors">${authors}</span></div>
      <div class="highwire-cite-metadata">${c.journal === null ? '' : `<span class="highwire-cite-metadata-journal highwire-cite-metadata">${c.journal ?? 'bioRxiv'} </span>`}<span class="highwire-cite-metadata-pages highwire-cite-metadata">${c.suffix}; </span><span class="highwire-cite-metadata-doi highwire-cite-metadata"><span class="doi_label">doi:</span> https://doi.org/10.1101/${c.suffix} </span></div>
      <div class="highwire-cite-extras">${c.posted === null ? '' : `<div class="highwire-cite-extras-label">Posted ${c.posted ?? '2021-08-05'}.</div>`}
        <ul class="highwire-cite-links"><li class="abstract first"><a href="/content/10.1101/${c.suffix}v1.abstract">Abstract</a></li><li class="full-text"><a href="/content/10.1101/${c.suffix}v1.full">Full Text</a></li>${c.pdf === false ? '' : `<li class="pdf last"><a href="/content/10.1101/${c.suffix}v1.full.pdf">PDF</a></li>`}</ul></div>
    </div></div>`;
}

function chrome(main: string): string {
  return `<!DOCTYPE html><html lang="en"><head><title>bioRxiv</title></head><body class="html not-front not-logged-in page-collection no-sidebars">
  <div class="page" id="page"><header id="section-header"><nav><ul class="menu"><li><a href="/">Home</a></li><li><a href="/about-biorxiv">About</a></li></ul></nav></header>
  <section id="section-content"><div id="main-content">${main}</div></section>
  <footer id="section-footer"><a href="/about/FAQ">FAQ</a></footer></div></body></html>`;
}

describe('biorxiv: shared fixtures', () => {
  const names = fixtureNames('biorxiv');
  it('has fixtures to check', () => {
    expect(names.length).toBeGreaterThan(0);
  });
  for (const name of names) {
    it(`matches ${name}`, () => {
      const got = expectFixture('biorxiv', name);
      expect(got.length).toBeGreaterThan(0);
      for (const p of got) expect(p).not.toHaveProperty('abstract'); // list pages show no abstract
    });
  }
});

describe('biorxiv: URLs', () => {
  it.each([
    'https://www.biorxiv.org/search/angiogenic%20sprouting%20proteome',
    'https://www.biorxiv.org/search/crispr%20numresults%3A75%20sort%3Arelevance-rank',
    'https://www.medrxiv.org/search/covid',
    'https://www.biorxiv.org/collection/neuroscience',
    'https://www.biorxiv.org/collection/neuroscience?page=2',
    'https://www.biorxiv.org/content/10.1101/2021.08.03.454978v1',
    'https://www.biorxiv.org/content/10.1101/2021.08.03.454978v2.full',
    'https://www.biorxiv.org/content/10.1101/2021.08.03.454978v1.abstract',
    'https://www.biorxiv.org/content/10.1101/2021.08.03.454978',
    'https://www.biorxiv.org/content/10.1101/123456v3',
    'https://www.biorxiv.org/content/early/2021/08/05/2021.08.03.454978',
    'https://www.medrxiv.org/content/10.1101/2021.06.16.21258632v1.full-text',
    'https://biorxiv.org/content/10.1101/2021.08.03.454978v1?versioned=true',
  ])('claims %s', (url) => {
    expect(adapterFor(url)).toBe(biorxiv);
  });

  it.each([
    'https://www.biorxiv.org/',
    'https://www.biorxiv.org/about-biorxiv',
    'https://www.biorxiv.org/content/10.1101/2021.08.03.454978v1.full.pdf',
    'https://www.biorxiv.org/content/10.1101/2021.08.03.454978v1.supplementary-material',
    'https://www.biorxiv.org/content/about-biorxiv',
    'https://www.biorxiv.org/content/alertsrss',
    'https://www.biorxiv.org.evil.com/content/10.1101/2021.08.03.454978v1',
    'https://example.com/www.biorxiv.org/content/10.1101/2021.08.03.454978v1',
    'https://api.biorxiv.org/details/biorxiv/10.1101/2021.08.03.454978',
  ])('does not claim %s', (url) => {
    expect(adapterFor(url)).not.toBe(biorxiv);
  });
});

describe('biorxiv: list pages', () => {
  it('a subject collection: entries in the main list only, DOI year when no date, no PDF link', () => {
    const url = 'https://www.biorxiv.org/collection/neuroscience';
    const main = `<h1 id="page-title">Neuroscience</h1><div class="highwire-list-wrapper"><div class="highwire-list"><ul>
      <li class="first">${cite({ suffix: '2024.01.02.573900', title: 'A neuroscience preprint', authors: [['Ada', 'Lovelace'], ['Alan', 'Turing']], posted: null, pdf: false }, 0)}</li>
      <li class="last">${cite({ suffix: '2023.12.30.573800', title: 'Another one', posted: 'January 02, 2024' }, 1)}</li>
    </ul></div></div>`;
    // Sidebars sit inside the main content on collection pages.
    const main2 = `<div class="region region-sidebar-second"><div class="pane-highwire-most-read"><h2>Most read</h2>${cite({ suffix: '2020.01.01.000001', title: 'A popular sidebar paper' }, 9)}</div></div>
      <aside>${cite({ suffix: '2020.01.01.000002', title: 'An aside paper' }, 8)}</aside>`;
    const doc = parseHtml(chrome(main + main2));
    const rows = detectRows(doc, url)!.rows;
    expect(rows.map((r) => r.element)).toEqual([...doc.querySelectorAll('.highwire-list .highwire-article-citation')]);
    expect(rows.map((r) => r.paper)).toEqual([
      {
        title: 'A neuroscience preprint',
        authors: ['Ada Lovelace', 'Alan Turing'],
        ids: { doi: '10.1101/2024.01.02.573900' },
        venue: 'bioRxiv',
        year: 2024,
      },
      {
        title: 'Another one',
        authors: ['Jane Doe'],
        ids: { doi: '10.1101/2023.12.30.573800' },
        venue: 'bioRxiv',
        year: 2024, // the posted date, not the date in the DOI
        pdfUrl: 'https://www.biorxiv.org/content/10.1101/2023.12.30.573800v1.full.pdf',
      },
    ]);
  });

  it('medRxiv search: 8-digit suffixes, collaboration authors, the site name as venue', () => {
    const url = 'https://www.medrxiv.org/search/covid';
    const main = `<div class="highwire-search-results"><ul class="highwire-search-results-list">
      <li class="search-result">${cite(
        {
          suffix: '2021.06.16.21258632',
          title: 'A medRxiv preprint',
          site: 'medrxiv',
          journal: null,
          authors:
            '<span class="highwire-citation-author first"><span class="nlm-given-names">Jo</span> <span class="nlm-surname">Bloggs</span></span>, <span class="highwire-citation-author"><span class="nlm-collab">The COVID Consortium</span></span>',
        },
        0,
      )}</li></ul></div>`;
    const papers = detectPapers(parseHtml(chrome(main)), url);
    expect(papers).toEqual([
      {
        title: 'A medRxiv preprint',
        authors: ['Jo Bloggs', 'The COVID Consortium'],
        ids: { doi: '10.1101/2021.06.16.21258632' },
        venue: 'medRxiv',
        year: 2021,
        pdfUrl: 'https://www.medrxiv.org/content/10.1101/2021.06.16.21258632v1.full.pdf',
      },
    ]);
  });

  it('without the metadata DOI the title link gives it, version removed', () => {
    const url = 'https://www.biorxiv.org/search/x';
    const html = chrome(`<ul class="highwire-search-results-list"><li class="search-result">
      <div class="highwire-article-citation"><span class="highwire-cite-title"><a class="highwire-cite-linked-title" href="/content/10.1101/2022.02.02.478888v3">Linked only</a></span>
      <div class="highwire-cite-authors"><span class="highwire-citation-authors"><span class="highwire-citation-author">Sam Plain</span>, et al.</span></div></div></li></ul>`);
    expect(detectPapers(parseHtml(html), url)).toEqual([
      { title: 'Linked only', authors: ['Sam Plain'], authorsTruncated: true, ids: { doi: '10.1101/2022.02.02.478888' }, venue: 'bioRxiv', year: 2022 },
    ]);
  });
});

describe('biorxiv: article page', () => {
  const URL_A = 'https://www.biorxiv.org/content/10.1101/2021.08.03.454978v1.full';
  const ABSTRACT = 'Angiogenesis is a complex process. We show that Sema3fb regulates sprouting.';

  function articlePage(opts: { meta?: boolean; abstractBox?: boolean; extraMeta?: string } = {}): string {
    const meta =
      opts.meta === false
        ? ''
        : `<meta name="citation_title" content="Endothelial Semaphorin 3fb regulates Vegf pathway-mediated angiogenic sprouting">
      <meta name="citation_author" content="Charlene Watterston"><meta name="citation_author_institution" content="University of Calgary">
      <meta name="citation_author" content="Childs, Sarah J.">
      <meta name="citation_publication_date" content="2021/08/05"><meta name="citation_doi" content="10.1101/2021.08.03.454978">
      <meta name="citation_journal_title" content="bioRxiv"><meta name="citation_publisher" content="Cold Spring Harbor Laboratory">
      <meta name="citation_pdf_url" content="https://www.biorxiv.org/content/biorxiv/early/2021/08/05/2021.08.03.454978.full.pdf">`;
    return `<!DOCTYPE html><html><head><title>Endothelial Semaphorin 3fb | bioRxiv</title>${meta}${opts.extraMeta ?? ''}</head><body>
      <div id="main-content"><div class="panel-pane pane-highwire-article-citation"><div class="pane-content">
        <div class="highwire-article-citation"><div class="highwire-cite">
          <h1 class="highwire-cite-title" id="page-title">Endothelial Semaphorin 3fb regulates <i>Vegf</i> pathway-mediated angiogenic sprouting</h1>
          <div class="highwire-cite-authors"><span class="highwire-citation-authors"><span class="highwire-citation-author first"><span class="nlm-given-names">Charlene</span> <span class="nlm-surname">Watterston</span></span>, <span class="highwire-citation-author"><a href="http://orcid.org/0000-0002-1825-0097" class="hw-orcid-link"><img src="/orcid.png" alt="View ORCID Profile"></a><span class="nlm-given-names">Sarah J.</span> <span class="nlm-surname">Childs</span></span></span></div>
          <div class="highwire-cite-metadata"><span class="highwire-cite-metadata-doi highwire-cite-metadata"><span class="doi_label">doi:</span> https://doi.org/10.1101/2021.08.03.454978</span></div>
        </div></div></div></div>
        <a class="article-dl-pdf-link link-icon" href="/content/10.1101/2021.08.03.454978v1.full.pdf">Download PDF</a>
        ${opts.abstractBox === false ? '' : `<div class="section abstract" id="abstract-1"><h2>Abstract</h2><p id="p-2">${ABSTRACT}</p></div>`}
        <div class="panel-pane pane-highwire-similar-articles"><h2>Related articles</h2>
          <div class="highwire-article-citation"><span class="highwire-cite-title"><a class="highwire-cite-linked-title" href="/content/10.1101/2020.01.01.900001v1">A related preprint</a></span></div></div>
      </div></body></html>`;
  }

  it('reads meta tags and the rendered abstract; related articles are not entries', () => {
    const doc = parseHtml(articlePage());
    const rows = detectRows(doc, URL_A)!.rows;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.paper).toEqual({
      title: 'Endothelial Semaphorin 3fb regulates Vegf pathway-mediated angiogenic sprouting',
      authors: ['Charlene Watterston', 'Sarah J. Childs'],
      ids: { doi: '10.1101/2021.08.03.454978' },
      abstract: ABSTRACT,
      venue: 'bioRxiv',
      year: 2021,
      pdfUrl: 'https://www.biorxiv.org/content/biorxiv/early/2021/08/05/2021.08.03.454978.full.pdf',
    });
    expect(rows[0]!.element.contains(doc.getElementById('page-title'))).toBe(true);
    expect(rows[0]!.title).toBe(doc.getElementById('page-title'));
  });

  it('re-detection: a known header ends the pass before any text is read', () => {
    const doc = parseHtml(articlePage());
    const old = detectRows(doc, URL_A)!.rows.map((r) => r.element);
    expect(old).toHaveLength(1);
    const known = knownRows(old);
    const { result, read } = readsDuring(() => biorxiv.detect(doc, new URL(URL_A), { known }));
    expect(result).toEqual([]);
    expect(read).toEqual([]);
    expect(detectRows(doc, URL_A, { known })!.rows).toEqual([]);
    expect(detectRows(doc, URL_A, { known: () => false })!.rows.map((r) => r.element)).toEqual(old);
  });

  it('without meta tags the header, the DOI in the URL and the PDF link are used', () => {
    const papers = detectPapers(parseHtml(articlePage({ meta: false })), 'https://www.biorxiv.org/content/10.1101/2021.08.03.454978v2');
    expect(papers).toEqual([
      {
        title: 'Endothelial Semaphorin 3fb regulates Vegf pathway-mediated angiogenic sprouting',
        authors: ['Charlene Watterston', 'Sarah J. Childs'],
        ids: { doi: '10.1101/2021.08.03.454978' },
        abstract: ABSTRACT,
        venue: 'bioRxiv',
        year: 2021,
        pdfUrl: 'https://www.biorxiv.org/content/10.1101/2021.08.03.454978v1.full.pdf',
      },
    ]);
  });

  it('an abstract given only as escaped HTML in citation_abstract becomes plain text', () => {
    const extraMeta = `<meta name="citation_abstract" lang="en" content="${esc('<h3>Abstract</h3><p>Plain <i>text</i> abstract.</p>')}">`;
    const doc = parseHtml(articlePage({ abstractBox: false, extraMeta }));
    const papers = detectPapers(doc, URL_A);
    expect(papers[0]!.abstract).toBe('Plain text abstract.');
    expect(doc.querySelectorAll('h3, i')).toHaveLength(1); // only the title's own <i>
  });

  it('an error page at an article URL yields nothing', () => {
    const html = `<html><head><title>Page not found | bioRxiv</title></head><body><div id="main-content"><h1 id="page-title">Page not found</h1></div></body></html>`;
    // The URL names a DOI, but the page has no metadata and no author list: not a paper page.
    expect(detectPapers(parseHtml(html), URL_A.replace('454978', '999999'))).toEqual([]);
  });
});

describe('biorxiv: hostile and broken markup', () => {
  const evil = '<img src=x onerror=alert(1)>';
  const url = 'https://www.biorxiv.org/search/x';

  it('returns escaped markup as literal text and leaves the page untouched', () => {
    const doc = parseHtml(
      chrome(`<ul class="highwire-search-results-list"><li>${cite({ suffix: '2021.01.01.000001', title: `${esc(evil)} Evil`, authors: [[esc('<b>Mal</b>'), 'Lory']] }, 0)}</li></ul>`),
    );
    const before = new XMLSerializer().serializeToString(doc);
    const papers = detectPapers(doc, url);
    expect(papers.map((p) => [p.title, p.authors])).toEqual([[`${evil} Evil`, ['<b>Mal</b> Lory']]]);
    expect(doc.querySelectorAll('img, b')).toHaveLength(0);
    expect(new XMLSerializer().serializeToString(doc)).toBe(before);
  });

  it('skips empty and title-less citations, nested citations, and never throws', () => {
    const html = chrome(`<ul class="highwire-search-results-list">
      <li><div class="highwire-article-citation"></div></li>
      <li><div class="highwire-article-citation"><div class="highwire-cite-authors"><span class="highwire-citation-author">No Title</span></div></div></li>
      <li><div class="highwire-article-citation" data-pisa-master="biorxiv;garbage"><span class="highwire-cite-title"><a class="highwire-cite-linked-title" href="javascript:alert(1)">No DOI, no authors</a></span></div></li>
      <li>${cite({ suffix: '2021.02.02.000002', title: 'Outer', authors: `<span class="highwire-citation-author"><span class="nlm-surname">Solo</span></span>${cite({ suffix: '2021.03.03.000003', title: 'Inner' }, 9)}` }, 1)}</li>
    </ul>`);
    const doc = parseHtml(html);
    expect(() => biorxiv.detect(doc, new URL(url))).not.toThrow();
    const papers = detectPapers(doc, url);
    expect(papers.map((p) => [p.title, p.ids])).toEqual([['Outer', { doi: '10.1101/2021.02.02.000002' }]]);
    expect(papers[0]!.authors[0]).toBe('Solo');
  });

  it('an empty document yields nothing', () => {
    expect(detectPapers(parseHtml(''), url)).toEqual([]);
    expect(detectPapers(parseHtml(''), 'https://www.biorxiv.org/content/10.1101/2021.08.03.454978v1')).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Re-detection: rows known from an earlier pass are skipped before any of their text is read.

describe('biorxiv: re-detection with known rows', () => {
  it('the fixture page with every row known yields nothing, and no row text is read', () => {
    for (const name of fixtureNames('biorxiv')) {
      const { html, expected } = loadFixture('biorxiv', name);
      const doc = parseHtml(html);
      const old = detectRows(doc, expected.url)!.rows.map((r) => r.element);
      expect(old.length).toBeGreaterThan(0);
      const known = knownRows(old);
      const { result, read } = readsDuring(() => biorxiv.detect(doc, new URL(expected.url), { known }));
      expect(result).toEqual([]);
      expect(readInside(read, old)).toEqual([]);
      expect(detectRows(doc, expected.url, { known })!.rows).toEqual([]);
    }
  });

  const suffix = (i: number) => `2023.01.${String(10 + i)}.5${String(10000 + i)}`;
  const entry = (i: number) =>
    `<li class="search-result">${cite({ suffix: suffix(i), title: `Preprint number ${i}`, authors: [['Ada', `Lovelace${i}`], ['Alan', 'Turing']], posted: '2023-01-15' }, i)}</li>`;

  for (const [label, url, list] of [
    ['search', 'https://www.biorxiv.org/search/sprouting', (items: string) => `<div class="highwire-search-results"><ul class="highwire-search-results-list">${items}</ul></div>`],
    ['collection', 'https://www.biorxiv.org/collection/neuroscience', (items: string) => `<div class="highwire-list-wrapper"><div class="highwire-list"><ul>${items}</ul></div></div>`],
  ] as const) {
    it(`${label}: entries added later are the only rows of a second pass, in page order; old entries are not read`, () => {
      const doc = parseHtml(chrome(list([0, 1, 2].map(entry).join(''))));
      const first = readsDuring(() => detectRows(doc, url)!.rows);
      expect(first.result.map((r) => r.paper.title)).toEqual(['Preprint number 0', 'Preprint number 1', 'Preprint number 2']);
      const old = first.result.map((r) => r.element);
      expect(readInside(first.read, old).length).toBeGreaterThan(0); // the spy sees row text being read

      doc.querySelector('#main-content ul')!.insertAdjacentHTML('beforeend', [3, 4].map(entry).join(''));
      // A pass that read the old entries again would see these titles.
      for (const r of old) r.querySelector('a.highwire-cite-linked-title')!.textContent = 'CHANGED: must not be read';
      const known = knownRows(old);

      const second = readsDuring(() => detectRows(doc, url, { known })!.rows);
      expect(readInside(second.read, old)).toEqual([]);
      expect(second.result.map((r) => r.element)).toEqual([...doc.querySelectorAll('.highwire-article-citation')].slice(3));
      const alone = detectRows(parseHtml(chrome(list([3, 4].map(entry).join('')))), url)!.rows;
      expect(second.result.map((r) => r.paper)).toEqual(alone.map((r) => r.paper));
      expect(second.result.map((r) => r.paper)).toEqual([3, 4].map((i) => ({
        title: `Preprint number ${i}`,
        authors: [`Ada Lovelace${i}`, 'Alan Turing'],
        ids: { doi: `10.1101/${suffix(i)}` },
        venue: 'bioRxiv',
        year: 2023,
        pdfUrl: `https://www.biorxiv.org/content/10.1101/${suffix(i)}v1.full.pdf`,
      })));
      // The adapter itself leaves the known rows out.
      expect(biorxiv.detect(doc, new URL(url), { known }).map((r) => r.element)).toEqual(second.result.map((r) => r.element));
    });
  }
});
