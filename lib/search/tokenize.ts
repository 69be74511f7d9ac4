// Words for search: lowercase, accents dropped ("Schölkopf" → "scholkopf"), split on anything that
// is not a letter or digit. The same function reads papers and queries, so both sides agree.
const MARKS = /[\u0300-\u036f]/g;
const NOT_WORD = /[^\p{L}\p{N}]+/u;
/** Letters that do not decompose into a base letter and a mark. */
const FOLD: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };
const NEEDS_FOLD = /[ßæœøłđðþı]/;
const ASCII = /^[\x00-\x7f]*$/;

export function foldText(text: string): string {
  const lower = text.toLowerCase();
  if (ASCII.test(lower)) return lower;
  const bare = lower.normalize('NFD').replace(MARKS, '');
  return NEEDS_FOLD.test(bare) ? bare.replace(/[ßæœøłđðþı]/g, (c) => FOLD[c] ?? c) : bare;
}

/** The words of `text`, in order (repeats kept). */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const w of foldText(text).split(NOT_WORD)) if (w) out.push(w);
  return out;
}
