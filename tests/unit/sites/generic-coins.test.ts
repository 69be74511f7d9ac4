import { describe, expect, it } from 'vitest';
import { detectPapers, detectRows } from '../../../lib/sites';
import { coinsPaper, detectCoins, parseKev } from '../../../lib/sites/generic-coins';
import { parseHtml } from '../fixtures';

const URL_ = 'https://lab.example.edu/~someone/papers.html';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A KEV ContextObject from [key, value] pairs, form-urlencoded. */
function kev(pairs: [string, string][]): string {
  return pairs.map(([k, v]) => `${k}=${encodeURIComponent(v).replace(/%20/g, '+')}`).join('&');
}
const JOURNAL: [string, string] = ['rft_val_fmt', 'info:ofi/fmt:kev:mtx:journal'];
const BOOK: [string, string] = ['rft_val_fmt', 'info:ofi/fmt:kev:mtx:book'];
const span = (k: string): string => `<span class="Z3988" title="${esc(k)}"></span>`;

function listPage(items: string[]): string {
  return `<!DOCTYPE html><html><head><title>Publications</title></head><body>
    <div id="menu"><a href="/">Home</a></div>
    <h1>Publications</h1>
    <ol class="bibliography">${items.map((i) => `<li>${i}</li>`).join('\n')}</ol>
  </body></html>`;
}

describe('generic COinS: formats', () => {
  it('reads a journal article with aulast/aufirst and rft.au, ids and venue', () => {
    const p = coinsPaper(
      kev([
        JOURNAL,
        ['rft.genre', 'article'],
        ['rft.atitle', 'An Article'],
        ['rft.jtitle', 'Journal of Things'],
        ['rft.date', '2003-05'],
        ['rft.aulast', 'Doe'],
        ['rft.aufirst', 'Jane'],
        ['rft.au', 'Smith, John'],
        ['rft.au', 'Kim Lee'],
        ['rft_id', 'info:doi/10.1000/ART'],
        ['rft_id', 'info:pmid/999'],
        ['rft_id', 'https://arxiv.org/abs/2101.00001v2'],
      ]),
    );
    expect(p).toEqual({
      title: 'An Article',
      authors: ['Jane Doe', 'John Smith', 'Kim Lee'],
      ids: { doi: '10.1000/art', pmid: '999', arxiv: '2101.00001' },
      venue: 'Journal of Things',
      year: 2003,
    });
  });

  it('does not repeat the first author when rft.au lists everyone (Wikipedia style)', () => {
    const p = coinsPaper(
      kev([JOURNAL, ['rft.atitle', 'An Article'], ['rft.aulast', 'Doe'], ['rft.aufirst', 'J.'], ['rft.au', 'Doe, Jane'], ['rft.au', 'Smith, John'], ['rft_id', 'info:doi/10.1000/x']]),
    );
    expect(p!.authors).toEqual(['J. Doe', 'John Smith']);
  });

  it('uses auinit and aucorp', () => {
    const p = coinsPaper(kev([JOURNAL, ['rft.atitle', 'Consortium Paper'], ['rft.aulast', 'Doe'], ['rft.auinit', 'J'], ['rft.aucorp', 'The Consortium']]));
    expect(p!.authors).toEqual(['J Doe', 'The Consortium']);
  });

  it('reads a whole book (btitle, itemType book) and a chapter (atitle, btitle as venue)', () => {
    const book = coinsPaper(kev([BOOK, ['rft.genre', 'book'], ['rft.btitle', 'A Whole Book'], ['rft.au', 'Doe, Jane'], ['rft.date', '1999'], ['rft_id', 'urn:isbn:0262033844']]));
    expect(book).toEqual({ title: 'A Whole Book', authors: ['Jane Doe'], ids: {}, year: 1999, itemType: 'book' });
    const chapter = coinsPaper(kev([BOOK, ['rft.genre', 'bookitem'], ['rft.atitle', 'A Chapter'], ['rft.btitle', 'The Book'], ['rft.au', 'Kim Lee']]));
    expect(chapter).toEqual({ title: 'A Chapter', authors: ['Kim Lee'], ids: {}, venue: 'The Book' });
  });

  it('reads proceedings papers and dissertations', () => {
    const proc = coinsPaper(kev([BOOK, ['rft.genre', 'proceeding'], ['rft.atitle', 'A Talk'], ['rft.btitle', 'Proc. of Conf'], ['rft.au', 'A B']]));
    expect(proc).toMatchObject({ title: 'A Talk', venue: 'Proc. of Conf' });
    const thesis = coinsPaper(kev([['rft_val_fmt', 'info:ofi/fmt:kev:mtx:dissertation'], ['rft.title', 'My Thesis'], ['rft.au', 'A B'], ['rft.date', '2010']]));
    expect(thesis).toMatchObject({ title: 'My Thesis', authors: ['A B'], year: 2010 });
  });

  it('skips patents, whole journals, and web / untyped references without a paper id', () => {
    expect(coinsPaper(kev([['rft_val_fmt', 'info:ofi/fmt:kev:mtx:patent'], ['rft.title', 'A Widget'], ['rft.inv', 'A B']]))).toBeUndefined();
    expect(coinsPaper(kev([JOURNAL, ['rft.genre', 'journal'], ['rft.jtitle', 'Nature'], ['rft.au', 'A B']]))).toBeUndefined();
    expect(coinsPaper(kev([BOOK, ['rft.genre', 'unknown'], ['rft.btitle', 'Home page of a project'], ['rft.au', 'A B'], ['rft_id', 'https://example.com/']]))).toBeUndefined();
    expect(coinsPaper(kev([['rft_val_fmt', 'info:ofi/fmt:kev:mtx:dc'], ['rft.title', 'Something'], ['rft.creator', 'A B']]))).toBeUndefined();
    // ...but the same web reference with a DOI is a paper.
    expect(coinsPaper(kev([BOOK, ['rft.genre', 'unknown'], ['rft.btitle', 'Online paper'], ['rft_id', 'info:doi/10.1000/web']]))).toMatchObject({ title: 'Online paper' });
  });

  it('reads a doubly escaped attribute and broken percent escapes without throwing', () => {
    const m = parseKev('rft.atitle=A+%26+B&amp;rft.aulast=Doe&amp;amp;rft.date=2001&rft.jtitle=%E0%A4%A+ok%20here');
    expect(m.get('rft.atitle')).toEqual(['A & B']);
    expect(m.get('rft.aulast')).toEqual(['Doe']);
    expect(m.get('rft.date')).toEqual(['2001']);
    expect(m.get('rft.jtitle')).toEqual(['%E0%A4%A ok here']);
    expect(() => parseKev('%'.repeat(10000))).not.toThrow();
    expect(coinsPaper('')).toBeUndefined();
    expect(coinsPaper('=&=&&')).toBeUndefined();
  });
});

describe('generic COinS: pages', () => {
  const a = kev([JOURNAL, ['rft.atitle', 'First Paper'], ['rft.aulast', 'Doe'], ['rft.aufirst', 'Jane'], ['rft_id', 'info:doi/10.1000/1']]);
  const b = kev([JOURNAL, ['rft.atitle', 'Second Paper'], ['rft.aulast', 'Lee'], ['rft.aufirst', 'Kim'], ['rft.date', '2020']]);

  it('gives one entry per span in page order, anchored on the entry element past inline wrappers', () => {
    const doc = parseHtml(
      listPage([
        `<cite class="citation journal">Doe, J. "First Paper".</cite>${span(a)}`,
        `<p>K. Lee. <b>Second Paper</b>. 2020. <span class="ref"><span>${span(b)}</span></span></p>`,
      ]),
    );
    const rows = detectRows(doc, URL_)!.rows;
    expect(rows.map((r) => r.paper.title)).toEqual(['First Paper', 'Second Paper']);
    expect(rows[0]!.element.tagName).toBe('LI');
    expect(rows[1]!.element.tagName).toBe('P');
  });

  it('skips spans in cite dialogs, related asides and hidden duplicates, and repeated spans', () => {
    const page = `<!DOCTYPE html><html><body><main>
      <ul><li>First ${span(a)}</li><li>again ${span(a)}</li></ul>
      <div class="modal" role="dialog"><p>Cite this: ${span(b)}</p></div>
      <aside><ul><li>${span(b)}</li></ul></aside>
      <div class="similar-papers"><ul><li>${span(b)}</li></ul></div>
    </main></body></html>`;
    expect(detectPapers(parseHtml(page), URL_).map((p) => p.title)).toEqual(['First Paper']);
  });

  it('skips spans with an empty or missing title attribute', () => {
    const page = listPage([`<span class="Z3988" title=""></span>`, `<span class="Z3988"></span>`, span(b)]);
    expect(detectPapers(parseHtml(page), URL_).map((p) => p.title)).toEqual(['Second Paper']);
  });
});

describe('generic COinS: re-detection with known entries', () => {
  const ref = (i: number) => kev([JOURNAL, ['rft.atitle', `Known Paper ${i}`], ['rft.aulast', `Smith`], ['rft.aufirst', 'Ann'], ['rft_id', `info:doi/10.1000/k${i}`]]);

  it('skips spans of known entries; a later copy of a known span stays a duplicate, as on the first pass', () => {
    // The second span of paper 0 repeats the first one (the same reference cited twice).
    const doc = parseHtml(listPage([`A. ${span(ref(0))}`, `B. ${span(ref(1))}`, `A again. ${span(ref(0))}`]));
    const first = detectCoins(doc);
    expect(first.map((r) => r.paper.title)).toEqual(['Known Paper 0', 'Known Paper 1']);
    const old = first.map((r) => r.element);
    doc.querySelector('ol')!.insertAdjacentHTML('beforeend', `<li>C. ${span(ref(2))}</li><li>A once more. ${span(ref(0))}</li>`);
    const known = (el: Element) => old.includes(el);
    const second = detectCoins(doc, known);
    expect(second.map((r) => r.paper.title)).toEqual(['Known Paper 2']);
    expect(second.map((r) => r.element)).toEqual([doc.querySelectorAll('ol > li')[3]]);
    expect(detectRows(doc, URL_, { known })!.rows.map((r) => r.paper.title)).toEqual(['Known Paper 2']);
  });

  it('does not parse the ContextObject of a known entry', () => {
    const doc = parseHtml(listPage([span(ref(0)), span(ref(1))]));
    const old = detectCoins(doc).map((r) => r.element);
    expect(old).toHaveLength(2);
    // Were the old spans parsed again, these would be two new papers.
    doc.querySelectorAll('.Z3988').forEach((s, i) => s.setAttribute('title', kev([JOURNAL, ['rft.atitle', `Changed ${i}`], ['rft.au', 'Eve Evans']])));
    expect(detectCoins(doc, (el) => old.includes(el))).toEqual([]);
    expect(detectCoins(doc).map((r) => r.paper.title)).toEqual(['Changed 0', 'Changed 1']); // without `known` they are read
  });
});
