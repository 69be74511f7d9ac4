import { escapeMarkdown, toMarkdown } from '../../../lib/export/markdown';
import { bare, braces, crowd, makePaper, math, script, trickyPapers, vaswani } from './papers';

const lineOf = (paper: (typeof trickyPapers)[number]) => toMarkdown([paper]).trimEnd();

describe('toMarkdown', () => {
  it('writes one checklist line per paper', () => {
    const text = toMarkdown(trickyPapers);
    expect(text.split('\n').filter(Boolean)).toHaveLength(trickyPapers.length);
    for (const line of text.trimEnd().split('\n')) expect(line).toMatch(/^- \[[ x]\] /);
  });

  it('writes `- [ ] [Title](link) — Authors (Venue Year) #tags`, checked when read', () => {
    expect(lineOf(vaswani)).toBe(
      '- [x] [Attention Is All You Need](https://arxiv.org/abs/1706.03762) — Ashish Vaswani, Noam Shazeer, Niki Parmar et al. (Advances in Neural Information Processing Systems 30 2017) #transformers #to-read',
    );
    expect(lineOf(braces)).toBe(
      '- [ ] [On {0,1}-Matrices and the {BERT} Model for ImageNet](https://doi.org/10.18653/v1/N19-1423) — Jacob Devlin, Ming-Wei Chang (Proceedings of NAACL-HLT 2019)',
    );
  });

  it('says "et al." for a truncated author list', () => {
    expect(lineOf(crowd)).toContain('— Author1 Collaborator1, Author2 Collaborator2, Author3 Collaborator3 et al. (Physics Letters B 2012)');
    expect(lineOf(makePaper({ title: 'T', authors: ['Ann Lee'], authorsTruncated: true }))).toBe('- [ ] T — Ann Lee et al.');
  });

  it('omits empty parts cleanly', () => {
    expect(lineOf(bare)).toBe('- [ ] [A Paper With No Authors and No Year](https://arxiv.org/abs/2401.01234)');
    expect(lineOf(makePaper({ title: 'Just a title' }))).toBe('- [ ] Just a title');
    expect(lineOf(makePaper({ title: 'T', year: 2020 }))).toBe('- [ ] T — (2020)');
    expect(lineOf(makePaper({ title: 'T', venue: 'ICML' }))).toBe('- [ ] T — (ICML)');
    expect(lineOf(makePaper({ title: '' }))).toBe('- [ ] Untitled');
  });

  it('escapes what could break the link or inject HTML', () => {
    expect(lineOf(script)).toBe(
      '- [ ] [\\<script\\>alert(1)\\</script\\> Is Just Text](https://openreview.net/forum?id=abc123XYZ) — Mallory Hacker (ICLR 2024)',
    );
    expect(lineOf(math)).toContain('[Learning $x^2$ with $\\\\mathcal{O}(n)$ Samples from Kernels](');
    const tricky = makePaper({ title: 'A ](javascript:alert(1)) [*bold* _it_ `code`]\\', ids: { doi: '10.1/a(b)' } });
    expect(lineOf(tricky)).toBe('- [ ] [A \\](javascript:alert(1)) \\[\\*bold\\* \\_it\\_ \\`code\\`\\]\\\\](https://doi.org/10.1/a%28b%29)');
  });

  it('never links to anything but http(s)', () => {
    const paper = makePaper({ title: 'T', sightings: [{ url: 'javascript:alert(1)', site: 'x', at: 1 }] });
    expect(lineOf(paper)).toBe('- [ ] T');
  });

  it('writes nothing for no papers', () => {
    expect(toMarkdown([])).toBe('');
  });
});

describe('escapeMarkdown', () => {
  it('escapes entities but not a plain ampersand', () => {
    expect(escapeMarkdown('R&D &amp; &#60;')).toBe('R&D \\&amp; \\&#60;');
  });

  it('puts everything on one line', () => {
    expect(escapeMarkdown('two\nlines')).toBe('two lines');
  });
});
