import fc from 'fast-check';
import {
  authorSurname,
  canonicalIds,
  identityKeys,
  idsConflict,
  mergeIds,
  normalizeArxivId,
  normalizeDoi,
  normalizeTitle,
  titleKey,
} from '../../lib/ids';
import type { PaperIds } from '../../lib/paper';

const newStyleId = fc
  .tuple(fc.integer({ min: 7, max: 99 }), fc.integer({ min: 1, max: 12 }), fc.boolean(), fc.integer({ min: 0, max: 99999 }))
  .map(([yy, mm, five, n]) => {
    const digits = five ? 5 : 4;
    return `${String(yy).padStart(2, '0')}${String(mm).padStart(2, '0')}.${String(n % 10 ** digits).padStart(digits, '0')}`;
  });
const oldStyleId = fc
  .tuple(
    fc.constantFrom('hep-th', 'hep-ph', 'math', 'astro-ph', 'cond-mat', 'math-ph', 'quant-ph'),
    fc.option(fc.constantFrom('GT', 'AG', 'CO'), { nil: undefined }),
    fc.integer({ min: 0, max: 9_999_999 }),
  )
  .map(([arch, sub, n]) => `${arch}${sub && arch === 'math' ? '.' + sub : ''}/${String(n).padStart(7, '0')}`);
const arxivId = fc.oneof(newStyleId, oldStyleId);
const version = fc.option(fc.integer({ min: 1, max: 30 }).map((v) => `v${v}`), { nil: '' });

describe('normalizeArxivId', () => {
  it('recovers the bare id from every written form (property)', () => {
    fc.assert(
      fc.property(arxivId, version, fc.constantFrom('', 'arXiv:', 'arxiv: ', 'https://arxiv.org/abs/', 'https://arxiv.org/pdf/', 'http://export.arxiv.org/abs/'), (id, v, prefix) => {
        expect(normalizeArxivId(`${prefix}${id}${v}`)).toBe(id);
      }),
    );
  });
  it('is idempotent (property)', () => {
    fc.assert(fc.property(fc.string(), (s) => {
      const once = normalizeArxivId(s);
      if (once !== undefined) expect(normalizeArxivId(once)).toBe(once);
    }));
  });
  it('reads the arXiv DOI and pdf file names', () => {
    expect(normalizeArxivId('10.48550/arXiv.2401.01234')).toBe('2401.01234');
    expect(normalizeArxivId('https://doi.org/10.48550/ARXIV.2401.01234')).toBe('2401.01234');
    expect(normalizeArxivId('https://arxiv.org/pdf/2401.01234v3.pdf')).toBe('2401.01234');
    expect(normalizeArxivId('math.gt/0309136v1')).toBe('math.GT/0309136');
  });
  it('rejects what is not an arXiv id', () => {
    for (const s of ['', 'hello', '12345', '2401.123', '10.1103/PhysRevD.76.013009', 'hep-th/99']) expect(normalizeArxivId(s)).toBeUndefined();
  });
});

describe('normalizeDoi', () => {
  const doi = fc
    .tuple(fc.integer({ min: 1000, max: 999_999 }), fc.stringMatching(/^[A-Za-z0-9.\-_;()/:]{1,30}$/))
    .filter(([, suffix]) => !/[.,;]$/.test(suffix))
    .map(([reg, suffix]) => `10.${reg}/${suffix}`);
  it('lowercases and strips resolver prefixes (property)', () => {
    fc.assert(
      fc.property(doi, fc.constantFrom('', 'doi:', 'DOI: ', 'https://doi.org/', 'http://dx.doi.org/'), (d, prefix) => {
        const n = normalizeDoi(`${prefix}${d}`);
        expect(n).toBe(d.toLowerCase());
        expect(normalizeDoi(n)).toBe(n);
      }),
    );
  });
  it('decodes URL-encoded DOIs and drops trailing punctuation', () => {
    expect(normalizeDoi('https://doi.org/10.1103%2FPhysRevD.76.013009')).toBe('10.1103/physrevd.76.013009');
    expect(normalizeDoi('10.1073/pnas.1611835114.')).toBe('10.1073/pnas.1611835114');
    expect(normalizeDoi('not a doi')).toBeUndefined();
  });
});

describe('canonicalIds', () => {
  it('reads the arXiv id from the arXiv DOI: both name one paper', () => {
    expect(canonicalIds({ doi: '10.48550/arXiv.2401.01234' })).toEqual({ arxiv: '2401.01234', doi: '10.48550/arxiv.2401.01234' });
    const a = identityKeys({ ids: canonicalIds({ doi: 'https://doi.org/10.48550/arXiv.2401.01234' }), title: 'T', authors: [] });
    const b = identityKeys({ ids: canonicalIds({ arxiv: 'arXiv:2401.01234v2' }), title: 'T', authors: [] });
    expect(a).toEqual(b);
  });
  it('keeps a journal DOI next to the arXiv id and drops junk', () => {
    expect(canonicalIds({ arxiv: '0704.0001v2', doi: '10.1103/PhysRevD.76.013009', pmid: 'abc', openreview: ' xcDRx8vzCa ' })).toEqual({
      arxiv: '0704.0001',
      doi: '10.1103/physrevd.76.013009',
      openreview: 'xcDRx8vzCa',
    });
  });
  it('hands back ids that are already canonical as they are, and copies any other', () => {
    const plain = { neurips: '0123456789abcdef0123456789abcdef', dblp: 'conf/nips/X19' };
    expect(canonicalIds(plain)).toBe(plain);
    for (const ids of [{ neurips: ' abc ' }, { neurips: 'abc\u00a0' }, { neurips: '' }, { arxiv: '2401.01234' }, { dblp: 'a', unknown: 'b' }] as PaperIds[]) {
      const out = canonicalIds(ids);
      expect(out).not.toBe(ids);
      for (const value of Object.values(out)) expect(value).toBe(value.trim());
    }
    expect(canonicalIds({ dblp: 'a', unknown: 'b' } as PaperIds)).toEqual({ dblp: 'a' });
  });
});

describe('title identity', () => {
  it('ignores case, accents, punctuation and spacing', () => {
    expect(normalizeTitle('  Attention Is  All You Need! ')).toBe(normalizeTitle('attention is all you need'));
    expect(normalizeTitle('Résumé: über-Modelle')).toBe('resume uber modelle');
  });
  it('takes the ASCII fast path without changing the result (property)', () => {
    const slow = (t: string) => t.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    fc.assert(fc.property(fc.string({ unit: 'binary-ascii' }), (t) => normalizeTitle(t) === slow(t)));
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (t) => normalizeTitle(t) === slow(t)));
  });
  it('reads the surname from every author form', () => {
    for (const name of ['Ashish Vaswani', 'Vaswani, Ashish', 'Vaswani A', 'A Vaswani', 'A. Vaswani', 'Ashish Vaswani Jr.']) {
      expect(authorSurname(name)).toBe('vaswani');
    }
    expect(authorSurname('C. Balázs')).toBe('balazs');
    expect(authorSurname('Chang CH')).toBe('chang');
  });
  it('title key = normalised title + first surname (property: stable under case and spacing)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string(), (title, surname) => {
        const a = titleKey(title, [`Ann ${surname}`]);
        const b = titleKey(`  ${title.toUpperCase()} `, [`Ann ${surname}`]);
        if (a !== undefined && title.toUpperCase().toLowerCase() === title.toLowerCase()) expect(b).toBe(a);
      }),
    );
    expect(titleKey('Same Title', ['Ann Smith'])).not.toBe(titleKey('Same Title', ['Bob Jones']));
    expect(titleKey('!!!', ['Ann Smith'])).toBeUndefined();
  });
  it('a PMLR key is not an identity on its own (it repeats across volumes)', () => {
    const a = identityKeys({ ids: { pmlr: 'smith24a' }, title: 'One paper', authors: ['Ann Smith'] });
    const b = identityKeys({ ids: { pmlr: 'smith24a' }, title: 'Another paper', authors: ['Ann Smith'] });
    expect(a.filter((k) => b.includes(k))).toEqual([]);
  });
  it("a publisher's DOI replaces an arXiv DOI and does not conflict with it", () => {
    const pre = canonicalIds({ doi: '10.48550/arXiv.1706.03762' });
    const pub = canonicalIds({ doi: '10.5555/3295222.3295349' });
    expect(idsConflict(pre, pub)).toBe(false);
    expect(mergeIds(pre, pub)).toEqual({ arxiv: '1706.03762', doi: '10.5555/3295222.3295349' });
    expect(mergeIds(pub, pre)).toEqual({ arxiv: '1706.03762', doi: '10.5555/3295222.3295349' });
  });
  it('ids conflict only when both name the same kind differently', () => {
    expect(idsConflict({ arxiv: '2401.00001' }, { arxiv: '2401.00002' })).toBe(true);
    expect(idsConflict({ arxiv: '2401.00001' }, { doi: '10.1/x' })).toBe(false);
    expect(idsConflict({}, { doi: '10.1/x' })).toBe(false);
  });
});
