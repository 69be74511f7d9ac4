import { describe, expect, it, vi } from 'vitest';
import { adapterFor, detectPapers, detectRows } from '../../../lib/sites';
import { cvf } from '../../../lib/sites/cvf';
import { expectFixture, fixtureNames, loadFixture, parseHtml } from '../fixtures';
import { firstPass, grownPage, poisonText, type GrownPage } from './known-rows';

// ---------------------------------------------------------------------------------------------
// Builders for synthetic pages (markup of site-guide §9).

const text = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const attr = (s: string): string => text(s).replace(/"/g, '&quot;');

const HEADER = `<div id="header"><div id="header_left"><a href="https://openaccess.thecvf.com"><img src="../../img/cvf.jpg" alt="CVPR 2023"></a></div>
  <div id="header_right"><div id="header_title"><a href="https://cvpr2023.thecvf.com/">CVPR 2023</a> <a href="/menu" class="a_monochrome">open access</a></div>
  <form action="/CVPR2023" method="post"><input type="text" name="query"><input type="submit" value="Search"></form></div></div><div class="clear"></div>`;

function page(content: string, head = ''): string {
  return `<!DOCTYPE html><html><head><title>CVPR 2023 Open Access Repository</title>${head}</head><body>${HEADER}
    <div id="content">${content}</div></body></html>`;
}

function authorForms(names: string[], conf = 'CVPR2023'): string {
  return names
    .map((n) => {
      const id = `form-${n.replace(/\s+/g, '-')}`;
      return `<form id="${attr(id)}" action="/${conf}_search" method="post" class="authsearch">
<input type="hidden" name="query_author" value="${attr(n)}">
<a href="#" onclick="document.getElementById('${attr(id)}').submit();">${text(n)}</a>,
</form>`;
    })
    .join('\n');
}

interface Entry {
  base: string; // file name without _paper.html
  title: string;
  authors: string[];
  dir?: string; // e.g. "content/CVPR2023" or "content/CVPR2023W/CVFAD"
  arxiv?: string;
  bibAuthors?: string;
}

function entry(e: Entry): string {
  const dir = e.dir ?? 'content/CVPR2023';
  return `<dt class="ptitle"><br><a href="/${dir}/html/${e.base}_paper.html">${text(e.title)}</a></dt>
<dd>
${authorForms(e.authors)}
</dd>
<dd>
[<a href="/${dir}/papers/${e.base}_paper.pdf">pdf</a>]
[<a href="/${dir}/supplemental/${e.base}_supplemental.pdf">supp</a>]
${e.arxiv ? `[<a href="http://arxiv.org/abs/${e.arxiv}">arXiv</a>]` : ''}
<div class="link2">[<a class="fakelink" onclick="$(this).siblings('.bibref').slideToggle()">bibtex</a>]
<div class="bibref pre-white-space">@InProceedings{X_2023_CVPR,
    author    = {${e.bibAuthors ?? 'Bibonly, Person'}},
    title     = {${text(e.title)}},
    booktitle = {Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR)},
    month     = {June},
    year      = {2023}
}</div>
</div>
</dd>`;
}

describe('cvf fixtures', () => {
  const names = fixtureNames('cvf');
  it('has the developer fixtures', () => {
    expect(names.length).toBeGreaterThanOrEqual(2);
  });
  for (const name of names) {
    it(`${name} matches its expected entries`, () => {
      const got = expectFixture('cvf', name);
      expect(got.length).toBe(loadFixture('cvf', name).expected.entryCount);
    });
  }

  it('list: the dt.ptitle is the row element; BibTeX names never leak into authors', () => {
    const { html, expected } = loadFixture('cvf', 'ICCV2021-day-all');
    const rows = detectRows(parseHtml(html), expected.url)!.rows;
    expect(rows).toHaveLength(25);
    for (const r of rows) {
      expect(r.element.localName).toBe('dt');
      for (const a of r.paper.authors) expect(a).not.toMatch(/,|\\|\{/);
    }
  });

  it('paper page: the row element is div#papertitle', () => {
    const { html, expected } = loadFixture('cvf', 'ICCV2021-Patashnik_StyleCLIP');
    const rows = detectRows(parseHtml(html), expected.url)!.rows;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.element.id).toBe('papertitle');
  });
});

describe('cvf URLs', () => {
  it.each([
    'https://openaccess.thecvf.com/ICCV2021?day=all',
    'https://openaccess.thecvf.com/CVPR2023?day=2023-06-20',
    'https://openaccess.thecvf.com/CVPR2023',
    'https://openaccess.thecvf.com/WACV2024',
    'https://openaccess.thecvf.com/CVPR2019.py',
    'https://openaccess.thecvf.com/CVPR2023_workshops/CVFAD',
    'https://openaccess.thecvf.com/CVPR2017_workshops/CVPR2017_W1.py',
    'https://openaccess.thecvf.com/content/CVPR2022/html/Rombach_High-Resolution_Image_Synthesis_With_Latent_Diffusion_Models_CVPR_2022_paper.html',
    'https://openaccess.thecvf.com/content_cvpr_2016/html/He_Deep_Residual_Learning_CVPR_2016_paper.html',
    'https://openaccess.thecvf.com/content/CVPR2023W/CVFAD/html/Doe_A_Workshop_Paper_CVPRW_2023_paper.html',
    'https://openaccess.thecvf.com/content_ICCV_2019/html/Doe_Something_ICCV_2019_paper.html',
  ])('claims %s', (url) => {
    expect(adapterFor(url)).toBe(cvf);
  });

  it.each([
    'https://openaccess.thecvf.com/menu',
    'https://openaccess.thecvf.com/CVPR2023_workshops/menu',
    'https://openaccess.thecvf.com/',
    'https://openaccess.thecvf.com/content/CVPR2022/papers/Rombach_High-Resolution_Image_Synthesis_With_Latent_Diffusion_Models_CVPR_2022_paper.pdf',
    'https://openaccess.thecvf.com/content/CVPR2022/supplemental/Rombach_High-Resolution_CVPR_2022_supplemental.pdf',
    'https://openaccess.thecvf.com/CVPR2022_search',
    'https://www.thecvf.com/',
    'https://openaccess.thecvf.com.evil.com/CVPR2023',
    'https://example.com/openaccess.thecvf.com/CVPR2023',
  ])('does not claim %s', (url) => {
    expect(adapterFor(url)).not.toBe(cvf);
  });
});

describe('cvf list (synthetic)', () => {
  const DAY = 'https://openaccess.thecvf.com/CVPR2023?day=2023-06-20';

  it('a CVPR day page: authors from the visible links, PDF and arXiv from the links block', () => {
    const html = page(
      `<dl>${entry({ base: 'Doe_First_Paper_CVPR_2023', title: 'First Paper', authors: ['Jane Doe', 'Björn Ommer'], arxiv: '2301.00001v2', bibAuthors: 'Doe, Jane and Ommer, Bj\\"orn' })}
       ${entry({ base: 'Roe_Second_CVPR_2023', title: 'Second: A Title?', authors: ['Richard Roe'] })}</dl>`,
    );
    const got = detectPapers(parseHtml(html), DAY);
    expect(got).toEqual([
      {
        title: 'First Paper',
        authors: ['Jane Doe', 'Björn Ommer'],
        ids: { cvf: 'Doe_First_Paper_CVPR_2023_paper', arxiv: '2301.00001' },
        pdfUrl: 'https://openaccess.thecvf.com/content/CVPR2023/papers/Doe_First_Paper_CVPR_2023_paper.pdf',
        venue: 'CVPR 2023',
        year: 2023,
      },
      {
        title: 'Second: A Title?',
        authors: ['Richard Roe'],
        ids: { cvf: 'Roe_Second_CVPR_2023_paper' },
        pdfUrl: 'https://openaccess.thecvf.com/content/CVPR2023/papers/Roe_Second_CVPR_2023_paper.pdf',
        venue: 'CVPR 2023',
        year: 2023,
      },
    ]);
  });

  it('a workshop list: venue says Workshops', () => {
    const html = page(
      `<dl>${entry({ base: 'Doe_A_Workshop_Paper_CVPRW_2023', dir: 'content/CVPR2023W/CVFAD', title: 'A Workshop Paper', authors: ['Jane Doe'] })}</dl>`,
    );
    const got = detectPapers(parseHtml(html), 'https://openaccess.thecvf.com/CVPR2023_workshops/CVFAD');
    expect(got[0]).toMatchObject({ venue: 'CVPR 2023 Workshops', year: 2023, ids: { cvf: 'Doe_A_Workshop_Paper_CVPRW_2023_paper' } });
    expect(got[0]!.pdfUrl).toBe('https://openaccess.thecvf.com/content/CVPR2023W/CVFAD/papers/Doe_A_Workshop_Paper_CVPRW_2023_paper.pdf');
  });

  it('an old-style page: relative links, plain-text authors, year-first file names', () => {
    const html = `<html><body><div id="content"><dl>
      <dt class="ptitle"><br><a href="content_cvpr_2013/html/Doe_Old_Paper_2013_CVPR_paper.html">Old Paper</a></dt>
      <dd>Jane Doe, Richard Roe</dd>
      <dd>[<a href="content_cvpr_2013/papers/Doe_Old_Paper_2013_CVPR_paper.pdf">pdf</a>]
        <div class="link2">[<a class="fakelink">bibtex</a>]<div class="bibref">@InProceedings{Doe_2013_CVPR, author = {Doe, Jane and Roe, Richard}}</div></div></dd>
    </dl></div></body></html>`;
    const got = detectPapers(parseHtml(html), 'https://openaccess.thecvf.com/CVPR2013.py');
    expect(got).toEqual([
      {
        title: 'Old Paper',
        authors: ['Jane Doe', 'Richard Roe'],
        ids: { cvf: 'Doe_Old_Paper_2013_CVPR_paper' },
        pdfUrl: 'https://openaccess.thecvf.com/content_cvpr_2013/papers/Doe_Old_Paper_2013_CVPR_paper.pdf',
        venue: 'CVPR 2013',
        year: 2013,
      },
    ]);
  });

  it('authors fall back to the hidden input when a form has no link text', () => {
    const html = page(`<dl><dt class="ptitle"><br><a href="/content/CVPR2023/html/X_Y_CVPR_2023_paper.html">Y</a></dt>
      <dd><form class="authsearch" action="/CVPR2023_search" method="post"><input type="hidden" name="query_author" value="Hidden Name"><a href="#"></a>,</form></dd></dl>`);
    expect(detectPapers(parseHtml(html), 'https://openaccess.thecvf.com/CVPR2023')[0]!.authors).toEqual(['Hidden Name']);
  });

  it('an empty ?day=all page, and the header search form, give no entries', () => {
    expect(detectPapers(parseHtml(page('<dl></dl>')), 'https://openaccess.thecvf.com/CVPR2023?day=all')).toEqual([]);
  });

  it('junk: a dt without title, a dt without dds, nested junk, a title with markup as text', () => {
    const evil = '<img src=x onerror=alert(1)> & more';
    const html = page(`<dl>
      <dt class="ptitle"><br><a href="/content/CVPR2023/html/A_CVPR_2023_paper.html"></a></dt><dd>${authorForms(['Nobody'])}</dd>
      <dt class="ptitle"><br><a href="/content/CVPR2023/html/B_CVPR_2023_paper.html">No Authors Block</a></dt>
      <dt class="ptitle"><br><a href="/content/CVPR2023/html/C_CVPR_2023_paper.html">${text(evil)}</a></dt><dd>${authorForms(['<b>Mallory</b>'])}</dd>
      <dd><div><div><span><dt class="ptitle">nested</dt></span></div></div></dd>
    </dl>`);
    const doc = parseHtml(html);
    const imgs = doc.querySelectorAll('img').length;
    const got = detectPapers(doc, 'https://openaccess.thecvf.com/CVPR2023');
    expect(got.map((p) => p.title)).toEqual(['No Authors Block', evil]);
    expect(got[0]!.authors).toEqual([]);
    expect(got[1]!.authors).toEqual(['<b>Mallory</b>']);
    expect(doc.querySelectorAll('img').length).toBe(imgs);
    expect(doc.querySelector('img[src="x"], b')).toBeNull();
  });

  it('1,600 entries: linear, with a fixed number of document-wide queries', () => {
    let dl = '';
    for (let i = 0; i < 1600; i++) dl += entry({ base: `P${i}_Title_CVPR_2023`, title: `Paper ${i}`, authors: [`Author ${i}`, `Other ${i}`] });
    const doc = parseHtml(page(`<dl>${dl}</dl>`));
    const qsa = vi.spyOn(doc, 'querySelectorAll');
    const qs = vi.spyOn(doc, 'querySelector');
    const rows = detectRows(doc, 'https://openaccess.thecvf.com/CVPR2023?day=all')!.rows;
    expect(rows).toHaveLength(1600);
    expect(rows[1599]!.paper).toMatchObject({ title: 'Paper 1599', authors: ['Author 1599', 'Other 1599'], venue: 'CVPR 2023' });
    expect(qsa.mock.calls.length + qs.mock.calls.length).toBeLessThanOrEqual(3);
  }, 60_000); // building and parsing the big page is slow under happy-dom
});

describe('cvf paper page (synthetic)', () => {
  const URL_W = 'https://openaccess.thecvf.com/content/CVPR2023W/CVFAD/html/Doe_A_Workshop_Paper_CVPRW_2023_paper.html';

  function paperPage(body: string, head = ''): string {
    return page(`<dl><dd>${body}</dd></dl>`, head);
  }

  it('the title element is #papertitle; a title from the meta tags alone has none', () => {
    const shown = parseHtml(paperPage(`<div id="papertitle">A Workshop Paper</div><div id="authors"><b><i>Jane Doe</i></b>; CVPR Workshops, 2023</div>`));
    expect(cvf.detect(shown, new URL(URL_W))[0]!.title).toBe(shown.getElementById('papertitle'));
    const tags = `<meta name="citation_title" content="A Workshop Paper"><meta name="citation_author" content="Doe, Jane">`;
    const hidden = parseHtml(paperPage(`<div id="papertitle"> </div>`, tags));
    const rows = cvf.detect(hidden, new URL(URL_W));
    expect(rows[0]!.paper.title).toBe('A Workshop Paper');
    expect(rows[0]!.title).toBeUndefined();
  });

  it('workshop paper page without meta tags: DOM only', () => {
    const html = paperPage(`<div id="papertitle">
      A Workshop Paper</div>
      <div id="authors"><br><b><i>Jane Doe, Richard Roe</i></b>; Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR) Workshops, 2023, pp. 1-10</div>
      <font size="5"><br><b>Abstract</b></font><br><br><div id="abstract">
      An abstract
      over two lines.</div>
      <font size="5"><br><b>Related Material</b></font><br><br>
      [<a href="/content/CVPR2023W/CVFAD/papers/Doe_A_Workshop_Paper_CVPRW_2023_paper.pdf">pdf</a>]
      <div class="link2">[<a class="fakelink">bibtex</a>]<div class="bibref pre-white-space">@InProceedings{Doe_2023_CVPR, author = {Doe, Jane and Roe, Richard}}</div></div>`);
    expect(detectPapers(parseHtml(html), URL_W)).toEqual([
      {
        title: 'A Workshop Paper',
        authors: ['Jane Doe', 'Richard Roe'],
        ids: { cvf: 'Doe_A_Workshop_Paper_CVPRW_2023_paper' },
        pdfUrl: 'https://openaccess.thecvf.com/content/CVPR2023W/CVFAD/papers/Doe_A_Workshop_Paper_CVPRW_2023_paper.pdf',
        abstract: 'An abstract over two lines.',
        venue: 'CVPR 2023 Workshops',
        year: 2023,
      },
    ]);
  });

  it('an old content_cvpr_2016 page; missing authors block falls back to "Last, First" metas', () => {
    const url = 'https://openaccess.thecvf.com/content_cvpr_2016/html/He_Deep_Residual_Learning_CVPR_2016_paper.html';
    const html = paperPage(
      `<div id="papertitle">Deep Residual Learning for Image Recognition</div><div id="abstract">Deeper neural networks are more difficult to train.</div>`,
      `<meta name="citation_author" content="He, Kaiming"><meta name="citation_author" content="Zhang, Xiangyu">`,
    );
    expect(detectPapers(parseHtml(html), url)[0]).toMatchObject({
      title: 'Deep Residual Learning for Image Recognition',
      authors: ['Kaiming He', 'Xiangyu Zhang'],
      ids: { cvf: 'He_Deep_Residual_Learning_CVPR_2016_paper' },
      venue: 'CVPR 2016',
      year: 2016,
    });
  });

  it('an error page at a paper URL yields nothing', () => {
    expect(detectPapers(parseHtml('<html><body><h1>404 Not Found</h1></body></html>'), URL_W)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Re-detection with `known` (rows read on an earlier pass are skipped before their text is read).

describe('cvf re-detection with known rows', () => {
  const DAY = 'https://openaccess.thecvf.com/CVPR2023?day=2023-06-20';
  const base = (i: number): string => `Doe${i}_Paper_Number_${i}_CVPR_2023`;
  const items = (from: number, to: number): string => {
    let out = '';
    for (let i = from; i <= to; i++) out += entry({ base: base(i), title: `Paper Number ${i}`, authors: [`Author ${i}`, `Other ${i}`], arxiv: i % 2 === 0 ? `2301.0000${i}` : undefined });
    return out;
  };
  const expectedPaper = (i: number) => ({
    title: `Paper Number ${i}`,
    authors: [`Author ${i}`, `Other ${i}`],
    ids: { cvf: `${base(i)}_paper`, ...(i % 2 === 0 ? { arxiv: `2301.0000${i}` } : {}) },
    pdfUrl: `https://openaccess.thecvf.com/content/CVPR2023/papers/${base(i)}_paper.pdf`,
    venue: 'CVPR 2023',
    year: 2023,
  });
  /** A day page with entries 1-4, read once; then entries 5-7 appended to the list. */
  const grown = (): GrownPage =>
    grownPage(parseHtml(page(`<dl>${items(1, 4)}</dl>`)), DAY, 4, (doc) => doc.querySelector('#content > dl')!.insertAdjacentHTML('beforeend', items(5, 7)));
  /** A dt and the dds that belong to it (authors, links). */
  const entryParts = (dt: Element): Element[] => {
    const out = [dt];
    for (let el = dt.nextElementSibling; el && el.localName !== 'dt'; el = el.nextElementSibling) out.push(el);
    return out;
  };

  it('the fixture list with every row known: no rows, and the adapter itself returns none', () => {
    const { html, expected } = loadFixture('cvf', 'ICCV2021-day-all');
    const doc = parseHtml(html);
    const { rows: first, known } = firstPass(doc, expected.url);
    expect(first).toHaveLength(expected.entryCount);
    expect(detectRows(doc, expected.url, { known })!.rows).toEqual([]);
    expect(cvf.detect(doc, new URL(expected.url), { known })).toEqual([]);
  });

  it('the fixture paper page: its one row element, once known, is dropped', () => {
    const { html, expected } = loadFixture('cvf', 'ICCV2021-Patashnik_StyleCLIP');
    const doc = parseHtml(html);
    const first = detectRows(doc, expected.url)!.rows;
    expect(first).toHaveLength(1);
    expect(detectRows(doc, expected.url, { known: (row) => row === first[0]!.element })!.rows).toEqual([]);
  });

  it('after entries are appended, a second pass yields exactly the new ones, in page order', () => {
    const { doc, known } = grown();
    const rows = detectRows(doc, DAY, { known })!.rows;
    expect(rows.map((r) => r.paper)).toEqual([expectedPaper(5), expectedPaper(6), expectedPaper(7)]);
    expect(rows.map((r) => r.element)).toEqual([...doc.querySelectorAll('dt.ptitle')].slice(4));
    // the adapter skips them itself, not only the registry
    expect(cvf.detect(doc, new URL(DAY), { known }).map((r) => r.paper.ids.cvf)).toEqual([5, 6, 7].map((i) => `${base(i)}_paper`));
  });

  it('never reads the text of known rows (their titles, authors and links blocks)', () => {
    const { doc, first, known } = grown();
    const reads: string[] = [];
    poisonText(first.flatMap(entryParts), reads);
    const rows = detectRows(doc, DAY, { known })!.rows;
    expect(reads).toEqual([]);
    expect(rows.map((r) => r.paper)).toEqual([expectedPaper(5), expectedPaper(6), expectedPaper(7)]);
    // control: without `known` the same rows are read, so the poison would have been seen
    const all = detectRows(doc, DAY)!.rows;
    expect(reads.length).toBeGreaterThan(0);
    expect(all[0]!.paper.title).toContain('POISONED');
  });
});
