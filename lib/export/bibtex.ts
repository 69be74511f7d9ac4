// BibTeX export: one entry per paper, ready to paste into a LaTeX paper's .bib file.
import type { PaperRecord } from '../paper';
import { citeKeys } from './cite-keys';
import { bestLink, isPlainName, knownYear, oneLine, paperVenue, splitName, type PaperKind, type PersonName } from './paper-fields';

/**
 * Text characters that LaTeX or BibTeX would read as markup. Commands are wrapped in braces
 * (`{\textless}`): BibTeX then treats them as "special characters" and never changes their case,
 * and no following letter can run into the command's name. `<`, `>` and `|` need commands too:
 * in LaTeX's default OT1 encoding they print as ¡, ¿ and —.
 */
const TEXT_ESCAPES: Record<string, string> = {
  '\\': '{\\textbackslash}',
  '&': '\\&',
  '%': '\\%',
  '#': '\\#',
  _: '\\_',
  $: '\\$',
  '~': '{\\textasciitilde}',
  '^': '{\\textasciicircum}',
  '<': '{\\textless}',
  '>': '{\\textgreater}',
  '|': '{\\textbar}',
};
/** A brace with no partner: BibTeX counts `\{` as a brace too, so only a command keeps the field balanced. */
const LONE_OPEN = '{\\textbraceleft}';
const LONE_CLOSE = '{\\textbraceright}';

/** Line breaks, tabs, control characters and other spaces: each becomes a plain space. */
const BREAKING_CHARS = '\\u0000-\\u001f\\u007f\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';
const SPECIAL_CHARS = '\\\\{}&%#_$~^<>|';
/** Anything to escape or to turn into a space; one search, which stops at the first. */
const NEEDS_WORK = new RegExp(`[${SPECIAL_CHARS}${BREAKING_CHARS}]`);
const SPECIAL_OR_BREAKING = new RegExp(`[${SPECIAL_CHARS}${BREAKING_CHARS}]`, 'g');
/**
 * A whole word whose capitals matter: one with a capital after its first letter (BERT, ImageNet,
 * 3D) or with a capital and a digit (T5). Matched in one regex, so titles need no callback per word.
 */
const CASE_SENSITIVE_WORD =
  /(?<![\p{L}\p{N}\p{M}])(?=[\p{L}\p{N}\p{M}]*?(?:[\p{L}\p{N}]\p{M}*\p{Lu}|\p{N}))(?=[\p{L}\p{N}\p{M}]*?\p{Lu})[\p{L}\p{N}\p{M}]+/gu;

function isSpace(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (Number.isNaN(c)) return true;
  return c <= 0x20 || c === 0x7f || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * Whether math can stay verbatim: its braces balance both as BibTeX counts them (every brace, even
 * `\{`) and as TeX does (`\{` and `\}` are characters, not groups).
 */
function mathBracesBalanced(s: string): boolean {
  let raw = 0;
  let tex = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 92 /* \ */) {
      const next = s.charCodeAt(i + 1);
      if (next === 123 || next === 125) {
        raw += next === 123 ? 1 : -1;
        if (raw < 0) return false;
        i++;
        continue;
      }
      if (next === 92) i++; // `\\` escapes nothing after it
    } else if (c === 123) {
      raw++;
      tex++;
    } else if (c === 125) {
      raw--;
      tex--;
      if (raw < 0 || tex < 0) return false;
    }
  }
  return raw === 0 && tex === 0;
}

/** The first `$` at or after `from` that is not written `\$`: where LaTeX would end the math. */
function unescapedDollar(s: string, from: number): number {
  for (let j = s.indexOf('$', from); j >= 0; j = s.indexOf('$', j + 1)) {
    // `\\$` is a line break then a dollar that ends the math: count the backslashes.
    let backslashes = 0;
    while (j - backslashes - 1 >= from && s[j - backslashes - 1] === '\\') backslashes++;
    if (backslashes % 2 === 0) return j;
  }
  return -1;
}

/**
 * Math spans `[start, end)` (delimiters included). A pair of `$` is math by Pandoc's rule: the
 * opening one is followed by a non-space, the closing one — the next `$`, as for LaTeX — follows
 * a non-space and is not followed by a digit; so "costs $5 and $10" has no math. `$$…$$` is
 * display math. A span whose braces do not balance is not math (it could not stay verbatim in a
 * BibTeX field). A `$` that opens no span is a lone dollar.
 */
function mathSpans(s: string): [number, number][] {
  const spans: [number, number][] = [];
  let i = s.indexOf('$');
  while (i >= 0) {
    let end = -1;
    if (s[i + 1] === '$') {
      const close = unescapedDollar(s, i + 2);
      if (close > i + 2 && s[close + 1] === '$' && mathBracesBalanced(s.slice(i + 2, close))) end = close + 2;
    } else if (!isSpace(s, i + 1)) {
      const close = unescapedDollar(s, i + 1);
      if (close > 0 && !isSpace(s, close - 1) && !/\d/.test(s[close + 1] ?? '') && mathBracesBalanced(s.slice(i + 1, close))) end = close + 1;
    }
    if (end > 0) spans.push([i, end]);
    i = s.indexOf('$', end > 0 ? end : i + 1);
  }
  return spans;
}

/** Positions of braces (outside math) that have no partner. */
function loneBraces(s: string, spans: readonly [number, number][]): Set<number> {
  const lone = new Set<number>();
  const open: number[] = [];
  let span = 0;
  for (let i = 0; i < s.length; i++) {
    const current = spans[span];
    if (current && i >= current[0]) {
      i = current[1] - 1;
      span++;
      continue;
    }
    const c = s[i];
    if (c === '{') open.push(i);
    else if (c === '}' && open.pop() === undefined) lone.add(i);
  }
  for (const i of open) lone.add(i);
  return lone;
}

/** Math kept verbatim, except `%`, `#` and `&`, which would end the line or break the math when LaTeX reads it. */
function escapeMath(math: string): string {
  return math.replace(/(?<!\\)[%#&]/g, '\\$&');
}

const SPACE_RUNS = / {2,}/g;
const BREAKING = new RegExp(`[${BREAKING_CHARS}]`, 'g');
const HAS_BREAKING = new RegExp(`[${BREAKING_CHARS}]`);

/**
 * Plain text as a BibTeX field value: LaTeX specials escaped, paired `$…$` math kept, braces
 * balanced, non-ASCII kept as UTF-8, all on one line. With `protectCase`, words whose capitals
 * matter (`{BERT}`, `{ImageNet}`) are braced so that styles which change a title's case leave them
 * alone. Abstracts run through here: the text is read in as few passes as possible.
 */
export function escapeLatex(text: string, protectCase: boolean): string {
  if (!NEEDS_WORK.test(text)) return (protectCase ? text.replace(CASE_SENSITIVE_WORD, '{$&}') : text).trim();
  const s = text;
  const spans = s.includes('$') ? mathSpans(s) : [];
  const lone = s.includes('{') || s.includes('}') ? loneBraces(s, spans) : undefined;
  let brokenLines = false;
  const escapeChar = (c: string, offset: number, start: number): string => {
    const escaped = TEXT_ESCAPES[c];
    if (escaped !== undefined) return escaped;
    if (c === '{') return lone?.has(start + offset) ? LONE_OPEN : '\\{';
    if (c === '}') return lone?.has(start + offset) ? LONE_CLOSE : '\\}';
    brokenLines = true;
    return ' ';
  };
  let out = '';
  let from = 0;
  const escapeText = (start: number, end: number) => {
    const escaped = s.slice(start, end).replace(SPECIAL_OR_BREAKING, (c: string, offset: number) => escapeChar(c, offset, start));
    // The commands inserted above are lowercase words: never braced as case-sensitive.
    out += protectCase ? escaped.replace(CASE_SENSITIVE_WORD, '{$&}') : escaped;
  };
  for (const [start, end] of spans) {
    escapeText(from, start);
    const math = escapeMath(s.slice(start, end));
    if (HAS_BREAKING.test(math)) {
      brokenLines = true;
      out += math.replace(BREAKING, ' ');
    } else out += math;
    from = end;
  }
  escapeText(from, s.length);
  return (brokenLines ? out.replace(SPACE_RUNS, ' ') : out).trim();
}

/** URLs and DOIs are verbatim fields: only what would unbalance or end the field is percent-encoded. */
function verbatim(value: string): string {
  return value.trim().replace(/[{}\\\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/**
 * biber and BibTeX readers (Better BibTeX, Zotero) read `keywords` verbatim, as a list split at
 * commas and semicolons: a tag is written as it is, minus what would split it or unbalance the field.
 */
function keyword(tag: string): string {
  return oneLine(tag.replace(/[,;]/g, ' ').replace(/[{}\\]/g, ''));
}

/** A standalone "and" inside a name would split it into two authors. */
const AND_WORD = /(^| )(and)(?= |$)/gi;
/** What a name may hold that needs escaping or protecting: tested once on the whole written name. */
const NAME_NEEDS_WORK = new RegExp(`[${SPECIAL_CHARS}${BREAKING_CHARS}]|(?:^| )and(?: |$)`, 'i');

/** The name as written, before escaping: "Family, Given" or "Family, Suffix, Given". */
function nameParts(name: PersonName, escape: (part: string) => string): string {
  if ('literal' in name) return escape(name.literal);
  const family = escape(name.family);
  if (name.suffix) return `${family}, ${escape(name.suffix)}, ${name.given ? escape(name.given) : ''}`;
  if (name.given) return `${family}, ${escape(name.given)}`;
  // A family name alone but of several words: braced, so that BibTeX does not take its first word as a given name.
  return family.includes(' ') && !/^\p{Ll}/u.test(family) ? `{${family}}` : family;
}

const asIs = (part: string) => part;
const escapeNamePart = (part: string) => escapeLatex(part, false);

/** BibTeX's "Family, Given" form, which needs no guessing by the reader. */
function bibtexName(name: PersonName): string {
  const plain = nameParts(name, asIs);
  if (!NAME_NEEDS_WORK.test(plain)) return plain;
  return nameParts(name, escapeNamePart).replace(AND_WORD, '$1{$2}');
}

/** One author as BibTeX reads it. Most names ("Given Family") are written without splitting or escaping. */
function bibtexAuthor(raw: string): string | undefined {
  if (isPlainName(raw)) {
    const space = raw.lastIndexOf(' ');
    return space < 0 ? raw : `${raw.slice(space + 1)}, ${raw.slice(0, space)}`;
  }
  const name = splitName(raw);
  return name && bibtexName(name);
}

const OLD_STYLE_ARXIV = /^([a-z-]+(?:\.[A-Z]{2})?)\//;

function entryType(kind: PaperKind): string {
  return kind === 'conference' ? 'inproceedings' : kind === 'journal' ? 'article' : 'misc';
}

/** Appends the paper's entry to `out`, one string per field. */
function writeEntry(out: string[], paper: PaperRecord, key: string): void {
  const { kind, venue, server } = paperVenue(paper);
  let opening = `@${entryType(kind)}{${key},\n  `;
  const field = (name: string, value: string | undefined) => {
    if (!value) return;
    out.push(`${opening}${name} = {${value}}`);
    opening = ',\n  ';
  };
  let authors = '';
  for (const author of paper.authors) {
    const written = bibtexAuthor(author);
    if (written) authors = authors ? `${authors} and ${written}` : written;
  }
  if (authors) field('author', paper.authorsTruncated ? `${authors} and others` : authors);
  field('title', escapeLatex(paper.title, true));
  if (kind === 'conference') {
    const booktitle = venue ?? (paper.ids.neurips ? 'Advances in Neural Information Processing Systems' : undefined);
    field('booktitle', booktitle && escapeLatex(booktitle, false));
  } else if (kind === 'journal') {
    field('journal', venue && escapeLatex(venue, false));
  } else if (server && (server !== 'arXiv' || !paper.ids.arxiv)) {
    // arXiv is named by `archivePrefix`; another server (bioRxiv, SSRN…) only by this.
    field('howpublished', escapeLatex(server, false));
  }
  const year = knownYear(paper);
  field('year', year === undefined ? undefined : String(year));
  field('doi', paper.ids.doi && verbatim(paper.ids.doi));
  const arxiv = paper.ids.arxiv;
  if (arxiv) {
    field('eprint', verbatim(arxiv));
    field('archivePrefix', 'arXiv');
    // Sift stores no arXiv categories; only an old-style id names its archive (`hep-th/9901001`).
    field('primaryClass', OLD_STYLE_ARXIV.exec(arxiv)?.[1]);
  }
  const link = bestLink(paper);
  field('url', link && verbatim(link));
  const tags = paper.tags.map(keyword).filter(Boolean);
  field('keywords', tags.length > 0 ? tags.join(', ') : undefined);
  field('abstract', paper.abstract ? escapeLatex(paper.abstract, false) : undefined);
  // The user's private note is not exported: a .bib file gets shared with co-authors and publishers.
  // A paper without even a title still gets its (empty) entry.
  out.push(opening === ',\n  ' ? '\n}\n' : `@${entryType(kind)}{${key},\n}\n`);
}

/**
 * Entries joined into one string at a time. Holding every piece of 50,000 entries until the end
 * makes the garbage collector copy them all, again and again; a joined chunk is one large string
 * it leaves in place, and the pieces die young.
 */
const ENTRIES_PER_CHUNK = 500;

/** BibTeX for the papers, in the order given; entries separated by a blank line. */
export function toBibtex(papers: readonly PaperRecord[]): string {
  const keys = citeKeys(papers);
  const chunks: string[] = [];
  const out: string[] = [];
  for (let i = 0; i < papers.length; i++) {
    if (i > 0) out.push('\n');
    writeEntry(out, papers[i] as PaperRecord, keys[i] ?? `paper${i}`);
    if ((i + 1) % ENTRIES_PER_CHUNK === 0) {
      chunks.push(out.join(''));
      out.length = 0;
    }
  }
  chunks.push(out.join(''));
  return chunks.join('');
}
