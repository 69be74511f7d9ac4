import fc from 'fast-check';
import { SearchIndex, withinOneEdit, type SearchDoc } from '../../../lib/search/search-index';
import { tokenize } from '../../../lib/search/tokenize';

const doc = (id: string, over: Partial<SearchDoc> = {}): SearchDoc => ({ id, title: '', authors: [], tags: [], ids: {}, ...over });

function library(): SearchIndex {
  const index = new SearchIndex();
  index.add(doc('attention', { title: 'Attention Is All You Need', authors: ['Ashish Vaswani', 'Noam Shazeer'], ids: { arxiv: '1706.03762' }, abstract: 'The dominant sequence transduction models are based on recurrent networks.', lastSeenAt: 10 }));
  index.add(doc('kernels', { title: 'Learning with Kernels', authors: ['Bernhard Schölkopf', 'Alexander Smola'], venue: 'MIT Press', lastSeenAt: 20 }));
  index.add(doc('pipe', { title: 'GPipe: Efficient Training of Giant Neural Networks', authors: ['Yanping Huang', 'Hao Zhang'], abstract: 'We introduce pipeline parallelism with micro-batches.', tags: ['systems'], lastSeenAt: 30 }));
  index.add(doc('zero', { title: 'ZeRO: Memory Optimizations', authors: ['Samyam Rajbhandari', 'Wei Zhang'], abstract: 'Training trillion parameter models; transformer memory.', ids: { doi: '10.1109/sc41405.2020.00024' }, note: 'compare with pipeline approaches', lastSeenAt: 40 }));
  index.add(doc('forum', { title: 'A Paper Reviewed in the Open', authors: ['Jane Doe'], ids: { openreview: 'xcDRx8vzCa' }, lastSeenAt: 5 }));
  index.seal();
  return index;
}
const ids = (hits: { id: string }[]) => hits.map((h) => h.id);

describe('tokenize', () => {
  it('folds case and accents and splits on anything but letters and digits', () => {
    expect(tokenize('Schölkopf, B. & Smola—A.J. (2002): Ærø ß')).toEqual(['scholkopf', 'b', 'smola', 'a', 'j', '2002', 'aero', 'ss']);
    expect(tokenize('  ')).toEqual([]);
  });
});

describe('SearchIndex', () => {
  it('finds a paper by a word of its abstract, by an author, by a tag and by its note', () => {
    const index = library();
    expect(ids(index.search('recurrent'))).toEqual(['attention']);
    expect(ids(index.search('vaswani'))).toEqual(['attention']);
    expect(ids(index.search('systems'))).toEqual(['pipe']);
    expect(ids(index.search('compare approaches'))).toEqual(['zero']);
  });

  it('needs every word to match, in any field ("zhang pipeline")', () => {
    const index = library();
    // Both Zhangs wrote about pipelines only in GPipe's abstract and in ZeRO's note.
    expect(ids(index.search('zhang pipeline')).sort()).toEqual(['pipe', 'zero']);
    expect(ids(index.search('zhang kernels'))).toEqual([]);
  });

  it('takes the word being typed as a prefix, and long words as prefixes too', () => {
    const index = library();
    expect(ids(index.search('transf'))).toEqual(['zero']); // transformer
    expect(ids(index.search('atten'))).toEqual(['attention']);
    expect(ids(index.search('kern learn'))).toEqual(['kernels']);
    // A short word that is not the last one must match whole.
    expect(ids(index.search('al need'))).toEqual([]);
  });

  it('forgives missing accents and one typo in a long word', () => {
    const index = library();
    expect(ids(index.search('Scholkopf'))).toEqual(['kernels']);
    expect(ids(index.search('schoelkopf'))).toEqual(['kernels']); // the German spelling is one letter away
    expect(ids(index.search('shoelkopf'))).toEqual([]); // two are too many
    expect(ids(index.search('atention'))).toEqual(['attention']);
    expect(ids(index.search('memroy zero'))).toEqual(['zero']);
  });

  it('ranks a title match above an abstract match, then the most recently seen first', () => {
    const index = library();
    index.add(doc('title-hit', { title: 'Pipeline Parallelism Explained', lastSeenAt: 1 }));
    index.add(doc('newer-title-hit', { title: 'Pipeline Parallelism Revisited', lastSeenAt: 50 }));
    expect(ids(index.search('pipeline'))).toEqual(['newer-title-hit', 'title-hit', 'zero', 'pipe']);
  });

  it('tells apart papers seen a second apart among thousands of equal matches (real timestamps)', () => {
    const index = new SearchIndex();
    const start = Date.UTC(2024, 0, 1);
    for (let i = 0; i < 3_000; i++) index.add(doc(`p${i}`, { title: 'Same words', lastSeenAt: start + ((i * 7_919) % 3_000) * 1_000 }));
    index.seal();
    const hits = index.search('same words', Infinity);
    expect(hits).toHaveLength(3_000);
    const seen = hits.map((h) => ((Number(h.id.slice(1)) * 7_919) % 3_000));
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
  });

  it('finds a pasted arXiv id, arXiv URL, DOI URL or OpenReview URL', () => {
    const index = library();
    expect(ids(index.search('1706.03762'))[0]).toBe('attention');
    expect(ids(index.search('https://arxiv.org/abs/1706.03762v7'))[0]).toBe('attention');
    expect(ids(index.search('https://doi.org/10.1109/SC41405.2020.00024'))[0]).toBe('zero');
    expect(ids(index.search('https://openreview.net/forum?id=xcDRx8vzCa&noteId=abc'))[0]).toBe('forum');
    expect(index.search('https://arxiv.org/abs/9999.99999')).toEqual([]);
  });

  it('replaces a paper added again, and forgets a removed one (also after compaction)', () => {
    const index = library();
    index.add(doc('attention', { title: 'Attention Is All You Need', abstract: 'Now about convolutions.' }));
    expect(ids(index.search('recurrent'))).toEqual([]);
    expect(ids(index.search('convolutions'))).toEqual(['attention']);
    expect(index.search('1706.03762')).toEqual([]);
    index.remove('kernels');
    expect(index.search('smola')).toEqual([]);
    expect(index.size).toBe(4);
    // Enough removals to compact the postings: what is left is still found, and only that.
    for (let i = 0; i < 3000; i++) index.add(doc(`filler-${i}`, { title: `Filler paper number ${i}` }));
    for (let i = 0; i < 2500; i++) index.remove(`filler-${i}`);
    expect(index.search('filler').length).toBe(500);
    expect(ids(index.search('filler 2999'))).toEqual(['filler-2999']);
    expect(ids(index.search('vaswani'))).toEqual([]);
    expect(ids(index.search('convolutions'))).toEqual(['attention']);
  });

  it('finds words added after the last seal (the unsorted tail)', () => {
    const index = library();
    index.add(doc('late', { title: 'Quasicrystal Lattices' }));
    expect(ids(index.search('quasicr'))).toEqual(['late']);
  });

  it('answers nothing for an empty or punctuation-only query', () => {
    const index = library();
    expect(index.search('')).toEqual([]);
    expect(index.search(' ,.; ')).toEqual([]);
  });
});

describe('withinOneEdit', () => {
  it('accepts one insertion, deletion, substitution or swap, and nothing more', () => {
    expect(withinOneEdit('transformer', 'transformers')).toBe(true);
    expect(withinOneEdit('transformer', 'tranformer')).toBe(true);
    expect(withinOneEdit('transformer', 'transfarmer')).toBe(true);
    expect(withinOneEdit('transformer', 'transfomrer')).toBe(true);
    expect(withinOneEdit('transformer', 'trnasfomrer')).toBe(false);
    expect(withinOneEdit('abc', 'abcde')).toBe(false);
  });

  it('is symmetric', () => {
    fc.assert(fc.property(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), (a, b) => withinOneEdit(a, b) === withinOneEdit(b, a)));
  });
});

describe('SearchIndex while typing', () => {
  it('a single letter matches whole words only, and a one-letter last word waits for its second letter', () => {
    const index = library();
    index.add(doc('letter', { title: 'The T Statistic' }));
    expect(ids(index.search('t'))).toEqual(['letter']);
    expect(ids(index.search('vaswani a'))).toEqual(['attention']);
  });
});
