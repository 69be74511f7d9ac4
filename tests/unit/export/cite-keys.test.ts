import fc from 'fast-check';
import { baseCiteKey, citeKeys } from '../../../lib/export/cite-keys';
import { makePaper, trickyPapers, vaswani } from './papers';

describe('baseCiteKey', () => {
  it('is surname + year + first meaningful title word', () => {
    expect(baseCiteKey(vaswani)).toBe('vaswani2017attention');
    expect(baseCiteKey(makePaper({ title: 'The Elements of Statistical Learning', authors: ['Trevor Hastie'], year: 2009 }))).toBe('hastie2009elements');
    expect(baseCiteKey(makePaper({ title: 'On the Opportunities and Risks of Foundation Models', authors: ['Rishi Bommasani'], year: 2021 }))).toBe(
      'bommasani2021opportunities',
    );
  });

  it('folds the surname to ASCII and drops particles', () => {
    expect(baseCiteKey(makePaper({ title: 'Kernel Methods', authors: ['Bernhard Schölkopf'], year: 2002 }))).toBe('scholkopf2002kernel');
    expect(baseCiteKey(makePaper({ title: 'Visualizing Data using t-SNE', authors: ['Laurens van der Maaten'], year: 2008 }))).toBe('maaten2008visualizing');
    expect(baseCiteKey(makePaper({ title: 'Gradient Flow', authors: ['Łukasz Kaiser'], year: 2017 }))).toBe('kaiser2017gradient');
    expect(baseCiteKey(makePaper({ title: 'Deep Learning', authors: ['LeCun, Yann'], year: 2015 }))).toBe('lecun2015deep');
  });

  it('skips math, TeX commands and one-letter words in the title', () => {
    expect(baseCiteKey(makePaper({ title: '$k$-Means++: The Advantages of Careful Seeding', authors: ['David Arthur'], year: 2007 }))).toBe(
      'arthur2007means',
    );
    expect(baseCiteKey(makePaper({ title: 'A $\\mathcal{O}(n)$ Algorithm', authors: ['Ann Lee'], year: 2020 }))).toBe('lee2020algorithm');
  });

  it('still gives a key without authors, year or title words', () => {
    expect(baseCiteKey(makePaper({ title: 'A Paper', year: 2020 }))).toBe('anon2020paper');
    expect(baseCiteKey(makePaper({ title: 'Untitled', authors: ['Ada Lovelace'] }))).toBe('lovelaceuntitled');
    expect(baseCiteKey(makePaper({ title: '???', authors: ['张伟'] }))).toBe('anon');
  });

  it('is made of ASCII letters and digits only (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.string(), { maxLength: 3 }), fc.option(fc.integer({ min: 1900, max: 2100 }), { nil: undefined }), (title, authors, year) => {
        expect(baseCiteKey(makePaper({ title, authors, year }))).toMatch(/^[a-z][a-z0-9]*$/);
      }),
    );
  });
});

describe('citeKeys', () => {
  const twin = (id: string, addedAt: number) => makePaper({ id, title: 'Attention Is All You Need', authors: ['Ashish Vaswani'], year: 2017, addedAt });

  it('suffixes colliding keys: the earliest added keeps the bare key', () => {
    const first = twin('zzz', 1);
    const second = twin('aaa', 2);
    const third = twin('mmm', 3);
    expect(citeKeys([third, first, second])).toEqual(['vaswani2017attentionb', 'vaswani2017attention', 'vaswani2017attentiona']);
  });

  it('breaks ties in the time added by id', () => {
    expect(citeKeys([twin('b', 5), twin('a', 5)])).toEqual(['vaswani2017attentiona', 'vaswani2017attention']);
  });

  it('never gives a suffixed key that is another paper’s key', () => {
    const a1 = makePaper({ id: '1', title: 'Net', authors: ['Ann Smith'], year: 2020, addedAt: 1 });
    const a2 = makePaper({ id: '2', title: 'Net', authors: ['Ann Smith'], year: 2020, addedAt: 2 });
    const neta = makePaper({ id: '3', title: 'Neta', authors: ['Ann Smith'], year: 2020, addedAt: 3 });
    const keys = citeKeys([a1, a2, neta]);
    expect(keys).toEqual(['smith2020net', 'smith2020netb', 'smith2020neta']);
  });

  it('gives the same key to the same paper whatever the order (property)', () => {
    const library = [...trickyPapers, twin('x1', 10), twin('x2', 20), twin('x3', 20)];
    const expected = new Map(library.map((p, i) => [p.id, citeKeys(library)[i]]));
    fc.assert(
      fc.property(fc.shuffledSubarray(library, { minLength: library.length, maxLength: library.length }), (shuffled) => {
        citeKeys(shuffled).forEach((key, i) => expect(key).toBe(expected.get(shuffled[i]?.id ?? '')));
      }),
    );
  });

  it('gives unique keys (property)', () => {
    const paper = fc.record({
      id: fc.uuid(),
      title: fc.constantFrom('Attention', 'Attention Is All', 'Net', 'Neta', 'Netb', ''),
      authors: fc.constantFrom<string[]>([], ['Ann Smith'], ['Bo Smith']),
      year: fc.constantFrom(undefined, 2020),
      addedAt: fc.integer({ min: 0, max: 5 }),
    });
    fc.assert(
      fc.property(fc.array(paper, { maxLength: 60 }), (papers) => {
        const keys = citeKeys(papers.map((p) => makePaper(p)));
        expect(new Set(keys).size).toBe(keys.length);
      }),
    );
  });
});
