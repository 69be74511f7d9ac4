import { describe, expect, it } from 'vitest';
import { expectFixture, fixtureNames } from '../fixtures';
import { adapterFor, detectPapers, detectRows } from '../../../lib/sites';
import { arxivSearch } from '../../../lib/sites/arxiv-search';
import { knownFixturePass, knownRows, readsInside, recordReads } from './known-rows';

const parse = (html: string): Document => new DOMParser().parseFromString(html, 'text/html');

const URL_ = 'https://arxiv.org/search/?query=attention&searchtype=all&abstracts=show&order=-announced_date_first&size=50';

interface Result {
  shownId: string; // as displayed: may carry a version
  title: string; // raw HTML of p.title
  authors: string[];
  extraAuthors?: number;
  abstractShort?: string;
  abstractFull?: string;
  dois?: string[];
  dates: string; // inner HTML of the date line
  journal?: string;
}

/** One li.arxiv-result as rendered by search-macros.html. */
function result(r: Result): string {
  const id = r.shownId;
  const authorLinks = r.authors
    .map((n) => `<a href="/search/?searchtype=author&amp;query=${encodeURIComponent(n)}">${n}</a>`)
    .join(', \n');
  const more = r.extraAuthors ? `, et al. (${r.extraAuthors} additional authors not shown)` : '';
  const dois = (r.dois ?? [])
    .map(
      (d) => `<div class="is-inline-block" style="margin-left: 0.5rem"><div class="tags has-addons">
        <span class="tag is-dark is-size-7">doi</span>
        <span class="tag is-light is-size-7"><a class="" href="https://doi.org/${d}">${d} <i class="fa fa-external-link" aria-hidden="true"></i></a></span>
      </div></div>`,
    )
    .join('');
  const abstract =
    r.abstractFull === undefined
      ? ''
      : `<p class="abstract mathjax">
      <span class="search-hit">Abstract</span>:
      <span class="abstract-short has-text-grey-dark mathjax" id="${id}-abstract-short" style="display: inline;">
        ${r.abstractShort ?? r.abstractFull}
        <a class="is-size-7" style="white-space: nowrap;" onclick="x()">&#9661; More</a>
      </span>
      <span class="abstract-full has-text-grey-dark mathjax" id="${id}-abstract-full" style="display: none;">
        ${r.abstractFull}
        <a class="is-size-7" style="white-space: nowrap;" onclick="y()">&#9651; Less</a>
      </span>
    </p>`;
  return `
  <li class="arxiv-result">
    <div class="is-marginless">
      <p class="list-title is-inline-block"><a href="https://arxiv.org/abs/${id}">arXiv:${id}</a>
        <span>&nbsp;[<a href="https://arxiv.org/pdf/${id}">pdf</a>, <a href="https://arxiv.org/format/${id}">other</a>]&nbsp;</span>
      </p>
      <div class="tags is-inline-block">
        <span class="tag is-small is-link tooltip is-tooltip-top" data-tooltip="Machine Learning">cs.LG</span>
      </div>
      ${dois}
    </div>
    <p class="title is-5 mathjax">
      ${r.title}
    </p>
    <p class="authors">
      <span class="search-hit">Authors:</span>
      ${authorLinks}${more}
    </p>
    ${abstract}
    <p class="is-size-7">${r.dates}</p>
    <p class="comments is-size-7">
      <span class="has-text-black-bis has-text-weight-semibold">Comments:</span>
      <span class="has-text-grey-dark mathjax">12 pages; Journal ref: not this one</span>
    </p>
    ${
      r.journal
        ? `<p class="comments is-size-7"><span class="has-text-black-bis has-text-weight-semibold">Journal ref:</span> ${r.journal}</p>`
        : ''
    }
  </li>`;
}

function page(items: string[]): string {
  return `<!DOCTYPE html><html><head><title>Search | arXiv e-print repository</title></head><body>
    <main class="container" id="main-container">
      <h1 class="title is-clearfix">Showing 1&ndash;${items.length} of ${items.length} results for all: <span class="mathjax">attention</span></h1>
      <form method="GET" action="/search/"><input name="query" value="attention"></form>
      <ol class="breathe-horizontal" start="1">${items.join('\n')}</ol>
    </main>
    <footer><a href="https://arxiv.org/abs/9999.99999">not a result</a></footer>
  </body></html>`;
}

const SUBMITTED = (s: string, v1?: string, announced = 'June 2017') =>
  `<span class="has-text-black-bis has-text-weight-semibold">Submitted</span> ${s}; ${
    v1 ? `<span class="has-text-black-bis has-text-weight-semibold">v1</span> submitted ${v1};` : ''
  }
  <span class="has-text-black-bis has-text-weight-semibold">originally announced</span> ${announced}.`;

describe('arxiv search: shared fixtures', () => {
  const names = fixtureNames('arxiv-search');
  it('has fixtures to check', () => {
    expect(names.length).toBeGreaterThan(0);
  });
  for (const name of names) {
    it(`matches ${name}`, () => {
      expect(expectFixture('arxiv-search', name).length).toBeGreaterThan(0);
    });
  }
});

describe('arxiv search: URLs', () => {
  it.each([
    URL_,
    'https://arxiv.org/search/?query=x',
    'https://arxiv.org/search/advanced?advanced=&terms-0-operator=AND&terms-0-term=attention&terms-0-field=title',
    'https://arxiv.org/search/hep-ph?searchtype=author&query=Berger,+E+L',
    'https://arxiv.org/search/cs?query=transformer&searchtype=all#results',
    'https://www.arxiv.org/search/?query=x',
  ])('claims %s', (url) => {
    expect(adapterFor(url)).toBe(arxivSearch);
  });

  it.each(['https://arxiv.org/searchfoo', 'https://arxiv.org/abs/0704.0001', 'https://example.com/search/?q=arxiv.org'])(
    'does not claim %s',
    (url) => {
      expect(adapterFor(url)).not.toBe(arxivSearch);
    },
  );
});

describe('arxiv search: one result in detail', () => {
  const html = page([
    result({
      shownId: '1706.03762v5',
      title:
        '<span class="search-hit mathjax">Attention</span> Is All You Need for $<span class="search-hit mathjax">\\mathcal{A}</span>$',
      authors: ['Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar'],
      extraAuthors: 5,
      abstractShort: 'The dominant sequence transduction models are based on complex&hellip;',
      abstractFull:
        'The dominant sequence transduction models are based on complex recurrent networks. We propose the Transformer, based solely on <span class="search-hit mathjax">attention</span> mechanisms.',
      dois: ['10.48550/arXiv.1706.03762', '10.5555/3295222.3295349'],
      dates: SUBMITTED('2 August, 2023', '12 June, 2017'),
      journal: 'Advances in Neural Information Processing Systems 30 (2017)',
    }),
  ]);

  it('reads the versioned id without its version, highlighted title, truncated authors and full abstract', () => {
    const [p, ...rest] = detectPapers(parse(html), URL_);
    expect(rest).toEqual([]);
    expect(p).toEqual({
      title: 'Attention Is All You Need for $\\mathcal{A}$',
      authors: ['Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar'],
      authorsTruncated: true,
      ids: { arxiv: '1706.03762', doi: '10.5555/3295222.3295349' },
      pdfUrl: 'https://arxiv.org/pdf/1706.03762v5',
      abstract:
        'The dominant sequence transduction models are based on complex recurrent networks. We propose the Transformer, based solely on attention mechanisms.',
      venue: 'Advances in Neural Information Processing Systems 30 (2017)',
      year: 2017,
    });
  });

  it('returns the li.arxiv-result as the row element', () => {
    const rows = detectRows(parse(html), URL_)!.rows;
    expect(rows.map((r) => r.element.className)).toEqual(['arxiv-result']);
  });
});

describe('arxiv search: variants', () => {
  it('has no abstract when abstracts are hidden, and no doi when the result shows none', () => {
    const html = page([
      result({
        shownId: 'hep-th/9901001',
        title: 'An old paper',
        authors: ['E. Witten'],
        dates: SUBMITTED('1 January, 1999', undefined, 'January 1999'),
      }),
    ]);
    const [p] = detectPapers(parse(html), 'https://arxiv.org/search/?query=old&searchtype=all&abstracts=hide');
    expect(p).toEqual({
      title: 'An old paper',
      authors: ['E. Witten'],
      ids: { arxiv: 'hep-th/9901001' },
      pdfUrl: 'https://arxiv.org/pdf/hep-th/9901001',
      year: 1999,
    });
  });

  it('takes the year of v1, not of the latest version or of the announcement', () => {
    const html = page([
      result({
        shownId: '2401.00001',
        title: 'Submitted in December',
        authors: ['A. Author'],
        abstractFull: 'Short and complete.',
        dates: SUBMITTED('3 March, 2024', '29 December, 2023', 'January 2024'),
      }),
      result({
        shownId: '2401.00002',
        title: 'Only one version',
        authors: ['B. Author'],
        abstractFull: 'Also complete.',
        dates: SUBMITTED('2 January, 2024', undefined, 'January 2024'),
      }),
    ]);
    const got = detectPapers(parse(html), URL_);
    expect(got.map((p) => p.year)).toEqual([2023, 2024]);
    expect(got.map((p) => p.abstract)).toEqual(['Short and complete.', 'Also complete.']);
  });

  it('skips broken results without throwing and keeps escaped markup as text', () => {
    const html = page([
      '<li class="arxiv-result"></li>',
      '<li class="arxiv-result"><p class="title is-5"></p><p class="authors"><a href="/search/?q=x">Nobody</a></p></li>',
      result({
        shownId: '2402.00003',
        title: '&lt;img src=x onerror=alert(1)&gt; attack',
        authors: ['Mallory'],
        dates: SUBMITTED('1 February, 2024', undefined, 'February 2024'),
      }),
    ]);
    const doc = parse(html);
    expect(() => arxivSearch.detect(doc, new URL(URL_))).not.toThrow();
    const got = detectPapers(doc, URL_);
    expect(got.map((p) => p.title)).toEqual(['<img src=x onerror=alert(1)> attack']);
    expect(doc.querySelectorAll('img')).toHaveLength(0);
  });

  it('finds nothing on a page without results', () => {
    expect(detectPapers(parse(page([])), URL_)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Re-detection after the page changed: rows known from an earlier pass are not read again.

describe('arxiv search: re-detection with known rows', () => {
  const res = (i: number) =>
    result({
      shownId: `2403.${String(i).padStart(5, '0')}`,
      title: `Result ${i}`,
      authors: [`Author ${i}`],
      abstractFull: `Abstract ${i}.`,
      dates: SUBMITTED('1 March, 2024', undefined, 'March 2024'),
      journal: `Journal ${i}`,
    });

  it('the fixture page with every row of a first pass known yields no rows and reads none of them', () => {
    for (const name of fixtureNames('arxiv-search')) {
      const { seen, reads } = knownFixturePass('arxiv-search', name, arxivSearch);
      expect(readsInside(reads, seen)).toEqual([]);
    }
  });

  it('after results are added, a second pass yields exactly the new ones, in page order', () => {
    const doc = parse(page([res(1), res(2), res(3)]));
    const first = detectRows(doc, URL_)!.rows;
    expect(first.map((r) => r.paper.title)).toEqual(['Result 1', 'Result 2', 'Result 3']);
    const seen = new Set(first.map((r) => r.element));
    const known = knownRows(seen);

    const ol = doc.querySelector('ol')!;
    ol.insertAdjacentHTML('afterbegin', res(10));
    ol.children[2]!.insertAdjacentHTML('afterend', res(11)); // between Result 2 and Result 3
    ol.insertAdjacentHTML('beforeend', res(12));
    const second = detectRows(doc, URL_, { known })!.rows;
    expect(second.map((r) => r.paper.title)).toEqual(['Result 10', 'Result 11', 'Result 12']);
    // The adapter itself skips the known rows (the registry would drop them anyway).
    expect(arxivSearch.detect(doc, new URL(URL_), { known }).map((r) => r.element)).toEqual(second.map((r) => r.element));
    const all = [...doc.querySelectorAll('li.arxiv-result')];
    expect(second.map((r) => r.element)).toEqual([all[0], all[3], all[5]]);
    // The new rows are read in full, as a fresh page would read them.
    expect(second.map((r) => r.paper)).toEqual(detectPapers(parse(page([res(10), res(11), res(12)])), URL_));
  });

  it('does not read the text of known rows', () => {
    const doc = parse(page([res(1), res(2)]));
    const seen = new Set(detectRows(doc, URL_)!.rows.map((r) => r.element));
    const known = knownRows(seen);
    doc.querySelector('ol')!.insertAdjacentHTML('beforeend', res(3));
    // Known rows now say something else: reading them would change the adapter's own output.
    for (const li of seen) {
      li.querySelector('p.title')!.textContent = 'Rewritten title';
      li.querySelector('p.list-title a')!.setAttribute('href', 'https://arxiv.org/abs/2499.99999');
    }
    const reads = recordReads(() => arxivSearch.detect(doc, new URL(URL_), { known }));
    expect(reads.result.map((r) => r.paper.title)).toEqual(['Result 3']);
    expect(reads.result[0]!.paper.ids).toEqual({ arxiv: '2403.00003' });
    expect(readsInside(reads, seen)).toEqual([]);
    // The spy does see reads: the new row's title was read.
    expect(reads.text.some((n) => doc.querySelectorAll('li.arxiv-result')[2]!.contains(n))).toBe(true);
  });
});
