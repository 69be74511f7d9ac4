import fc from 'fast-check';
import { cleanText } from '../../lib/text';

describe('cleanText', () => {
  it('collapses every whitespace run to one space and trims (property)', () => {
    const ws = fc.constantFrom(' ', '  ', '\n', '\t', '\u00a0', '\u2029', '\u2028', ' \n ');
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.stringMatching(/^[a-zA-Z0-9<>&é]{1,8}$/), ws)), (parts) => {
        const s = parts.join('');
        const out = cleanText(s);
        expect(out).toBe(s.replace(/[\s\u00a0\u2028\u2029]+/g, ' ').trim());
        expect(out).not.toMatch(/^\s|\s$|\s\s|[\n\t\u00a0\u2028\u2029]/);
      }),
    );
  });
  it('handles null and empty', () => {
    expect(cleanText(null)).toBe('');
    expect(cleanText(' \u2029 ')).toBe('');
  });
});
