import { describe, expect, it, vi } from 'vitest';
import { adapterFor, detectPapers, detectRows } from '../../../lib/sites';
import { googleScholar } from '../../../lib/sites/google-scholar';
import { expectFixture, fixtureNames, loadFixture, parseHtml } from '../fixtures';
import { knownRows, readInside, readsDuring } from './known-rows';

// Synthetic pages follow site-guide §12 (Zotero "Google Scholar.js" selectors and the markup
// scrapers record). Separators in the byline are "&nbsp;- " as on the live site.

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const URL_Q = 'https://scholar.google.com/scholar?hl=en&as_sdt=0%2C5&q=test&btnG=';

interface Result {
  cid?: string;
  h3: string; // inner HTML of h3.gs_rt
  byline?: string; // inner HTML of div.gs_a
  side?: string; // inner HTML of div.gs_or_ggsm
  snippet?: string;
  extra?: string; // more markup inside div.gs_ri
}

function result(r: Result, n: number): string {
  const cid = r.cid ?? `CID${n}`;
  return `<div class="gs_r gs_or gs_scl" data-cid="${cid}" data-did="${cid}" data-lid="" data-aid="${cid}" data-rp="${n}">
    ${r.side ? `<div class="gs_ggs gs_fl"><div class="gs_ggsd"><div class="gs_or_ggsm">${r.side}</div></div></div>` : ''}
    <div class="gs_ri">
      <h3 class="gs_rt">${r.h3}</h3>
      ${r.byline !== undefined ? `<div class="gs_a">${r.byline}</div>` : ''}
      ${r.extra ?? ''}
      <div class="gs_rs">${r.snippet ?? '… a snippet with <b>terms</b> …'}</div>
      <div class="gs_fl gs_flb"><a href="javascript:void(0)" class="gs_or_sav gs_or_btn" role="button"><span class="gs_or_btn_lbl">Save</span></a>
        <a href="javascript:void(0)" class="gs_or_cit gs_or_btn gs_nph" role="button"><span>Cite</span></a>
        <a href="/scholar?cites=1&amp;hl=en">Cited by 12</a> <a href="/scholar?q=related:${cid}:scholar.google.com/&amp;hl=en">Related articles</a></div>
    </div>
  </div>`;
}

function page(rows: string, extra = ''): string {
  return `<!doctype html><html><head><title>test - Google Scholar</title></head><body><div id="gs_top">
    <div id="gs_hdr"><form id="gs_hdr_frm" action="/scholar"><input name="q" value="test"></form></div>
    <div id="gs_bdy"><div id="gs_bdy_sb"><a href="/scholar?as_ylo=2024&amp;q=test">Since 2024</a></div>
    <div id="gs_bdy_ccl" role="main"><div id="gs_res_ccl"><div id="gs_res_ccl_mid">
      ${rows}
    </div></div></div></div>
    ${extra}
  </div></body></html>`;
}

describe('google scholar: shared fixtures', () => {
  const names = fixtureNames('google-scholar');
  it('has fixtures to check', () => {
    expect(names.length).toBeGreaterThan(0);
  });
  for (const name of names) {
    it(`matches ${name}`, () => {
      const got = expectFixture('google-scholar', name);
      expect(got.length).toBeGreaterThan(0);
      // Snippets (div.gs_rs) are never the abstract.
      for (const p of got) expect(p).not.toHaveProperty('abstract');
    });
  }
});

describe('google scholar: URLs', () => {
  it.each([
    URL_Q,
    'https://scholar.google.com/scholar?start=10&q=transformer+attention&hl=en&as_sdt=0,5',
    'https://scholar.google.de/scholar?hl=de&q=bert',
    'https://scholar.google.co.uk/scholar?q=bert',
    'https://scholar.google.com.hk/scholar?q=bert',
    'https://scholar.google.com/scholar?cluster=123456789&hl=en&as_sdt=0,5',
    'https://scholar.google.com/scholar?cites=123456789&as_sdt=2005&sciodt=0,5&hl=en',
    'https://scholar.google.com/citations?user=JicYPdAAAAAJ&hl=en',
    'https://scholar.google.com/citations?hl=en&user=JicYPdAAAAAJ&view_op=list_works&sortby=pubdate',
  ])('claims %s', (url) => {
    expect(adapterFor(url)).toBe(googleScholar);
  });

  it.each([
    'https://scholar.google.com/',
    'https://scholar.google.com/schhp?hl=en',
    'https://scholar.google.com/scholar?q=info:abc:scholar.google.com/&output=cite&scirp=0&hl=en',
    'https://scholar.google.com/citations?view_op=view_citation&hl=en&user=JicYPdAAAAAJ&citation_for_view=JicYPdAAAAAJ:u5HHmVD_uO8C',
    'https://scholar.google.com/citations?view_op=search_authors&mauthors=bengio',
    'https://scholar.google.com/scholar_case?case=123&q=roe',
    'https://scholar.google.com.evil.com/scholar?q=x',
    'https://example.com/scholar.google.com/scholar?q=x',
    'https://www.google.com/search?q=scholar',
  ])('does not claim %s', (url) => {
    expect(adapterFor(url)).not.toBe(googleScholar);
  });
});

describe('google scholar: result variants', () => {
  const rows = [
    // [BOOK] marker, book link, byline without a venue ("Authors - Year - Publisher").
    result(
      {
        h3: '<span class="gs_ctc"><span class="gs_ct1">[BOOK]</span><span class="gs_ct2">[B]</span></span> <a id="b1" href="https://books.google.com/books?id=x">Deep learning</a>',
        byline: '<a href="/citations?user=a">I Goodfellow</a>, <a href="/citations?user=b">Y Bengio</a>, A Courville&nbsp;- 2016&nbsp;- books.google.com',
      },
      0,
    ),
    // [CITATION]: no link, the title sits in a span.
    result(
      {
        h3: '<span class="gs_ctu"><span class="gs_ct1">[CITATION]</span><span class="gs_ct2">[C]</span></span> <span id="c1">A <b>Survey</b> on automated answer paper evaluation</span>',
        byline: 'N Kalaiselvi, M Hariharan, <a href="/citations?user=c">S Ramesh</a>, A Vignesh&nbsp;- 2019',
      },
      1,
    ),
    // [PDF] title link and no right column: the title link is the PDF.
    result(
      {
        h3: '<span class="gs_ctc"><span class="gs_ct1">[PDF]</span><span class="gs_ct2">[PDF]</span></span> <a href="https://www.cs.example.edu/~x/paper.pdf">Learning to rank with <b>attention</b></a>',
        byline: 'X Li, Y Wang&nbsp;- Proc. of the Workshop on Ranking, 2012&nbsp;- cs.example.edu',
      },
      2,
    ),
    // doi.org title link, [HTML] full text on the right (not a PDF).
    result(
      {
        h3: '<a href="https://doi.org/10.1038/nature14539">Deep learning</a>',
        byline: 'Y LeCun, Y Bengio, G Hinton&nbsp;- nature, 2015&nbsp;- nature.com',
        side: '<a href="https://www.nature.com/articles/nature14539"><span class="gs_ctg2">[HTML]</span> nature.com</a>',
      },
      3,
    ),
    // Publisher link: no ids, even with an arXiv PDF on the right (only the title link gives ids).
    result(
      {
        h3: '<a href="https://proceedings.neurips.cc/paper/2017/hash/3f5ee243547dee91fbd053c1c4a845aa-Abstract.html">Attention is all you need</a>',
        byline: 'A Vaswani, N Shazeer, N Parmar…&nbsp;- Advances in neural …, 2017&nbsp;- proceedings.neurips.cc',
        side: '<a href="https://arxiv.org/pdf/1706.03762v5"><span class="gs_ctg2">[PDF]</span> arxiv.org</a>',
      },
      4,
    ),
    // No authors: the byline starts with its separator.
    result({ h3: '<a href="https://doi.org/10.1038/171737a0">Molecular structure of nucleic acids</a>', byline: '&nbsp;- Nature, 1953&nbsp;- nature.com' }, 6),
    // Old-style arXiv id in the title link.
    result(
      {
        h3: '<a href="https://arxiv.org/abs/hep-th/9711200v3">The large N limit of superconformal field theories and supergravity</a>',
        byline: 'J Maldacena&nbsp;- arXiv preprint hep-th/9711200, 1997&nbsp;- arxiv.org',
      },
      5,
    ),
  ].join('');

  it('reads markers, ids, byline years, venues and PDF links', () => {
    const doc = parseHtml(page(rows));
    const got = detectRows(doc, URL_Q)!.rows;
    expect(got.map((r) => r.element)).toEqual([...doc.querySelectorAll('.gs_r')]);
    const papers = got.map((r) => r.paper);
    expect(papers.map((p) => p.title)).toEqual([
      'Deep learning',
      'A Survey on automated answer paper evaluation',
      'Learning to rank with attention',
      'Deep learning',
      'Attention is all you need',
      'Molecular structure of nucleic acids',
      'The large N limit of superconformal field theories and supergravity',
    ]);
    expect(papers[0]).toEqual({
      title: 'Deep learning',
      authors: ['I Goodfellow', 'Y Bengio', 'A Courville'],
      ids: {},
      year: 2016,
      itemType: 'book',
    });
    expect(papers[1]).toEqual({
      title: 'A Survey on automated answer paper evaluation',
      authors: ['N Kalaiselvi', 'M Hariharan', 'S Ramesh', 'A Vignesh'],
      ids: {},
      year: 2019,
      itemType: 'citation',
    });
    expect(papers[2]).toMatchObject({ pdfUrl: 'https://www.cs.example.edu/~x/paper.pdf', year: 2012, venue: 'Proc. of the Workshop on Ranking' });
    expect(papers[2]!.itemType).toBeUndefined();
    expect(papers[3]).toMatchObject({ ids: { doi: '10.1038/nature14539' }, year: 2015, venue: 'nature' });
    expect(papers[3]!.pdfUrl).toBeUndefined();
    expect(papers[4]).toMatchObject({
      ids: {},
      authors: ['A Vaswani', 'N Shazeer', 'N Parmar'],
      authorsTruncated: true,
      pdfUrl: 'https://arxiv.org/pdf/1706.03762v5',
      year: 2017,
    });
    expect(papers[4]!.venue).toBeUndefined(); // "Advances in neural …" is cut
    expect(papers[5]).toEqual({ title: 'Molecular structure of nucleic acids', authors: [], ids: { doi: '10.1038/171737a0' }, venue: 'Nature', year: 1953 });
    expect(papers[6]).toMatchObject({ ids: { arxiv: 'hep-th/9711200' }, year: 1997 });
    for (const p of papers) expect(p).not.toHaveProperty('abstract');
  });

  it('reads the expanded byline of the newer layout, not its compact duplicate', () => {
    const expanded = result(
      {
        h3: '<a href="https://arxiv.org/abs/1810.04805">Bert: Pre-training of deep bidirectional transformers for language understanding</a>',
        extra: `<div class="gs_a gs_fma_p"><div class="gs_fmaa"><a href="/citations?user=a">J Devlin</a>, <a href="/citations?user=b">MW Chang</a>, <a href="/citations?user=c">K Lee</a>, K Toutanova</div>Proceedings of the 2019 conference of the North American chapter of the Association for Computational Linguistics, 2019 <span class="gs_pdot">•</span> aclanthology.org</div>
          <div class="gs_a gs_fma_s">J Devlin, MW Chang, K Lee…&nbsp;- Proceedings of the 2019 …, 2019&nbsp;- aclanthology.org</div>
          <div class="gs_fma_snp">We introduce a new language representation model called BERT …</div>`,
      },
      0,
    );
    const [p] = detectPapers(parseHtml(page(expanded)), URL_Q);
    expect(p).toEqual({
      title: 'Bert: Pre-training of deep bidirectional transformers for language understanding',
      authors: ['J Devlin', 'MW Chang', 'K Lee', 'K Toutanova'],
      ids: { arxiv: '1810.04805' },
      venue: 'Proceedings of the 2019 conference of the North American chapter of the Association for Computational Linguistics',
      year: 2019,
    });
  });

  it('"User profiles" blocks, the cite popup and page chrome are not results', () => {
    const profiles = `<div class="gs_r"><h3 class="gs_rt"><a href="/citations?view_op=search_authors&amp;mauthors=bengio">User profiles for <b>bengio</b></a></h3>
      <div class="gs_ri"><h4 class="gs_rt2"><a href="/citations?user=kukA0LcAAAAJ">Yoshua Bengio</a></h4></div></div>`;
    const citePopup = `<div id="gs_cit" role="dialog"><div id="gs_citt"><table><tr><th>MLA</th><td><div class="gs_citr">Vaswani, Ashish, et al. "Attention is all you need." (2017).</div></td></tr></table></div>
      <div id="gs_citi"><a class="gs_citi" href="/scholar.bib?q=info:x">BibTeX</a></div></div>`;
    const html = page(profiles + result({ h3: '<a href="https://arxiv.org/abs/1706.03762">Attention is all you need</a>', byline: 'A Vaswani&nbsp;- 2017' }, 0), citePopup);
    expect(detectPapers(parseHtml(html), URL_Q).map((p) => p.title)).toEqual(['Attention is all you need']);
  });

  it('a CAPTCHA page or a page without results yields nothing', () => {
    const captcha = `<html><head><title>Sorry...</title></head><body><div id="gs_captcha_ccl"><h1>Please show you're not a robot</h1></div></body></html>`;
    expect(detectPapers(parseHtml(captcha), URL_Q)).toEqual([]);
    const none = page('<div class="gs_r"><p>Your search - xyz - did not match any articles.</p></div>');
    expect(detectPapers(parseHtml(none), URL_Q)).toEqual([]);
  });
});

describe('google scholar: profile page', () => {
  const URL_P = 'https://scholar.google.com/citations?user=oR9sCGYAAAAJ&hl=en';
  const tr = (title: string, authors: string, venue: string, year: string) =>
    `<tr class="gsc_a_tr"><td class="gsc_a_t"><a href="/citations?view_op=view_citation&amp;hl=en&amp;user=oR9sCGYAAAAJ&amp;citation_for_view=oR9sCGYAAAAJ:x" class="gsc_a_at">${title}</a>
      <div class="gs_gray">${authors}</div><div class="gs_gray">${venue}<span class="gs_oph">, ${year}</span></div></td>
      <td class="gsc_a_c"><a href="https://scholar.google.com/scholar?cites=1" class="gsc_a_ac gs_ibl">1234</a></td>
      <td class="gsc_a_y"><span class="gsc_a_h gsc_a_hc gs_ibl">${year}</span></td></tr>`;
  const html = `<html><body><div id="gsc_prf_in">Ashish Vaswani</div>
    <table id="gsc_a_t"><thead><tr id="gsc_a_tr0"><th class="gsc_a_t">Title</th><th class="gsc_a_c">Cited by</th><th class="gsc_a_y">Year</th></tr></thead>
    <tbody id="gsc_a_b">
      ${tr('Attention is all you need', 'A Vaswani, N Shazeer, N Parmar, J Uszkoreit, L Jones, AN Gomez, ...', 'Advances in neural information processing systems 30', '2017')}
      ${tr('Self-attention with relative position representations', 'P Shaw, J Uszkoreit, A Vaswani', 'arXiv preprint arXiv:1803.02155', '2018')}
      <tr class="gsc_a_tr"><td class="gsc_a_t"></td><td class="gsc_a_y"></td></tr>
    </tbody></table></body></html>`;

  it('reads each work row: title, initials, truncation, venue without the hidden year, year', () => {
    const doc = parseHtml(html);
    const rows = detectRows(doc, URL_P)!.rows;
    expect(rows.map((r) => r.element)).toEqual([...doc.querySelectorAll('tr.gsc_a_tr')].slice(0, 2));
    expect(rows.map((r) => r.paper)).toEqual([
      {
        title: 'Attention is all you need',
        authors: ['A Vaswani', 'N Shazeer', 'N Parmar', 'J Uszkoreit', 'L Jones', 'AN Gomez'],
        ids: {},
        authorsTruncated: true,
        venue: 'Advances in neural information processing systems 30',
        year: 2017,
      },
      {
        title: 'Self-attention with relative position representations',
        authors: ['P Shaw', 'J Uszkoreit', 'A Vaswani'],
        ids: {},
        venue: 'arXiv preprint arXiv:1803.02155',
        year: 2018,
      },
    ]);
  });
});

describe('google scholar: hostile and broken markup', () => {
  const evil = '<img src=x onerror=alert(1)>';

  it('returns escaped markup as literal text, creates no element and leaves the page untouched', () => {
    const html = page(
      result({ h3: `<a href="https://arxiv.org/abs/2401.00001">${esc(evil)} title</a>`, byline: `${esc('<b>Mallory</b>')}&nbsp;- 2024` }, 0),
    );
    const doc = parseHtml(html);
    const before = new XMLSerializer().serializeToString(doc);
    const bolds = doc.querySelectorAll('b').length; // the snippet's own highlights
    const got = detectPapers(doc, URL_Q);
    expect(got).toHaveLength(1);
    expect(got[0]!.title).toBe(`${evil} title`);
    expect(got[0]!.authors).toEqual(['<b>Mallory</b>']);
    expect(doc.querySelectorAll('img')).toHaveLength(0);
    expect(doc.querySelectorAll('b')).toHaveLength(bolds);
    expect(new XMLSerializer().serializeToString(doc)).toBe(before);
  });

  it('skips rows without a title or without authors and ids, keeps the others, never throws', () => {
    const html = page(
      [
        '<div class="gs_r gs_or gs_scl" data-cid="e1"></div>',
        result({ h3: '', byline: 'A Author&nbsp;- 2020' }, 1),
        result({ h3: '<a href="https://example.org/x">No byline, no id</a>' }, 2),
        result({ h3: '<a href="https://doi.org/10.1000/xyz">No byline but a DOI</a>' }, 3),
        `<div class="gs_r gs_or gs_scl" data-cid="n1"><div><span><em><div class="gs_ri"><h3 class="gs_rt"><a href="https://doi.org/not-a-doi"><i>Nested</i> <b>junk</b></a></h3><div class="gs_a">Z Nest&nbsp;- x</div></div></em></span></div></div>`,
        result({ h3: '<a href="javascript:alert(1)">Scripted link</a>', byline: 'J Doe&nbsp;- 2021', side: '<a href="javascript:alert(2)"><span class="gs_ctg2">[PDF]</span> evil</a>' }, 5),
      ].join(''),
    );
    const doc = parseHtml(html);
    expect(() => googleScholar.detect(doc, new URL(URL_Q))).not.toThrow();
    const got = detectPapers(doc, URL_Q);
    expect(got.map((p) => p.title)).toEqual(['No byline but a DOI', 'Nested junk', 'Scripted link']);
    expect(got[0]!.ids).toEqual({ doi: '10.1000/xyz' });
    expect(got[1]).toMatchObject({ ids: {}, authors: ['Z Nest'] });
    expect(got[2]!.pdfUrl).toBeUndefined();
  });

  it('an empty document and a detached-looking page do not throw', () => {
    expect(detectPapers(parseHtml(''), URL_Q)).toEqual([]);
    expect(detectPapers(parseHtml('<html><body></body></html>'), URL_Q)).toEqual([]);
  });

  // Result pages hold 10-20 rows; a long synthetic page guards against per-row document queries.
  it('a long page is read with no document-wide query per row', { timeout: 30_000 }, () => {
    const n = 1000;
    const rows = Array.from({ length: n }, (_, i) =>
      result({ h3: `<a href="https://arxiv.org/abs/2401.${String(10000 + i)}">Paper ${i}</a>`, byline: `A Author${i}, B Other&nbsp;- Venue ${i}, 2024&nbsp;- arxiv.org`, side: `<a href="https://arxiv.org/pdf/2401.${String(10000 + i)}"><span class="gs_ctg2">[PDF]</span> arxiv.org</a>` }, i),
    ).join('');
    const doc = parseHtml(page(rows));
    const qsa = vi.spyOn(doc, 'querySelectorAll');
    const qs = vi.spyOn(doc, 'querySelector');
    const got = detectPapers(doc, URL_Q);
    expect(got).toHaveLength(n);
    expect(got[n - 1]).toMatchObject({ title: `Paper ${n - 1}`, ids: { arxiv: `2401.${10000 + n - 1}` }, year: 2024 });
    expect(qsa.mock.calls.length + qs.mock.calls.length).toBeLessThanOrEqual(3);
  });
});

// ---------------------------------------------------------------------------------------------
// Re-detection: rows known from an earlier pass are skipped before any of their text is read.

describe('google scholar: re-detection with known rows', () => {
  it('the fixture page with every row known yields nothing, and no row text is read', () => {
    for (const name of fixtureNames('google-scholar')) {
      const { html, expected } = loadFixture('google-scholar', name);
      const doc = parseHtml(html);
      const first = detectRows(doc, expected.url)!.rows;
      expect(first.length).toBeGreaterThan(0);
      const old = first.map((r) => r.element);
      const known = knownRows(old);
      const { result, read } = readsDuring(() => googleScholar.detect(doc, new URL(expected.url), { known }));
      expect(result).toEqual([]);
      expect(readInside(read, old)).toEqual([]);
      expect(detectRows(doc, expected.url, { known })!.rows).toEqual([]);
    }
  });

  const entry = (i: number) =>
    result(
      {
        h3: `<a href="https://arxiv.org/abs/2401.${10000 + i}">Paper number ${i}</a>`,
        byline: `A Author${i}, B Other&nbsp;- Venue ${i}, 2024&nbsp;- arxiv.org`,
        side: `<a href="https://arxiv.org/pdf/2401.${10000 + i}"><span class="gs_ctg2">[PDF]</span> arxiv.org</a>`,
      },
      i,
    );

  it('after more results are appended, a second pass returns only the new rows, in page order, without reading the old ones', () => {
    const doc = parseHtml(page([0, 1, 2].map(entry).join('')));
    const first = readsDuring(() => detectRows(doc, URL_Q)!.rows);
    expect(first.result.map((r) => r.paper.title)).toEqual(['Paper number 0', 'Paper number 1', 'Paper number 2']);
    const old = first.result.map((r) => r.element);
    expect(readInside(first.read, old).length).toBeGreaterThan(0); // the spy sees row text being read

    doc.getElementById('gs_res_ccl_mid')!.insertAdjacentHTML('beforeend', [3, 4, 5].map(entry).join(''));
    // A pass that read the old rows again would see these titles.
    for (const row of old) row.querySelector('h3 a')!.textContent = 'CHANGED: must not be read';
    const known = knownRows(old);

    const second = readsDuring(() => detectRows(doc, URL_Q, { known })!.rows);
    expect(readInside(second.read, old)).toEqual([]);
    expect(second.result.map((r) => r.element)).toEqual([...doc.querySelectorAll('.gs_r')].slice(3));
    // The new rows read exactly as on a page holding only them.
    const alone = detectRows(parseHtml(page([3, 4, 5].map(entry).join(''))), URL_Q)!.rows;
    expect(second.result.map((r) => r.paper)).toEqual(alone.map((r) => r.paper));
    expect(second.result.map((r) => r.paper.title)).toEqual(['Paper number 3', 'Paper number 4', 'Paper number 5']);
    // The adapter itself leaves the known rows out (the registry does not have to).
    expect(googleScholar.detect(doc, new URL(URL_Q), { known }).map((r) => r.element)).toEqual(second.result.map((r) => r.element));
  });

  it('a profile page: "Show more" rows are the only rows of the second pass', () => {
    const URL_P = 'https://scholar.google.com/citations?user=oR9sCGYAAAAJ&hl=en';
    const tr = (i: number) =>
      `<tr class="gsc_a_tr"><td class="gsc_a_t"><a href="/citations?view_op=view_citation&amp;citation_for_view=x:${i}" class="gsc_a_at">Work number ${i}</a>
        <div class="gs_gray">A Vaswani, N Shazeer</div><div class="gs_gray">Venue ${i}<span class="gs_oph">, 2017</span></div></td>
        <td class="gsc_a_c"><a href="https://scholar.google.com/scholar?cites=1" class="gsc_a_ac gs_ibl">12</a></td>
        <td class="gsc_a_y"><span class="gsc_a_h gsc_a_hc gs_ibl">2017</span></td></tr>`;
    const doc = parseHtml(`<html><body><table id="gsc_a_t"><tbody id="gsc_a_b">${[0, 1].map(tr).join('')}</tbody></table></body></html>`);
    const old = detectRows(doc, URL_P)!.rows.map((r) => r.element);
    expect(old).toHaveLength(2);
    // Table rows are parsed in a table of their own (an HTML fragment outside one drops them).
    const more = parseHtml(`<table><tbody>${[2, 3].map(tr).join('')}</tbody></table>`).querySelectorAll('tr');
    doc.getElementById('gsc_a_b')!.append(...[...more].map((n) => doc.importNode(n, true)));
    expect(doc.querySelectorAll('tr.gsc_a_tr')).toHaveLength(4);
    for (const row of old) row.querySelector('a.gsc_a_at')!.textContent = 'CHANGED';
    const known = knownRows(old);
    const second = readsDuring(() => detectRows(doc, URL_P, { known })!.rows);
    expect(readInside(second.read, old)).toEqual([]);
    expect(second.result.map((r) => r.paper)).toEqual([
      { title: 'Work number 2', authors: ['A Vaswani', 'N Shazeer'], ids: {}, venue: 'Venue 2', year: 2017 },
      { title: 'Work number 3', authors: ['A Vaswani', 'N Shazeer'], ids: {}, venue: 'Venue 3', year: 2017 },
    ]);
    expect(second.result.map((r) => r.element)).toEqual([...doc.querySelectorAll('tr.gsc_a_tr')].slice(2));
  });
});
