import { describe, expect, it } from 'vitest';
import { adapterFor, detectPapers, detectRows } from '../../../lib/sites';
import { pubmed } from '../../../lib/sites/pubmed';
import { expectFixture, fixtureNames, loadFixture, parseHtml } from '../fixtures';
import { knownRows, readInside, readsDuring } from './known-rows';

// Synthetic pages follow site-guide §13 (Zotero PubMed.js and scraper selectors).

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const SEARCH = 'https://pubmed.ncbi.nlm.nih.gov/?term=catastrophic+forgetting';

interface Docsum {
  pmid: string;
  title: string; // inner HTML of a.docsum-title, with PubMed's trailing "."
  full?: string | null; // text of span.full-authors (null: no span)
  short?: string | null;
  citation?: string;
  snippet?: string;
}

function docsum(d: Docsum, pos: number): string {
  return `<article class="full-docsum" data-rel-pos="${pos}">
  <div class="item-selector-wrap selectors-and-actions"><input class="search-result-selector" id="select-${d.pmid}" type="checkbox" value="${d.pmid}"><label class="search-result-position" for="select-${d.pmid}"><span class="position-number">${pos}</span></label></div>
  <div class="docsum-wrap"><div class="docsum-content">
    <a class="docsum-title" href="/${d.pmid}/" data-ga-category="result_click" data-article-id="${d.pmid}">
      ${d.title}
    </a>
    <div class="docsum-citation full-citation">
      ${d.full === null ? '' : `<span class="docsum-authors full-authors">${d.full ?? 'Doe J.'}</span>`}
      ${d.short === null ? '' : `<span class="docsum-authors short-authors">${d.short ?? 'Doe J.'}</span>`}
      <span class="docsum-journal-citation full-journal-citation">${d.citation ?? 'J Test. 2020;1(1):1-2.'}</span>
      <span class="docsum-journal-citation short-journal-citation">J Test. 2020.</span>
      <span class="citation-part">PMID: <span class="docsum-pmid">${d.pmid}</span></span>
    </div>
    <div class="docsum-snippet"><div class="full-view-snippet">${d.snippet ?? 'A snippet of the abstract…'}</div><div class="short-view-snippet">A snip…</div></div>
  </div>
  <div class="result-actions-bar side-bar"><button class="cite-search-result" data-citation-id="${d.pmid}">Cite</button></div></div>
</article>`;
}

function searchPage(articles: string): string {
  return `<!DOCTYPE html><html lang="en"><head><title>Search Results - PubMed</title><meta name="ncbi_pdid" content="searchresult"></head><body>
  <header class="ncbi-header"><a href="https://www.ncbi.nlm.nih.gov/">NCBI</a></header>
  <main class="search-page" id="search-page"><form class="search-form" action="/"><input name="term" value="x"></form>
  <div class="search-results" id="search-results"><div class="results-amount"><h3><span class="value">3</span> results</h3></div>
  <section class="search-results-list"><div class="search-results-chunk results-chunk" data-page-number="1">${articles}</div></section>
  <div class="bottom-pagination"><button class="load-button next-page">Show more</button></div></div></main>
  <footer class="ncbi-footer"><a href="https://www.nlm.nih.gov/">NLM</a></footer></body></html>`;
}

describe('pubmed: shared fixtures', () => {
  const names = fixtureNames('pubmed');
  it('has fixtures to check', () => {
    expect(names.length).toBeGreaterThan(0);
  });
  for (const name of names) {
    it(`matches ${name}`, () => {
      const got = expectFixture('pubmed', name);
      expect(got.length).toBeGreaterThan(0);
      for (const p of got) {
        expect(p).not.toHaveProperty('abstract'); // snippets are not abstracts
        expect(p.authorsTruncated).toBeUndefined(); // the hidden "X, et al." duplicate is ignored
        expect(p.title.endsWith('.')).toBe(false);
      }
    });
  }
});

describe('pubmed: URLs', () => {
  it.each([
    SEARCH,
    'https://pubmed.ncbi.nlm.nih.gov/?term=zotero&page=2',
    'https://pubmed.ncbi.nlm.nih.gov/?term=zotero&size=200&sort=date',
    'https://pubmed.ncbi.nlm.nih.gov/?linkname=pubmed_pubmed&from_uid=28292907',
    'https://pubmed.ncbi.nlm.nih.gov/28292907/',
    'https://pubmed.ncbi.nlm.nih.gov/28292907',
    'https://pubmed.ncbi.nlm.nih.gov/28292907/?from_term=x&from_pos=1#abstract',
  ])('claims %s', (url) => {
    expect(adapterFor(url)).toBe(pubmed);
  });

  it.each([
    'https://pubmed.ncbi.nlm.nih.gov/',
    'https://pubmed.ncbi.nlm.nih.gov/advanced/',
    'https://pubmed.ncbi.nlm.nih.gov/clipboard/',
    'https://pubmed.ncbi.nlm.nih.gov/28292907/citations/',
    'https://pubmed.ncbi.nlm.nih.gov.evil.com/?term=x',
    'https://www.ncbi.nlm.nih.gov/pmc/articles/PMC5380101/',
    'https://example.com/pubmed.ncbi.nlm.nih.gov/28292907/',
  ])('does not claim %s', (url) => {
    expect(adapterFor(url)).not.toBe(pubmed);
  });
});

describe('pubmed: search results', () => {
  it('reads each docsum: highlighted title without the added period, authors, PMID, DOI, year, journal', () => {
    const html = searchPage(
      [
        docsum(
          {
            pmid: '28292907',
            title: 'Overcoming <b>catastrophic</b> <b>forgetting</b> in neural networks.',
            full: 'Kirkpatrick J, Pascanu R, Rabinowitz N, Veness J, Desjardins G, Rusu AA, Milan K, Quan J, Ramalho T, Grabska-Barwinska A, Hassabis D, Clopath C, Kumaran D, Hadsell R.',
            short: 'Kirkpatrick J, et al.',
            citation: 'Proc Natl Acad Sci U S A. 2017 Mar 28;114(13):3521-3526. doi: 10.1073/pnas.1611835114. Epub 2017 Mar 14.',
          },
          1,
        ),
        // A collective author after ";", a title ending in "?", a DOI with parentheses.
        docsum(
          {
            pmid: '32007143',
            title: 'Can <b>forgetting</b> be measured?',
            full: 'Smith JA Jr, van der Berg A; COVID-19 Study Group.',
            short: 'Smith JA Jr, et al.',
            citation: 'Lancet. 2020 Feb 15;395(10223):470-473. doi: 10.1016/S0140-6736(20)30185-9. Epub 2020 Jan 24.',
          },
          2,
        ),
        // No authors listed.
        docsum({ pmid: '10000001', title: '[Editorial on memory].', full: '', short: '', citation: 'Nihon Rinsho. 1999 Dec;57(12):2650-1.' }, 3),
      ].join(''),
    );
    const doc = parseHtml(html);
    const rows = detectRows(doc, SEARCH)!.rows;
    expect(rows.map((r) => r.element)).toEqual([...doc.querySelectorAll('article.full-docsum')]);
    expect(rows.map((r) => r.paper)).toEqual([
      {
        title: 'Overcoming catastrophic forgetting in neural networks',
        authors: [
          'Kirkpatrick J', 'Pascanu R', 'Rabinowitz N', 'Veness J', 'Desjardins G', 'Rusu AA', 'Milan K', 'Quan J',
          'Ramalho T', 'Grabska-Barwinska A', 'Hassabis D', 'Clopath C', 'Kumaran D', 'Hadsell R',
        ],
        ids: { pmid: '28292907', doi: '10.1073/pnas.1611835114' },
        venue: 'Proc Natl Acad Sci U S A',
        year: 2017,
      },
      {
        title: 'Can forgetting be measured?',
        authors: ['Smith JA Jr', 'van der Berg A', 'COVID-19 Study Group'],
        ids: { pmid: '32007143', doi: '10.1016/s0140-6736(20)30185-9' },
        venue: 'Lancet',
        year: 2020,
      },
      { title: '[Editorial on memory]', authors: [], ids: { pmid: '10000001' }, venue: 'Nihon Rinsho', year: 1999 },
    ]);
  });

  it('keeps commas inside collective names and splits consecutive committees', () => {
    const html = searchPage(
      docsum(
        {
          pmid: '23439512',
          title: 'A science advisory.',
          full: 'Sasson C, Rea TD; American Heart Association Council on Quality of Care and Outcomes Research; Emergency Cardiovascular Care Committee; Council on Cardiopulmonary, Critical Care, Perioperative and Resuscitation; and Council on Clinical Cardiology.',
        },
        1,
      ),
    );
    expect(detectPapers(parseHtml(html), SEARCH)[0]!.authors).toEqual([
      'Sasson C',
      'Rea TD',
      'American Heart Association Council on Quality of Care and Outcomes Research',
      'Emergency Cardiovascular Care Committee',
      'Council on Cardiopulmonary, Critical Care, Perioperative and Resuscitation',
      'Council on Clinical Cardiology',
    ]);
  });

  it('only the short "et al." list: its names, flagged as truncated', () => {
    const html = searchPage(docsum({ pmid: '12345678', title: 'Short only.', full: null, short: 'Kirkpatrick J, et al.' }, 1));
    expect(detectPapers(parseHtml(html), SEARCH)[0]).toMatchObject({ authors: ['Kirkpatrick J'], authorsTruncated: true });
  });

  it('format=abstract results: one full article view per result, with its full abstract', () => {
    const view = (n: number, pmid: string, title: string, abstract: string) => `<div class="results-article">
      <header class="heading" id="search-result-1-${n}-full-view-heading">
        <div class="article-citation"><div class="article-source"><div class="journal-actions dropdown-block"><button class="journal-actions-trigger trigger" title="Cell">Cell</button></div><span class="period">. </span><span class="cit">2011 Jun 10;145(6):863-74.</span></div></div>
        <h1 class="heading-title"><a class="heading-title-link" href="/${pmid}/">${title}</a></h1>
        <div class="inline-authors"><div class="authors"><div class="authors-list"><span class="authors-list-item"><a class="full-name" href="/?term=Zwilling+D">Daniel Zwilling</a><sup class="affiliation-links">1</sup><span class="comma">,&nbsp;</span></span><span class="authors-list-item"><a class="full-name" href="/?term=Muchowski+PJ">Paul J Muchowski</a></span></div></div></div>
        <ul class="identifiers"><li><span class="identifier pubmed"><span class="id-label">PMID: </span><strong class="current-id">${pmid}</strong></span></li></ul>
      </header>
      <div class="abstract" id="search-result-1-${n}-abstract"><h2 class="title">Abstract</h2><div class="abstract-content selected" id="search-result-1-${n}-eng-abstract"><p>${abstract}</p></div></div>
    </div>`;
    const html = searchPage(
      view(1, '21640374', 'Kynurenine 3-monooxygenase inhibition in blood ameliorates neurodegeneration', 'Metabolites in the kynurenine pathway are thought to play a role.') +
        view(2, '16096057', 'Inactivation of the SR protein splicing factor ASF/SF2 results in genomic instability.', 'SR proteins constitute a family of splicing factors.'),
    );
    const papers = detectPapers(parseHtml(html), 'https://pubmed.ncbi.nlm.nih.gov/?term=x&format=abstract');
    expect(papers).toEqual([
      {
        title: 'Kynurenine 3-monooxygenase inhibition in blood ameliorates neurodegeneration',
        authors: ['Daniel Zwilling', 'Paul J Muchowski'],
        ids: { pmid: '21640374' },
        abstract: 'Metabolites in the kynurenine pathway are thought to play a role.',
        venue: 'Cell',
        year: 2011,
      },
      {
        title: 'Inactivation of the SR protein splicing factor ASF/SF2 results in genomic instability',
        authors: ['Daniel Zwilling', 'Paul J Muchowski'],
        ids: { pmid: '16096057' },
        abstract: 'SR proteins constitute a family of splicing factors.',
        venue: 'Cell',
        year: 2011,
      },
    ]);
  });
});

describe('pubmed: article page', () => {
  const URL_A = 'https://pubmed.ncbi.nlm.nih.gov/28292907/';
  const similar = docsum({ pmid: '11111111', title: 'A similar article.', full: 'Other A.', citation: 'J Other. 2019;1:1. doi: 10.1000/other.' }, 1);

  function articlePage(opts: { abstract?: string; meta?: string; heading?: boolean } = {}): string {
    const heading = `<header class="heading" id="full-view-heading">
      <div class="article-citation"><div class="article-source"><div class="journal-actions dropdown-block"><button id="full-view-journal-trigger" class="journal-actions-trigger trigger" title="Proceedings of the National Academy of Sciences of the United States of America">Proc Natl Acad Sci U S A</button></div><span class="period">. </span><span class="cit">2017 Mar 28;114(13):3521-3526.</span></div>
        <span class="citation-doi">doi: 10.1073/pnas.1611835114. </span><span class="secondary-date">Epub 2017 Mar 14.</span></div>
      <h1 class="heading-title">Overcoming catastrophic forgetting in neural networks</h1>
      <div class="inline-authors"><div class="authors"><div class="authors-list">
        <span class="authors-list-item "><a class="full-name" href="/?term=Kirkpatrick+J&amp;cauthor_id=28292907" data-ga-label="James Kirkpatrick">James Kirkpatrick</a><sup class="affiliation-links"><span class="author-sup-separator"> </span><a class="affiliation-link" href="#full-view-affiliation-1">1</a></sup><span class="comma">,&nbsp;</span></span>
        <span class="authors-list-item "><a class="full-name" href="/?term=Pascanu+R">Razvan Pascanu</a><sup class="affiliation-links"><a class="affiliation-link">1</a></sup><span class="comma">,&nbsp;</span></span>
        <span class="authors-list-item "><a class="full-name" href="/?term=Hadsell+R">Raia Hadsell</a><sup class="affiliation-links"><a class="affiliation-link">1</a></sup></span>
      </div></div></div>
      <ul class="identifiers" id="full-view-identifiers">
        <li><span class="identifier pubmed"><span class="id-label">PMID: </span><strong class="current-id" title="PubMed ID">28292907</strong></span></li>
        <li><span class="identifier pmc"><span class="id-label">PMCID: </span><a class="id-link" href="https://www.ncbi.nlm.nih.gov/pmc/articles/PMC5380101/">PMC5380101</a></span></li>
        <li><span class="identifier doi"><span class="id-label">DOI: </span><a class="id-link" href="https://doi.org/10.1073/pnas.1611835114">10.1073/pnas.1611835114</a></span></li>
      </ul></header>`;
    return `<!DOCTYPE html><html><head><title>Overcoming catastrophic forgetting - PubMed</title><meta name="ncbi_pdid" content="article">${opts.meta ?? ''}</head><body>
      <main class="article-details" id="article-details">${opts.heading === false ? '' : heading}
      <div class="abstract" id="abstract"><h2 class="title">Abstract</h2>${opts.abstract ?? `<div class="abstract-content selected" id="eng-abstract"><p><strong class="sub-title">Background: </strong>The ability to learn tasks in a sequential fashion is crucial.</p><p><strong class="sub-title">Results: </strong>We show that it is possible.</p></div>`}
        <p><strong class="sub-title">Keywords: </strong>continual learning.</p></div>
      <div class="similar-articles" id="similar"><h2>Similar articles</h2><ul class="articles-list" id="similar-articles-list"><li class="full-docsum">${similar}</li></ul></div>
      <div class="cited-by" id="citedby"><h2>Cited by</h2><ul class="articles-list">${docsum({ pmid: '22222222', title: 'A citing article.' }, 1)}</ul></div>
      </main></body></html>`;
  }

  it('re-detection: the one entry keeps its element, so a known heading is dropped by the registry', () => {
    const doc = parseHtml(articlePage());
    const old = detectRows(doc, URL_A)!.rows.map((r) => r.element);
    expect(old).toEqual([doc.getElementById('full-view-heading')]);
    const known = knownRows(old);
    expect(pubmed.detect(doc, new URL(URL_A), { known }).map((r) => r.element)).toEqual(old);
    expect(detectRows(doc, URL_A, { known })!.rows).toEqual([]);
  });

  it('reads the heading, full-name authors, the selected abstract and every identifier; lists are not entries', () => {
    const doc = parseHtml(articlePage());
    const rows = detectRows(doc, URL_A)!.rows;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.element).toBe(doc.getElementById('full-view-heading'));
    expect(rows[0]!.paper).toEqual({
      title: 'Overcoming catastrophic forgetting in neural networks',
      authors: ['James Kirkpatrick', 'Razvan Pascanu', 'Raia Hadsell'],
      ids: { pmid: '28292907', pmcid: 'PMC5380101', doi: '10.1073/pnas.1611835114' },
      abstract: 'Background: The ability to learn tasks in a sequential fashion is crucial. Results: We show that it is possible.',
      venue: 'Proc Natl Acad Sci U S A',
      year: 2017,
    });
  });

  it('"No abstract available" is not an abstract', () => {
    const papers = detectPapers(parseHtml(articlePage({ abstract: '<div class="abstract-content selected"><p>No abstract available.</p></div>' })), URL_A);
    expect(papers[0]).not.toHaveProperty('abstract');
  });

  it('without a rendered heading the citation_* meta tags are read', () => {
    const meta =
      '<meta name="citation_title" content="Overcoming catastrophic forgetting in neural networks."><meta name="citation_authors" content="Kirkpatrick J;Pascanu R;"><meta name="citation_date" content="03/28/2017"><meta name="citation_doi" content="10.1073/pnas.1611835114"><meta name="citation_journal_title" content="Proc Natl Acad Sci U S A">';
    const rows = detectRows(parseHtml(articlePage({ meta, heading: false, abstract: '' })), URL_A)!.rows;
    // The title is in the tags only: no element shows it.
    expect(rows[0]!.title).toBeUndefined();
    const papers = rows.map((r) => r.paper);
    expect(papers).toEqual([
      {
        title: 'Overcoming catastrophic forgetting in neural networks',
        authors: ['Kirkpatrick J', 'Pascanu R'],
        ids: { pmid: '28292907', doi: '10.1073/pnas.1611835114' },
        venue: 'Proc Natl Acad Sci U S A',
        year: 2017,
      },
    ]);
  });

  it('a "not found" page yields nothing', () => {
    const html = `<html><head><meta name="ncbi_pdid" content="error"></head><body><main><h1>Page not available</h1></main></body></html>`;
    expect(detectPapers(parseHtml(html), 'https://pubmed.ncbi.nlm.nih.gov/99999999/')).toEqual([]);
  });
});

describe('pubmed: hostile and broken markup', () => {
  const evil = '<img src=x onerror=alert(1)>';

  it('returns escaped markup as literal text and leaves the page untouched', () => {
    const doc = parseHtml(searchPage(docsum({ pmid: '12345678', title: `${esc(evil)} title.`, full: `${esc('<b>Mallory M</b>')}.` }, 1)));
    const before = new XMLSerializer().serializeToString(doc);
    const bolds = doc.querySelectorAll('b').length;
    const papers = detectPapers(doc, SEARCH);
    expect(papers.map((p) => [p.title, p.authors])).toEqual([[`${evil} title`, ['<b>Mallory M</b>']]]);
    expect(doc.querySelectorAll('img')).toHaveLength(0);
    expect(doc.querySelectorAll('b')).toHaveLength(bolds);
    expect(new XMLSerializer().serializeToString(doc)).toBe(before);
  });

  it('skips broken docsums, keeps the others and never throws', () => {
    const html = searchPage(
      [
        '<article class="full-docsum"></article>',
        '<article class="full-docsum"><a class="docsum-title" href="/x/">   </a></article>',
        '<article class="full-docsum"><a class="docsum-title" href="/notanumber/">No id, no authors.</a></article>',
        '<article class="full-docsum"><div><span><em><a class="docsum-title" href="/33333333/"><b>Deep</b> <i>junk</i>.</a></em></span></div><span class="docsum-pmid">33333333</span></article>',
        docsum({ pmid: '44444444', title: 'Broken citation.', citation: 'doi: not-a-doi; no year here' }, 5),
      ].join(''),
    );
    const doc = parseHtml(html);
    expect(() => pubmed.detect(doc, new URL(SEARCH))).not.toThrow();
    const papers = detectPapers(doc, SEARCH);
    expect(papers.map((p) => [p.title, p.ids])).toEqual([
      ['Deep junk', { pmid: '33333333' }],
      ['Broken citation', { pmid: '44444444' }],
    ]);
    expect(papers[1]!.year).toBeUndefined();
  });

  it('200 results (size=200) are read with no document-wide query per row', () => {
    const n = 200;
    const html = searchPage(
      Array.from({ length: n }, (_, i) =>
        docsum({ pmid: String(30000000 + i), title: `Paper ${i}.`, full: `Author${i} A, Other B.`, citation: `J Test. 2021;${i}:1. doi: 10.1000/t.${i}.` }, i + 1),
      ).join(''),
    );
    const doc = parseHtml(html);
    let docQueries = 0;
    const qsa = doc.querySelectorAll.bind(doc);
    const qs = doc.querySelector.bind(doc);
    doc.querySelectorAll = ((s: string) => (docQueries++, qsa(s))) as typeof doc.querySelectorAll;
    doc.querySelector = ((s: string) => (docQueries++, qs(s))) as typeof doc.querySelector;
    const papers = detectPapers(doc, SEARCH);
    expect(papers).toHaveLength(n);
    expect(papers[n - 1]).toMatchObject({ ids: { pmid: String(30000000 + n - 1), doi: `10.1000/t.${n - 1}` }, year: 2021 });
    expect(docQueries).toBeLessThanOrEqual(3);
  });
});

// ---------------------------------------------------------------------------------------------
// Re-detection: rows known from an earlier pass are skipped before any of their text is read.

describe('pubmed: re-detection with known rows', () => {
  it('the fixture page with every row known yields nothing, and no row text is read', () => {
    for (const name of fixtureNames('pubmed')) {
      const { html, expected } = loadFixture('pubmed', name);
      const doc = parseHtml(html);
      const old = detectRows(doc, expected.url)!.rows.map((r) => r.element);
      expect(old.length).toBeGreaterThan(0);
      const known = knownRows(old);
      const { result, read } = readsDuring(() => pubmed.detect(doc, new URL(expected.url), { known }));
      expect(result).toEqual([]);
      expect(readInside(read, old)).toEqual([]);
      expect(detectRows(doc, expected.url, { known })!.rows).toEqual([]);
    }
  });

  const pmid = (i: number) => String(30000000 + i);
  const entry = (i: number) =>
    docsum(
      {
        pmid: pmid(i),
        title: `Paper <b>number</b> ${i}.`,
        full: `Author${i} A, Other B.`,
        citation: `J Test. 2020;${i}(1):1-2. doi: 10.1000/test.${i}.`,
      },
      i + 1,
    );

  it('"Show more" results are the only rows of a second pass, in page order; old rows are not read', () => {
    const doc = parseHtml(searchPage([0, 1, 2].map(entry).join('')));
    const first = readsDuring(() => detectRows(doc, SEARCH)!.rows);
    expect(first.result.map((r) => r.paper.title)).toEqual(['Paper number 0', 'Paper number 1', 'Paper number 2']);
    const old = first.result.map((r) => r.element);
    expect(readInside(first.read, old).length).toBeGreaterThan(0); // the spy sees row text being read

    // PubMed appends the next page as a new chunk.
    doc
      .querySelector('.search-results-chunk')!
      .insertAdjacentHTML('afterend', `<div class="search-results-chunk results-chunk" data-page-number="2">${[3, 4].map(entry).join('')}</div>`);
    // A pass that read the old rows again would see these titles and authors.
    for (const r of old) {
      r.querySelector('.docsum-title')!.textContent = 'CHANGED: must not be read';
      r.querySelector('.full-authors')!.textContent = 'Changed C.';
    }
    const known = knownRows(old);

    const second = readsDuring(() => detectRows(doc, SEARCH, { known })!.rows);
    expect(readInside(second.read, old)).toEqual([]);
    expect(second.result.map((r) => r.element)).toEqual([...doc.querySelectorAll('article.full-docsum')].slice(3));
    const alone = detectRows(parseHtml(searchPage([3, 4].map(entry).join(''))), SEARCH)!.rows;
    expect(second.result.map((r) => r.paper)).toEqual(alone.map((r) => r.paper));
    expect(second.result.map((r) => r.paper)).toEqual([3, 4].map((i) => ({
      title: `Paper number ${i}`,
      authors: [`Author${i} A`, 'Other B'],
      ids: { pmid: pmid(i), doi: `10.1000/test.${i}` },
      venue: 'J Test',
      year: 2020,
    })));
    // The adapter itself leaves the known rows out.
    expect(pubmed.detect(doc, new URL(SEARCH), { known }).map((r) => r.element)).toEqual(second.result.map((r) => r.element));
  });

  it('format=abstract: article views added later are the only rows of a second pass; old views are not read', () => {
    const url = 'https://pubmed.ncbi.nlm.nih.gov/?term=x&format=abstract';
    const view = (i: number) => `<div class="results-article">
      <header class="heading" id="search-result-1-${i}-full-view-heading">
        <div class="article-citation"><div class="article-source"><div class="journal-actions dropdown-block"><button class="journal-actions-trigger trigger">Cell</button></div><span class="period">. </span><span class="cit">2011 Jun 10;145(6):863-74.</span></div></div>
        <h1 class="heading-title"><a class="heading-title-link" href="/${pmid(i)}/">View number ${i}</a></h1>
        <div class="inline-authors"><div class="authors"><div class="authors-list"><span class="authors-list-item"><a class="full-name" href="/?term=Zwilling+D">Daniel Zwilling</a></span></div></div></div>
        <ul class="identifiers"><li><span class="identifier pubmed"><span class="id-label">PMID: </span><strong class="current-id">${pmid(i)}</strong></span></li></ul>
      </header>
      <div class="abstract"><div class="abstract-content selected"><p>Findings of view ${i}.</p></div></div>
    </div>`;
    const doc = parseHtml(searchPage([0, 1].map(view).join('')));
    const old = detectRows(doc, url)!.rows.map((r) => r.element);
    expect(old).toEqual([...doc.querySelectorAll('.results-article')]);
    doc.querySelector('.search-results-chunk')!.insertAdjacentHTML('beforeend', [2, 3].map(view).join(''));
    for (const r of old) r.querySelector('.heading-title-link')!.textContent = 'CHANGED: must not be read';
    const known = knownRows(old);
    const second = readsDuring(() => detectRows(doc, url, { known })!.rows);
    expect(readInside(second.read, old)).toEqual([]);
    expect(second.result.map((r) => r.element)).toEqual([...doc.querySelectorAll('.results-article')].slice(2));
    expect(second.result.map((r) => r.paper)).toEqual([2, 3].map((i) => ({
      title: `View number ${i}`,
      authors: ['Daniel Zwilling'],
      ids: { pmid: pmid(i) },
      abstract: `Findings of view ${i}.`,
      venue: 'Cell',
      year: 2011,
    })));
  });
});
