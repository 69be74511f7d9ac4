import { describe, expect, it } from 'vitest';
import { expectFixture, fixtureNames } from '../fixtures';
import { adapterFor, detectPapers, detectRows } from '../../../lib/sites';
import { arxivListing } from '../../../lib/sites/arxiv-listing';
import { knownFixturePass, knownRows, readsInside, recordReads } from './known-rows';

const parse = (html: string): Document => new DOMParser().parseFromString(html, 'text/html');

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

interface Item {
  id: string;
  title: string;
  authors?: string; // raw HTML of div.list-authors
  abstract?: string;
  marker?: string; // bare text in the dt, e.g. "(cross-list from hep-lat)"
  journal?: string;
}

/** One dt/dd pair in the current arXiv template (list_macros.html). */
function entry(it: Item, n: number): string {
  return `
    <dt>
      <a name='item${n}'>[${n}]</a>
      <a href ="/abs/${it.id}" title="Abstract" id="${it.id}">
        arXiv:${it.id}
      </a>
      ${it.marker ?? ''}
      [<a href="/pdf/${it.id}" title="Download PDF" id="pdf-${it.id}" aria-labelledby="pdf-${it.id}">pdf</a>, <a href="/format/${it.id}" title="Other formats" id="oth-${it.id}">other</a>]
    </dt>
    <dd>
      <div class='meta'>
        <div class='list-title mathjax'><span class='descriptor'>Title:</span>
          ${it.title}
        </div>
        <div class='list-authors'>${it.authors ?? '<a href="https://arxiv.org/search/math?searchtype=author&amp;query=Doe,+J">J. Doe</a>'}</div>
        ${it.journal ? `<div class='list-journal-ref'><span class='descriptor'>Journal-ref:</span> ${it.journal}</div>` : ''}
        <div class='list-subjects'><span class='descriptor'>Subjects:</span>
          <span class="primary-subject">Geometric Topology (math.GT)</span>
        </div>
        ${it.abstract !== undefined ? `<p class='mathjax'>\n ${it.abstract}\n</p>` : ''}
      </div>
    </dd>`;
}

function page(body: string): string {
  return `<!DOCTYPE html><html><head><title>arXiv listing</title></head><body>
    <header><a href="/abs/9999.99999">not an entry</a></header>
    <main><div id="content"><div id='content-inner'><div id='dlpage'>
      <h1>Mathematics</h1>
      ${body}
    </div></div></div></main>
    <footer><dl><dt>Footer term</dt><dd>Footer definition</dd></dl></footer>
  </body></html>`;
}

describe('arxiv listing: shared fixtures', () => {
  const names = fixtureNames('arxiv-listing');
  it('has fixtures to check', () => {
    expect(names.length).toBeGreaterThan(0);
  });
  for (const name of names) {
    it(`matches ${name}`, () => {
      const got = expectFixture('arxiv-listing', name);
      expect(got.length).toBeGreaterThan(0);
    });
  }

  it('returns the dd of each entry as its row element', () => {
    const url = 'https://arxiv.org/list/hep-ph/new';
    const doc = parse(page(`<dl id='articles'>${entry({ id: '0704.0001', title: 'A', abstract: 'x' }, 1)}</dl>`));
    const rows = detectRows(doc, url)!.rows;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.element.localName).toBe('dd');
    expect(rows[0]!.element.querySelector('.list-title')?.textContent).toContain('A');
  });
});

describe('arxiv listing: URLs', () => {
  it.each([
    'https://arxiv.org/list/hep-ph/new',
    'https://arxiv.org/list/cs.LG/new?skip=0&show=2000',
    'https://arxiv.org/list/cs.LG/recent',
    'https://arxiv.org/list/cs.LG/recent?skip=25&show=25#item30',
    'https://arxiv.org/list/astro-ph.CO/pastweek?show=100',
    'https://www.arxiv.org/list/math/2401',
    'https://export.arxiv.org/list/math.GT/0309?show=2000',
    'https://arxiv.org/list/cs/2024-01',
    'https://arxiv.org/list/hep-th/99',
    'https://arxiv.org/list/hep-th/1999',
    'https://arxiv.org/list/physics.atom-ph/new/',
  ])('claims %s', (url) => {
    expect(adapterFor(url)).toBe(arxivListing);
  });

  it.each([
    'https://arxiv.org/list/cs.LG/catchup',
    'https://arxiv.org/list/cs.LG/12345',
    'https://arxiv.org/abs/0704.0001',
    'https://arxiv.org/search/?query=x',
    'https://example.com/arxiv.org/list/cs.LG/new',
    'https://arxiv.org.evil.com/list/cs.LG/new',
  ])('does not claim %s', (url) => {
    expect(adapterFor(url)).not.toBe(arxivListing);
  });
});

describe('arxiv listing: month page with old-style ids', () => {
  const url = 'https://arxiv.org/list/math.GT/0309?skip=0&show=2000';
  const html = page(`
    <h2>Authors and titles for September 2003 </h2>
    <div class='paging'>Total of 2 entries</div>
    <dl id='articles'>
      ${entry({ id: 'math.GT/0309136', title: 'Knot Floer homology and the four-ball genus' }, 1)}
      ${entry(
        {
          id: 'hep-th/9901001',
          title: 'An old string paper',
          marker: '(cross-list from hep-th)',
          authors:
            '<a href="https://arxiv.org/search/hep-th?searchtype=author&amp;query=Witten,+E">Edward Witten</a> (IAS), <a href="https://arxiv.org/search/hep-th?searchtype=author&amp;query=Seiberg,+N">Nathan Seiberg</a>',
        },
        2,
      )}
    </dl>`);

  it('reads old-style ids with a slash, their pdf links and the year they imply', () => {
    const got = detectPapers(parse(html), url);
    expect(got.map((p) => p.ids)).toEqual([{ arxiv: 'math.GT/0309136' }, { arxiv: 'hep-th/9901001' }]);
    expect(got[0]).toMatchObject({
      title: 'Knot Floer homology and the four-ball genus',
      authors: ['J. Doe'],
      pdfUrl: 'https://arxiv.org/pdf/math.GT/0309136',
      year: 2003,
      listingType: 'new',
    });
    expect(got[1]).toMatchObject({
      authors: ['Edward Witten', 'Nathan Seiberg'],
      pdfUrl: 'https://arxiv.org/pdf/hep-th/9901001',
      year: 1999,
      listingType: 'cross-list',
    });
    for (const p of got) expect(p).not.toHaveProperty('abstract');
  });
});

describe('arxiv listing: /recent page', () => {
  const url = 'https://arxiv.org/list/cs.LG/recent';
  const html = page(`
    <h2>Authors and titles for recent submissions</h2>
    <ul><li><a href="/list/cs.LG/recent?skip=0&amp;show=25">Fri, 15 Mar 2024</a></li></ul>
    <dl id='articles'>
      <h3>Fri, 15 Mar 2024 (showing 2 of 2 entries )</h3>
      ${entry({ id: '2403.09001', title: 'First paper of Friday' }, 1)}
      ${entry({ id: '2403.08002', title: 'A cross-listed one', marker: '(cross-list from stat.ML)' }, 2)}
    </dl>
    <dl id='articles'>
      <h3>Thu, 14 Mar 2024 (showing 1 of 1 entries )</h3>
      ${entry({ id: '2403.07003', title: 'Thursday paper', journal: 'NeurIPS 2024' }, 3)}
    </dl>`);

  it('reads every day section, with no abstract field', () => {
    const got = detectPapers(parse(html), url);
    expect(got.map((p) => p.title)).toEqual(['First paper of Friday', 'A cross-listed one', 'Thursday paper']);
    expect(got.map((p) => p.ids.arxiv)).toEqual(['2403.09001', '2403.08002', '2403.07003']);
    expect(got.map((p) => p.listingType)).toEqual(['new', 'cross-list', 'new']);
    expect(got.map((p) => p.year)).toEqual([2024, 2024, 2024]);
    for (const p of got) expect('abstract' in p).toBe(false);
    expect(got[2]!.venue).toBe('NeurIPS 2024');
  });
});

describe('arxiv listing: /new sections and abstracts', () => {
  const url = 'https://arxiv.org/list/cs.LG/new';
  const html = page(`
    <h3>Showing new listings for Friday, 15 March 2024</h3>
    <dl id='articles'>
      <h3>New submissions (showing 1 of 1 entries)</h3>
      ${entry({ id: '2403.09001', title: 'New one', abstract: 'Line one\n<br />  line two; see <a href="https://example.org">this https URL</a>.' }, 1)}
    </dl>
    <dl id='articles'>
      <h3>Cross submissions (showing 1 of 1 entries)</h3>
      ${entry({ id: '2403.08002', title: 'Cross one', abstract: 'Cross abstract.', marker: '(cross-list from stat.ML)' }, 2)}
    </dl>
    <dl id='articles'>
      <h3>Replacement submissions (showing 2 of 2 entries)</h3>
      ${entry({ id: 'hep-th/9709111', title: 'Replaced old one', abstract: 'Old abstract.', marker: '(replaced)' }, 3)}
      ${entry({ id: '2301.00001', title: 'Replaced cross-list without marker', abstract: 'Rep abstract.' }, 4)}
    </dl>`);

  it('labels new, cross-list and replacement entries and reads the abstract', () => {
    const got = detectPapers(parse(html), url);
    expect(got.map((p) => p.listingType)).toEqual(['new', 'cross-list', 'replacement', 'replacement']);
    expect(got[0]!.abstract).toBe('Line one line two; see this https URL.');
    expect(got.map((p) => p.year)).toEqual([2024, 2024, 1997, 2023]);
  });
});

describe('arxiv listing: author lists', () => {
  const url = 'https://arxiv.org/list/hep-ex/new';
  const a = (name: string) => `<a href="https://arxiv.org/search/hep-ex?searchtype=author&amp;query=${encodeURIComponent(name)}">${name}</a>`;
  const many = Array.from({ length: 101 }, (_, i) => a(`Author ${i + 1}`)).join(', ');
  const html = page(`<dl id='articles'>
    ${entry({ id: '0704.0002', title: 'Collaboration paper', authors: `${a('D0 Collaboration')}: ${a('V. Abazov')}, et al` }, 1)}
    ${entry({ id: '0704.0003', title: 'Affiliations', authors: `${a('Andrea Brignole')} (CERN-TH), ${a('Fabio Zwirner')} (INFN, Padova)` }, 2)}
    ${entry({ id: '0704.0004', title: 'Cut after 100', authors: many }, 3)}
    ${entry({ id: '0704.0005', title: 'Short list', authors: `${a('A. One')}, ${a('B. Two')}` }, 4)}
  </dl>`);

  it('keeps the names shown, drops affiliations and flags truncated lists', () => {
    const got = detectPapers(parse(html), url);
    expect(got[0]!.authors).toEqual(['D0 Collaboration', 'V. Abazov']);
    expect(got[0]!.authorsTruncated).toBe(true);
    expect(got[1]!.authors).toEqual(['Andrea Brignole', 'Fabio Zwirner']);
    expect(got[1]!.authorsTruncated).toBeUndefined();
    expect(got[2]!.authors).toHaveLength(101);
    expect(got[2]!.authorsTruncated).toBe(true);
    expect(got[3]!.authorsTruncated).toBeUndefined();
  });
});

describe('arxiv listing: hostile and broken markup', () => {
  const url = 'https://arxiv.org/list/cs.CR/new';
  const evil = '<img src=x onerror=alert(1)>';
  const html = page(`
    <dl id='articles'>
      <h3>New submissions (showing 7 of 7 entries)</h3>
      <dt></dt>
      <dd></dd>
      <dt><a href="/abs/2401.00010" title="Abstract" id="2401.00010">arXiv:2401.00010</a></dt>
      <dt><a href="/abs/2401.00011" title="Abstract" id="2401.00011">arXiv:2401.00011</a>
        [<a href="/pdf/2401.00011">pdf</a>]</dt>
      <dd><div class='meta'>
        <div class='list-title mathjax'><span class='descriptor'>Title:</span> ${esc(evil)} and friends</div>
        <div class='list-authors'><a href="/search/cs?searchtype=author&amp;query=Mallory">Mallory</a></div>
        <p class='mathjax'>Abstract with ${esc('<script>alert(2)</script>')} text.</p>
      </div></dd>
      <dt><a href="/abs/2401.00012" title="Abstract" id="2401.00012">arXiv:2401.00012</a></dt>
      <dd><div class='meta'>
        <div class='list-authors'><a href="/search/cs?searchtype=author&amp;query=NoTitle">No Title</a></div>
      </div></dd>
      <dt><a href="/abs/2401.00013" title="Abstract" id="2401.00013">arXiv:2401.00013</a></dt>
      <dd><div class='meta'><div class='junk'><span><em>
        <div class='list-title'><span class='descriptor'>Title:</span><b>Nested <i>junk</i></b> title</div>
      </em></span></div>
        <div class='list-authors'><span><a href="/search/cs?searchtype=author&amp;query=Deep">Deep Author</a></span></div>
      </div></dd>
      <dd><div class='meta'>
        <div class='list-title'><span class='descriptor'>Title:</span> Orphan body without dt</div>
        <div class='list-authors'><a href="/search/cs?searchtype=author&amp;query=Orphan">Orphan Author</a></div>
      </div></dd>
      <dd><div class='meta'>
        <div class='list-title'><span class='descriptor'>Title:</span> Orphan body without dt or authors</div>
      </div></dd>
      <dt><a href="/abs/2401.00014" title="Abstract" id="2401.00014">arXiv:2401.00014</a></dt>
      <dd>
        <div class='meta'>
          <div class='list-title'><span class='descriptor'>Title:</span> Holds a nested list</div>
          <div class='list-authors'><a href="/search/cs?searchtype=author&amp;query=Nest">Nest Author</a></div>
          <p class='mathjax'>Body</p>
          <dl><dt><a href="/abs/2401.99999" title="Abstract">arXiv:2401.99999</a></dt><dd><div class='list-title'>Inner fake</div></dd></dl>
        </div>
      </dd>
      <dt><a href="/abs/2401.00015" title="Abstract" id="2401.00015">arXiv:2401.00015</a></dt>
    </dl>`);

  it('never throws, skips incomplete rows and pairs each dd with the dt just before it', () => {
    const doc = parse(html);
    expect(() => arxivListing.detect(doc, new URL(url))).not.toThrow();
    const got = detectPapers(doc, url);
    expect(got.map((p) => p.title)).toEqual([
      `${evil} and friends`,
      'Nested junk title',
      'Orphan body without dt',
      'Holds a nested list',
    ]);
    expect(got.map((p) => p.ids.arxiv)).toEqual(['2401.00011', '2401.00013', undefined, '2401.00014']);
    expect(got[0]).toMatchObject({ authors: ['Mallory'], pdfUrl: 'https://arxiv.org/pdf/2401.00011', year: 2024 });
    expect(got[0]!.abstract).toBe('Abstract with <script>alert(2)</script> text.');
    expect(got[1]!.authors).toEqual(['Deep Author']);
    expect(got[2]).toMatchObject({ authors: ['Orphan Author'], ids: {} });
    expect(got[3]!.abstract).toBe('Body');
  });

  it('returns escaped markup as literal text and creates no element, leaving the page untouched', () => {
    const doc = parse(html);
    const before = new XMLSerializer().serializeToString(doc);
    expect(doc.querySelectorAll('img, script')).toHaveLength(0);
    const got = detectPapers(doc, url);
    expect(got[0]!.title).toContain('<img src=x onerror=alert(1)>');
    expect(doc.querySelectorAll('img, script')).toHaveLength(0);
    expect(new XMLSerializer().serializeToString(doc)).toBe(before);
  });

  it('survives a page with no entry list and a list of empty rows', () => {
    expect(detectPapers(parse('<html><body><p>No updates today.</p></body></html>'), url)).toEqual([]);
    expect(detectPapers(parse(page(`<dl id='articles'>${'<dt></dt><dd></dd>'.repeat(5)}</dl>`)), url)).toEqual([]);
  });

  it('never pairs a dt of one list with a dd of the next', () => {
    const html = page(`
      <dl id='articles'>
        ${entry({ id: '2401.00030', title: 'Complete' }, 1)}
        <dt><a href="/abs/2401.00031" title="Abstract">arXiv:2401.00031</a></dt>
      </dl>
      <dl id='articles'>
        <dd><div class='meta'>
          <div class='list-title'><span class='descriptor'>Title:</span> Body of another list</div>
          <div class='list-authors'><a href="/search/cs?searchtype=author&amp;query=X">X. Author</a></div>
        </div></dd>
      </dl>`);
    const got = detectPapers(parse(html), url);
    expect(got.map((p) => [p.title, p.ids.arxiv])).toEqual([
      ['Complete', '2401.00030'],
      ['Body of another list', undefined],
    ]);
  });

  it('ignores definition lists outside #dlpage', () => {
    const got = detectPapers(parse(page(`<dl id='articles'>${entry({ id: '2401.00020', title: 'Only one' }, 1)}</dl>`)), url);
    expect(got.map((p) => p.title)).toEqual(['Only one']);
  });
});

describe('arxiv listing: rendered MathJax and a large page', () => {
  it('reads the TeX source back from a MathJax v2 title, not the rendered glyphs', () => {
    const url = 'https://arxiv.org/list/hep-ph/new';
    const html = page(`<dl id='articles'>
      <dt><a href="/abs/0704.0120" title="Abstract">arXiv:0704.0120</a></dt>
      <dd><div class='meta'>
        <div class='list-title mathjax'><span class='descriptor'>Title:</span>
          Strong Phase and <span class="MathJax_Preview"></span><span class="MathJax" id="MathJax-Element-1-Frame"><span class="math">D0−D0bar</span></span><script type="math/tex" id="MathJax-Element-1">D^0-D^0bar</script> mixing
        </div>
        <div class='list-authors'><a href="/search/hep-ph?searchtype=author&amp;query=Cheng">Xiao-Dong Cheng</a></div>
      </div></dd>
    </dl>`);
    expect(detectPapers(parse(html), url)[0]!.title).toBe('Strong Phase and $D^0-D^0bar$ mixing');
  });

  it('reads all 2,000 entries of a ?show=2000 page in order', () => {
    const url = 'https://arxiv.org/list/cs.LG/2401?skip=0&show=2000';
    const items = Array.from({ length: 2000 }, (_, i) => {
      const id = `2401.${String(i + 1).padStart(5, '0')}`;
      return entry({ id, title: `Paper number ${i + 1}` }, i + 1);
    });
    const got = detectPapers(parse(page(`<dl id='articles'>${items.join('')}</dl>`)), url);
    expect(got).toHaveLength(2000);
    expect(got[1999]).toMatchObject({ title: 'Paper number 2000', ids: { arxiv: '2401.02000' }, year: 2024 });
  });
});

// ---------------------------------------------------------------------------------------------
// Re-detection after the page changed: rows known from an earlier pass are not read again.

/** A known row's dd and the dt just before it: neither should be read again. */
function withDts(dds: Iterable<Element>): Element[] {
  const out: Element[] = [];
  for (const dd of dds) {
    out.push(dd);
    const dt = dd.previousElementSibling;
    if (dt?.localName === 'dt') out.push(dt);
  }
  return out;
}

describe('arxiv listing: re-detection with known rows', () => {
  const url = 'https://arxiv.org/list/cs.LG/new';
  const item = (n: number, extra: Partial<Item> = {}): string =>
    entry({ id: `2403.${String(n).padStart(5, '0')}`, title: `Paper ${n}`, abstract: `Abstract ${n}.`, ...extra }, n);
  const newPage = (): Document =>
    parse(
      page(`
      <h3>Showing new listings for Friday, 15 March 2024</h3>
      <dl id='articles'>
        <h3>New submissions (showing 2 of 2 entries)</h3>
        ${item(1)}${item(2)}
      </dl>
      <dl id='articles'>
        <h3>Cross submissions (showing 1 of 1 entries)</h3>
        ${item(3, { marker: '(cross-list from stat.ML)' })}
      </dl>
      <dl id='articles'>
        <h3>Replacement submissions (showing 1 of 1 entries)</h3>
        ${item(4)}
      </dl>`),
    );

  it('the fixture page with every row of a first pass known yields no rows and reads none of them', () => {
    for (const name of fixtureNames('arxiv-listing')) {
      const { seen, reads } = knownFixturePass('arxiv-listing', name, arxivListing);
      expect(readsInside(reads, withDts(seen))).toEqual([]);
    }
  });

  it('after entries are added to several sections, a second pass yields exactly the new ones, in page order', () => {
    const doc = newPage();
    const first = detectRows(doc, url)!.rows;
    expect(first.map((r) => r.paper.title)).toEqual(['Paper 1', 'Paper 2', 'Paper 3', 'Paper 4']);
    const seen = new Set(first.map((r) => r.element));
    const known = knownRows(seen);

    const [news, cross, replaced] = [...doc.querySelectorAll('dl#articles')];
    news!.insertAdjacentHTML('beforeend', item(5));
    cross!.insertAdjacentHTML('beforeend', item(6)); // no marker: labelled by its section
    replaced!.insertAdjacentHTML('beforeend', item(7, { marker: '(replaced)' }) + item(8));
    const second = detectRows(doc, url, { known })!.rows;
    expect(second.map((r) => r.paper.title)).toEqual(['Paper 5', 'Paper 6', 'Paper 7', 'Paper 8']);
    // The adapter itself skips the known rows (the registry would drop them anyway).
    expect(arxivListing.detect(doc, new URL(url), { known }).map((r) => r.element)).toEqual(second.map((r) => r.element));
    expect(second.map((r) => r.paper.listingType)).toEqual(['new', 'cross-list', 'replacement', 'replacement']);
    const dds = [...doc.querySelectorAll('dl#articles > dd')];
    expect(second.map((r) => r.element)).toEqual([dds[2], dds[4], dds[6], dds[7]]);
    expect(second[0]!.paper).toEqual({
      title: 'Paper 5',
      authors: ['J. Doe'],
      ids: { arxiv: '2403.00005' },
      abstract: 'Abstract 5.',
      pdfUrl: 'https://arxiv.org/pdf/2403.00005',
      year: 2024,
      listingType: 'new',
    });
  });

  it('does not read the dd or dt of known rows', () => {
    const doc = newPage();
    const seen = new Set(detectRows(doc, url)!.rows.map((r) => r.element));
    const known = knownRows(seen);
    doc.querySelector('dl#articles')!.insertAdjacentHTML('beforeend', item(5));
    // Known rows now say something else: reading them would change the adapter's own output.
    for (const dd of seen) {
      dd.querySelector('.list-title')!.textContent = 'Rewritten title';
      dd.previousElementSibling!.querySelector('a[title="Abstract"]')!.textContent = 'arXiv:2499.99999';
    }
    const reads = recordReads(() => arxivListing.detect(doc, new URL(url), { known }));
    expect(reads.result.map((r) => [r.paper.title, r.paper.ids.arxiv])).toEqual([['Paper 5', '2403.00005']]);
    expect(readsInside(reads, withDts(seen))).toEqual([]);
    // The spy does see reads: the new entry was read.
    expect(reads.text.some((n) => reads.result[0]!.element.contains(n))).toBe(true);
  });

  it('a long page: only the entries added since the first pass are read', () => {
    const big = 'https://arxiv.org/list/cs.LG/2401?skip=0&show=2000';
    const doc = parse(page(`<dl id='articles'>${Array.from({ length: 300 }, (_, i) => item(i + 1)).join('')}</dl>`));
    const seen = new Set(detectRows(doc, big)!.rows.map((r) => r.element));
    expect(seen.size).toBe(300);
    doc.querySelector('dl#articles')!.insertAdjacentHTML('beforeend', Array.from({ length: 30 }, (_, i) => item(301 + i)).join(''));
    const reads = recordReads(() => arxivListing.detect(doc, new URL(big), { known: knownRows(seen) }));
    expect(reads.result).toHaveLength(30);
    expect(reads.result[0]!.paper.title).toBe('Paper 301');
    expect(reads.result[29]!.paper.ids.arxiv).toBe('2403.00330');
    expect(readsInside(reads, withDts(seen))).toEqual([]);
  });
});
