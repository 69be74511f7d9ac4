// Reading BibTeX as Zotero, Paperpile, Google Scholar, dblp and JabRef write it. Hand-written and
// small: it ships in the extension. One bad entry is reported (with its line) and skipped; the
// rest of the file is read. Linear in the file's size, with no recursion on its nesting.
import { fileSizeError } from '../backup/parse-backup';
import { canonicalIds, normalizeArxivId, normalizeDoi } from '../ids';
import type { PaperIds } from '../paper';
import { cleanText, yearFrom } from '../text';
import {
  arxivFromText,
  idsFromUrl,
  isPreprintVenue,
  isWebUrl,
  keywordTags,
  pdfFromUrl,
  type ImportEntry,
  type ImportProblem,
  type ParsedImport,
} from './import';

// ---------------------------------------------------------------------------------------------
// LaTeX in field values, to plain Unicode text. Math (`$…$`) is kept as written.

/** Lookup tables as Maps: a command named like an Object property (`\constructor`) finds nothing. */
function table(entries: Record<string, string>): ReadonlyMap<string, string> {
  return new Map(Object.entries(entries));
}

/** Accents that are a punctuation character: `\"o`, `\'e`. */
const ACCENT_SYMBOLS = table({
  '"': '\u0308',
  "'": '\u0301',
  '`': '\u0300',
  '^': '\u0302',
  '~': '\u0303',
  '=': '\u0304',
  '.': '\u0307',
});
/** Accents that are a word: `\c{c}`, `\v s`. */
const ACCENT_WORDS = table({
  u: '\u0306',
  v: '\u030C',
  H: '\u030B',
  c: '\u0327',
  k: '\u0328',
  r: '\u030A',
  d: '\u0323',
  b: '\u0331',
  t: '\u0361',
});
/** An accent with nothing under it (`\^{}`) is the character itself. */
const SPACING_ACCENTS = table({ '"': '¨', "'": '´', '`': '`', '^': '^', '~': '~', '=': '¯', '.': '˙' });

const SYMBOLS = table({
  ss: 'ß',
  SS: 'SS',
  o: 'ø',
  O: 'Ø',
  ae: 'æ',
  AE: 'Æ',
  oe: 'œ',
  OE: 'Œ',
  aa: 'å',
  AA: 'Å',
  l: 'ł',
  L: 'Ł',
  i: 'ı',
  j: 'ȷ',
  dh: 'ð',
  DH: 'Ð',
  th: 'þ',
  TH: 'Þ',
  ng: 'ŋ',
  NG: 'Ŋ',
  dj: 'đ',
  DJ: 'Đ',
  textendash: '–',
  textemdash: '—',
  textquoteleft: '‘',
  textquoteright: '’',
  textquotedblleft: '“',
  textquotedblright: '”',
  guillemotleft: '«',
  guillemotright: '»',
  ldots: '…',
  dots: '…',
  textellipsis: '…',
  S: '§',
  P: '¶',
  copyright: '©',
  textcopyright: '©',
  textregistered: '®',
  texttrademark: '™',
  pounds: '£',
  textsterling: '£',
  euro: '€',
  texteuro: '€',
  textdegree: '°',
  textbackslash: '\\',
  textasciitilde: '~',
  textasciicircum: '^',
  textunderscore: '_',
  textbar: '|',
  textless: '<',
  textgreater: '>',
  textbullet: '•',
  textperiodcentered: '·',
  textquotesingle: "'",
  textexclamdown: '¡',
  textquestiondown: '¿',
  LaTeX: 'LaTeX',
  TeX: 'TeX',
  BibTeX: 'BibTeX',
  relax: '',
  protect: '',
  newblock: ' ',
  par: ' ',
  quad: ' ',
  qquad: ' ',
});

/** `\&` and friends: the character; spacing commands: a space; `\-` (hyphenation hint): nothing. */
const CONTROL_SYMBOLS = table({
  '\\': ' ',
  ' ': ' ',
  ',': ' ',
  ';': ' ',
  ':': ' ',
  '>': ' ',
  '!': '',
  '-': '',
  '/': '',
  '@': '',
});

const isLetter = (c: string | undefined) => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** Index of the `}` closing the `{` at `open`, or the end of the text when it is never closed. */
function groupEnd(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return s.length;
}

/** Where math that opened at `from` with `open` ends (after its closing delimiter). */
function mathEnd(s: string, from: number, close: string): number {
  for (let j = from; j < s.length; j++) {
    if (s[j] === '\\' && !s.startsWith(close, j)) j++;
    else if (s.startsWith(close, j)) return j + close.length;
  }
  return s.length;
}

/** Characters with no meaning to LaTeX here. */
const PLAIN_RUN = /[^$\\{}~`'-]+/y;

/**
 * A field value as text: protective braces dropped, accents and special characters as Unicode
 * (`{\"o}` → ö, `\&` → &, `--` → –), formatting commands dropped with their text kept
 * (`\emph{x}` → x), math kept as written (`$x^2$`), whitespace collapsed.
 */
export function latexToText(src: string): string {
  let out = '';
  /** A combining accent waiting for the next character. */
  let accent: string | undefined;
  const emit = (s: string) => {
    if (!s) return;
    if (accent === undefined) {
      out += s;
      return;
    }
    const cp = String.fromCodePoint(s.codePointAt(0)!);
    const first = cp === 'ı' ? 'i' : cp === 'ȷ' ? 'j' : cp;
    out += first + accent + s.slice(cp.length);
    accent = undefined;
  };
  /** After an accent command: its argument's spaces are skipped; an empty `{}` means the accent alone. */
  const startAccent = (mark: string, spacing: string, at: number): number => {
    let i = at;
    while (isSpace(src[i])) i++;
    if (src.startsWith('{}', i)) {
      emit(spacing);
      return i + 2;
    }
    accent = mark;
    return i;
  };
  const n = src.length;
  let i = 0;
  while (i < n) {
    // Most text is plain: copy it a run at a time.
    PLAIN_RUN.lastIndex = i;
    if (PLAIN_RUN.test(src)) {
      emit(src.slice(i, PLAIN_RUN.lastIndex));
      i = PLAIN_RUN.lastIndex;
      continue;
    }
    const c = src[i]!;
    if (c === '$') {
      const close = src[i + 1] === '$' ? '$$' : '$';
      const end = mathEnd(src, i + close.length, close);
      emit(src.slice(i, end));
      i = end;
    } else if (c === '\\') {
      const next = src[i + 1];
      if (next === undefined) {
        i++;
      } else if (isLetter(next)) {
        let j = i + 1;
        while (isLetter(src[j])) j++;
        const name = src.slice(i + 1, j);
        i = j;
        // TeX skips the spaces after a control word.
        while (isSpace(src[i])) i++;
        const wordAccent = ACCENT_WORDS.get(name);
        const symbol = SYMBOLS.get(name);
        if (wordAccent !== undefined) i = startAccent(wordAccent, '', i);
        else if (symbol !== undefined) emit(symbol);
        else if ((name === 'url' || name === 'path') && src[i] === '{') {
          const end = groupEnd(src, i);
          emit(src.slice(i + 1, end));
          i = end + 1;
        } else if (name === 'href' && src[i] === '{') {
          i = groupEnd(src, i) + 1; // the address; the link text that follows is kept
        }
        // Any other command (\emph, \textbf, \mbox, \textsc…): the name goes, its argument stays as text.
      } else if (ACCENT_SYMBOLS.has(next)) {
        i = startAccent(ACCENT_SYMBOLS.get(next)!, SPACING_ACCENTS.get(next)!, i + 2);
      } else if (next === '(' || next === '[') {
        const end = mathEnd(src, i + 2, next === '(' ? '\\)' : '\\]');
        emit(src.slice(i, end));
        i = end;
      } else {
        emit(CONTROL_SYMBOLS.get(next) ?? next);
        i += 2;
      }
    } else if (c === '{' || c === '}') {
      i++;
    } else if (c === '~') {
      emit(' ');
      i++;
    } else if (c === '-' && src[i + 1] === '-') {
      const em = src[i + 2] === '-';
      emit(em ? '—' : '–');
      i += em ? 3 : 2;
    } else if ((c === '`' || c === "'") && src[i + 1] === c) {
      emit(c === '`' ? '“' : '”');
      i += 2;
    } else {
      // A lone '-', '`' or "'".
      emit(c);
      i++;
    }
  }
  return cleanText(out.normalize('NFC'));
}

// ---------------------------------------------------------------------------------------------
// Names.

/** Split at `sep` (a sticky regex) outside braces. */
function splitOutsideBraces(s: string, sep: RegExp): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}') depth = Math.max(0, depth - 1);
    else if (depth === 0) {
      sep.lastIndex = i;
      const m = sep.exec(s);
      if (m) {
        parts.push(s.slice(from, i));
        from = i + m[0].length;
        i = from - 1;
      }
    }
  }
  parts.push(s.slice(from));
  return parts;
}

const AND = /\s+and\s+/iy;
const COMMA = /,/y;

/** "Last, First" → "First Last"; "von Last, Jr, First" → "First von Last Jr"; "{Some Lab}" stays whole. */
function personName(raw: string): string {
  const parts = splitOutsideBraces(raw, COMMA).map((p) => p.trim());
  if (parts.length === 1) return latexToText(parts[0]!);
  const [last = '', second = '', ...rest] = parts;
  const ordered = parts.length === 2 ? [second, last] : [rest.join(' '), last, second];
  return latexToText(ordered.filter(Boolean).join(' '));
}

/** The names of an author (or editor) field; "and others" marks the list as cut short. */
export function bibtexNames(field: string): { names: string[]; truncated: boolean } {
  const names: string[] = [];
  let truncated = false;
  for (const raw of splitOutsideBraces(field.trim(), AND)) {
    if (/^\s*others\s*$/i.test(raw)) truncated = true;
    else {
      const name = personName(raw);
      if (name) names.push(name);
    }
  }
  return { names, truncated };
}

// ---------------------------------------------------------------------------------------------
// The file's structure: @type{key, field = value # value, …}, @string, @preamble, @comment.

class BibError extends Error {}

interface RawEntry {
  type: string;
  key: string;
  fields: Map<string, string>;
  number: number;
  line: number;
}

const MONTHS: [string, string][] = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'].map(
  (m) => [m.slice(0, 3), m[0]!.toUpperCase() + m.slice(1)],
);

const ENTRY_START = /@[ \t\r\n]*([A-Za-z][\w-]*)[ \t\r\n]*([{(])/y;
/** A new entry at the start of a line: where reading resumes after a broken entry. */
const NEXT_ENTRY = /^[ \t]*@[ \t]*[A-Za-z][\w-]*[ \t\r\n]*[{(]/gm;
const FIELD_NAME = /[A-Za-z_][\w.:+/-]*/y;
const CITE_KEY = /[^,\s{}()"=#]*/y;
const MACRO_NAME = /[A-Za-z_][\w.:+/-]*/y;
const NUMBER = /\d+/y;

class Reader {
  pos = 0;
  private lineAtPos = 0;
  private lineCount = 1;

  constructor(
    readonly text: string,
    readonly macros: Map<string, string>,
  ) {}

  /** 1-based line of `pos`; positions mostly grow, so lines are counted once. */
  lineOf(pos: number): number {
    if (pos < this.lineAtPos) {
      // Back a little (to an entry start after reading into it): uncount the newlines in between.
      let i = this.text.lastIndexOf('\n', this.lineAtPos - 1);
      while (i >= pos && i >= 0) {
        this.lineCount--;
        if (i === 0) break;
        i = this.text.lastIndexOf('\n', i - 1);
      }
      this.lineAtPos = pos;
      return this.lineCount;
    }
    for (let i = this.text.indexOf('\n', this.lineAtPos); i >= 0 && i < pos; i = this.text.indexOf('\n', i + 1)) this.lineCount++;
    this.lineAtPos = pos;
    return this.lineCount;
  }

  skipSpace(): void {
    const t = this.text;
    while (this.pos < t.length && isSpace(t[this.pos])) this.pos++;
  }

  match(re: RegExp): string | undefined {
    re.lastIndex = this.pos;
    const m = re.exec(this.text);
    if (!m) return undefined;
    this.pos = re.lastIndex;
    return m[0];
  }

  unexpected(what: string): BibError {
    const c = this.text[this.pos];
    const found = c === undefined ? 'the end of the file' : JSON.stringify(c);
    return new BibError(`expected ${what}, found ${found} on line ${this.lineOf(this.pos)}`);
  }

  /**
   * `{…}` or `"…"` with nested braces, raw. A line starting a new entry inside it means a brace
   * was never closed: stopping there keeps one broken entry from swallowing the rest of the file.
   */
  delimited(): string {
    const t = this.text;
    const open = this.pos;
    const quoted = t[open] === '"';
    let depth = quoted ? 0 : 1;
    for (let i = open + 1; i < t.length; i++) {
      const c = t[i];
      if (c === '\\') i++;
      else if (c === '{') depth++;
      else if (c === '}') {
        if (--depth === 0 && !quoted) {
          this.pos = i + 1;
          return t.slice(open + 1, i);
        }
        if (depth < 0) break;
      } else if (c === '"' && quoted && depth === 0) {
        this.pos = i + 1;
        return t.slice(open + 1, i);
      } else if (c === '@' && lineStartsEntry(t, i)) break;
    }
    throw new BibError(`${quoted ? 'a quote' : 'a brace'} opened on line ${this.lineOf(open)} is never closed`);
  }

  /** A field value: parts joined by `#`, each braced, quoted, a number or a @string macro. */
  value(): string {
    let out = '';
    for (;;) {
      this.skipSpace();
      const c = this.text[this.pos];
      if (c === '{' || c === '"') out += this.delimited();
      else {
        const num = this.match(NUMBER);
        if (num !== undefined) out += num;
        else {
          const name = this.match(MACRO_NAME);
          if (name === undefined) throw this.unexpected('a value');
          // BibTeX reads an undefined macro as empty (with a warning); so does this.
          out += this.macros.get(name.toLowerCase()) ?? '';
        }
      }
      this.skipSpace();
      if (this.text[this.pos] !== '#') return out;
      this.pos++;
    }
  }

  /** `name = value, …` up to the closing delimiter. */
  fields(close: string, into: Map<string, string>): void {
    for (;;) {
      this.skipSpace();
      const c = this.text[this.pos];
      if (c === close) {
        this.pos++;
        return;
      }
      if (c === ',') {
        this.pos++;
        continue;
      }
      const name = this.match(FIELD_NAME);
      if (name === undefined) throw this.unexpected(`a field name or "${close}"`);
      this.skipSpace();
      if (this.text[this.pos] !== '=') throw this.unexpected(`"=" after "${name}"`);
      this.pos++;
      const value = this.value();
      const key = name.toLowerCase();
      // A repeated field: the first one counts, as in BibTeX.
      if (!into.has(key)) into.set(key, value);
      this.skipSpace();
      const after = this.text[this.pos];
      if (after !== ',' && after !== close) throw this.unexpected(`"," or "${close}" after the field "${name}"`);
    }
  }
}

function lineStartsEntry(t: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && (t[i] === ' ' || t[i] === '\t')) i--;
  if (i >= 0 && t[i] !== '\n') return false;
  ENTRY_START.lastIndex = at;
  return ENTRY_START.test(t);
}

function nextEntryAfter(t: string, from: number): number {
  NEXT_ENTRY.lastIndex = from;
  const m = NEXT_ENTRY.exec(t);
  return m ? m.index : t.length;
}

// ---------------------------------------------------------------------------------------------
// From fields to a paper.

/** A URL as BibTeX exporters write it: maybe in \url{}, maybe with `\_` or `\%` escapes. */
function cleanUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const inUrl = /\\url\s*\{([^}]*)\}/.exec(raw)?.[1];
  const bare = inUrl ?? /https?:\/\/[^\s{}]+/.exec(raw)?.[0];
  const url = bare?.replace(/\\([_%&#$~])/g, '$1').replace(/[{}]/g, '').trim();
  return isWebUrl(url) ? url : undefined;
}

/** An identifier as exporters write it: `\_` for `_`, braces to protect it. */
function unescapeId(raw: string | undefined): string | undefined {
  return raw?.replace(/\\([_%&#$~])/g, '$1').replace(/[{}]/g, '').trim();
}

const ARXIV_EPRINT = /^\s*(?:arxiv:\s*)?(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[a-z]{2})?\/\d{7})(?:v\d+)?\s*$/i;

function toEntry(raw: RawEntry): ImportEntry | string {
  const f = (name: string) => raw.fields.get(name);
  const title = latexToText(f('title') ?? '');
  if (!title) return 'missing title';
  const people = bibtexNames(f('author') ?? f('editor') ?? '');
  const ids: PaperIds = {};
  const doi = normalizeDoi(cleanUrl(f('doi')) ?? unescapeId(f('doi')));
  if (doi) ids.doi = doi;
  const eprint = f('eprint');
  const eprintType = (f('archiveprefix') ?? f('eprinttype') ?? '').trim().toLowerCase();
  if (eprint && (eprintType === 'arxiv' || (!eprintType && ARXIV_EPRINT.test(eprint)))) {
    const arxiv = normalizeArxivId(eprint);
    if (arxiv) ids.arxiv = arxiv;
  }
  const journal = f('journal') ?? f('journaltitle');
  ids.arxiv ??= arxivFromText(journal);
  // dblp files arXiv papers under journal CoRR, volume "abs/1706.03762".
  if (journal && /^\s*corr\s*$/i.test(journal)) ids.arxiv ??= normalizeArxivId(/^\s*abs\/(.+)$/.exec(f('volume') ?? '')?.[1]);
  const pmid = unescapeId(f('pmid'));
  if (pmid) ids.pmid = pmid;
  const pmcid = unescapeId(f('pmcid'));
  if (pmcid) ids.pmcid = pmcid;
  if (raw.key.startsWith('DBLP:')) ids.dblp = raw.key.slice(5);
  const urls = [f('url'), f('ee'), f('howpublished'), f('pdf')].map(cleanUrl).filter((u): u is string => !!u);
  for (const url of urls) idsFromUrl(url, ids);
  // dblp's link to its own BibTeX: the record key, not the paper's address.
  idsFromUrl(cleanUrl(f('biburl')), ids);
  if (!ids.arxiv) ids.arxiv = arxivFromText(f('note'));
  if (!ids.arxiv) delete ids.arxiv;

  const entry: ImportEntry = { title, authors: people.names, ids: canonicalIds(ids) };
  if (people.truncated) entry.authorsTruncated = true;
  const year = yearFrom(f('year')) ?? yearFrom(f('date'));
  if (year) entry.year = year;
  const venue = latexToText(f('booktitle') ?? journal ?? '');
  if (venue && !isPreprintVenue(venue)) entry.venue = venue;
  const abstract = latexToText(f('abstract') ?? '');
  if (abstract) entry.abstract = abstract;
  const pdf = urls.map(pdfFromUrl).find(Boolean);
  if (pdf) entry.pdfUrl = pdf;
  if (urls[0]) entry.url = urls[0];
  const tags = keywordTags([latexToText(f('keywords') ?? f('keyword') ?? '')]);
  if (tags.length) entry.tags = tags;
  return entry;
}

/** Volumes, not papers: dblp writes one for every crossref'd proceedings. */
const NOT_PAPERS = new Set(['proceedings', 'mvproceedings']);

/** A child entry takes its volume's booktitle (the volume's title, as biblatex maps it) and year. */
function inheritCrossref(entry: RawEntry, byKey: Map<string, RawEntry>): void {
  const ref = entry.fields.get('crossref');
  const parent = ref ? byKey.get(ref.trim().toLowerCase()) : undefined;
  if (!parent) return;
  const booktitle = parent.fields.get('booktitle') ?? parent.fields.get('title');
  if (!entry.fields.has('booktitle') && !entry.fields.has('journal') && booktitle) entry.fields.set('booktitle', booktitle);
  for (const name of ['year', 'date', 'publisher']) {
    const v = parent.fields.get(name);
    if (!entry.fields.has(name) && v !== undefined) entry.fields.set(name, v);
  }
}

/** Read a BibTeX file. Entries that cannot be read are reported in `problems`, with their line. */
export function parseBibtex(text: string): ParsedImport {
  const tooLarge = fileSizeError(text.length);
  if (tooLarge) return { ok: false, error: tooLarge };
  const reader = new Reader(text, new Map(MONTHS));
  const raws: RawEntry[] = [];
  const problems: ImportProblem[] = [];
  let number = 0;
  let at: number;
  while ((at = text.indexOf('@', reader.pos)) >= 0) {
    ENTRY_START.lastIndex = at;
    const m = ENTRY_START.exec(text);
    // An @ that starts no entry (an e-mail address in a comment, say) is text between entries: a comment.
    if (!m) {
      reader.pos = at + 1;
      continue;
    }
    const type = m[1]!.toLowerCase();
    const close = m[2] === '{' ? '}' : ')';
    reader.pos = ENTRY_START.lastIndex;
    if (type === 'comment') {
      const end = m[2] === '{' ? groupEnd(text, reader.pos - 1) : text.indexOf(')', reader.pos);
      reader.pos = end < 0 || end >= text.length ? nextEntryAfter(text, reader.pos) : end + 1;
      continue;
    }
    const isEntry = type !== 'string' && type !== 'preamble';
    if (isEntry) number++;
    const line = reader.lineOf(at);
    try {
      if (type === 'preamble') {
        reader.value();
        reader.skipSpace();
        if (text[reader.pos] !== close) throw reader.unexpected(`"${close}"`);
        reader.pos++;
      } else if (type === 'string') {
        const defs = new Map<string, string>();
        reader.fields(close, defs);
        for (const [name, value] of defs) reader.macros.set(name, value);
      } else {
        reader.skipSpace();
        const keyStart = reader.pos;
        let key = reader.match(CITE_KEY) ?? '';
        reader.skipSpace();
        if (text[reader.pos] === '=') {
          // No citation key: what was read is the first field's name.
          reader.pos = keyStart;
          key = '';
        } else if (text[reader.pos] === ',') reader.pos++;
        else if (text[reader.pos] !== close) throw reader.unexpected(`"," after the citation key`);
        const fields = new Map<string, string>();
        reader.fields(close, fields);
        raws.push({ type, key, fields, number, line });
      }
    } catch (err) {
      if (!(err instanceof BibError)) throw err;
      const where = isEntry ? `entry ${number} (line ${line})` : `@${type} (line ${line})`;
      problems.push({ entry: isEntry ? number : 0, line, error: `${where}: ${err.message}` });
      reader.pos = nextEntryAfter(text, at + 1);
    }
  }

  const byKey = new Map<string, RawEntry>();
  for (const r of raws) if (r.key && !byKey.has(r.key.toLowerCase())) byKey.set(r.key.toLowerCase(), r);
  const entries: ImportEntry[] = [];
  for (const raw of raws) {
    const where = `entry ${raw.number} (line ${raw.line})`;
    const key = raw.key || undefined;
    if (NOT_PAPERS.has(raw.type)) {
      problems.push({ entry: raw.number, line: raw.line, key, error: `${where}: a proceedings volume, not a paper` });
      continue;
    }
    inheritCrossref(raw, byKey);
    const entry = toEntry(raw);
    if (typeof entry === 'string') problems.push({ entry: raw.number, line: raw.line, key, error: `${where}: ${entry}` });
    else entries.push({ ...entry, where });
  }
  problems.sort((a, b) => a.entry - b.entry);
  if (entries.length === 0 && problems.length === 0) {
    const hint = /^\s*[[{]/.test(text) ? ' (the file looks like JSON: CSL-JSON or a Sift backup?)' : '';
    return { ok: false, error: `no BibTeX entries found${hint}` };
  }
  return { ok: true, entries, problems };
}
