import { describe, expect, it } from 'vitest';
import { detectPapers, detectRows } from '../../../lib/sites';
import { decodeEntities, detectMeta, isChrome, personName, splitAuthorList } from '../../../lib/sites/generic-meta';
import { parseHtml } from '../fixtures';

const URL_ = 'https://publisher.example.com/doi/full/10.1000/abc';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A publisher article page: head meta given as [name, content] pairs, plus body HTML. */
function article(tags: [string, string][], body = '', attr = 'name'): string {
  const head = tags.map(([n, c]) => `<meta ${attr}="${n}" content="${esc(c)}">`).join('\n');
  return `<!DOCTYPE html><html><head><title>Journal | Article</title>${head}</head><body>
    <header class="site-header"><h1 class="logo">Journal of Examples</h1><nav><a href="/">Home</a></nav></header>
    <main><article>${body}</article></main>
    <aside class="related-articles"><h2>Related</h2><div class="abstract">A related paper abstract that must never be taken for this paper's abstract text.</div></aside>
    <footer>footer</footer></body></html>`;
}

const detect = (html: string, url = URL_) => detectPapers(parseHtml(html), url);

describe('generic meta: authors', () => {
  it('turns "Last, First" citation_author around (arXiv, Springer style)', () => {
    const [p] = detect(
      article([
        ['citation_title', 'Calculation of prompt diphoton production cross sections'],
        ['citation_author', 'Balázs, C.'],
        ['citation_author', 'Berger, E. L.'],
        ['citation_author', 'Nadolsky, P. M.'],
        ['citation_author', 'King, Martin Luther, Jr.'],
        ['citation_author', 'CMS Collaboration'],
        ['citation_arxiv_id', '0704.0001'],
      ]),
    );
    expect(p!.authors).toEqual(['C. Balázs', 'E. L. Berger', 'P. M. Nadolsky', 'Martin Luther King Jr.', 'CMS Collaboration']);
    expect(p!.ids).toEqual({ arxiv: '0704.0001' });
  });

  it('keeps "First Last" citation_author as it is (OpenReview, PMLR, ACL style)', () => {
    const [p] = detect(
      article([
        ['citation_title', 'A Paper'],
        ['citation_author', 'Jane Q. Doe'],
        ['citation_author', 'John Smith, Jr.'],
      ]),
    );
    expect(p!.authors).toEqual(['Jane Q. Doe', 'John Smith Jr.']);
  });

  it('reads a single citation_authors tag holding the list', () => {
    const [p] = detect(article([['citation_title', 'A Paper'], ['citation_authors', 'Doe, Jane; Smith, John; Lee, Kim']]));
    expect(p!.authors).toEqual(['Jane Doe', 'John Smith', 'Kim Lee']);
    const [q] = detect(article([['citation_title', 'A Paper'], ['citation_authors', 'Jane Doe, John Smith and Kim Lee']]));
    expect(q!.authors).toEqual(['Jane Doe', 'John Smith', 'Kim Lee']);
  });

  it('falls back to dc.creator', () => {
    const [p] = detect(
      article([
        ['DC.title', 'A Dublin Core Paper'],
        ['DC.creator', 'Doe, Jane'],
        ['DC.creator', 'Smith, John'],
        ['DC.identifier', 'doi:10.1000/DC.1'],
        ['DC.date', '2012-03-04'],
        ['DC.source', 'Journal of Dublin'],
      ]),
    );
    expect(p).toMatchObject({ title: 'A Dublin Core Paper', authors: ['Jane Doe', 'John Smith'], ids: { doi: '10.1000/dc.1' }, year: 2012, venue: 'Journal of Dublin' });
  });

  it('splits author strings', () => {
    expect(personName('Doe, Jane')).toBe('Jane Doe');
    expect(personName('van der Berg, Jan')).toBe('Jan van der Berg');
    expect(personName('World Health Organization')).toBe('World Health Organization');
    expect(personName('Jane Doe, MD')).toBe('Jane Doe MD');
    expect(personName('Doe, Jane, PhD')).toBe('Jane Doe PhD');
    expect(splitAuthorList('Smith, J., Doe, K.')).toEqual(['J. Smith', 'K. Doe']);
    expect(splitAuthorList('Doe, Jane')).toEqual(['Jane Doe']);
    expect(splitAuthorList('')).toEqual([]);
  });
});

describe('generic meta: fields', () => {
  it('reads dates, venue, ids with prefixes, relative PDF and the citation_abstract', () => {
    const [p] = detect(
      article([
        ['citation_title', 'Full Paper'],
        ['citation_author', 'Jane Doe'],
        ['citation_doi', 'doi:10.1000/ABC'],
        ['citation_pmid', '123456'],
        ['citation_online_date', '2019/01/02'],
        ['citation_conference_title', 'Conference on Examples'],
        ['citation_pdf_url', '/doi/pdf/10.1000/abc'],
        ['citation_abstract', '<p>Abstract: We study things at length and find that the results are good enough.</p>'],
      ]),
    );
    expect(p).toEqual({
      title: 'Full Paper',
      authors: ['Jane Doe'],
      ids: { doi: '10.1000/abc', pmid: '123456' },
      year: 2019,
      venue: 'Conference on Examples',
      pdfUrl: 'https://publisher.example.com/doi/pdf/10.1000/abc',
      abstract: 'We study things at length and find that the results are good enough.',
    });
  });

  it('takes a DOI written as a URL, the first of several, and reads the arXiv id from an arXiv DOI', () => {
    const [p] = detect(article([['citation_title', 'T'.repeat(3) + ' paper'], ['citation_author', 'A B'], ['citation_doi', 'https://doi.org/10.1000/one 10.1000/two']]));
    expect(p!.ids).toEqual({ doi: '10.1000/one' });
    const [q] = detect(article([['citation_title', 'An arXiv paper'], ['citation_author', 'A B'], ['citation_doi', '10.48550/arXiv.2401.01234']]));
    expect(q!.ids).toEqual({ arxiv: '2401.01234', doi: '10.48550/arxiv.2401.01234' });
  });

  it('reads PRISM tags and bepress_citation_* tags', () => {
    const [p] = detect(
      article([
        ['bepress_citation_title', 'A Repository Paper'],
        ['bepress_citation_author', 'Doe, Jane'],
        ['prism.doi', '10.1000/prism'],
        ['prism.publicationName', 'PRISM Journal'],
        ['prism.publicationDate', '2008-07-01'],
      ]),
    );
    expect(p).toMatchObject({ title: 'A Repository Paper', authors: ['Jane Doe'], ids: { doi: '10.1000/prism' }, venue: 'PRISM Journal', year: 2008 });
  });

  it('reads tags given with property= instead of name=', () => {
    const [p] = detect(article([['citation_title', 'Property Paper'], ['citation_author', 'A B']], '', 'property'));
    expect(p!.title).toBe('Property Paper');
  });

  it('reads the abstract from the page, never from a related aside, a truncated teaser or a label', () => {
    const body = `<h1>Full Paper</h1>
      <div class="abstract-teaser"><div class="abstract">Short teaser that the site cuts off after a few words and then …</div></div>
      <section class="Abstract" id="Abs1"><h2 class="Heading">Abstract</h2><p>The real abstract is here, in full, with <i>italic</i> words and more than enough text.</p><button>Show more</button></section>`;
    const [p] = detect(article([['citation_title', 'Full Paper'], ['citation_author', 'A B']], body));
    expect(p!.abstract).toBe('The real abstract is here, in full, with italic words and more than enough text.');
    const aside = detect(article([['citation_title', 'Full Paper'], ['citation_author', 'A B']], '<h1>Full Paper</h1><p>No abstract here.</p>'));
    expect(aside[0]!.abstract).toBeUndefined();
  });

  it('reads an abstract that follows an "Abstract" heading', () => {
    const body = `<h1>Full Paper</h1><h2>Abstract</h2><p>First paragraph of the abstract, long enough to count.</p><p>Second paragraph.</p><h2>Introduction</h2><p>Not abstract.</p>`;
    const [p] = detect(article([['citation_title', 'Full Paper'], ['citation_author', 'A B']], body));
    expect(p!.abstract).toBe('First paragraph of the abstract, long enough to count. Second paragraph.');
  });

  it('removes JATS markup escaped into citation_abstract, keeping the words', () => {
    const jats = '<jats:title>Abstract</jats:title><jats:p>We show that <jats:italic>in vivo</jats:italic> results hold for H<jats:sub>2</jats:sub>O and more.</jats:p><jats:p>Second part.</jats:p>';
    const [p] = detect(article([['citation_title', 'P'], ['citation_author', 'A B'], ['citation_abstract', jats]]));
    expect(p!.abstract).toBe('We show that in vivo results hold for H2O and more. Second part.');
  });

  it('does not take a truncated citation_abstract', () => {
    const [p] = detect(article([['citation_title', 'P'], ['citation_author', 'A B'], ['citation_abstract', 'We study things at length and find that the results are...']]));
    expect(p!.abstract).toBeUndefined();
  });
});

describe('generic meta: what is not a paper', () => {
  it('ignores Dublin Core without a paper identifier (CMS pages)', () => {
    expect(detect(article([['DC.title', 'About us'], ['DC.creator', 'Web Team'], ['DC.identifier', 'https://example.com/about']]))).toEqual([]);
  });

  it('ignores a page whose head lists several different papers', () => {
    const tags: [string, string][] = [
      ['citation_title', 'Paper One'],
      ['citation_author', 'A B'],
      ['citation_title', 'Paper Two'],
      ['citation_title', 'Paper Three'],
    ];
    expect(detectMeta(parseHtml(article(tags)), new URL(URL_))).toEqual([]);
  });

  it('ignores og:* and description meta alone', () => {
    expect(detect(article([['og:title', 'Nice page'], ['description', 'Words'], ['author', 'Someone']], '<h1>Nice page</h1>', 'property'))).toEqual([]);
  });

  it('drops a title with neither authors nor ids', () => {
    expect(detect(article([['citation_title', 'Lonely title']]))).toEqual([]);
  });
});

describe('generic meta: element', () => {
  it('is the h1 showing the title, not the logo h1 in the site header', () => {
    const rows = detectRows(parseHtml(article([['citation_title', 'Full Paper'], ['citation_author', 'A B']], '<h1 class="title">Full  Paper</h1>')), URL_)!.rows;
    expect(rows[0]!.element.className).toBe('title');
    expect(rows[0]!.title).toBe(rows[0]!.element); // it shows the title
  });

  it('is the content h1 when no h1 shows the exact title (then no title element)', () => {
    const rows = detectRows(parseHtml(article([['citation_title', 'Full Paper'], ['citation_author', 'A B']], '<h1 class="content">Full Paper (preprint)</h1>')), URL_)!.rows;
    expect(rows[0]!.element.className).toBe('content');
    expect(rows[0]!.title).toBeUndefined();
  });

  it('is the body when the page has no h1 (then no title element)', () => {
    const doc = parseHtml(`<html><head><meta name="citation_title" content="P"><meta name="citation_author" content="A B"></head><body><p>x</p></body></html>`);
    expect(detectRows(doc, URL_)!.rows[0]!.element).toBe(doc.body);
    expect(detectRows(doc, URL_)!.rows[0]!.title).toBeUndefined();
  });
});

describe('generic meta: helpers', () => {
  it('decodes one level of entities, as text', () => {
    expect(decodeEntities('A &amp; B &lt;i&gt; &#946; &#x3B2; &bogus; &#0;')).toBe('A & B <i> β β &bogus; &#0;');
  });

  it('knows page chrome', () => {
    const doc = parseHtml(`<body>
      <header id="h"><a id="a1">x</a></header>
      <main><article><header><a id="a2">x</a></header></article>
        <div class="modal fade" id="citeModal"><a id="a3">x</a></div>
        <div id="relatedArticles"><a id="a4">x</a></div>
        <pre><a id="a5">x</a></pre>
        <div hidden><a id="a6">x</a></div>
        <ul class="publications"><li><a id="a7">x</a></li></ul>
        <div class="unrelated-words"><a id="a8">x</a></div>
      </main></body>`);
    const chrome = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8'].map((id) => isChrome(doc.getElementById(id)!));
    expect(chrome).toEqual([true, false, true, true, true, true, false, false]);
  });
});
