// Which parts of a shown text match the search: words starting with a query word, compared
// without case or accents as the index does. Returns text parts; the UI marks them with JSX.
import { foldText, tokenize } from './tokenize';

export interface TextPart {
  text: string;
  hit: boolean;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** The query's words, as highlight and snippet take them. */
export function queryWords(query: string): string[] {
  return [...new Set(tokenize(query))];
}

function isHit(word: string, words: readonly string[]): boolean {
  const folded = foldText(word);
  // One-letter words highlight only whole words: "a" would light up every word starting with a.
  return words.some((w) => (w.length === 1 ? folded === w : folded.startsWith(w)));
}

export function highlightParts(text: string, words: readonly string[]): TextPart[] {
  if (words.length === 0 || !text) return [{ text, hit: false }];
  const parts: TextPart[] = [];
  let at = 0;
  for (const m of text.matchAll(WORD)) {
    if (!isHit(m[0], words)) continue;
    if (m.index > at) parts.push({ text: text.slice(at, m.index), hit: false });
    parts.push({ text: m[0], hit: true });
    at = m.index + m[0].length;
  }
  if (at < text.length) parts.push({ text: text.slice(at), hit: false });
  return parts;
}

export function hasHit(text: string | undefined, words: readonly string[]): boolean {
  if (!text || words.length === 0) return false;
  for (const m of text.matchAll(WORD)) if (isHit(m[0], words)) return true;
  return false;
}

/** About `width` characters of `text` around its first match, cut at word boundaries; undefined when nothing matches. */
export function snippet(text: string | undefined, words: readonly string[], width = 120): TextPart[] | undefined {
  if (!text || words.length === 0) return undefined;
  let first: RegExpExecArray | undefined;
  for (const m of text.matchAll(WORD)) {
    if (isHit(m[0], words)) {
      first = m as RegExpExecArray;
      break;
    }
  }
  if (!first) return undefined;
  let start = Math.max(0, first.index - Math.floor(width / 3));
  let end = Math.min(text.length, start + width);
  if (start > 0) {
    const space = text.indexOf(' ', start);
    if (space >= 0 && space < first.index) start = space + 1;
  }
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > first.index + first[0].length) end = space;
  }
  const parts = highlightParts(text.slice(start, end).replace(/\s+/g, ' '), words);
  if (start > 0) parts.unshift({ text: '…', hit: false });
  if (end < text.length) parts.push({ text: '…', hit: false });
  return parts;
}
