import { afterEach, describe, expect, it, vi } from 'vitest';
import { adapterFor, detectPapers, detectRows } from '../../../lib/sites';
import { openreview } from '../../../lib/sites/openreview';
import { expectFixture, fixtureNames, loadFixture, parseHtml } from '../fixtures';
import { knownFixturePass, knownRows, readsInside, recordReads } from './known-rows';

// ---------------------------------------------------------------------------------------------
// Builders for synthetic pages (markup after site-guide §5 / openreview-web components).
// Names, ids and labels below are invented for the tests.

function text(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
function attr(s: string): string {
  return text(s).replace(/"/g, '&quot;');
}

type Author = string | [name: string, profileId: string];

function authorLink(a: Author): string {
  if (typeof a === 'string') return `<span>${text(a)}</span>`;
  const [name, pid] = a;
  return `<a title="${attr(pid)}" data-toggle="tooltip" data-placement="top" href="/profile?id=${encodeURIComponent(pid)}">${text(name)}</a>`;
}

interface ReactNote {
  id: string;
  title: string;
  authors?: Author[];
  /** Shown names before the ExpandableList cut (20 on the site). */
  maxShown?: number;
  expanded?: boolean;
  date?: string;
  venue?: string;
  pdf?: boolean;
  /** Mounted "Show details" content: field name → value HTML. */
  details?: Record<string, string>;
  href?: string;
  htmlLink?: string;
}

/** NoteV2 inside BasePaginatedList's `li`. */
function reactNote(n: ReactNote): string {
  const authors = n.authors ?? [];
  const max = n.maxShown ?? 20;
  const shown = n.expanded ? authors : authors.slice(0, max);
  let authorHtml = `<span>${shown.map(authorLink).join(', ')} `;
  if (authors.length > max) {
    authorHtml += `<a href="#" title="${n.expanded ? 'Collapse list' : 'Expand list'}" role="button" class="show-all">${
      n.expanded ? '(hide authors)' : `et al. (${authors.length - max} additional authors not shown)`
    }</a>`;
  }
  authorHtml += ' </span>';
  const details = n.details
    ? `<div class="collapse-widget "><a data-toggle="collapse" href="#x${n.id}" aria-expanded="false" aria-controls="collapseExample">Show details</a>
         <div class="collapse collapse-indent" id="x${n.id}"><div class="note-content">${Object.entries(n.details)
           .map(
             ([k, v]) =>
               `<div><strong class="note-content-field disable-tex-rendering">${text(k)}:</strong> ${
                 v.startsWith('<') ? v : `<span class="note-content-value">${v}</span>`
               }</div>`,
           )
           .join('')}</div></div></div>`
    : `<div class="collapse-widget "><a data-toggle="collapse" href="#x${n.id}" aria-expanded="false" aria-controls="collapseExample">Show details</a></div>`;
  return `<li><div class="note  undefined"><h4><a href="${attr(n.href ?? `/forum?id=${n.id}`)}">${text(n.title)}</a>${
    n.pdf === false
      ? ''
      : `<a href="/attachment?id=${n.id}&amp;name=pdf" class="pdf-link" title="Download PDF" target="_blank"><img src="/images/pdf_icon_blue.svg" alt="pdf icon"/></a>`
  }${
    n.htmlLink
      ? `<a href="${attr(n.htmlLink)}" class="html-link" title="Open Website" rel="noopener noreferrer" target="_blank"><img src="/images/html_icon_blue.svg" alt="hmtl icon"/></a>`
      : ''
  }</h4>
  <div class="note-authors">${authorHtml}</div>
  <ul class="note-meta-info list-inline"><li>${text(n.date ?? 'Published: 10 Jan 2031, Last Modified: 12 Feb 2031')}</li><li>${text(
    n.venue ?? 'Testconf 2031 Poster',
  )}</li><li class="readers">Readers: <span class="glyphicon glyphicon-globe readers-icon" aria-hidden="true"></span> Everyone</li><li>3 Replies</li></ul>
  ${details}</div></li>`;
}

function reactPane(id: string, notes: string[], opts: { active?: boolean; page?: number } = {}): string {
  const page = opts.page ?? 1;
  return `<div id="${id}" class="tab-pane fade ${opts.active ? 'active in' : ''}" role="tabpanel"><div>
    <form class="form-inline notes-search-form" role="search"><input type="text" class="form-control" placeholder="Search by paper title and metadata" value=""/></form>
    <div class="submissions-list"><ul class="list-unstyled list-paginated">${notes.join('')}</ul>
    <nav class="pagination-container text-center" aria-label="page navigation"><ul class="pagination">
      <li class="left-arrow" data-page-number="${page - 1}"><a href="#">«</a></li>
      <li class="${page === 1 ? 'active' : ''}" data-page-number="1"><a href="#">1</a></li>
      <li class="${page === 2 ? 'active' : ''}" data-page-number="2"><a href="#">2</a></li>
      <li class="right-arrow" data-page-number="${page + 1}"><a href="#">›</a></li></ul>
      <span class="pagination-count">Showing ${(page - 1) * 25 + 1}-${page * 25} of 60</span></nav></div></div></div>`;
}

const SPINNER_PANE = (id: string) =>
  `<div id="${id}" class="tab-pane fade " role="tabpanel"><div class="spinner-container spinner-inline"><div class="spinner"><div class="rect1"></div></div><span class="spinner-message">Loading...</span></div></div>`;

/** A venue page with the chrome of the real one (navbar, header, tabs, footer). */
function venuePage(panes: string[], tabs: string[] = []): string {
  return `<!DOCTYPE html><html lang="en"><head><title>Testconf 2031 | OpenReview</title></head><body><div id="__next">
  <nav class="navbar navbar-inverse"><a class="navbar-brand home push-link" href="/"><strong>OpenReview</strong>.net</a>
    <a href="/forum?id=NavLinkId1">A forum linked from the navbar</a></nav>
  <div id="or-banner" class="banner"><a title="Venue Homepage" href="/group?id=Testconf.cc">Go to <strong>Testconf</strong> homepage</a></div>
  <div class="container"><div class="row"><main id="content" class="">
    <div class="venue-header" id="header"><h1>Testconf 2031</h1><h3>The Thirty-First Test Conference</h3></div>
    <div class="description"><p class="dark">See <a href="/forum?id=DescLinkId1">the call for papers</a>.</p></div>
    <div id="notes"><div class="tabs-container "><div class="mobile-full-width"><ul class="nav nav-tabs" role="tablist">${tabs
      .map((t) => `<li role="presentation"><a href="#${t}" role="tab" data-toggle="tab">${t}</a></li>`)
      .join('')}</ul></div>
    <div class="tab-content">${panes.join('')}</div></div></div>
  </main></div></div></div>
  <div class="modal fade" id="bibtex-modal"><div class="modal-body"><div class="note"><h4><a href="/forum?id=ModalNote01">Modal duplicate</a></h4><div class="note-authors"><a href="/profile?id=~M_M1">M M</a></div></div></div></div>
  <footer class="sitemap"><a href="/about">About OpenReview</a><a href="/group?id=OpenReview.net/Support">Hosting a Venue</a></footer>
  </body></html>`;
}

interface LegacyNote {
  id: string;
  title: string;
  /** Raw HTML inside div.note-authors (the noteAuthors helper's output). */
  authorsHtml: string;
  venue?: string;
  date?: string;
  pdf?: string | false;
  /** Field name → escaped value text, rendered by noteContentCollapsible (hidden, in the DOM). */
  content?: Record<string, string>;
  href?: string;
}

/** noteList.hbs + noteBasic.hbs. */
function legacyNote(n: LegacyNote): string {
  const pdf = n.pdf === false ? '' : `<a href="${attr(n.pdf ?? `/pdf?id=${n.id}`)}" class="pdf-link" title="Download PDF" target="_blank"><img src="/images/pdf_icon_blue.svg"></a>`;
  const content = n.content
    ? `<a href="#${n.id}-details-42" class="note-contents-toggle" role="button" data-toggle="collapse" aria-expanded="false">Show details</a>
       <div class="collapse" id="${n.id}-details-42"><div class="note-contents-collapse"><ul class="list-unstyled note-content">${Object.entries(n.content)
         .map(([k, v]) => `<li><strong class="note-content-field">${text(k)}:</strong>\n<span class="note-content-value ">${v}</span></li>`)
         .join('\n')}</ul></div></div>`
    : '';
  return `<li class="note " data-id="${n.id}" data-number="7">
  <h4>
    <a href="${attr(n.href ?? `/forum?id=${n.id}`)}">
      ${text(n.title)}
    </a>
    ${pdf}
  </h4>
  <div class="note-authors">
    ${n.authorsHtml}
  </div>
  <div class="note-meta-info">
    <span class="item date">${text(n.date ?? '28 Sept 2030 (modified: 10 Jan 2031)')}</span>
    ${n.venue === undefined ? '' : `<span class="item">${text(n.venue)}</span>`}
    <span class="item readers">Readers: <span class="readers-icon glyphicon glyphicon-globe"></span> Everyone</span>
    <span class="item">4 Replies</span>
  </div>
  ${content}
</li>`;
}

function legacyPane(id: string, notes: string[], active = false): string {
  return `<div id="${id}" class="tab-pane fade ${active ? 'active in' : ''}" role="tabpanel"><ul class="list-unstyled submissions-list">${notes.join('\n')}</ul></div>`;
}

function profile(name: string): string {
  return `<a href="/profile?id=~${encodeURIComponent(name.replace(/ /g, '_'))}1" class="profile-link" data-toggle="tooltip" data-placement="top" title="~${attr(name.replace(/ /g, '_'))}1">${text(name)}</a>`;
}

const GROUP = 'https://openreview.net/group?id=Testconf.cc/2031/Conference';
const LEGACY_GROUP = 'https://openreview.net/group?id=Testconf.cc/2030/Conference#poster-presentations';

afterEach(() => {
  vi.restoreAllMocks();
});

// ---------------------------------------------------------------------------------------------

describe('openreview fixtures', () => {
  const names = fixtureNames('openreview');

  it('has the developer fixtures', () => {
    expect(names).toEqual(expect.arrayContaining(['forum-xcDRx8vzCa', 'group-icml2024']));
  });

  for (const name of names) {
    it(`${name} matches its expected entries`, () => {
      const got = expectFixture('openreview', name);
      expect(got.length).toBeGreaterThan(0);
    });
  }

  it('group page: one row per div.note of the loaded tab, in page order, page untouched', () => {
    const { html, expected } = loadFixture('openreview', 'group-icml2024');
    const doc = parseHtml(html);
    const before = doc.documentElement.outerHTML;
    const res = detectRows(doc, expected.url);
    expect(res?.site).toBe('openreview');
    const rows = res!.rows;
    const notes = [...doc.querySelectorAll('#notes ul.list-paginated > li > div.note')];
    expect(rows).toHaveLength(expected.entryCount);
    expect(rows.map((r) => r.element)).toEqual(notes);
    expect(rows.map((r) => r.paper.ids.openreview)).toEqual(expected.entries.map((e) => e.ids.openreview));
    // "Show details" is not mounted in this page: no abstract is made up.
    expect(rows.every((r) => r.paper.abstract === undefined)).toBe(true);
    expect(rows.every((r) => !r.paper.authorsTruncated)).toBe(true);
    expect(doc.documentElement.outerHTML).toBe(before);
  });

  it('forum page: one row, the forum note, with the server-rendered abstract', () => {
    const { html, expected } = loadFixture('openreview', 'forum-xcDRx8vzCa');
    const doc = parseHtml(html);
    const rows = detectRows(doc, expected.url)!.rows;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.element).toBe(doc.querySelector('.forum-note'));
    expect(rows[0]!.element.contains(doc.querySelector('h2.citation_title'))).toBe(true);
    expect(rows[0]!.paper.abstract!.startsWith('Large Language Models')).toBe(true);
  });
});

describe('openreview URLs', () => {
  const claimed = [
    'https://openreview.net/group?id=ICLR.cc/2024/Conference',
    'https://openreview.net/group?id=ICLR.cc/2024/Conference#tab-accept-oral',
    'https://openreview.net/group?id=ICLR.cc/2021/Conference#poster-presentations',
    'https://openreview.net/group?id=ICLR.cc%2F2024%2FConference&referrer=x',
    'https://openreview.net/group?referrer=%5BHomepage%5D&id=NeurIPS.cc/2023/Conference',
    'https://www.openreview.net/group?id=TMLR',
    'https://openreview.net/forum?id=xcDRx8vzCa',
    'https://openreview.net/forum?id=nIAxjsniDzg&noteId=abcdEFGH12',
    'https://openreview.net/forum?id=Hk6kPgZA-#discussion',
    'https://openreview.net/forum?noteId=abcdEFGH12&id=xcDRx8vzCa',
  ];
  const refused = [
    'https://openreview.net/',
    'https://openreview.net/venues',
    'https://openreview.net/group',
    'https://openreview.net/group?id=',
    'https://openreview.net/group/edit?id=ICLR.cc/2024/Conference',
    'https://openreview.net/group/info?id=ICLR.cc/2024/Conference',
    'https://openreview.net/groups?id=ICLR.cc',
    'https://openreview.net/forum',
    'https://openreview.net/forum?noteId=abcdEFGH12',
    'https://openreview.net/pdf?id=xcDRx8vzCa',
    'https://openreview.net/attachment?id=xcDRx8vzCa&name=pdf',
    'https://openreview.net/profile?id=~Saurabh_Agarwal1',
    'https://openreview.net/revisions?id=xcDRx8vzCa',
    'https://openreview.net/search?term=attention',
    'http://openreview.net/forum?id=xcDRx8vzCa',
    'https://openreview.net.evil.com/forum?id=xcDRx8vzCa',
    'https://api2.openreview.net/notes?id=xcDRx8vzCa',
    'https://evil.example/?u=https://openreview.net/forum?id=xcDRx8vzCa',
  ];

  it.each(claimed)('claims %s', (url) => {
    expect(openreview.urls.some((re) => re.test(url))).toBe(true);
    expect(adapterFor(url)?.site).toBe('openreview');
  });

  it.each(refused)('does not claim %s', (url) => {
    expect(openreview.urls.some((re) => re.test(url))).toBe(false);
  });

  it('detects nothing on an unclaimed OpenReview page, even one showing notes', () => {
    const doc = parseHtml(venuePage([reactPane('p', [reactNote({ id: 'AbCdEfGh12', title: 'T', authors: [['A B', '~A_B1']] })], { active: true })]));
    expect(openreview.detect(doc, new URL('https://openreview.net/profile?id=~A_B1'))).toEqual([]);
    expect(openreview.detect(doc, new URL(GROUP))).toHaveLength(1);
  });
});

describe('openreview venue page, React (synthetic)', () => {
  it('reads every tab pane in the DOM, in page order; spinners and empty panes add nothing', () => {
    const html = venuePage(
      [
        SPINNER_PANE('accept-oral'),
        reactPane('accept-spotlight', [
          reactNote({ id: 'SpotAAAA01', title: 'Spotlight one', authors: [['Ann Lee', '~Ann_Lee1'], ['Bo Chen', '~Bo_Chen2']] }),
        ]),
        reactPane(
          'accept-poster',
          [
            reactNote({ id: 'PostAAAA01', title: 'Poster one', authors: [['Cy Dunn', '~Cy_Dunn1']] }),
            reactNote({ id: 'PostAAAA02', title: 'Poster two', authors: [['Di Eck', '~Di_Eck1']], venue: 'Testconf 2031 Conference Submission' }),
          ],
          { active: true },
        ),
        '<div id="your-consoles" class="tab-pane fade " role="tabpanel"><ul class="list-unstyled submissions-list"><li><a href="/group?id=Testconf.cc/2031/Conference/Reviewers">Reviewer Console</a></li></ul></div>',
      ],
      ['accept-oral', 'accept-spotlight', 'accept-poster', 'your-consoles'],
    );
    const doc = parseHtml(html);
    const rows = detectRows(doc, `${GROUP}#tab-accept-poster`)!.rows;
    expect(rows.map((r) => r.paper.ids.openreview)).toEqual(['SpotAAAA01', 'PostAAAA01', 'PostAAAA02']);
    expect(rows.map((r) => r.element)).toEqual([...doc.querySelectorAll('.tab-pane div.note')]);
    expect(rows[0]!.paper).toEqual({
      title: 'Spotlight one',
      authors: ['Ann Lee', 'Bo Chen'],
      ids: { openreview: 'SpotAAAA01' },
      pdfUrl: 'https://openreview.net/attachment?id=SpotAAAA01&name=pdf',
      venue: 'Testconf 2031 Poster',
      year: 2031,
    });
    // The venue line is whatever the page shows (prettyId of the invitation when no venue is set).
    expect(rows[2]!.paper.venue).toBe('Testconf 2031 Conference Submission');
  });

  it('the hash does not matter: the same entries for any tab named in the URL', () => {
    const html = venuePage([
      reactPane('accept-oral', [reactNote({ id: 'OralAAAA01', title: 'Oral', authors: [['E F', '~E_F1']] })]),
      reactPane('accept-poster', [reactNote({ id: 'PostAAAA01', title: 'Poster', authors: [['G H', '~G_H1']] })], { active: true }),
    ]);
    for (const hash of ['', '#tab-accept-oral', '#tab-accept-poster', '#accept-poster']) {
      expect(detectPapers(parseHtml(html), GROUP + hash).map((p) => p.title)).toEqual(['Oral', 'Poster']);
    }
  });

  it('page 2 of a paginated tab: the notes now in the DOM; pagination links are not entries', () => {
    const notes = Array.from({ length: 3 }, (_, i) =>
      reactNote({ id: `Page2Note${i}`, title: `Second page paper ${i}`, authors: [[`Au Thor${i}`, `~Au_Thor${i}`]] }),
    );
    const doc = parseHtml(venuePage([reactPane('accept-poster', notes, { active: true, page: 2 })]));
    const papers = detectPapers(doc, GROUP);
    expect(papers.map((p) => p.ids.openreview)).toEqual(['Page2Note0', 'Page2Note1', 'Page2Note2']);
  });

  it('ExpandableList: 20 names then "et al. (N additional authors not shown)" sets authorsTruncated', () => {
    const many: Author[] = Array.from({ length: 23 }, (_, i) => [`Person Number${i}`, `~Person_Number${i}1`]);
    const html = venuePage([
      reactPane('p', [
        reactNote({ id: 'ManyAuth01', title: 'Collapsed list', authors: many }),
        reactNote({ id: 'ManyAuth02', title: 'Expanded list', authors: many, expanded: true }),
        reactNote({ id: 'ManyAuth03', title: 'Exactly twenty', authors: many.slice(0, 20) }),
      ]),
    ]);
    const [collapsed, expanded, twenty] = detectPapers(parseHtml(html), GROUP);
    expect(collapsed!.authors).toHaveLength(20);
    expect(collapsed!.authors[19]).toBe('Person Number19');
    expect(collapsed!.authorsTruncated).toBe(true);
    expect(expanded!.authors).toHaveLength(23);
    expect(expanded!.authorsTruncated).toBeUndefined();
    expect(twenty!.authors).toHaveLength(20);
    expect(twenty!.authorsTruncated).toBeUndefined();
  });

  it('authors without a profile (span), dblp links, institutions and the private-label icon', () => {
    const authorsHtml = `<span><span>No Profile Person</span>, <a href="https://dblp.org/pid/00/1" title="https://dblp.org/pid/00/1" target="_blank">Dblp Person</a>, <span class="note-author-with-institutions"><a href="/profile?id=~Inst_Person1" title="~Inst_Person1">Inst Person</a><sup>1,2</sup></span> <span class="glyphicon glyphicon-eye-open private-contents-icon" data-toggle="tooltip" title="Identities privately revealed to Testconf"></span></span><div class="note-authors-institutions"><div><sup>1</sup> Some University (some.edu)</div></div>`;
    const note = reactNote({ id: 'SpanAuth01', title: 'Mixed authors' }).replace(
      /<div class="note-authors">[\s\S]*?<\/div>\n/,
      `<div class="note-authors">${authorsHtml}</div>\n`,
    );
    const papers = detectPapers(parseHtml(venuePage([reactPane('p', [note])])), GROUP);
    expect(papers[0]!.authors).toEqual(['No Profile Person', 'Dblp Person', 'Inst Person']);
    expect(papers[0]!.authorsTruncated).toBeUndefined();
  });

  it('"Show details" content in the DOM gives the abstract (only the Abstract field)', () => {
    const html = venuePage([
      reactPane('p', [
        reactNote({
          id: 'DetailsA01',
          title: 'With details',
          authors: [['A B', '~A_B1']],
          details: {
            Keywords: 'testing, parsing',
            'TL;DR': 'A short summary that is not the abstract.',
            Abstract: 'We study   a thing.\nIt works.',
          },
        }),
        reactNote({
          id: 'DetailsA02',
          title: 'Markdown abstract',
          authors: [['C D', '~C_D1']],
          details: {
            Abstract:
              '<div class="note-content-value markdown-rendered"><p>First paragraph.</p><p>Second <em>paragraph</em> with $x^2$.</p></div>',
          },
        }),
        reactNote({ id: 'DetailsA03', title: 'Details not mounted', authors: [['E F', '~E_F1']] }),
      ]),
    ]);
    const papers = detectPapers(parseHtml(html), GROUP);
    expect(papers.map((p) => p.abstract)).toEqual([
      'We study a thing. It works.',
      'First paragraph. Second paragraph with $x^2$.',
      undefined,
    ]);
  });

  it('external "Open Website" links to arXiv or a DOI add those ids', () => {
    const html = venuePage([
      reactPane('p', [
        reactNote({ id: 'ExtLink001', title: 'arXiv linked', authors: [['A B', '~A_B1']], htmlLink: 'https://arxiv.org/abs/2101.00001v3' }),
        reactNote({ id: 'ExtLink002', title: 'DOI linked', authors: [['A B', '~A_B1']], htmlLink: 'https://doi.org/10.1234/ABC.5' }),
        reactNote({ id: 'ExtLink003', title: 'Project page', authors: [['A B', '~A_B1']], htmlLink: 'https://example.org/project' }),
      ]),
    ]);
    const papers = detectPapers(parseHtml(html), GROUP);
    expect(papers.map((p) => p.ids)).toEqual([
      { arxiv: '2101.00001', openreview: 'ExtLink001' },
      { doi: '10.1234/abc.5', openreview: 'ExtLink002' },
      { openreview: 'ExtLink003' },
    ]);
  });

  it('anonymous submissions keep their id; signature placeholders are not authors', () => {
    const note = reactNote({ id: 'AnonSub001', title: 'Under review' }).replace(
      /<div class="note-authors">[\s\S]*?<\/div>\n/,
      '<div class="note-authors"><span><span>Anonymous</span> </span></div>\n',
    );
    const note2 = reactNote({ id: 'AnonSub002', title: 'Under review too' }).replace(
      /<div class="note-authors">[\s\S]*?<\/div>\n/,
      '<div class="note-authors"><span><a href="/group?id=Testconf.cc/2031/Conference/Submission12/Authors">Testconf 2031 Conference Submission12 Authors</a> </span></div>\n',
    );
    const papers = detectPapers(parseHtml(venuePage([reactPane('p', [note, note2])])), GROUP);
    expect(papers.map((p) => [p.ids.openreview, p.authors])).toEqual([
      ['AnonSub001', []],
      ['AnonSub002', []],
    ]);
  });

  it('replies, activity items, modals, asides and chrome links are not entries', () => {
    const activity = `<div id="recent-activity" class="tab-pane fade" role="tabpanel"><ul class="list-unstyled submissions-list activity-list">
      <li class="note note-activity"><div><div class="activity-heading clearfix"><div class="explanation"><span class="sig">Reviewer x</span> posted a new Official Review</div></div>
      <div class="clearfix"><div class="activity-title"><h4><a href="/forum?id=PostAAAA01&amp;noteId=RevwAAAA01">Official Review of Submission1 by Reviewer x</a></h4></div></div></div></li>
      <li class="note note-activity"><div><div class="activity-title"><h4><a href="/forum?id=PostAAAA09">A submission seen in the activity feed</a></h4><div class="note-authors"><a href="/profile?id=~X_Y1">X Y</a></div></div></div></li></ul></div>`;
    const reply = reactNote({ id: 'DecisAAA01', title: 'Paper Decision', authors: [['Program Chairs', '~PC1']], href: '/forum?id=PostAAAA01&noteId=DecisAAA01' });
    const aside = `<aside class="related"><div class="note"><h4><a href="/forum?id=AsideNote1">Related paper</a></h4><div class="note-authors"><a href="/profile?id=~R_S1">R S</a></div></div></aside>`;
    const html = venuePage([
      reactPane('p', [reactNote({ id: 'PostAAAA01', title: 'The paper', authors: [['A B', '~A_B1']] }), reply]) + aside,
      activity,
    ]);
    expect(detectPapers(parseHtml(html), GROUP).map((p) => p.ids.openreview)).toEqual(['PostAAAA01']);
  });
});

describe('openreview venue page, legacy webfield (synthetic)', () => {
  const A = legacyNote({
    id: 'rJlegacy01',
    title: 'A legacy   paper',
    authorsHtml: `${profile('Ada Lovelace')}, ${profile('Alan Turing')}`,
    venue: 'TC 2030 Poster',
    content: {
      Keywords: 'old, webfield',
      Abstract: 'The abstract is hidden in a collapse,\n  but it is in the DOM.',
      'One-sentence Summary': 'Not the abstract.',
    },
  });
  const many = Array.from({ length: 20 }, (_, i) => profile(`Legacy Person${i}`)).join(', ');
  const B = legacyNote({
    id: 'rJlegacy02',
    title: 'Many authors',
    authorsHtml: `${many}, <span class="more-authors">+ 5 more authors</span>`,
    venue: 'TC 2030 Oral',
  });
  const C = legacyNote({
    id: 'rJlegacy03',
    title: 'Authors without ids',
    authorsHtml: 'Grace Hopper, Etal Nameson, Barbara Liskov <span class="private-author-label">(privately revealed to you)</span>',
    date: '2030 (imported: 02 Feb 2031)',
    pdf: 'https://example.org/paper.pdf',
  });

  it('reads li.note rows of every pane: title, authors, hidden abstract, venue, year, pdf', () => {
    const html = venuePage(
      [legacyPane('oral-presentations', [B]), legacyPane('poster-presentations', [A, C], true), legacyPane('withdrawn-submissions', [])],
      ['oral-presentations', 'poster-presentations', 'withdrawn-submissions'],
    );
    const doc = parseHtml(html);
    const rows = detectRows(doc, LEGACY_GROUP)!.rows;
    expect(rows.map((r) => r.element)).toEqual([...doc.querySelectorAll('ul.submissions-list > li.note')]);
    const [b, a, c] = rows.map((r) => r.paper);
    expect(a).toEqual({
      title: 'A legacy paper',
      authors: ['Ada Lovelace', 'Alan Turing'],
      ids: { openreview: 'rJlegacy01' },
      pdfUrl: 'https://openreview.net/pdf?id=rJlegacy01',
      abstract: 'The abstract is hidden in a collapse, but it is in the DOM.',
      venue: 'TC 2030 Poster',
      year: 2030,
    });
    expect(b!.authors).toHaveLength(20);
    expect(b!.authors[0]).toBe('Legacy Person0');
    expect(b!.authorsTruncated).toBe(true);
    expect(b!.venue).toBe('TC 2030 Oral');
    // Bare names joined by ", ", a private label that is not a name; no venue item; external PDF.
    expect(c).toEqual({
      title: 'Authors without ids',
      authors: ['Grace Hopper', 'Etal Nameson', 'Barbara Liskov'],
      ids: { openreview: 'rJlegacy03' },
      pdfUrl: 'https://example.org/paper.pdf',
      year: 2030,
    });
  });

  it("the year is the venue's (its label, else the group id), not the submission date shown", () => {
    // As on ICLR 2021's pages: submitted in September 2020, shown with that date, to the 2021 venue.
    const submitted = '28 Sept 2030 (modified: 10 Jan 2031)';
    const html = venuePage([
      legacyPane(
        'poster-presentations',
        [
          legacyNote({ id: 'rJyear0001', title: 'Labelled', authorsHtml: profile('A B'), date: submitted, venue: 'TC 2031 Poster' }),
          legacyNote({ id: 'rJyear0002', title: 'Unlabelled', authorsHtml: profile('C D'), date: submitted }),
        ],
        true,
      ),
    ]);
    const years = (url: string) => detectPapers(parseHtml(html), url).map((p) => p.year);
    expect(years('https://openreview.net/group?id=Testconf.cc/2031/Conference')).toEqual([2031, 2031]);
    // A group id without a year (a journal): the label's year, else the date's.
    expect(years('https://openreview.net/group?id=TMLR')).toEqual([2031, 2030]);
  });

  it('the reply count and readers items are never taken as the venue', () => {
    const html = venuePage([legacyPane('p', [legacyNote({ id: 'rJlegacy04', title: 'No venue', authorsHtml: profile('A B') })])]);
    const [p] = detectPapers(parseHtml(html), LEGACY_GROUP);
    expect(p!.venue).toBeUndefined();
  });

  it('an empty list ("No papers") yields nothing', () => {
    const html = venuePage([
      '<div id="p" class="tab-pane"><ul class="list-unstyled submissions-list"><li><p class="empty-message">No papers to display at this time</p></li></ul></div>',
    ]);
    expect(detectRows(parseHtml(html), LEGACY_GROUP)!.rows).toEqual([]);
  });
});

describe('openreview forum page (synthetic)', () => {
  const FORUM = 'https://openreview.net/forum?id=FoRuMid001';

  function reactForum(opts: { meta?: boolean; authorsHtml?: string; pdfHref?: string; abstractHtml?: string } = {}): string {
    const meta =
      opts.meta === false
        ? '<meta name="robots" content="noindex"/>'
        : `<meta name="citation_title" content="Meta title: &quot;quoted&quot; &amp; more"/>
           <meta name="citation_author" content="Meta Author One"/><meta name="citation_author" content="Meta Author Two"/>
           <meta name="citation_publication_date" content="2031/05/02"/>
           <meta name="citation_pdf_url" content="https://openreview.net/pdf?id=FoRuMid001"/>
           <meta name="citation_abstract" content="Meta abstract, the raw text."/>
           <meta name="citation_doi" content="10.5555/FAKE.DOI.1"/>`;
    return `<!DOCTYPE html><html><head><title>Forum | OpenReview</title>${meta}</head><body><main id="content">
      <div class="forum-container"><div class="forum-note">
        <div class="forum-title mt-2 mb-2"><h2 class="citation_title">DOM title of the forum</h2>
          <div class="forum-content-link"><a ${opts.pdfHref ? '' : 'class="citation_pdf_url"'} href="${attr(opts.pdfHref ?? '/pdf?id=FoRuMid001')}" title="Download PDF" target="_blank" rel="noreferrer"><img src="/images/pdf_icon_blue.svg" alt="Download PDF"/></a></div></div>
        <div class="forum-authors mb-2"><h3>${opts.authorsHtml ?? '<span><a href="/profile?id=~Dom_Author1" title="~Dom_Author1">Dom Author</a> </span>'}</h3></div>
        <div class="clearfix mb-1"><div class="forum-meta">
          <span class="date item"><span class="glyphicon glyphicon-calendar"></span>Published: 03 Mar 2032, Last Modified: 04 Apr 2032</span>
          <span class="item"><span class="glyphicon glyphicon-folder-open"></span>Testconf 2032 Spotlight</span>
          <span class="readers item"><span class="glyphicon glyphicon-eye-open"></span>Everyone</span>
          <span class="item"><span class="glyphicon glyphicon-duplicate"></span><a href="/revisions?id=FoRuMid001">Revisions</a></span>
          <span class="item"><span class="glyphicon glyphicon-bookmark"></span><a href="#" data-target="#bibtex-modal" data-toggle="modal" data-bibtex="%40inproceedings%7Bx%7D">BibTeX</a></span>
        </div></div>
        <div class="note-content"><div><strong class="note-content-field">Keywords:</strong> <span class="note-content-value">k</span></div>
          <div><strong class="note-content-field">Abstract:</strong> ${opts.abstractHtml ?? '<span class="note-content-value">DOM abstract.</span>'}</div></div>
      </div>
      <div class="row forum-replies-container"><div class="col-xs-12"><div id="forum-replies">
        <div class="note depth-even"><div class="heading"><h4><span>Official Review of Submission9 by Reviewer abc1</span></h4></div>
          <div class="note-content"><div><strong class="note-content-field">Abstract:</strong> <span class="note-content-value">A reply field.</span></div></div></div>
        <h2 class="citation_title">A reply heading that is not the paper</h2>
      </div></div></div></div>
      </main>
      <div class="modal" id="bibtex-modal"><pre>@inproceedings{x, title={BibTeX title}}</pre></div></body></html>`;
  }

  it('meta tags first: title, all authors, abstract, PDF, DOI; venue from the DOM, and the year it names', () => {
    const doc = parseHtml(reactForum());
    const rows = detectRows(doc, FORUM)!.rows;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.element).toBe(doc.querySelector('.forum-note'));
    expect(rows[0]!.paper).toEqual({
      title: 'Meta title: "quoted" & more',
      authors: ['Meta Author One', 'Meta Author Two'],
      ids: { openreview: 'FoRuMid001', doi: '10.5555/fake.doi.1' },
      pdfUrl: 'https://openreview.net/pdf?id=FoRuMid001',
      abstract: 'Meta abstract, the raw text.',
      venue: 'Testconf 2032 Spotlight',
      // The venue's year, not citation_publication_date's (2031).
      year: 2032,
    });
  });

  it('a reply selected by noteId does not change the paper', () => {
    const papers = detectPapers(parseHtml(reactForum()), `${FORUM}&noteId=RevwAAAA01#RevwAAAA01`);
    expect(papers.map((p) => p.ids.openreview)).toEqual(['FoRuMid001']);
  });

  it('re-detection as replies load: the known forum note is not read again', () => {
    const doc = parseHtml(reactForum());
    const first = detectRows(doc, FORUM)!.rows;
    expect(first).toHaveLength(1);
    const seen = new Set(first.map((r) => r.element));
    const known = knownRows(seen);
    doc.querySelector('#forum-replies')!.insertAdjacentHTML(
      'beforeend',
      '<div class="note depth-odd"><div class="heading"><h4><span>Official Comment by Authors</span></h4></div></div>',
    );
    doc.querySelector('h2.citation_title')!.textContent = 'Rewritten title';
    const reads = recordReads(() => ({
      rows: detectRows(doc, FORUM, { known })!.rows,
      raw: openreview.detect(doc, new URL(FORUM), { known }),
    }));
    expect(reads.result.rows).toEqual([]);
    expect(reads.result.raw).toEqual([]);
    // Finding the forum heading walks class names and ids; no text or other attribute of the note is read.
    expect(readsInside(reads, seen, { structure: true })).toEqual([]);
  });

  it('no citation tags (dblp-imported, noindex): the DOM, never the replies', () => {
    const authorsHtml = `<span><span class="note-author-with-institutions"><a href="/profile?id=~In_One1" title="~In_One1">In One</a><sup>1</sup></span>, <span class="note-author-with-institutions"><a href="https://dblp.org/pid/1/2" title="https://dblp.org/pid/1/2">In Two</a><sup>1,2</sup></span> </span><div class="note-authors-institutions"><div><sup>1</sup> Uni (uni.edu)</div></div>`;
    const doc = parseHtml(
      reactForum({
        meta: false,
        authorsHtml,
        pdfHref: 'https://example.org/camera-ready.pdf',
        abstractHtml: '<div class="note-content-value markdown-rendered"><p>Para one.</p><p>Para two.</p></div>',
      }),
    );
    const papers = detectPapers(doc, FORUM);
    expect(papers).toEqual([
      {
        title: 'DOM title of the forum',
        authors: ['In One', 'In Two'],
        ids: { openreview: 'FoRuMid001' },
        pdfUrl: 'https://example.org/camera-ready.pdf',
        abstract: 'Para one. Para two.',
        venue: 'Testconf 2032 Spotlight',
        year: 2032,
      },
    ]);
  });

  it('no citation tags and more than 20 authors: the DOM list is cut and says so', () => {
    const names = Array.from({ length: 22 }, (_, i) => `Forum Person${i}`);
    const authorsHtml = `<span>${names
      .slice(0, 20)
      .map((n) => authorLink([n, `~${n.replace(' ', '_')}1`]))
      .join(', ')} <a href="#" title="Expand list" role="button" class="show-all">et al. (2 additional authors not shown)</a> </span>`;
    const [p] = detectPapers(parseHtml(reactForum({ meta: false, authorsHtml })), FORUM);
    expect(p!.authors).toEqual(names.slice(0, 20));
    expect(p!.authorsTruncated).toBe(true);
    // With the meta tags, every author is known: nothing is cut.
    const [q] = detectPapers(parseHtml(reactForum({ authorsHtml })), FORUM);
    expect(q!.authors).toEqual(['Meta Author One', 'Meta Author Two']);
    expect(q!.authorsTruncated).toBeUndefined();
  });

  it('legacy forum (LegacyForum.js): h2.note_content_title with the PDF link inside, meta_row, #note_children', () => {
    const html = `<html><head></head><body><main id="content"><div class="forum-container"><div class="note">
      <div class="title_pdf_row"><h2 class="note_content_title citation_title">
        Legacy forum title
        <a class="note_content_pdf citation_pdf_url" href="/pdf?id=LeGaCy0001" title="Download PDF" target="_blank"><img src="/images/pdf_icon_blue.svg" alt="Download PDF"></a>
      </h2></div>
      <div class="meta_row"><h3 class="signatures author"><span><a href="/profile?id=~Old_One1" title="~Old_One1">Old One</a>, <a href="/profile?email=t%40x.org" title="t@x.org">Old Two</a> </span></h3></div>
      <div class="meta_row"><span class="date item">27 Sept 2019 (modified: 20 Dec 2019)</span><span class="item">TC 2020 Conference Blind Submission</span><span class="item">Readers: Everyone</span></div>
      <ul class="list-unstyled note-content"><li><strong class="note-content-field">Abstract:</strong> <span class="note-content-value">Legacy abstract.</span></li></ul>
      <div class="reply_row clearfix"><div class="item" id="reply_count">5 Replies</div></div></div>
      <hr><div id="note_children"><div class="note_with_children"><div class="note panel"><div class="title_pdf_row"><h2 class="note_content_title">Official Blind Review #1</h2></div>
        <ul class="note-content"><li><strong class="note-content-field">Abstract:</strong> <span class="note-content-value">Reply text.</span></li></ul></div></div></div>
    </div></main></body></html>`;
    const doc = parseHtml(html);
    const rows = detectRows(doc, 'https://openreview.net/forum?id=LeGaCy0001')!.rows;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.element).toBe(doc.querySelector('.forum-container > .note'));
    expect(rows[0]!.paper).toEqual({
      title: 'Legacy forum title',
      authors: ['Old One', 'Old Two'],
      ids: { openreview: 'LeGaCy0001' },
      pdfUrl: 'https://openreview.net/pdf?id=LeGaCy0001',
      abstract: 'Legacy abstract.',
      venue: 'TC 2020 Conference Blind Submission',
      // Submitted in 2019, to the 2020 venue.
      year: 2020,
    });
  });

  it('an error or loading page yields nothing', () => {
    const notFound = '<html><head><title>Error | OpenReview</title></head><body><main id="content"><div class="row error-display"><h1>Error 404</h1><p>The Note FoRuMid001 was not found</p></div></main></body></html>';
    expect(detectPapers(parseHtml(notFound), FORUM)).toEqual([]);
    const loading = '<html><body><main id="content"><div class="spinner-container"><span class="spinner-message">Loading...</span></div></main></body></html>';
    expect(detectPapers(parseHtml(loading), FORUM)).toEqual([]);
  });
});

describe('openreview hostile markup', () => {
  it('a title with markup in it comes back as literal text and creates no element', () => {
    const evil = '<img src=x onerror=alert(1)> Evil';
    const html = venuePage([
      reactPane('p', [reactNote({ id: 'EvilNote01', title: evil, authors: [['<b>Mallory</b>', '~Mallory1']], details: { Abstract: text('<i>x</i>') } })]),
    ]);
    const doc = parseHtml(html);
    const imgs = doc.querySelectorAll('img').length;
    const [p] = detectPapers(doc, GROUP);
    expect(p!.title).toBe(evil);
    expect(p!.authors).toEqual(['<b>Mallory</b>']);
    expect(p!.abstract).toBe('<i>x</i>');
    expect(doc.querySelectorAll('img').length).toBe(imgs);
    expect(doc.querySelector('img[src="x"], b, i')).toBeNull();

    const forum = `<html><head><meta name="citation_title" content="${attr(evil)}"><meta name="citation_author" content="&lt;script&gt;x&lt;/script&gt;"></head><body></body></html>`;
    const fdoc = parseHtml(forum);
    expect(detectPapers(fdoc, 'https://openreview.net/forum?id=EvilNote01')).toEqual([
      { title: evil, authors: ['<script>x</script>'], ids: { openreview: 'EvilNote01' } },
    ]);
    expect(fdoc.querySelector('script, img')).toBeNull();
  });

  it('empty rows, titles without text or links, foreign and script links are skipped; the rest survive', () => {
    const rowsHtml = [
      '<li><div class="note"></div></li>',
      '<li><div class="note"><h4></h4><div class="note-authors"></div></div></li>',
      '<li><div class="note"><h4><a href="/forum?id=EmptyTitl1">   </a></h4><div class="note-authors"><a href="/profile?id=~A1">A</a></div></div></li>',
      '<li><div class="note"><h4><a href="javascript:alert(1)">Script link</a></h4></div></li>',
      '<li><div class="note"><h4><a href="https://evil.example/forum?id=EvilHost01">Foreign host</a></h4></div></li>',
      '<li><div class="note"><h4><a href="/forum?id=bad id!">Bad id</a></h4></div></li>',
      '<li><div class="note"><h4><a href="/forum?id=">No id</a></h4></div></li>',
      '<li><div class="note"><h4><a href="http://[::1">Broken URL</a></h4></div></li>',
      '<li><div class="note"><h4><a>No href</a></h4></div></li>',
      reactNote({ id: 'Survivor01', title: 'Survivor', authors: [['S V', '~S_V1']] }),
      '<li><div class="note"><h4><a href="/forum?id=NoAuthors1">No authors but an id</a></h4><div class="note-authors"><span></span></div><ul class="note-meta-info list-inline"></ul></div></li>',
    ];
    const doc = parseHtml(venuePage([reactPane('p', rowsHtml)]));
    let papers: ReturnType<typeof detectPapers> = [];
    expect(() => {
      papers = detectPapers(doc, GROUP);
    }).not.toThrow();
    expect(papers.map((p) => p.ids.openreview)).toEqual(['Survivor01', 'NoAuthors1']);
    expect(papers[1]!.authors).toEqual([]);
  });

  it('deeply nested junk in authors and details does not overflow or throw', () => {
    const depth = 5000;
    const deep = '<span>'.repeat(depth) + 'Deep Name' + '</span>'.repeat(depth);
    const deepDiv = '<div>'.repeat(depth) + 'deep text' + '</div>'.repeat(depth);
    const note = reactNote({
      id: 'DeepNest01',
      title: 'Deep',
      authors: [['A B', '~A_B1']],
      details: { Abstract: `<div class="note-content-value markdown-rendered">${deepDiv}</div>` },
    }).replace('</span></div>', `, ${deep}</span></div>`);
    const doc = parseHtml(venuePage([reactPane('p', [note])]));
    const [p] = detectPapers(doc, GROUP);
    expect(p!.ids.openreview).toBe('DeepNest01');
    expect(p!.authors).toEqual(['A B', 'Deep Name']);
    expect(p!.abstract).toBe('deep text');
  });

  it('a page without a body or any notes does not throw', () => {
    const doc = document.implementation.createHTMLDocument('');
    doc.documentElement.removeChild(doc.body);
    expect(openreview.detect(doc, new URL(GROUP))).toEqual([]);
    expect(openreview.detect(doc, new URL('https://openreview.net/forum?id=xcDRx8vzCa'))).toEqual([]);
    expect(detectPapers(parseHtml('<html><body></body></html>'), GROUP)).toEqual([]);
  });
});

describe('openreview speed', () => {
  it('2,000 notes: one pass, with a fixed number of document-wide queries', () => {
    const n = 2000;
    const notes: string[] = [];
    for (let i = 0; i < n; i++) {
      const id = `Speed${String(i).padStart(5, '0')}`;
      notes.push(
        reactNote({
          id,
          title: `Paper ${i}`,
          authors: [[`Author ${i}`, `~Author_${i}1`], ['Second Author', '~Second_Author1']],
          details: i % 2 === 0 ? { Abstract: `Abstract ${i}.` } : undefined,
        }),
      );
    }
    const doc = parseHtml(venuePage([reactPane('p', notes)]));
    const qsa = vi.spyOn(doc, 'querySelectorAll');
    const qs = vi.spyOn(doc, 'querySelector');
    const rows = detectRows(doc, GROUP)!.rows;
    expect(rows).toHaveLength(n);
    expect(rows[0]!.paper.abstract).toBe('Abstract 0.');
    expect(rows[1]!.paper.abstract).toBeUndefined();
    expect(rows[n - 1]!.paper.authors).toEqual([`Author ${n - 1}`, 'Second Author']);
    expect(qsa.mock.calls.length + qs.mock.calls.length).toBeLessThanOrEqual(2);
  });
});

describe('openreview: re-detection with known rows', () => {
  const note = (i: number) =>
    reactNote({
      id: `KnownNote${String(i).padStart(2, '0')}`,
      title: `Paper ${i}`,
      authors: [[`Author ${i}`, `~Author_${i}1`]],
      details: { Abstract: `Abstract ${i}.` },
    });

  it('the fixture pages with every row of a first pass known yield no rows and read none of them', () => {
    for (const name of fixtureNames('openreview')) {
      const { seen, reads, expected } = knownFixturePass('openreview', name, openreview);
      // A forum page walks class names and ids to find its heading; a list never looks inside known notes.
      expect(readsInside(reads, seen, { structure: expected.pageType === 'single' }), name).toEqual([]);
    }
  });

  it('after notes are added and a tab finishes loading, a second pass yields exactly the new ones, in page order', () => {
    const doc = parseHtml(venuePage([reactPane('accept-oral', [note(1), note(2)], { active: true }), SPINNER_PANE('accept-poster')]));
    const first = detectRows(doc, GROUP)!.rows;
    expect(first.map((r) => r.paper.title)).toEqual(['Paper 1', 'Paper 2']);
    const seen = new Set(first.map((r) => r.element));
    const known = knownRows(seen);

    doc.querySelector('#accept-oral ul.list-paginated')!.insertAdjacentHTML('beforeend', note(3));
    doc.querySelector('#accept-poster')!.outerHTML = reactPane('accept-poster', [note(4), note(5)]);
    const second = detectRows(doc, GROUP, { known })!.rows;
    expect(second.map((r) => r.paper.title)).toEqual(['Paper 3', 'Paper 4', 'Paper 5']);
    // The adapter itself skips the known notes (the registry would drop them anyway).
    expect(openreview.detect(doc, new URL(GROUP), { known }).map((r) => r.element)).toEqual(second.map((r) => r.element));
    expect(second.map((r) => r.element)).toEqual([...doc.querySelectorAll('.tab-pane div.note')].slice(2));
    expect(second[0]!.paper).toEqual({
      title: 'Paper 3',
      authors: ['Author 3'],
      ids: { openreview: 'KnownNote03' },
      pdfUrl: 'https://openreview.net/attachment?id=KnownNote03&name=pdf',
      abstract: 'Abstract 3.',
      venue: 'Testconf 2031 Poster',
      year: 2031,
    });
  });

  it('does not read the text of known notes (React and legacy lists)', () => {
    const legacy = (i: number) =>
      legacyNote({ id: `LegacyNote${i}`, title: `Legacy ${i}`, authorsHtml: profile(`Old Author${i}`), venue: 'TC 2030 Poster' });
    const doc = parseHtml(venuePage([reactPane('react', [note(1)]), legacyPane('legacy', [legacy(1)])]));
    const seen = new Set(detectRows(doc, GROUP)!.rows.map((r) => r.element));
    expect(seen.size).toBe(2);
    const known = knownRows(seen);
    doc.querySelector('#react ul.list-paginated')!.insertAdjacentHTML('beforeend', note(2));
    doc.querySelector('#legacy ul.submissions-list')!.insertAdjacentHTML('beforeend', legacy(2));
    // Known notes now say something else: reading them would change the adapter's own output.
    for (const row of seen) {
      const title = row.querySelector('h4 > a:not(.pdf-link)')!;
      title.textContent = 'Rewritten title';
      title.setAttribute('href', '/forum?id=RewrittenId');
    }
    const reads = recordReads(() => openreview.detect(doc, new URL(GROUP), { known }));
    expect(reads.result.map((r) => [r.paper.title, r.paper.ids.openreview])).toEqual([
      ['Paper 2', 'KnownNote02'],
      ['Legacy 2', 'LegacyNote2'],
    ]);
    expect(readsInside(reads, seen)).toEqual([]);
    // The spy does see reads: the new notes were read.
    expect(reads.text.some((n) => reads.result[1]!.element.contains(n))).toBe(true);
  });
});
