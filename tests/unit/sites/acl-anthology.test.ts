import { describe, expect, it, vi } from 'vitest';
import { adapterFor, detectPapers, detectRows } from '../../../lib/sites';
import { aclAnthology, idYear, isFrontMatterId } from '../../../lib/sites/acl-anthology';
import { expectFixture, fixtureNames, loadFixture, parseHtml } from '../fixtures';
import type { DetectedPaper } from '../../../lib/paper';
import { firstPass, grownPage, poisonText, type GrownPage } from './known-rows';

// ---------------------------------------------------------------------------------------------
// Builders for synthetic pages (markup after site-guide §6 and the Hugo templates it cites).

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

interface Item {
  id: string;
  title: string; // raw HTML of the title link
  authors?: [slug: string, name: string][];
  abstract?: string; // raw HTML of the abstract body
  pdf?: string | null; // null: no pdf badge
  extraBadges?: string;
  volumeLink?: string; // person pages: muted link to the volume
}

/** Bootstrap 5 layout (div row, div.list-button-row with span groups), as live pages now render. */
function rowNew(it: Item): string {
  const anchor = `abstract-${it.id.replace(/\./g, '--')}`;
  const pdf = it.pdf === null ? '' : `<a class="badge text-bg-primary align-middle me-1" href=${it.pdf ?? `https://aclanthology.org/${it.id}.pdf`} data-bs-toggle=tooltip title="Open PDF">pdf</a>`;
  const abs = it.abstract !== undefined ? `<a class="badge text-bg-info align-middle me-1" href=#${anchor} data-bs-toggle=collapse aria-expanded=false aria-controls=${anchor} title="Show Abstract">abs</a>` : '';
  const authors = (it.authors ?? [])
    .map(([slug, name]) => `<a href=/people/${slug}/>${name}</a>`)
    .join('\n| ');
  const volume = it.volumeLink ? `<br>${it.volumeLink}` : '';
  return `<div class="d-sm-flex align-items-stretch mb-3"><div class="d-block me-2 list-button-row"><span class="d-inline d-sm-block text-nowrap">${pdf}<a class="badge text-bg-secondary align-middle me-1" href=/${it.id}.bib title="Export to BibTeX">bib</a>${abs}</span><span class="d-inline d-sm-block text-nowrap">${it.extraBadges ?? ''}</span></div><span class=d-block><strong><a class=align-middle href=/${it.id}/>${it.title}</a></strong><br>${authors}${volume}</span></div>${
    it.abstract !== undefined
      ? `<div class="card bg-light mb-2 mb-lg-3 collapse abstract-collapse" id=${anchor}><div class="card-body p-3 small">${it.abstract}</div></div>`
      : ''
  }`;
}

/** Older layout (p row, span.list-button-row), as in the developer fixture. */
function rowOld(it: Item): string {
  const anchor = `abstract-${it.id.replace(/\./g, '--')}`;
  const pdf = it.pdf === null ? '' : `<a class="badge badge-primary align-middle mr-1" href=${it.pdf ?? `https://aclanthology.org/${it.id}.pdf`}>pdf</a>`;
  const abs = it.abstract !== undefined ? `<a class="badge badge-info align-middle mr-1" href=#${anchor} data-toggle=collapse>abs</a>` : '';
  const authors = (it.authors ?? []).map(([slug, name]) => `<a href=/people/${slug}/>${name}</a>`).join('\n| ');
  return `<p class="d-sm-flex align-items-stretch"><span class="d-block mr-2 text-nowrap list-button-row">${pdf}
<a class="badge badge-secondary align-middle mr-1" href=/${it.id}.bib>bib</a>${abs}<br class="d-none d-sm-inline-block">${it.extraBadges ?? ''}</span><span class=d-block><strong><a class=align-middle href=/${it.id}/>${it.title}</a></strong><br>${authors}</span></p>${
    it.abstract !== undefined
      ? `<div class="card bg-light mb-2 mb-lg-3 collapse abstract-collapse" id=${anchor}><div class="card-body p-3 small">${it.abstract}</div></div>`
      : ''
  }`;
}

function page(main: string, title = 'ACL Anthology'): string {
  return `<!doctype html><html lang=en-us><head><meta charset=utf-8><title>${title}</title></head><body>
  <nav class="navbar"><a class=navbar-brand href=https://aclanthology.org/>ACL Anthology</a>
    <form action=/search/? method=get><input name=q type=search></form>
    <strong><a href=/2020.acl-main.999/>A paper linked from the navigation</a></strong></nav>
  <div id=main-container class=container><section id=main>${main}</section></div>
  <footer><p><strong><a href=/2020.acl-main.998/>Footer link</a></strong></p></footer></body></html>`;
}

/** A volume page header: title, editors (p.lead), details dl. */
function volumeHeader(opts: { title: string; editors: string[]; venue: string; year: string }): string {
  return `<h2 id=title><a href=https://aclanthology.org/vol.pdf>${opts.title}</a></h2>
  <p class=lead>${opts.editors.map((e) => `<a href=/people/${e.toLowerCase().replace(/ /g, '-')}/>${e}</a>`).join(',\n')}
  <span class=text-muted>(Editors)</span></p><hr>
  <div class="row acl-paper-details"><div class="col col-lg-10 order-2"><dl><dt>Anthology ID:</dt><dd>x</dd>
  <dt>Month:</dt><dd>July</dd><dt>Year:</dt><dd>${opts.year}</dd><dt>Address:</dt><dd>Online</dd>
  <dt>Venue:</dt><dd><a href=/venues/x/>${opts.venue}</a></dd><dt>DOI:</dt><dd></dd></dl></div></div><hr>`;
}

// ---------------------------------------------------------------------------------------------

describe('acl-anthology fixtures', () => {
  const names = fixtureNames('acl-anthology');

  it('has the developer fixtures', () => {
    expect(names).toEqual(expect.arrayContaining(['paper-2020.nlpcovid19-acl.1', 'volume-2020.nlpcovid19-acl']));
  });

  for (const name of names) {
    it(`${name} matches its expected entries`, () => {
      expect(expectFixture('acl-anthology', name).length).toBeGreaterThan(0);
    });
  }

  it('volume: one row per entry, the front matter kept and marked, the editors line not an entry', () => {
    const { html, expected } = loadFixture('acl-anthology', 'volume-2020.nlpcovid19-acl');
    const doc = parseHtml(html);
    const before = doc.documentElement.outerHTML;
    const res = detectRows(doc, expected.url)!;
    expect(res.site).toBe('acl-anthology');
    expect(res.rows).toHaveLength(expected.entryCount);
    expect(res.rows.map((r) => r.element)).toEqual([...doc.querySelectorAll('p.d-sm-flex')]);
    // the front matter entry equals its expected entry in full
    expect(res.rows[0]!.paper).toEqual(expected.entries[0]);
    expect(res.rows.filter((r) => r.paper.frontMatter)).toHaveLength(1);
    // the entry without an abstract gets none (not its neighbour's)
    const noAbs = res.rows.find((r) => r.paper.ids.acl === '2020.nlpcovid19-acl.4')!;
    expect(noAbs.paper.abstract).toBeUndefined();
    expect(res.rows.find((r) => r.paper.ids.acl === '2020.nlpcovid19-acl.5')!.paper.abstract).toMatch(/^In this paper, we aim/);
    // the abstract keeps the text of its links
    expect(res.rows[18]!.paper.abstract).toMatch(/open-sourced at: https:\/\/github\.com\/deepset-ai\/COVID-QA$/);
    expect(doc.documentElement.outerHTML).toBe(before);
  });

  it('paper: one entry (the cite modal repeats the metadata but adds nothing)', () => {
    const { html, expected } = loadFixture('acl-anthology', 'paper-2020.nlpcovid19-acl.1');
    const doc = parseHtml(html);
    const rows = detectRows(doc, expected.url)!.rows;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.element).toBe(doc.getElementById('main'));
    expect(rows[0]!.paper.frontMatter).toBeUndefined();
    // the "Abstract" card title is not part of the abstract
    expect(rows[0]!.paper.abstract!.startsWith('The COVID-19 Open Research Dataset')).toBe(true);
  });
});

describe('acl-anthology URLs', () => {
  const claimed = [
    'https://aclanthology.org/2020.nlpcovid19-acl.1/',
    'https://aclanthology.org/2020.nlpcovid19-acl.1',
    'https://aclanthology.org/2023.acl-long.123/?utm=x',
    'https://aclanthology.org/2020.nlpcovid19-acl.0/',
    'https://aclanthology.org/P18-1001/',
    'https://aclanthology.org/Q18-1001',
    'https://aclanthology.org/W04-0801/#top',
    'https://aclanthology.org/volumes/2020.nlpcovid19-acl/',
    'https://aclanthology.org/volumes/P18-1/',
    'https://aclanthology.org/volumes/W18-63/',
    'https://aclanthology.org/events/acl-2020/',
    'https://aclanthology.org/events/emnlp-2024',
    'https://aclanthology.org/people/l/lucy-lu-wang/',
    'https://aclanthology.org/people/lucy-lu-wang/',
  ];
  const refused = [
    'https://aclanthology.org/',
    'https://aclanthology.org/2020.nlpcovid19-acl.1.pdf',
    'https://aclanthology.org/2020.nlpcovid19-acl.1.bib',
    'https://aclanthology.org/volumes/2020.nlpcovid19-acl.bib',
    'https://aclanthology.org/search/?q=covid',
    'https://aclanthology.org/faq/',
    'https://aclanthology.org/venues/acl/',
    'https://aclanthology.org/posts/',
    'https://aclanthology.org/people/',
    'https://aclanthology.org.evil.com/P18-1001/',
    'https://evil.com/aclanthology.org/P18-1001/',
    'https://aclanthology.org/P18-10011/',
    'ftp://aclanthology.org/P18-1001/',
  ];
  it.each(claimed)('claims %s', (url) => {
    expect(adapterFor(url)).toBe(aclAnthology);
  });
  it.each(refused)('refuses %s', (url) => {
    expect(aclAnthology.urls.some((re) => re.test(url))).toBe(false);
  });
});

describe('acl-anthology ids', () => {
  it('tells front matter from papers, in both id styles', () => {
    expect(isFrontMatterId('2020.nlpcovid19-acl.0')).toBe(true);
    expect(isFrontMatterId('2020.nlpcovid19-acl.10')).toBe(false);
    expect(isFrontMatterId('P18-1000')).toBe(true);
    expect(isFrontMatterId('P18-1001')).toBe(false);
    expect(isFrontMatterId('P18-2100')).toBe(false); // P18 volume 2, paper 100
    expect(isFrontMatterId('W18-6300')).toBe(true);
    expect(isFrontMatterId('W18-6310')).toBe(false);
    expect(isFrontMatterId('D19-5700')).toBe(true);
    expect(isFrontMatterId('D19-1000')).toBe(true);
    expect(isFrontMatterId('D19-1100')).toBe(false);
  });
  it('reads the year an id carries', () => {
    expect(idYear('2020.acl-main.1')).toBe(2020);
    expect(idYear('P18-1001')).toBe(2018);
    expect(idYear('J79-1001')).toBe(1979);
    expect(idYear(undefined)).toBeUndefined();
  });
});

describe('acl-anthology event page (Bootstrap 5 layout)', () => {
  const URL_EVENT = 'https://aclanthology.org/events/acl-2024/';
  const volume = (vol: string, title: string, items: Item[]) => `
    <div id=${vol.replace('.', '')}><small><a href=# class=text-muted><i class="fas fa-arrow-up"></i> up</a></small>
      <h4 class="d-sm-flex pb-2 border-bottom"><span class="d-block me-2 list-button-row"><a class="badge text-bg-primary align-middle me-1" href=https://aclanthology.org/${vol}.pdf>pdf&nbsp;(full)</a><br class="d-none d-sm-inline-block"><a class="badge text-bg-secondary align-middle me-1" href=/volumes/${vol}.bib>bib&nbsp;(full)</a></span>
      <a class=align-middle href=/volumes/${vol}/>${title}</a></h4>
      ${items.map(rowNew).join('\n')}
    </div><hr>`;
  const html = page(`
    <h2 id=title>Annual Meeting of the Association for Computational Linguistics (2024)</h2>
    <span>Bangkok, Thailand</span><br><hr>
    <div class="card bg-light mb-2 mb-lg-4"><div class=card-body><h4 class=card-title>Volumes</h4>
      <ul class=list-ps-responsive>
        <li><a class=align-middle href=#2024acl-long>Proceedings of the 62nd Annual Meeting (Volume 1: Long Papers)</a><span class="badge text-bg-info">3&nbsp;papers</span></li>
        <li><a class=align-middle href=#2024acl-short>Proceedings of the 62nd Annual Meeting (Volume 2: Short Papers)</a></li>
      </ul></div></div>
    <button class="btn btn-sm btn-info d-block mb-3" id=toggle-all-abstracts>Show all abstracts</button>
    ${volume('2024.acl-long', 'Proceedings of the 62nd Annual Meeting (Volume 1: Long Papers)', [
      { id: '2024.acl-long.0', title: 'Proceedings of the 62nd Annual Meeting (Volume 1: Long Papers)', authors: [['lun-wei-ku', 'Lun-Wei Ku'], ['andre-martins', 'Andre Martins']] },
      {
        id: '2024.acl-long.1',
        title: '<span class=acl-fixed-case>Q</span>uantized <span class=acl-fixed-case>S</span>ide Tuning',
        authors: [['zhengxin-zhang', 'Zhengxin Zhang'], ['dan-zhao', 'Dan Zhao']],
        abstract: 'Finetuning large language models.\n  Code is at <a href=https://github.com/x/y>https://github.com/x/y</a>.',
        extraBadges:
          '<span class="align-middle me-1" title="Outstanding Paper"><i class="fas fa-award"></i></span><a class="badge text-bg-attachment align-middle me-1" href=https://aclanthology.org/2024.acl-long.1.Software.zip title=Software>software</a><a class="badge text-bg-attachment align-middle me-1" href=https://aclanthology.org/2024.acl-long.1.Presentation.pdf title=Presentation>presentation</a><a class="badge text-bg-attachment align-middle me-1" href=https://aclanthology.org/2024.acl-long.1.mp4 title=Video><i class="fas fa-video"></i></a>',
      },
      { id: '2024.acl-long.2', title: 'No abstract here', authors: [['a-b', 'Ann Bee']] },
    ])}
    ${volume('2024.acl-short', 'Proceedings of the 62nd Annual Meeting (Volume 2: Short Papers)', [
      { id: '2024.acl-short.0', title: 'Proceedings (Volume 2: Short Papers)', authors: [['lun-wei-ku', 'Lun-Wei Ku']] },
      { id: '2024.acl-short.1', title: 'A short paper', authors: [['c-d', 'Cee Dee']], abstract: 'Short abstract.' },
    ])}`);

  it('reads every volume block, marks each front matter, and takes the venue from the block header', () => {
    const doc = parseHtml(html);
    const rows = detectRows(doc, URL_EVENT)!.rows;
    expect(rows.map((r) => r.paper.ids.acl)).toEqual([
      '2024.acl-long.0',
      '2024.acl-long.1',
      '2024.acl-long.2',
      '2024.acl-short.0',
      '2024.acl-short.1',
    ]);
    expect(rows.map((r) => !!r.paper.frontMatter)).toEqual([true, false, false, true, false]);
    expect(rows.map((r) => r.element)).toEqual([...doc.querySelectorAll('div.d-sm-flex.align-items-stretch')]);
    expect(rows[1]!.paper).toEqual({
      title: 'Quantized Side Tuning',
      authors: ['Zhengxin Zhang', 'Dan Zhao'],
      ids: { acl: '2024.acl-long.1' },
      pdfUrl: 'https://aclanthology.org/2024.acl-long.1.pdf',
      abstract: 'Finetuning large language models. Code is at https://github.com/x/y.',
      venue: 'Proceedings of the 62nd Annual Meeting (Volume 1: Long Papers)',
      year: 2024,
    });
    expect(rows[2]!.paper.abstract).toBeUndefined();
    expect(rows[4]!.paper).toMatchObject({
      venue: 'Proceedings of the 62nd Annual Meeting (Volume 2: Short Papers)',
      abstract: 'Short abstract.',
    });
  });

  it('the navigation, the volume list and the footer add no entries', () => {
    const titles = detectPapers(parseHtml(html), URL_EVENT).map((p) => p.title);
    expect(titles).not.toContain('A paper linked from the navigation');
    expect(titles).not.toContain('Footer link');
    expect(titles).toHaveLength(5);
  });
});

describe('acl-anthology volume page variants', () => {
  it('old-style ids (P18-1): front matter P18-1000, year and venue from the details list', () => {
    const url = 'https://aclanthology.org/volumes/P18-1/';
    const html = page(
      volumeHeader({ title: 'Proceedings of ACL 2018 (Volume 1: Long Papers)', editors: ['Iryna Gurevych', 'Yusuke Miyao'], venue: 'ACL', year: '2018' }) +
        `<div id=p18-1>${[
          rowOld({ id: 'P18-1000', title: 'Proceedings of ACL 2018 (Volume 1: Long Papers)', authors: [['iryna-gurevych', 'Iryna Gurevych'], ['yusuke-miyao', 'Yusuke Miyao']] }),
          rowOld({ id: 'P18-1001', title: 'Probabilistic <span class=acl-fixed-case>FastText</span> for Multi-Sense Word Embeddings', authors: [['ben-athiwaratkun', 'Ben Athiwaratkun']], abstract: 'We introduce Probabilistic FastText.' }),
          rowOld({ id: 'P18-1002', title: 'A La Carte Embedding', authors: [['mikhail-khodak', 'Mikhail Khodak']], pdf: 'https://www.aclweb.org/anthology/P18-1002.pdf' }),
        ].join('\n')}</div>`,
    );
    const papers = detectPapers(parseHtml(html), url);
    expect(papers.map((p) => p.ids.acl)).toEqual(['P18-1000', 'P18-1001', 'P18-1002']);
    expect(papers[0]!.frontMatter).toBe(true);
    expect(papers[0]!.authors).toEqual(['Iryna Gurevych', 'Yusuke Miyao']);
    expect(papers[1]).toEqual({
      title: 'Probabilistic FastText for Multi-Sense Word Embeddings',
      authors: ['Ben Athiwaratkun'],
      ids: { acl: 'P18-1001' },
      pdfUrl: 'https://aclanthology.org/P18-1001.pdf',
      abstract: 'We introduce Probabilistic FastText.',
      venue: 'ACL',
      year: 2018,
    });
    // a PDF hosted elsewhere: the badge labelled "pdf" is still the paper's PDF
    expect(papers[2]!.pdfUrl).toBe('https://www.aclweb.org/anthology/P18-1002.pdf');
  });

  it('an entry without a PDF gets no pdfUrl; an entry without authors keeps its id', () => {
    const url = 'https://aclanthology.org/volumes/2021.acl-demo/';
    const html = page(
      volumeHeader({ title: 'Demos', editors: ['Heng Ji'], venue: 'ACL', year: '2021' }) +
        `<div>${rowNew({ id: '2021.acl-demo.1', title: 'No PDF', authors: [['a-b', 'Ann Bee']], pdf: null })}${rowNew({ id: '2021.acl-demo.2', title: 'No authors' })}</div>`,
    );
    const papers = detectPapers(parseHtml(html), url);
    expect(papers.map((p) => p.title)).toEqual(['No PDF', 'No authors']);
    expect(papers[0]!.pdfUrl).toBeUndefined();
    expect(papers[1]).toMatchObject({ authors: [], ids: { acl: '2021.acl-demo.2' }, year: 2021 });
  });

  it('a misplaced abstract of another paper is not taken', () => {
    const url = 'https://aclanthology.org/volumes/2021.acl-demo/';
    const html = page(`<div>
      <div class="d-sm-flex align-items-stretch mb-3"><span class=d-block><strong><a href=/2021.acl-demo.3/>Three</a></strong><br><a href=/people/x/>X</a></span></div>
      <div class="card collapse abstract-collapse" id=abstract-2021--acl-demo--9><div class="card-body">Nine's abstract.</div></div></div>`);
    const papers = detectPapers(parseHtml(html), url);
    expect(papers).toHaveLength(1);
    expect(papers[0]!.abstract).toBeUndefined();
  });
});

describe('acl-anthology person page', () => {
  it('the muted volume link is the venue, not an author', () => {
    const url = 'https://aclanthology.org/people/lucy-lu-wang/';
    const vol = (id: string, title: string) => `<a href=/volumes/${id}/ class=text-muted>${title}</a>`;
    const html = page(`<h2 id=title><span class=fw-normal>Lucy Lu</span> <span class=fw-bold>Wang</span></h2><hr>
      <div class=row><div class=col-lg-9>
        <h4>2020</h4>
        ${rowNew({ id: '2020.nlpcovid19-acl.1', title: 'CORD-19', authors: [['lucy-lu-wang', 'Lucy Lu Wang'], ['kyle-lo', 'Kyle Lo']], abstract: 'A dataset.', volumeLink: vol('2020.nlpcovid19-acl', 'Proceedings of the 1st Workshop on NLP for COVID-19 at ACL 2020') })}
        <h4>2018</h4>
        ${rowNew({ id: 'N18-3011', title: 'Construction of the Literature Graph', authors: [['waleed-ammar', 'Waleed Ammar']], volumeLink: vol('N18-3', 'Proceedings of NAACL 2018 (Industry Papers)') })}
      </div><div class=col-lg-3><div class=card><h5 class=card-header>Co-authors</h5><ul><li><a href=/people/kyle-lo/>Kyle Lo</a></li></ul></div></div></div>`);
    const papers = detectPapers(parseHtml(html), url);
    expect(papers).toEqual([
      {
        title: 'CORD-19',
        authors: ['Lucy Lu Wang', 'Kyle Lo'],
        ids: { acl: '2020.nlpcovid19-acl.1' },
        pdfUrl: 'https://aclanthology.org/2020.nlpcovid19-acl.1.pdf',
        abstract: 'A dataset.',
        venue: 'Proceedings of the 1st Workshop on NLP for COVID-19 at ACL 2020',
        year: 2020,
      },
      {
        title: 'Construction of the Literature Graph',
        authors: ['Waleed Ammar'],
        ids: { acl: 'N18-3011' },
        pdfUrl: 'https://aclanthology.org/N18-3011.pdf',
        venue: 'Proceedings of NAACL 2018 (Industry Papers)',
        year: 2018,
      },
    ]);
  });
});

describe('acl-anthology paper page variants', () => {
  it('a journal paper: citation_journal_title and citation_doi', () => {
    const url = 'https://aclanthology.org/Q18-1001/';
    const html = `<!doctype html><html><head>
      <meta content="Whodunnit? Crime Drama as a Case for Natural Language Understanding" name=citation_title>
      <meta content="Lea Frermann" name=citation_author><meta content="Shay B. Cohen" name=citation_author><meta content="Mirella Lapata" name=citation_author>
      <meta content="Transactions of the Association for Computational Linguistics" name=citation_journal_title>
      <meta content="6" name=citation_volume><meta content="2018" name=citation_publication_date>
      <meta content="https://aclanthology.org/Q18-1001.pdf" name=citation_pdf_url>
      <meta content="10.1162/tacl_a_00001" name=citation_doi></head><body><section id=main>
      <h2 id=title><a href=https://aclanthology.org/Q18-1001.pdf>Whodunnit? Crime Drama as a Case for Natural Language Understanding</a></h2>
      <p class=lead><a href=/people/lea-frermann/>Lea Frermann</a>, <a href=/people/shay-b-cohen/>Shay B. Cohen</a>, <a href=/people/mirella-lapata/>Mirella Lapata</a></p>
      <div class="row acl-paper-details"><div class="col col-lg-10 order-2"><div class="card bg-light mb-2 mb-lg-3"><div class="card-body acl-abstract"><h5 class=card-title>Abstract</h5><span>In this paper we argue that crime drama exemplified in television programs such as CSI: Crime Scene Investigation.</span></div></div>
      <dl><dt>Anthology ID:</dt><dd>Q18-1001</dd><dt>DOI:</dt><dd><a href=https://doi.org/10.1162/tacl_a_00001>10.1162/tacl_a_00001</a></dd></dl></div></div>
      <div class="modal fade" id=citeModal><pre id=citeBibtexContent>@article{frermann-etal-2018-whodunnit, title = "Whodunnit?"}</pre></div>
      </section></body></html>`;
    const papers = detectPapers(parseHtml(html), url);
    expect(papers).toEqual([
      {
        title: 'Whodunnit? Crime Drama as a Case for Natural Language Understanding',
        authors: ['Lea Frermann', 'Shay B. Cohen', 'Mirella Lapata'],
        ids: { acl: 'Q18-1001', doi: '10.1162/tacl_a_00001' },
        pdfUrl: 'https://aclanthology.org/Q18-1001.pdf',
        abstract: 'In this paper we argue that crime drama exemplified in television programs such as CSI: Crime Scene Investigation.',
        venue: 'Transactions of the Association for Computational Linguistics',
        year: 2018,
      },
    ]);
  });

  it('without meta tags: the visible title, authors, details list and PDF button', () => {
    const url = 'https://aclanthology.org/2023.acl-long.5';
    const html = `<!doctype html><html><head><title>x</title></head><body><section id=main>
      <h2 id=title><a href=https://aclanthology.org/2023.acl-long.5.pdf><span class=acl-fixed-case>T</span>itle with <span class=acl-fixed-case>LLM</span>s</a></h2>
      <p class=lead><a href=/people/a/>Ann One</a>,
      <a href=/people/b/>Bob Two</a></p><hr>
      <div class="row acl-paper-details"><div class="col col-lg-10 order-2">
      <dl><dt>Anthology ID:</dt><dd>2023.acl-long.5</dd><dt>Volume:</dt><dd><a href=/volumes/2023.acl-long/>Proceedings of ACL 2023 (Volume 1: Long Papers)</a></dd>
      <dt>Month:</dt><dd>July</dd><dt>Year:</dt><dd>2023</dd><dt>DOI:</dt><dd><a href=http://dx.doi.org/10.18653/v1/2023.acl-long.5>10.18653/v1/2023.acl-long.5</a></dd></dl></div>
      <div class=acl-paper-link-block><a class="btn btn-primary" href=https://aclanthology.org/2023.acl-long.5.pdf>PDF</a><a class="btn btn-secondary" href=#>Cite</a></div></div>
      </section></body></html>`;
    const papers = detectPapers(parseHtml(html), url);
    expect(papers).toEqual([
      {
        title: 'Title with LLMs',
        authors: ['Ann One', 'Bob Two'],
        ids: { acl: '2023.acl-long.5', doi: '10.18653/v1/2023.acl-long.5' },
        pdfUrl: 'https://aclanthology.org/2023.acl-long.5.pdf',
        venue: 'Proceedings of ACL 2023 (Volume 1: Long Papers)',
        year: 2023,
      },
    ]);
  });

  it('the front-matter page is marked frontMatter', () => {
    const url = 'https://aclanthology.org/2020.nlpcovid19-acl.0/';
    const html = `<html><head><meta content="Proceedings of the 1st Workshop on NLP for COVID-19 at ACL 2020" name=citation_title>
      <meta content="Karin Verspoor" name=citation_author></head><body><section id=main><h2 id=title>Proceedings</h2></section></body></html>`;
    const papers = detectPapers(parseHtml(html), url);
    expect(papers).toHaveLength(1);
    expect(papers[0]).toMatchObject({ ids: { acl: '2020.nlpcovid19-acl.0' }, frontMatter: true, year: 2020 });
  });

  it('an error page (no title anywhere) yields nothing', () => {
    const html = '<html><head><title>Page not found</title></head><body><section id=main><p>404</p></section></body></html>';
    expect(detectPapers(parseHtml(html), 'https://aclanthology.org/2099.none-x.1/')).toEqual([]);
  });
});

describe('acl-anthology hostile and broken markup', () => {
  const url = 'https://aclanthology.org/volumes/2020.x-y/';
  const evil = '<img src=x onerror=alert(1)>';
  const html = page(`<div>
    <p class="d-sm-flex align-items-stretch"></p>
    <p class="d-sm-flex align-items-stretch"><span class=d-block><strong></strong><br><a href=/people/n/>No Title</a></span></p>
    ${rowOld({ id: '2020.x-y.1', title: `${esc(evil)} and friends`, authors: [['m', esc('<b>Mallory</b>')]], abstract: `Abstract with ${esc('<script>alert(2)</script>')} text.` })}
    <div class="d-sm-flex align-items-stretch mb-3"><div class=list-button-row><a href="javascript:alert(1)">pdf</a><a href="http://[bad">bib</a></div>
      <span class=d-block><div><em><span><strong><a href=/2020.x-y.2/><b>Nested <i>junk</i></b> title</a></strong></span></em></div><br><span><a href=/people/d/>Deep Author</a></span></span></div>
    <div class="card collapse abstract-collapse" id=abstract-2020--x-y--2><div class=card-body>Deep abstract.
      <p class="d-sm-flex align-items-stretch"><span class=d-block><strong><a href=/2020.x-y.77/>Row inside an abstract</a></strong></span></p></div></div>
    <div class="d-sm-flex align-items-stretch mb-3"><span class=d-block><strong><a href=/2020.x-y.3/>Outer</a></strong><br><a href=/people/o/>Outer Author</a>
      <p class="d-sm-flex align-items-stretch"><span class=d-block><strong><a href=/2020.x-y.88/>Row inside a row</a></strong></span></p></span></div>
    <div class="d-sm-flex align-items-stretch mb-3"><span class=d-block><strong>Title without a link</strong><br><a href=/people/p/>Plain Author</a></span></div>
    <div class="d-sm-flex align-items-stretch mb-3"><span class=d-block><strong>Neither link nor author</strong></span></div>
    <div class="d-sm-flex align-items-stretch mb-3"><span class=d-block><strong><a href=https://evil.example/2020.x-y.4/>Off-site title link</a></strong></span></div>
  </div>`);

  it('never throws, skips empty and incomplete rows, and reads the rest', () => {
    const doc = parseHtml(html);
    expect(() => aclAnthology.detect(doc, new URL(url))).not.toThrow();
    const got = detectPapers(doc, url);
    expect(got.map((p) => p.title)).toEqual([
      `${evil} and friends`,
      'Nested junk title',
      'Outer',
      'Title without a link',
    ]);
    expect(got[0]).toMatchObject({ authors: ['<b>Mallory</b>'], ids: { acl: '2020.x-y.1' } });
    expect(got[0]!.abstract).toBe('Abstract with <script>alert(2)</script> text.');
    expect(got[1]).toMatchObject({ authors: ['Deep Author'], ids: { acl: '2020.x-y.2' } });
    expect(got[1]!.pdfUrl).toBeUndefined(); // javascript: is not a PDF link
    expect(got[1]!.abstract).toBe('Deep abstract. Row inside an abstract');
    expect(got[2]!.authors).toEqual(['Outer Author']);
    expect(got[3]).toMatchObject({ authors: ['Plain Author'], ids: {} });
  });

  it('a flat row (title and authors straight in the row) does not take badges for authors', () => {
    const flat = page(`<div>
      <div class="d-sm-flex align-items-stretch mb-3"><a href=https://aclanthology.org/2020.x-y.6.pdf>pdf</a> <a href=/2020.x-y.6.bib>bib</a>
        <strong><a href=/2020.x-y.6/>Flat row</a></strong> <a href=/people/f/>Flat Author</a></div>
      <div class="d-sm-flex align-items-stretch mb-3"><a href=https://aclanthology.org/2020.x-y.7.pdf>pdf</a> <a href=#abstract-2020--x-y--7>abs</a>
        <strong><a href=/2020.x-y.7/>Flat row without people links</a></strong> <a href=/authors/g/>Gee Author</a></div></div>`);
    const got = detectPapers(parseHtml(flat), url);
    expect(got.map((p) => [p.title, p.authors, p.pdfUrl])).toEqual([
      ['Flat row', ['Flat Author'], 'https://aclanthology.org/2020.x-y.6.pdf'],
      ['Flat row without people links', ['Gee Author'], 'https://aclanthology.org/2020.x-y.7.pdf'],
    ]);
  });

  it('a row nested thousands of elements deep is read without overflowing the stack', () => {
    const deep = page(`${'<div>'.repeat(3000)}${rowNew({ id: '2020.x-y.5', title: 'Deeply nested', abstract: 'Deep.', authors: [['z', 'Zed']] })}${'</div>'.repeat(3000)}`);
    const got = detectPapers(parseHtml(deep), url);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ title: 'Deeply nested', authors: ['Zed'], abstract: 'Deep.', ids: { acl: '2020.x-y.5' } });
  });

  it('returns escaped markup as literal text, creates no element and leaves the page untouched', () => {
    const doc = parseHtml(html);
    const before = doc.documentElement.outerHTML;
    expect(doc.querySelectorAll('img, script')).toHaveLength(0);
    const got = detectPapers(doc, url);
    expect(got[0]!.title).toBe(`${evil} and friends`);
    expect(doc.querySelectorAll('img, script')).toHaveLength(0);
    expect(doc.documentElement.outerHTML).toBe(before);
  });

  it('survives pages without any entry', () => {
    expect(detectPapers(parseHtml('<html><body></body></html>'), url)).toEqual([]);
    expect(detectPapers(parseHtml('<html><body><section id=main><p>Nothing</p></section></body></html>'), 'https://aclanthology.org/events/x-2020/')).toEqual([]);
    expect(detectPapers(parseHtml(''), 'https://aclanthology.org/P18-1001/')).toEqual([]);
  });

  it('without the usual row classes, bold links to paper pages still make entries', () => {
    const drift = page(`<div>
      <div class=entry><span class=buttons><a href=/2022.z-q.1.pdf>pdf</a></span><span><strong><a href=/2022.z-q.1/>Drifted</a></strong><br><a href=/people/q/>Quinn</a></span></div>
      <div class=entry><span><strong><a href=/faq/>Not a paper</a></strong></span></div></div>`);
    const got = detectPapers(parseHtml(drift), 'https://aclanthology.org/volumes/2022.z-q/');
    expect(got).toEqual([
      { title: 'Drifted', authors: ['Quinn'], ids: { acl: '2022.z-q.1' }, pdfUrl: 'https://aclanthology.org/2022.z-q.1.pdf', year: 2022 },
    ]);
  });
});

describe('acl-anthology speed', () => {
  // Parsing the synthetic page dominates on a loaded machine: a generous timeout, a bound on detection alone.
  it('2,000 entries: linear, with a fixed number of document-wide queries', { timeout: 60_000 }, () => {
    const n = 2000;
    const items: string[] = [];
    for (let i = 1; i <= n; i++) {
      items.push(
        rowNew({
          id: `2024.big-main.${i}`,
          title: `Paper <span class=acl-fixed-case>N</span>umber ${i}`,
          authors: [[`a${i}`, `Author ${i}`], [`b${i}`, `Other ${i}`]],
          abstract: i % 3 === 0 ? undefined : `Abstract ${i}.`,
        }),
      );
    }
    const doc = parseHtml(page(volumeHeader({ title: 'Big', editors: ['E D'], venue: 'BIG', year: '2024' }) + `<div>${items.join('\n')}</div>`));
    const qsa = vi.spyOn(doc, 'querySelectorAll');
    const qs = vi.spyOn(doc, 'querySelector');
    const byId = vi.spyOn(doc, 'getElementById');
    const rows = detectRows(doc, 'https://aclanthology.org/volumes/2024.big-main/')!.rows;
    expect(rows).toHaveLength(n);
    expect(rows[n - 1]!.paper).toMatchObject({ title: `Paper Number ${n}`, authors: [`Author ${n}`, `Other ${n}`], abstract: `Abstract ${n}.` });
    expect(rows[2]!.paper.abstract).toBeUndefined();
    expect(qsa.mock.calls.length + qs.mock.calls.length).toBeLessThanOrEqual(2);
    expect(byId.mock.calls.length).toBeLessThanOrEqual(1);
  });
});

// ---------------------------------------------------------------------------------------------
// Re-detection with `known` (rows read on an earlier pass are skipped before their text is read).

describe('acl-anthology re-detection with known rows', () => {
  const URL_VOL = 'https://aclanthology.org/volumes/2024.acl-long/';
  const items = (from: number, to: number): Item[] => {
    const out: Item[] = [];
    for (let i = from; i <= to; i++) {
      out.push({
        id: `2024.acl-long.${i}`,
        title: `Paper <span class=acl-fixed-case>N</span>umber ${i}`,
        authors: [[`a-${i}`, `Author ${i}`], [`b-${i}`, `Other ${i}`]],
        abstract: i % 2 === 0 ? `Abstract of paper ${i}.` : undefined,
      });
    }
    return out;
  };
  const expectedPaper = (i: number): DetectedPaper => ({
    title: `Paper Number ${i}`,
    authors: [`Author ${i}`, `Other ${i}`],
    ids: { acl: `2024.acl-long.${i}` },
    pdfUrl: `https://aclanthology.org/2024.acl-long.${i}.pdf`,
    ...(i % 2 === 0 ? { abstract: `Abstract of paper ${i}.` } : {}),
    venue: 'ACL',
    year: 2024,
  });
  /** A volume page with entries 1-4, read once; then entries 5-7 appended (the "load more" case). */
  const grown = (): GrownPage =>
    grownPage(
      parseHtml(page(volumeHeader({ title: 'Proceedings of ACL 2024', editors: ['Lun-Wei Ku'], venue: 'ACL', year: '2024' }) + `<div id=papers>${items(1, 4).map(rowNew).join('\n')}</div>`)),
      URL_VOL,
      4,
      (doc) => doc.getElementById('papers')!.insertAdjacentHTML('beforeend', items(5, 7).map(rowNew).join('\n')),
    );

  it('the fixture volume with every row known: no rows, and the adapter itself returns none', () => {
    const { html, expected } = loadFixture('acl-anthology', 'volume-2020.nlpcovid19-acl');
    const doc = parseHtml(html);
    const { rows: first, known } = firstPass(doc, expected.url);
    expect(first).toHaveLength(expected.entryCount);
    expect(detectRows(doc, expected.url, { known })!.rows).toEqual([]);
    expect(aclAnthology.detect(doc, new URL(expected.url), { known })).toEqual([]);
  });

  it('the fixture paper page: its one row element, once known, is dropped', () => {
    const { html, expected } = loadFixture('acl-anthology', 'paper-2020.nlpcovid19-acl.1');
    const doc = parseHtml(html);
    const first = detectRows(doc, expected.url)!.rows;
    expect(first).toHaveLength(1);
    expect(detectRows(doc, expected.url, { known: (row) => row === first[0]!.element })!.rows).toEqual([]);
  });

  it('after entries are appended, a second pass yields exactly the new ones, in page order, with the page context', () => {
    const { doc, known } = grown();
    const rows = detectRows(doc, URL_VOL, { known })!.rows;
    expect(rows.map((r) => r.paper)).toEqual([expectedPaper(5), expectedPaper(6), expectedPaper(7)]);
    expect(rows.map((r) => r.element)).toEqual([...doc.querySelectorAll('div.d-sm-flex.align-items-stretch')].slice(4));
    // the adapter skips them itself, not only the registry
    expect(aclAnthology.detect(doc, new URL(URL_VOL), { known }).map((r) => r.paper.ids.acl)).toEqual([
      '2024.acl-long.5',
      '2024.acl-long.6',
      '2024.acl-long.7',
    ]);
  });

  it('never reads the text of known rows (nor their abstracts)', () => {
    const { doc, first, known } = grown();
    const reads: string[] = [];
    const abstracts = first.map((row) => row.nextElementSibling).filter((el): el is Element => !!el?.classList.contains('abstract-collapse'));
    expect(abstracts).toHaveLength(2);
    poisonText([...first, ...abstracts], reads);
    const rows = detectRows(doc, URL_VOL, { known })!.rows;
    expect(reads).toEqual([]);
    expect(rows.map((r) => r.paper)).toEqual([expectedPaper(5), expectedPaper(6), expectedPaper(7)]);
    // control: without `known` the same rows are read, so the poison would have been seen
    const all = detectRows(doc, URL_VOL)!.rows;
    expect(reads.length).toBeGreaterThan(0);
    expect(all[0]!.paper.title).toContain('POISONED');
  });
});
