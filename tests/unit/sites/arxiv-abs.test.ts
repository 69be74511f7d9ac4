import { describe, expect, it } from 'vitest';
import { expectFixture, fixtureNames } from '../fixtures';
import { adapterFor, detectPapers, detectRows } from '../../../lib/sites';
import { arxivAbs } from '../../../lib/sites/arxiv-abs';

const parse = (html: string): Document => new DOMParser().parseFromString(html, 'text/html');

const authorLink = (name: string) =>
  `<a href="https://arxiv.org/search/hep-ex?searchtype=author&amp;query=${encodeURIComponent(name)}" rel="nofollow">${name}</a>`;

interface AbsPage {
  id: string;
  title: string;
  authorsHtml: string;
  metaAuthors?: string[];
  abstract?: string;
  dateline?: string;
  rows?: string; // extra metatable rows
  citationDoi?: string;
  citationDate?: string;
}

/** An abs page as rendered by abs.html (reduced chrome). */
function absPage(p: AbsPage): string {
  const meta = [
    `<meta name="citation_title" content="${p.title}" />`,
    ...(p.metaAuthors ?? []).map((a) => `<meta name="citation_author" content="${a}" />`),
    p.citationDoi ? `<meta name="citation_doi" content="${p.citationDoi}" />` : '',
    p.citationDate ? `<meta name="citation_date" content="${p.citationDate}" />` : '',
    `<meta name="citation_pdf_url" content="https://arxiv.org/pdf/${p.id}" />`,
    `<meta name="citation_arxiv_id" content="${p.id}" />`,
  ].join('\n');
  return `<!DOCTYPE html><html><head><title>[${p.id}] ${p.title}</title>${meta}</head><body>
  <main><div id="abs-outer"><div class="leftcolumn">
    <div class="header-breadcrumbs-mobile"><strong>arXiv:${p.id}</strong></div>
    <div id="content-inner"><div id="abs">
      ${p.dateline === undefined ? '' : `<div class="dateline">${p.dateline}</div>`}
      <h1 class="title mathjax"><span class="descriptor">Title:</span>${p.title}</h1>
      <div class="authors"><span class="descriptor">Authors:</span>${p.authorsHtml}</div>
      ${p.abstract === undefined ? '' : `<blockquote class="abstract mathjax"><span class="descriptor">Abstract:</span>${p.abstract}</blockquote>`}
      <div class="metatable"><table summary="Additional metadata">
        <tr><td class="tablecell label">Report&nbsp;number:</td><td class="tablecell jref">CERN-PH-EP-2012-218</td></tr>
        <tr><td class="tablecell label">Cite as:</td><td class="tablecell arxivid"><span class="arxivid"><a href="https://arxiv.org/abs/${p.id}">arXiv:${p.id}</a></span></td></tr>
        <tr><td class="tablecell label">&nbsp;</td><td class="tablecell arxivdoi"><a href="https://doi.org/10.48550/arXiv.${p.id}" id="arxiv-doi-link">https://doi.org/10.48550/arXiv.${p.id}</a></td></tr>
        ${p.rows ?? ''}
      </table></div>
    </div></div>
  </div>
  <div class="extra-services"><a href="/pdf/${p.id}" class="abs-button download-pdf">View PDF</a>
    <a href="/abs/9999.99999">prev</a></div>
  </div></main></body></html>`;
}

describe('arxiv abs: shared fixtures', () => {
  const names = fixtureNames('arxiv-abs');
  it('has fixtures to check', () => {
    expect(names.length).toBeGreaterThan(0);
  });
  for (const name of names) {
    it(`matches ${name}`, () => {
      expect(expectFixture('arxiv-abs', name)).toHaveLength(1);
    });
  }
});

describe('arxiv abs: URLs', () => {
  it.each([
    'https://arxiv.org/abs/0704.0001',
    'https://arxiv.org/abs/0704.0001v2',
    'https://arxiv.org/abs/2401.12345?context=cs',
    'https://arxiv.org/abs/hep-th/9901001',
    'https://arxiv.org/abs/math.GT/0309136v1',
    'https://export.arxiv.org/abs/cond-mat/0102536#',
  ])('claims %s', (url) => {
    expect(adapterFor(url)).toBe(arxivAbs);
  });

  it.each(['https://arxiv.org/abs/', 'https://arxiv.org/abs/foo', 'https://arxiv.org/pdf/0704.0001', 'https://arxiv.org/abs/0704.0001/extra'])(
    'does not claim %s',
    (url) => {
      expect(adapterFor(url)).not.toBe(arxivAbs);
    },
  );
});

describe('arxiv abs: long author list', () => {
  const visible = Array.from({ length: 101 }, (_, i) => authorLink(`Visible Author${i + 1}`)).join(', ');
  const hidden = ['Hidden One', 'Hidden Two', 'Hidden Three'].map(authorLink).join(', ');
  const html = absPage({
    id: '1207.7214',
    title: 'Observation of a new particle in the search for the Standard Model Higgs boson with the ATLAS detector at the LHC',
    authorsHtml: `${authorLink('ATLAS Collaboration')}: ${visible},
      <script type="text/javascript">function toggleAuthorList(a, b) { return 'Script Author'; }</script>
      <div id="long-author-list" style="display: none;">, ${hidden}</div>
      <a href="javascript:toggleAuthorList('long-author-list','et al. (3 additional authors not shown)');" title="Show Entire Author List" id="toggle">
        et al. (3 additional authors not shown)</a>
      <noscript>&nbsp;You must enable JavaScript to view entire author list.</noscript>`,
    abstract: 'A search for the Standard Model Higgs boson.',
    dateline: '[Submitted on 31 Jul 2012 (v1), last revised 31 Aug 2012 (this version, v2)]',
    rows: `<tr><td class="tablecell label">Journal&nbsp;reference:</td><td class="tablecell jref">Phys.Lett. B716 (2012) 1-29</td></tr>
      <tr><td class="tablecell label"><abbr title="Digital Object Identifier">Related DOI</abbr>:</td>
      <td class="tablecell doi"><a class="link-https link-external" data-doi="10.1016/j.physletb.2012.08.020" href="https://doi.org/10.1016/j.physletb.2012.08.020">https://doi.org/10.1016/j.physletb.2012.08.020</a></td></tr>`,
  });

  it('includes the hidden authors, not the toggle or script text, and is not truncated', () => {
    const [p, ...rest] = detectPapers(parse(html), 'https://arxiv.org/abs/1207.7214v2');
    expect(rest).toEqual([]);
    expect(p!.authors).toHaveLength(1 + 101 + 3);
    expect(p!.authors[0]).toBe('ATLAS Collaboration');
    expect(p!.authors.slice(-3)).toEqual(['Hidden One', 'Hidden Two', 'Hidden Three']);
    expect(p!.authors.join('|')).not.toMatch(/et al|additional|Script|JavaScript/);
    expect(p!.authorsTruncated).toBeUndefined();
    expect(p).toMatchObject({
      ids: { arxiv: '1207.7214', doi: '10.1016/j.physletb.2012.08.020' },
      venue: 'Phys.Lett. B716 (2012) 1-29',
      year: 2012,
      pdfUrl: 'https://arxiv.org/pdf/1207.7214',
      abstract: 'A search for the Standard Model Higgs boson.',
    });
  });

  it('returns div#abs as the row element', () => {
    const rows = detectRows(parse(html), 'https://arxiv.org/abs/1207.7214')!.rows;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.element.id).toBe('abs');
  });

  it('names h1.title as the element showing the title; none when only citation_title has it', () => {
    const doc = parse(html);
    expect(detectRows(doc, 'https://arxiv.org/abs/1207.7214')!.rows[0]!.title).toBe(doc.querySelector('h1.title'));
    const metaOnly = parse(html);
    metaOnly.querySelector('h1.title')!.remove();
    const [row] = detectRows(metaOnly, 'https://arxiv.org/abs/1207.7214')!.rows;
    expect(row!.paper.title).toMatch(/^Observation of a new particle/);
    expect(row!.title).toBeUndefined();
  });
});

describe('arxiv abs: identifiers', () => {
  it('has only the arXiv id when there is no journal DOI (the 10.48550 DOI is not one)', () => {
    const html = absPage({
      id: '2401.00001',
      title: 'A preprint only',
      authorsHtml: `${authorLink('A. Author')}, ${authorLink('B. Author')}`,
      abstract: 'Nothing published yet.',
      dateline: '[Submitted on 29 Dec 2023]',
    });
    const [p] = detectPapers(parse(html), 'https://arxiv.org/abs/2401.00001');
    expect(p!.ids).toEqual({ arxiv: '2401.00001' });
    expect(p!.venue).toBeUndefined(); // "Report number" shares td.jref but is not a venue
    expect(p!.year).toBe(2023); // year of v1 from the dateline, not of the id's announcement month
  });

  it('takes the year from citation_date when there is no dateline', () => {
    const html = absPage({
      id: '2401.00009',
      title: 'No dateline',
      authorsHtml: authorLink('D. Author'),
      citationDate: '2023/12/30',
    });
    expect(detectPapers(parse(html), 'https://arxiv.org/abs/2401.00009')[0]!.year).toBe(2023);
  });

  it('reads an old-style id with a version in the URL', () => {
    const html = absPage({
      id: 'hep-th/9901001',
      title: 'Old style',
      authorsHtml: `${authorLink('E. Witten')} (IAS)`,
      abstract: 'Strings.',
    });
    const [p] = detectPapers(parse(html), 'https://arxiv.org/abs/hep-th/9901001v3');
    expect(p).toEqual({
      title: 'Old style',
      authors: ['E. Witten'],
      ids: { arxiv: 'hep-th/9901001' },
      abstract: 'Strings.',
      pdfUrl: 'https://arxiv.org/pdf/hep-th/9901001',
      year: 1999, // no dateline and no citation_date: the id implies it
    });
  });

  it('takes the first journal DOI from citation_doi when the table has none', () => {
    const html = absPage({
      id: '0704.0002',
      title: 'Two DOIs in meta',
      authorsHtml: authorLink('C. Author'),
      citationDoi: '10.1103/PhysRevD.76.013009 10.1000/other',
    });
    expect(detectPapers(parse(html), 'https://arxiv.org/abs/0704.0002')[0]!.ids).toEqual({
      arxiv: '0704.0002',
      doi: '10.1103/physrevd.76.013009',
    });
  });
});

describe('arxiv abs: authors', () => {
  it('marks a plain "et al" as truncated and drops affiliations', () => {
    const html = absPage({
      id: '0704.0003',
      title: 'Collaboration',
      authorsHtml: `${authorLink('D0 Collaboration')}: ${authorLink('V. Abazov')} (JINR), et al`,
    });
    const [p] = detectPapers(parse(html), 'https://arxiv.org/abs/0704.0003');
    expect(p!.authors).toEqual(['D0 Collaboration', 'V. Abazov']);
    expect(p!.authorsTruncated).toBe(true);
  });

  it('falls back to citation_author ("Last, First" → "First Last") without div.authors links', () => {
    const html = absPage({
      id: '0704.0004',
      title: 'Meta authors',
      authorsHtml: '',
      metaAuthors: ['Balázs, C.', 'Yuan, C.-P.'],
    });
    expect(detectPapers(parse(html), 'https://arxiv.org/abs/0704.0004')[0]!.authors).toEqual(['C. Balázs', 'C.-P. Yuan']);
  });
});

describe('arxiv abs: hostile markup', () => {
  it('keeps escaped markup as literal text and never throws on an empty page', () => {
    const html = absPage({
      id: '0704.0005',
      title: '&lt;img src=x onerror=alert(1)&gt; title',
      authorsHtml: authorLink('Mallory'),
      abstract: '&lt;script&gt;alert(1)&lt;/script&gt;',
    });
    const doc = parse(html);
    const [p] = detectPapers(doc, 'https://arxiv.org/abs/0704.0005');
    expect(p!.title).toBe('<img src=x onerror=alert(1)> title');
    expect(p!.abstract).toBe('<script>alert(1)</script>');
    expect(doc.querySelectorAll('img')).toHaveLength(0);

    const empty = parse('<html><body></body></html>');
    expect(() => arxivAbs.detect(empty, new URL('https://arxiv.org/abs/0704.0005'))).not.toThrow();
    expect(detectPapers(empty, 'https://arxiv.org/abs/0704.0005')).toEqual([]);
  });
});
