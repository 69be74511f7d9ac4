import { describe, expect, it } from 'vitest';
import { detectPapers, detectRows } from '../../../lib/sites';
import { detectLinks, idFromHref, looksLikeTitle } from '../../../lib/sites/generic-links';
import { parseHtml } from '../fixtures';

const URL_ = 'https://people.example.edu/~doe/';

function page(body: string): string {
  return `<!DOCTYPE html><html><head><title>Jane Doe</title></head><body>
    <header><nav><a href="https://arxiv.org/abs/2401.99999">Latest preprint: A Paper In The Menu</a></nav></header>
    <main>${body}</main>
    <footer><p>Cite our toolkit: <a href="https://doi.org/10.9999/footer">The Toolkit Paper Title</a></p></footer>
  </body></html>`;
}

const detect = (body: string) => detectPapers(parseHtml(page(body)), URL_);

describe('generic links: reference lists', () => {
  it('reads a publication list whose title is the link text', () => {
    const got = detect(`<h2>Publications</h2><ol>
      <li><a href="https://arxiv.org/abs/1810.04805v2">BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding</a>.
          Jacob Devlin, Ming-Wei Chang, Kenton Lee, Kristina Toutanova. NAACL 2019.</li>
      <li><a href="https://doi.org/10.1073/pnas.1611835114">Overcoming catastrophic forgetting in neural networks</a>.
          J. Kirkpatrick et al. PNAS, 2017. <a href="/papers/ewc.pdf">[pdf]</a></li>
    </ol>`);
    expect(got).toEqual([
      {
        title: 'BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding',
        authors: [],
        ids: { arxiv: '1810.04805' },
        year: 2019,
      },
      {
        title: 'Overcoming catastrophic forgetting in neural networks',
        authors: [],
        ids: { doi: '10.1073/pnas.1611835114' },
        year: 2017,
        pdfUrl: 'https://people.example.edu/papers/ewc.pdf',
      },
    ]);
  });

  it('reads APA entries with a "DOI" link: authors, year and title from the text', () => {
    const got = detect(`<div class="refs">
      <p>Kirkpatrick, J., Pascanu, R., &amp; Hadsell, R. (2017). Overcoming catastrophic forgetting in neural networks. <i>PNAS</i>, 114(13). <a href="https://doi.org/10.1073/pnas.1611835114">https://doi.org/10.1073/pnas.1611835114</a></p>
      <p>Devlin, J., &amp; Chang, M.-W. (2018). BERT: Pre-training of deep bidirectional transformers. arXiv. <a href="https://arxiv.org/abs/1810.04805">arXiv:1810.04805</a></p>
    </div>`);
    expect(got).toEqual([
      { title: 'Overcoming catastrophic forgetting in neural networks', authors: ['J. Kirkpatrick', 'R. Pascanu', 'R. Hadsell'], ids: { doi: '10.1073/pnas.1611835114' }, year: 2017 },
      { title: 'BERT: Pre-training of deep bidirectional transformers', authors: ['J. Devlin', 'M.-W. Chang'], ids: { arxiv: '1810.04805' }, year: 2018 },
    ]);
  });

  it('reads card entries: title element, authors element, links box, DOI and arXiv of one paper', () => {
    const rows = detectRows(
      parseHtml(
        page(`<div class="pubs">
          <div class="pub" id="p1"><span class="pub-title">Learning Things From Data</span><br><span class="authors">Jane Doe, Kim Lee and Bo Chan</span><br>
            <div class="links"><a href="https://doi.org/10.1000/LTFD">DOI</a> | <a href="https://arxiv.org/pdf/2001.00001">PDF</a> | <a href="/code">Code</a></div></div>
          <div class="pub" id="p2"><b>Another Study Of Things</b>, Kim Lee et al. Workshop 2021. <a href="https://doi.org/10.1000/asot">doi</a></div>
        </div>`),
      ),
      URL_,
    )!.rows;
    expect(rows.map((r) => r.element.id)).toEqual(['p1', 'p2']);
    expect(rows[0]!.paper).toEqual({
      title: 'Learning Things From Data',
      authors: ['Jane Doe', 'Kim Lee', 'Bo Chan'],
      ids: { doi: '10.1000/ltfd', arxiv: '2001.00001' },
      year: 2020,
      pdfUrl: 'https://arxiv.org/pdf/2001.00001',
    });
    expect(rows[1]!.paper).toMatchObject({ title: 'Another Study Of Things', year: 2021 });
  });

  it('reads a quoted title (IEEE style, numbered)', () => {
    const got = detect(`<ul><li>[3] J. Doe and K. Lee, “A Quoted Paper Title,” in Proc. Conf., 2015. <a href="https://dx.doi.org/10.1000/q">[link]</a></li></ul>`);
    expect(got).toEqual([{ title: 'A Quoted Paper Title', authors: ['J. Doe', 'K. Lee'], ids: { doi: '10.1000/q' }, year: 2015 }]);
  });

  it('names the element the title was read from: the link, a title element, bold text, else the entry', () => {
    const doc = parseHtml(
      page(`<ul>
        <li id="l1"><a href="https://doi.org/10.1000/a1">A Paper Named By Its Link</a>. J. Doe, 2020.</li>
        <li id="l2"><span class="pub-title">A Paper In A Title Span</span>. J. Doe. <a href="https://doi.org/10.1000/a2">DOI</a></li>
        <li id="l3"><b>A Paper In Bold Text</b>, J. Doe, 2021. <a href="https://doi.org/10.1000/a3">doi</a></li>
        <li id="l4">Doe, J. (2019). A paper in running text. <i>J. Ex.</i> <a href="https://doi.org/10.1000/a4">https://doi.org/10.1000/a4</a></li>
      </ul>`),
    );
    const rows = detectRows(doc, URL_)!.rows;
    expect(rows.map((r) => r.element.id)).toEqual(['l1', 'l2', 'l3', 'l4']);
    expect(rows.map((r) => r.title)).toEqual([
      doc.querySelector('#l1 a'),
      doc.querySelector('#l2 .pub-title'),
      doc.querySelector('#l3 b'),
      doc.getElementById('l4'), // no element of its own: the entry shows it
    ]);
  });

  it('anchors each entry on its list item, table row or definition', () => {
    const rows = detectRows(
      parseHtml(
        page(`<table><tr id="r1"><td>2019</td><td><a href="https://doi.org/10.1000/t1">A Paper In A Table Row</a></td></tr></table>
          <dl><dt>2020</dt><dd id="d1"><a href="https://arxiv.org/abs/2005.00001">A Paper In A Definition</a></dd></dl>`),
      ),
      URL_,
    )!.rows;
    expect(rows.map((r) => r.element.id)).toEqual(['r1', 'd1']);
    expect(rows[1]!.paper.year).toBe(2020); // implied by the arXiv id
  });
});

describe('generic links: what is not an entry', () => {
  it('ignores links in navigation, footer, asides, dialogs, BibTeX blocks and hidden duplicates', () => {
    const got = detect(`<ul><li><a href="https://doi.org/10.1000/real">The Real Entry Title</a></li></ul>
      <aside><ul><li><a href="https://doi.org/10.1000/aside">A Related Paper In The Aside</a></li></ul></aside>
      <div class="related-papers"><ul><li><a href="https://doi.org/10.1000/rel">Related Paper Title Here</a></li></ul></div>
      <div class="modal" id="citeModal"><p><a href="https://doi.org/10.1000/modal">Cite Dialog Paper Title</a></p></div>
      <pre>@article{x, title={BibTeX Paper Title}, url={<a href="https://doi.org/10.1000/bib">https://doi.org/10.1000/bib</a>}}</pre>
      <div hidden><p><a href="https://doi.org/10.1000/hidden">Hidden Duplicate Paper Title</a></p></div>`);
    expect(got.map((p) => p.title)).toEqual(['The Real Entry Title']);
  });

  it('ignores prose mentions, bare badges and link labels without a title', () => {
    const got = detect(`<p>${'Long prose about many things. '.repeat(30)}As <a href="https://doi.org/10.1000/prose">Smith et al. Show In Their Work</a> argue.</p>
      <p><a href="https://arxiv.org/abs/2101.00002"><img src="badge.svg" alt="arXiv"></a> <a href="https://doi.org/10.1000/badge"><img src="doi.svg" alt="DOI"></a></p>
      <p>See <a href="https://doi.org/10.1000/this">this paper</a> for details.</p>
      <ul><li>Some entry with only a <a href="https://doi.org/10.1000/label">DOI</a> link.</li></ul>`);
    expect(got).toEqual([]);
  });

  it('ignores an item that names several papers (a nested list, a "see also" line)', () => {
    const got = detect(`<ul><li>Two papers: <a href="https://doi.org/10.1000/one">First Of Two Papers</a> and <a href="https://doi.org/10.1000/two">Second Of Two Papers</a></li></ul>`);
    expect(got).toEqual([]);
  });

  it('keeps one entry per paper when the same id is linked twice', () => {
    const got = detect(`<ol><li><a href="https://doi.org/10.1000/dup">Duplicated Paper Entry</a></li><li><a href="https://doi.org/10.1000/DUP">Duplicated Paper Entry</a></li></ol>`);
    expect(got.map((p) => p.ids)).toEqual([{ doi: '10.1000/dup' }]);
  });

  it('does not throw on broken hrefs', () => {
    const doc = parseHtml(page(`<ul><li><a href="https://doi.org/10.%%%">Broken Link Title Here</a></li><li><a href="http://[doi.org/10.1000/x">Bad Host Link Title</a></li></ul>`));
    expect(() => detectLinks(doc, new URL(URL_))).not.toThrow();
    expect(detectLinks(doc, new URL(URL_))).toEqual([]);
  });
});

describe('generic links: helpers', () => {
  it('reads ids from resolver and arXiv links only', () => {
    expect(idFromHref('https://doi.org/10.1000/ABC%2Fdef', URL_)).toEqual({ kind: 'doi', value: '10.1000/abc/def' });
    expect(idFromHref('http://dx.doi.org/10.1000/x?via=1', URL_)).toEqual({ kind: 'doi', value: '10.1000/x' });
    expect(idFromHref('https://arxiv.org/pdf/hep-th/9709111v1', URL_)).toEqual({ kind: 'arxiv', value: 'hep-th/9709111' });
    expect(idFromHref('https://export.arxiv.org/abs/2303.06865', URL_)).toEqual({ kind: 'arxiv', value: '2303.06865' });
    expect(idFromHref('https://notdoi.org/10.1000/x', URL_)).toBeUndefined();
    expect(idFromHref('https://arxiv.org/list/cs.LG/new', URL_)).toBeUndefined();
    expect(idFromHref(null, URL_)).toBeUndefined();
  });

  it('tells titles from labels and prose', () => {
    expect(looksLikeTitle('Attention Is All You Need')).toBe(true);
    expect(looksLikeTitle('word2vec: Efficient Estimation')).toBe(true);
    for (const t of ['PDF', 'Download PDF', 'arXiv:1810.04805', 'https://doi.org/10.1/x', 'a recent study', 'this paper', 'Read the paper']) {
      expect(looksLikeTitle(t), t).toBe(false);
    }
  });
});

describe('generic links: re-detection with known entries', () => {
  const entry = (i: number, doi = `10.1000/r${i}`) => `<li>Ann Adams (2011). <a href="https://doi.org/${doi}">Reference Paper Number ${i}</a>. Journal.</li>`;

  it('skips links of known entries before reading them; their ids stay taken, as on the first pass', () => {
    // Entry 2 links the paper of entry 0 again: a duplicate on the first pass.
    const doc = parseHtml(page(`<ol>${entry(0)}${entry(1)}${entry(2, '10.1000/r0')}</ol>`));
    const first = detectLinks(doc, new URL(URL_));
    expect(first.map((r) => r.paper.title)).toEqual(['Reference Paper Number 0', 'Reference Paper Number 1']);
    const old = first.map((r) => r.element);
    doc.querySelector('ol')!.insertAdjacentHTML('beforeend', entry(3) + entry(4, '10.1000/r1'));
    // Were the old entries read again, these titles would show.
    for (const li of old) li.querySelector('a')!.textContent = 'Changed Title Of An Old Entry';
    const known = (el: Element) => old.includes(el);
    const second = detectLinks(doc, new URL(URL_), known);
    expect(second.map((r) => r.paper.title)).toEqual(['Reference Paper Number 3']);
    expect(second.map((r) => r.element)).toEqual([doc.querySelectorAll('ol > li')[3]]);
    expect(detectRows(doc, URL_, { known })!.rows.map((r) => r.paper.title)).toEqual(['Reference Paper Number 3']);
  });

  it('a known block inside a list item (its entry on the first pass) is skipped too', () => {
    // The item names two papers, so each paragraph is an entry of its own.
    const doc = parseHtml(page(`<ul><li>
      <p>Ann Adams (2011). <a href="https://doi.org/10.1000/p1">First Paragraph Paper</a>. Journal.</p>
      <p>Ben Brown (2012). <a href="https://doi.org/10.1000/p2">Second Paragraph Paper</a>. Journal.</p></li></ul>`));
    const first = detectLinks(doc, new URL(URL_));
    expect(first.map((r) => r.element.localName)).toEqual(['p', 'p']);
    const old = first.map((r) => r.element);
    for (const p of old) p.querySelector('a')!.textContent = 'Changed Title Of An Old Entry';
    expect(detectLinks(doc, new URL(URL_), (el) => old.includes(el))).toEqual([]);
    expect(detectLinks(doc, new URL(URL_), (el) => el === old[0]).map((r) => r.element)).toEqual([old[1]]);
  });
});
