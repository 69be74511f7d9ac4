import { parseCslJson } from '../../../lib/import/csl-json';
import type { ParsedImport } from '../../../lib/import/import';

function read(items: unknown): Extract<ParsedImport, { ok: true }> {
  const parsed = parseCslJson(typeof items === 'string' ? items : JSON.stringify(items));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed;
}

// As Zotero exports them (Export Library → CSL JSON).
const zotero = [
  {
    id: 'http://zotero.org/users/1/items/ABCD1234',
    type: 'article-journal',
    title: 'Kernel principal component analysis of <i>Drosophila</i> genes',
    'container-title': 'Neural Computation',
    page: '1299-1319',
    volume: '10',
    issue: '5',
    abstract: 'A new method for performing a nonlinear form of principal component analysis is proposed.',
    DOI: '10.1162/089976698300017467',
    ISSN: '0899-7667',
    keyword: 'kernel methods, PCA',
    author: [
      { family: 'Schölkopf', given: 'Bernhard' },
      { family: 'Beethoven', given: 'Ludwig', 'non-dropping-particle': 'van' },
      { literal: 'The Kernel Consortium' },
    ],
    issued: { 'date-parts': [[1998, 7, 1]] },
  },
  {
    id: 'vaswani2017',
    type: 'article',
    title: 'Attention Is All You Need',
    publisher: 'arXiv',
    number: 'arXiv:1706.03762',
    URL: 'http://arxiv.org/abs/1706.03762',
    DOI: '10.48550/arXiv.1706.03762',
    note: 'arXiv:1706.03762 [cs]',
    author: [
      { family: 'Vaswani', given: 'Ashish' },
      { family: 'Shazeer', given: 'Noam' },
    ],
    issued: { 'date-parts': [['2017', '12', '5']] },
  },
  {
    id: 'paperpile-1',
    type: 'paper-conference',
    title: 'Deep Residual Learning for Image Recognition',
    'container-title': ['Proceedings of the IEEE Conference on Computer Vision and Pattern Recognition'],
    URL: 'https://openaccess.thecvf.com/content_cvpr_2016/papers/He_Deep_Residual_Learning_CVPR_2016_paper.pdf',
    author: [{ family: 'He', given: 'Kaiming' }],
    issued: { raw: '2016-06-27' },
    keyword: ['vision', 'resnet'],
  },
];

describe('parseCslJson', () => {
  it('reads Zotero and Paperpile items: names, dates, DOI, arXiv ids, venues, keywords', () => {
    const { entries, problems } = read(zotero);
    expect(problems).toEqual([]);
    expect(entries).toEqual([
      {
        title: 'Kernel principal component analysis of Drosophila genes',
        authors: ['Bernhard Schölkopf', 'Ludwig van Beethoven', 'The Kernel Consortium'],
        ids: { doi: '10.1162/089976698300017467' },
        year: 1998,
        venue: 'Neural Computation',
        abstract: 'A new method for performing a nonlinear form of principal component analysis is proposed.',
        tags: ['kernel methods', 'PCA'],
        where: 'item 1',
      },
      {
        title: 'Attention Is All You Need',
        authors: ['Ashish Vaswani', 'Noam Shazeer'],
        ids: { arxiv: '1706.03762', doi: '10.48550/arxiv.1706.03762' },
        year: 2017,
        url: 'http://arxiv.org/abs/1706.03762',
        where: 'item 2',
      },
      {
        title: 'Deep Residual Learning for Image Recognition',
        authors: ['Kaiming He'],
        ids: {},
        year: 2016,
        venue: 'Proceedings of the IEEE Conference on Computer Vision and Pattern Recognition',
        pdfUrl: 'https://openaccess.thecvf.com/content_cvpr_2016/papers/He_Deep_Residual_Learning_CVPR_2016_paper.pdf',
        url: 'https://openaccess.thecvf.com/content_cvpr_2016/papers/He_Deep_Residual_Learning_CVPR_2016_paper.pdf',
        tags: ['vision', 'resnet'],
        where: 'item 3',
      },
    ]);
  });

  it('reads arXiv ids from archive fields, and PubMed ids', () => {
    const { entries } = read([
      { title: 'A', author: [{ literal: 'Ann Smith' }], archive: 'arXiv', archive_location: '2401.01234v2' },
      { title: 'B', author: [{ literal: 'Bo Li' }], PMID: '31234567', PMCID: 'PMC6543210' },
    ]);
    expect(entries.map((e) => e.ids)).toEqual([{ arxiv: '2401.01234' }, { pmid: '31234567', pmcid: 'PMC6543210' }]);
  });

  it('keeps script text as text; only CSL formatting markup goes', () => {
    const { entries } = read([{ title: '<script>alert(1)</script> <b>Bold</b> <span class="nocase">iPhone</span>', author: [{ literal: '<img src=x>' }] }]);
    expect(entries[0]).toMatchObject({ title: '<script>alert(1)</script> Bold iPhone', authors: ['<img src=x>'] });
  });

  it('accepts a single item, or an object holding `items`', () => {
    expect(read({ title: 'One', author: [{ literal: 'Ann Smith' }] }).entries).toHaveLength(1);
    expect(read({ items: [{ title: 'One' }, { title: 'Two' }] }).entries).toHaveLength(2);
  });

  it('reports bad items by number and reads the rest', () => {
    const { entries, problems } = read([
      { title: 'Good' },
      'not an item',
      { id: 'x1', type: 'book' },
      { id: 7, title: { nested: true } },
      { title: 'Bad authors', author: 'Ann Smith' },
      { title: 'Bad author', author: [{ family: 'Li' }, 42] },
      { title: 'Bad date', issued: [2020] },
      { title: 'Also good', issued: '2020-01-01' },
    ]);
    expect(entries.map((e) => [e.title, e.year])).toEqual([
      ['Good', undefined],
      ['Also good', 2020],
    ]);
    expect(problems).toEqual([
      { entry: 2, key: undefined, error: 'item 2: expected an object' },
      { entry: 3, key: 'x1', error: 'item 3: missing title' },
      { entry: 4, key: '7', error: 'item 4: title: expected text' },
      { entry: 5, key: undefined, error: 'item 5: author: expected a list of names' },
      { entry: 6, key: undefined, error: 'item 6: author[1]: expected a name' },
      { entry: 7, key: undefined, error: 'item 7: issued: expected a date' },
    ]);
  });

  it.each([
    ['not JSON', '{"title": "x",', 'not JSON: unexpected end at position 14 (line 1, column 15)'],
    ['not a list of items', '"just text"', 'not CSL-JSON: expected a list of items'],
    ['a Sift backup', '{"format": "sift-backup", "papers": []}', 'this is a Sift backup, not CSL-JSON (use Restore)'],
    ['deeply nested', '['.repeat(100_000) + ']'.repeat(100_000), 'nested too deeply (more than 32 levels, at position 32 (line 1, column 33))'],
  ])('rejects %s', (_what, text, error) => {
    expect(parseCslJson(text)).toEqual({ ok: false, error });
  });
});
