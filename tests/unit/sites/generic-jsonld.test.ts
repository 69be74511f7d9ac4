import { describe, expect, it } from 'vitest';
import { detectPapers, detectRows } from '../../../lib/sites';
import { detectJsonLd, jsonLdPapers, locateTitles } from '../../../lib/sites/generic-jsonld';
import { parseHtml } from '../fixtures';

const URL_ = 'https://repository.example.org/record/42';

const script = (json: unknown): string => `<script type="application/ld+json">${typeof json === 'string' ? json : JSON.stringify(json)}</script>`;

function page(scripts: string[], body = '<h1>Page</h1>'): string {
  return `<!DOCTYPE html><html><head><title>Record</title>${scripts.join('\n')}</head><body>
    <nav><a href="/">Home</a></nav><main>${body}</main></body></html>`;
}

const papers = (scripts: string[], body?: string) => jsonLdPapers(parseHtml(page(scripts, body)), new URL(URL_));

const ARTICLE = {
  '@type': 'ScholarlyArticle',
  name: 'Graph Paper',
  author: [{ '@type': 'Person', givenName: 'Jane', familyName: 'Doe' }, 'Smith, John', { '@type': 'Organization', name: 'Lab, Inc' }],
  datePublished: '2021-02-03',
  identifier: [
    { '@type': 'PropertyValue', propertyID: 'doi', value: '10.1000/GRAPH' },
    { '@type': 'PropertyValue', propertyID: 'PMID', value: '31415' },
    { '@type': 'PropertyValue', propertyID: 'arXiv', value: 'arXiv:2102.00001v1' },
  ],
  abstract: 'A long enough abstract for the graph paper, with several words in it.',
  encoding: { '@type': 'MediaObject', encodingFormat: 'application/pdf', contentUrl: '/files/graph.pdf' },
  citation: [{ '@type': 'ScholarlyArticle', name: 'A Cited Work', identifier: 'doi:10.1000/cited' }],
};

describe('generic JSON-LD: shapes', () => {
  it('reads an article in @graph next to WebSite, WebPage and BreadcrumbList wrappers', () => {
    const got = papers([
      script({
        '@context': 'https://schema.org',
        '@graph': [
          { '@type': 'WebSite', name: 'Repository', url: 'https://repository.example.org/' },
          { '@type': 'BreadcrumbList', itemListElement: [{ '@type': 'ListItem', position: 1, name: 'Home' }] },
          { '@type': 'WebPage', name: 'Record page' },
          ARTICLE,
        ],
      }),
    ]);
    expect(got).toEqual([
      {
        title: 'Graph Paper',
        authors: ['Jane Doe', 'John Smith', 'Lab, Inc'],
        ids: { doi: '10.1000/graph', pmid: '31415', arxiv: '2102.00001' },
        year: 2021,
        abstract: 'A long enough abstract for the graph paper, with several words in it.',
        pdfUrl: 'https://repository.example.org/files/graph.pdf',
      },
    ]);
  });

  it('reads an array @type, full-IRI types and the Semantic Scholar @graph[1][0] shape', () => {
    const s2 = {
      '@context': 'http://schema.org',
      '@graph': [
        { '@type': 'BreadcrumbList', itemListElement: [] },
        [{ '@type': ['ScholarlyArticle', 'CreativeWork'], headline: 'S2 Paper', author: [{ '@type': 'Person', name: 'Kim Lee' }], sameAs: 'https://doi.org/10.1000/s2' }],
      ],
    };
    expect(papers([script(s2)])).toEqual([{ title: 'S2 Paper', authors: ['Kim Lee'], ids: { doi: '10.1000/s2' } }]);
    const iri = { '@type': 'http://schema.org/MedicalScholarlyArticle', name: 'IRI Paper', author: 'A B' };
    expect(papers([script(iri)]).map((p) => p.title)).toEqual(['IRI Paper']);
  });

  it('finds the article in mainEntity of a WebPage, and follows @id references', () => {
    const doc = {
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebPage', '@id': '#page', mainEntity: { '@id': '#article' } },
        { '@type': 'Person', '@id': '#p1', name: 'Jane Doe' },
        { '@type': 'Periodical', '@id': '#journal', name: 'Journal of References' },
        { '@type': 'ScholarlyArticle', '@id': '#article', name: 'Referenced Paper', author: [{ '@id': '#p1' }], isPartOf: { '@id': '#journal' } },
      ],
    };
    expect(papers([script(doc)])).toEqual([{ title: 'Referenced Paper', authors: ['Jane Doe'], ids: {}, venue: 'Journal of References' }]);
  });

  it('prefers name over a cut headline, and the periodical in a nested isPartOf chain', () => {
    const item = {
      '@type': 'ScholarlyArticle',
      headline: 'A Very Long Title That The Site Cut',
      name: 'A Very Long Title That The Site Cut Short In The Headline',
      author: 'A B',
      isPartOf: { '@type': 'PublicationIssue', issueNumber: '2', isPartOf: { '@type': 'PublicationVolume', volumeNumber: '7', isPartOf: { '@type': 'Periodical', name: 'Deep Journal' } } },
    };
    expect(papers([script(item)])[0]).toMatchObject({ title: 'A Very Long Title That The Site Cut Short In The Headline', venue: 'Deep Journal' });
  });

  it('reads several scripts and drops duplicates of the same paper', () => {
    const one = { '@type': 'ScholarlyArticle', name: 'Twice', author: 'A B', identifier: 'https://doi.org/10.1000/twice' };
    expect(papers([script(one), script([one])]).map((p) => p.title)).toEqual(['Twice']);
  });
});

describe('generic JSON-LD: what is not an entry', () => {
  it('never takes cited works, datasets or plain web pages', () => {
    const flattened = {
      '@graph': [
        { '@type': 'ScholarlyArticle', '@id': '#main', name: 'Main Paper', author: 'A B', citation: [{ '@id': '#c1' }] },
        { '@type': 'ScholarlyArticle', '@id': '#c1', name: 'Cited Paper', author: 'C D' },
        { '@type': 'Dataset', name: 'A Dataset', identifier: 'doi:10.1000/data', creator: 'A B' },
        { '@type': 'WebPage', name: 'Landing', author: 'Web Team' },
      ],
    };
    expect(papers([script(flattened)]).map((p) => p.title)).toEqual(['Main Paper']);
    expect(papers([script(ARTICLE)]).map((p) => p.title)).toEqual(['Graph Paper']);
  });

  it('takes a plain Article (news, blog posts) only with a paper identifier', () => {
    const news = { '@type': 'NewsArticle', headline: 'Scientists find thing', author: { '@type': 'Person', name: 'Reporter' } };
    const blog = { '@type': 'Article', headline: 'My thoughts on papers', author: 'Blogger' };
    expect(papers([script(news), script(blog)])).toEqual([]);
    const withDoi = { ...blog, headline: 'Journal Article', identifier: { '@type': 'PropertyValue', propertyID: 'DOI', value: '10.1000/j' } };
    expect(papers([script(withDoi)]).map((p) => p.title)).toEqual(['Journal Article']);
  });

  it('ignores invalid JSON, other script types and odd values without throwing', () => {
    const scripts = [
      script('{ "@type": "ScholarlyArticle", "name": "Broken", }'),
      script('not json at all <b>'),
      script('null'),
      script('42'),
      script('{"@type": 7, "name": {"x": 1}}'),
      script('{"@type": "ScholarlyArticle", "name": ["", {"@value": "Value Title"}], "author": [null, 3, {"name": {"@value": "Val Author"}}], "identifier": [null, {"propertyID": "doi"}], "isPartOf": "Plain Venue"}'),
      `<script type="application/json">{"@type": "ScholarlyArticle", "name": "Not LD", "author": "A B"}</script>`,
      `<script type="application/ld+json"><!--\n{"@type": "ScholarlyArticle", "name": "Commented", "author": "A B"}\n--></script>`,
    ];
    expect(() => papers(scripts)).not.toThrow();
    expect(papers(scripts).map((p) => [p.title, p.authors, p.venue])).toEqual([
      ['Value Title', ['Val Author'], 'Plain Venue'],
      ['Commented', ['A B'], undefined],
    ]);
  });

  it('drops a truncated description rather than taking it as the abstract', () => {
    const item = { '@type': 'ScholarlyArticle', name: 'T', author: 'A B', description: 'The first words of an abstract that the site cut off right here...' };
    expect(papers([script(item)])[0]!.abstract).toBeUndefined();
  });
});

describe('generic JSON-LD: elements', () => {
  it('a single paper sits on the h1 and reads the page abstract when JSON-LD has none', () => {
    const body = `<h1 id="t">Graph Paper</h1><div class="abstract"><h3>Abstract</h3><p>The page shows the abstract in full, long enough to count as one.</p></div>`;
    const rows = detectRows(parseHtml(page([script({ ...ARTICLE, abstract: undefined })], body)), URL_)!.rows;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.element.id).toBe('t');
    expect(rows[0]!.paper.abstract).toBe('The page shows the abstract in full, long enough to count as one.');
  });

  it('several papers (an ItemList) are a list, each on the entry that shows its title', () => {
    const list = {
      '@type': 'ItemList',
      itemListElement: [
        { '@type': 'ListItem', position: 1, item: { '@type': 'ScholarlyArticle', name: 'First Listed', author: 'A B' } },
        { '@type': 'ListItem', position: 2, item: { '@type': 'ScholarlyArticle', name: 'Second Listed', author: 'C D' } },
      ],
    };
    const body = `<h1>Issue 3</h1><nav><a href="/x">Second Listed</a></nav><ul>
      <li id="e1"><h3><a href="/1">First Listed</a></h3><p>A B</p></li>
      <li id="e2"><h3><a href="/2">Second  Listed</a></h3><p>C D</p></li></ul>`;
    const doc = parseHtml(page([script(list)], body));
    const rows = detectJsonLd(doc, new URL(URL_));
    expect(rows.map((r) => [r.paper.title, r.element.id])).toEqual([
      ['First Listed', 'e1'],
      ['Second Listed', 'e2'],
    ]);
    // The heading the title was matched on; not the menu link showing the same words.
    expect(rows.map((r) => r.title)).toEqual([doc.querySelector('#e1 h3'), doc.querySelector('#e2 h3')]);
    expect(detectPapers(doc, URL_).map((p) => p.title)).toEqual(['First Listed', 'Second Listed']);
  });
});

describe('generic JSON-LD: locating titles on a re-detection', () => {
  const list = (names: string[]) => ({
    '@type': 'ItemList',
    itemListElement: names.map((name, k) => ({ '@type': 'ListItem', position: k + 1, item: { '@type': 'ScholarlyArticle', name, author: 'A B' } })),
  });
  const body = `<h1 id="h">Issue 3</h1><ul>
    <li id="e1"><h3><a href="/1">First Listed</a></h3></li>
    <li id="e2"><h3><a href="/2">Second Listed</a></h3></li></ul>`;

  it('passes over known entries without reading them; a paper left unmatched then gets no element', () => {
    const doc = parseHtml(page([script(list(['First Listed', 'Second Listed', 'Not Shown Anywhere']))], body));
    const ps = jsonLdPapers(doc, new URL(URL_));
    const h1 = doc.getElementById('h')!;
    // No `known`: the unshown paper sits on the main heading, as before.
    expect(locateTitles(doc, ps)).toEqual([doc.getElementById('e1'), doc.getElementById('e2'), h1]);
    // It has no title element: the main heading does not show its title.
    expect(detectJsonLd(doc, new URL(URL_)).map((r) => r.title)).toEqual([doc.querySelector('#e1 h3'), doc.querySelector('#e2 h3'), undefined]);
    // Nothing known on the page: the same.
    expect(locateTitles(doc, ps, () => false)).toEqual([doc.getElementById('e1'), doc.getElementById('e2'), h1]);
    // e1 known (and its title changed, so a read would no longer find it): its paper and the unshown one get none.
    const e1 = doc.getElementById('e1')!;
    e1.querySelector('a')!.textContent = 'Changed';
    expect(locateTitles(doc, ps, (el) => el === e1)).toEqual([undefined, doc.getElementById('e2'), undefined]);
  });
});
