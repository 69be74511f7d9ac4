// Citation keys: readable (`vaswani2017attention`), unique within an export, and the same for the
// same paper every time the same library is exported.
import type { PaperRecord } from '../paper';
import { asciiFold, knownYear, splitName } from './paper-fields';

/** Words that make poor keys: a title's first *meaningful* word names the paper. */
const STOPWORDS = new Set(
  (
    'a an the on of in for to and or with without from by at as via into onto upon towards toward ' +
    'is are was were be been being do does did can could should would will may might must shall ' +
    'what how why when where which who whom whose we our us your you it its this that these those ' +
    'not no yet but nor so than then there here about above below over under between among through ' +
    'using beyond against after before during within across per vs versus'
  ).split(' '),
);

const MATH = /\$[^$]*\$/g;
const TEX_COMMAND = /\\[a-zA-Z]+/g;
const APOSTROPHES = /['’]/g;
const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/** Surname of the first author, folded to ASCII, without particles ("van der Maaten" → "maaten"). */
function surnamePart(paper: Pick<PaperRecord, 'authors'>): string {
  for (const author of paper.authors) {
    const name = splitName(author);
    if (!name) continue;
    const family = 'literal' in name ? name.literal : name.family;
    const words = family.split(' ');
    // Particles are the lowercase words before the surname proper.
    const proper = words.filter((w, i) => i === words.length - 1 || !/^\p{Ll}/u.test(w));
    const folded = asciiFold(proper.join(''));
    // A key starts with a letter. A name in a script with no ASCII folding (e.g. Chinese) gives none; try the next author.
    if (/^[a-z]/.test(folded)) return folded;
  }
  return 'anon';
}

const ASCII = /^[\x00-\x7f]*$/;
const ASCII_WORD = /[A-Za-z0-9]+/g;

/** The first word of the title that is not a stopword, math or a TeX command, folded to ASCII. */
function titleWordPart(title: string): string {
  let text = title;
  if (text.includes('$')) text = text.replace(MATH, ' ');
  if (text.includes('\\')) text = text.replace(TEX_COMMAND, ' ');
  text = text.replace(APOSTROPHES, '');
  // Most titles are ASCII: their words need no Unicode folding.
  if (ASCII.test(text)) {
    for (const match of text.matchAll(ASCII_WORD)) {
      const word = match[0].toLowerCase();
      if (word.length > 1 && !STOPWORDS.has(word)) return word;
    }
    return '';
  }
  for (const match of text.matchAll(WORD)) {
    const word = asciiFold(match[0]);
    if (word.length > 1 && !STOPWORDS.has(word)) return word;
  }
  return '';
}

/** The key before any collision suffix: surname + year + first title word. */
export function baseCiteKey(paper: Pick<PaperRecord, 'authors' | 'year' | 'title'>): string {
  return `${surnamePart(paper)}${knownYear(paper) ?? ''}${titleWordPart(paper.title)}`;
}

/** a, b, …, z, aa, ab, … */
function letterSuffix(n: number): string {
  let s = '';
  let i = n;
  do {
    s = String.fromCharCode(97 + (i % 26)) + s;
    i = Math.floor(i / 26) - 1;
  } while (i >= 0);
  return s;
}

/**
 * One key per paper, in the order given. Papers whose base keys collide are ordered by when they
 * were added (then by id), never by the order passed in: the earliest keeps the bare key and the
 * others get `a`, `b`, … — so a paper added later never renames one cited before.
 */
export function citeKeys(papers: readonly Pick<PaperRecord, 'id' | 'authors' | 'year' | 'title' | 'addedAt'>[]): string[] {
  const keys = papers.map(baseCiteKey);
  // Where each base key is first used; the papers sharing one are gathered only when there are several.
  const firstUse = new Map<string, number>();
  const collisions = new Map<string, number[]>();
  keys.forEach((base, i) => {
    const first = firstUse.get(base);
    if (first === undefined) {
      firstUse.set(base, i);
      return;
    }
    const group = collisions.get(base);
    if (group) group.push(i);
    else collisions.set(base, [first, i]);
  });
  if (collisions.size === 0) return keys;
  // A suffixed key must not take another paper's bare key (`smith2020net` + `a` vs a title word "neta").
  const taken = new Set(keys);
  const bases = [...collisions.keys()].sort();
  for (const base of bases) {
    const members = (collisions.get(base) ?? []).sort((a, b) => compareAge(papers[a], papers[b]));
    let n = 0;
    // The earliest added keeps the bare key.
    for (const member of members.slice(1)) {
      let key: string;
      do key = base + letterSuffix(n++);
      while (taken.has(key));
      taken.add(key);
      keys[member] = key;
    }
  }
  return keys;
}

function compareAge(a: Pick<PaperRecord, 'id' | 'addedAt'> | undefined, b: Pick<PaperRecord, 'id' | 'addedAt'> | undefined): number {
  const ta = Number.isFinite(a?.addedAt) ? (a?.addedAt ?? 0) : 0;
  const tb = Number.isFinite(b?.addedAt) ? (b?.addedAt ?? 0) : 0;
  if (ta !== tb) return ta - tb;
  const ia = a?.id ?? '';
  const ib = b?.id ?? '';
  return ia < ib ? -1 : ia > ib ? 1 : 0;
}
