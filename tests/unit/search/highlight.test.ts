import { hasHit, highlightParts, queryWords, snippet } from '../../../lib/search/highlight';

const marked = (parts: { text: string; hit: boolean }[]) => parts.map((p) => (p.hit ? `[${p.text}]` : p.text)).join('');

describe('highlight', () => {
  it('marks words starting with a query word, without case or accents, and keeps the text intact', () => {
    const words = queryWords('scholkopf KERN');
    expect(marked(highlightParts('Kernel methods — Bernhard Schölkopf & kernels', words))).toBe('[Kernel] methods — Bernhard [Schölkopf] & [kernels]');
  });

  it('marks one-letter words only whole', () => {
    expect(marked(highlightParts('A survey of a method', queryWords('a')))).toBe('[A] survey of [a] method');
  });

  it('leaves text without query words as one part', () => {
    expect(highlightParts('<script>alert(1)</script>', [])).toEqual([{ text: '<script>alert(1)</script>', hit: false }]);
    expect(hasHit('Attention', queryWords('diffusion'))).toBe(false);
  });

  it('cuts a snippet around the first match at word boundaries', () => {
    const text = `${'lorem ipsum dolor '.repeat(10)}the transduction models ${'sit amet '.repeat(20)}`;
    const parts = snippet(text, queryWords('transduction'), 60)!;
    const shown = marked(parts);
    expect(shown.startsWith('…')).toBe(true);
    expect(shown.endsWith('…')).toBe(true);
    expect(shown).toContain('[transduction]');
    expect(shown.length).toBeLessThan(80);
    expect(snippet(text, queryWords('absent'))).toBeUndefined();
  });
});
