import fc from 'fast-check';
import { asciiFold, bestLink, doiUrl, oneLine, paperKind, splitName } from '../../../lib/export/paper-fields';
import type { PaperIds } from '../../../lib/paper';

const kindOf = (venue: string | undefined, ids: PaperIds = {}) => paperKind({ venue, ids });

describe('paperKind', () => {
  it('reads a conference from its name or a known acronym', () => {
    for (const venue of [
      'NeurIPS 2023',
      'Advances in Neural Information Processing Systems 30',
      'ICLR 2024 poster',
      'Proceedings of the 40th International Conference on Machine Learning',
      'Findings of the Association for Computational Linguistics: EMNLP 2023',
      'Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR)',
      'Workshop on Efficient Systems',
      'AAAI',
      'JMLR Workshop and Conference Proceedings',
    ])
      expect(kindOf(venue), venue).toBe('conference');
  });

  it('reads a journal, including those named "Proceedings"', () => {
    for (const venue of [
      'Journal of Machine Learning Research',
      'IEEE Transactions on Pattern Analysis and Machine Intelligence',
      'Transactions of the Association for Computational Linguistics',
      'Proceedings of the National Academy of Sciences',
      'Proc Natl Acad Sci U S A',
      'Proceedings of the IEEE',
      'Nature',
      'Physical Review Letters',
      'TMLR',
    ])
      expect(kindOf(venue), venue).toBe('journal');
  });

  it('takes identifiers that only proceedings issue when the venue says nothing', () => {
    expect(kindOf(undefined, { openreview: 'x' })).toBe('conference');
    expect(kindOf(undefined, { pmlr: 'v202/smith23a' })).toBe('conference');
    expect(kindOf(undefined, { acl: '2023.acl-long.1' })).toBe('conference');
    expect(kindOf(undefined, { acl: '2020.tacl-1.1' })).toBe('journal');
    expect(kindOf(undefined, { acl: 'Q19-1001' })).toBe('journal');
    expect(kindOf(undefined, { dblp: 'conf/nips/VaswaniSPUJGKP17' })).toBe('conference');
    expect(kindOf(undefined, { dblp: 'journals/jmlr/Smith20' })).toBe('journal');
  });

  it('takes a preprint server for no venue, and an arXiv id alone for a preprint', () => {
    expect(kindOf('CoRR', { arxiv: '1706.03762', dblp: 'journals/corr/VaswaniSPUJGKP17' })).toBe('preprint');
    expect(kindOf('arXiv preprint arXiv:1706.03762', { arxiv: '1706.03762' })).toBe('preprint');
    expect(kindOf(undefined, { arxiv: '1706.03762' })).toBe('preprint');
    expect(kindOf('medRxiv', { doi: '10.1101/x' })).toBe('preprint');
    expect(kindOf(undefined, { doi: '10.1/x' })).toBe('other');
    expect(kindOf(undefined)).toBe('other');
  });
});

describe('bestLink', () => {
  const sightings = [{ url: 'https://example.org/page', site: 'x', at: 1 }];
  it('prefers the DOI, then arXiv, then OpenReview, then where it was seen', () => {
    expect(bestLink({ ids: { doi: '10.1/a', arxiv: '1', openreview: 'o' }, sightings })).toBe('https://doi.org/10.1/a');
    expect(bestLink({ ids: { arxiv: '1706.03762', openreview: 'o' }, sightings })).toBe('https://arxiv.org/abs/1706.03762');
    expect(bestLink({ ids: { openreview: 'a b&c' }, sightings })).toBe('https://openreview.net/forum?id=a%20b%26c');
    expect(bestLink({ ids: {}, sightings })).toBe('https://example.org/page');
    expect(bestLink({ ids: {}, sightings: [] })).toBeUndefined();
  });

  it('never gives a link that is not http(s)', () => {
    expect(bestLink({ ids: {}, sightings: [{ url: 'javascript:alert(1)', site: 'x', at: 1 }, { url: 'data:text/html,x', site: 'x', at: 2 }] })).toBeUndefined();
  });

  it('percent-encodes what a DOI may hold but a URL may not', () => {
    expect(doiUrl('10.1002/(sici)1097-4571(199806)49:8<693::aid-asi4>3.0.co;2-0')).toBe(
      'https://doi.org/10.1002/(sici)1097-4571(199806)49:8%3C693::aid-asi4%3E3.0.co;2-0',
    );
    expect(doiUrl('10.1/a#b?c%d')).toBe('https://doi.org/10.1/a%23b%3Fc%25d');
  });
});

describe('splitName', () => {
  it('splits "Given Family" at the last word', () => {
    expect(splitName('Yann LeCun')).toEqual({ family: 'LeCun', given: 'Yann' });
    expect(splitName('Aidan N. Gomez')).toEqual({ family: 'Gomez', given: 'Aidan N.' });
    expect(splitName('danah boyd')).toEqual({ family: 'boyd', given: 'danah' });
  });

  it('keeps lowercase particles with the family name', () => {
    expect(splitName('Laurens van der Maaten')).toEqual({ family: 'van der Maaten', given: 'Laurens' });
    expect(splitName('Ludwig van Beethoven')).toEqual({ family: 'van Beethoven', given: 'Ludwig' });
  });

  it('reads "Family, Given" and "Family, Suffix, Given"', () => {
    expect(splitName('van der Maaten, Laurens')).toEqual({ family: 'van der Maaten', given: 'Laurens' });
    expect(splitName('Smith, Jr., John')).toEqual({ family: 'Smith', suffix: 'Jr.', given: 'John' });
    expect(splitName('Hernández-Lobato, José Miguel')).toEqual({ family: 'Hernández-Lobato', given: 'José Miguel' });
  });

  it('reads PubMed initials and name suffixes', () => {
    expect(splitName('Devlin J')).toEqual({ family: 'Devlin', given: 'J' });
    expect(splitName('Chang CH')).toEqual({ family: 'Chang', given: 'CH' });
    expect(splitName('Martin Luther King Jr.')).toEqual({ family: 'King', given: 'Martin Luther', suffix: 'Jr.' });
  });

  it('keeps a one-word name literal, and drops an empty one', () => {
    expect(splitName('Plato')).toEqual({ literal: 'Plato' });
    expect(splitName('  ')).toBeUndefined();
    expect(splitName(',')).toBeUndefined();
  });

  it('never loses a letter of the name (property)', () => {
    fc.assert(
      fc.property(fc.string(), (raw) => {
        const name = splitName(raw);
        const letters = (s: string) => s.replace(/[\s,\u0000-\u001f\u007f]+/g, '');
        const parts = !name ? [] : 'literal' in name ? [name.literal] : [name.family, name.suffix ?? '', name.given ?? ''];
        expect(letters(parts.join('')).length).toBe(letters(raw).length);
      }),
    );
  });
});

describe('asciiFold', () => {
  it('folds accents and special letters to ASCII', () => {
    expect(asciiFold('Schölkopf')).toBe('scholkopf');
    expect(asciiFold('Łukasz Straße Ærø')).toBe('lukaszstrasseaero');
    expect(asciiFold('张伟')).toBe('');
  });
});

describe('oneLine', () => {
  it('collapses line breaks, tabs and control characters', () => {
    expect(oneLine(' a\r\n\tb\u2028c\u0007d  e ')).toBe('a b c d e');
    expect(oneLine(undefined)).toBe('');
  });
});
