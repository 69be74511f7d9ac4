// Canonical identifiers and identity keys. A paper is found again by any of its keys.
import { ID_KINDS, type IdKind, type PaperIds } from './paper';

const ID_KIND_SET: ReadonlySet<string> = new Set(ID_KINDS);

const NEW_ARXIV = /(?:^|[^\d.])(\d{4}\.\d{4,5})(?:v\d+)?(?![\d])/;
const OLD_ARXIV = /(?:^|[^a-z-])([a-z][a-z-]*(?:\.[a-z]{2})?\/\d{7})(?:v\d+)?(?!\d)/i;
const ARXIV_DOI = /^10\.48550\/arxiv\.(.+)$/i;

/**
 * arXiv id without version: `2401.01234`, or old style `hep-th/9901001` / `math.GT/0309136`.
 * Accepts `arXiv:` prefixes, abs/pdf URLs, versions and the arXiv DOI.
 */
export function normalizeArxivId(input: string | null | undefined): string | undefined {
  if (!input) return undefined;
  let s = input.trim();
  const fromDoi = ARXIV_DOI.exec(stripDoiPrefix(s));
  if (fromDoi?.[1]) s = fromDoi[1];
  s = s.replace(/^arxiv:\s*/i, '').replace(/\.pdf$/i, '');
  const modern = NEW_ARXIV.exec(s);
  if (modern?.[1]) return modern[1];
  const old = OLD_ARXIV.exec(s);
  if (old?.[1]) {
    const [archive = '', num = ''] = old[1].split('/');
    const [name = '', sub] = archive.split('.');
    return `${name.toLowerCase()}${sub ? '.' + sub.toUpperCase() : ''}/${num}`;
  }
  return undefined;
}

function stripDoiPrefix(s: string): string {
  return s
    .trim()
    .replace(/^https?:\/\/(dx\.)?doi\.org\//i, '')
    .replace(/^doi:\s*/i, '');
}

/** DOI lowercased, without resolver prefix; undefined unless it looks like `10.NNNN/...`. */
export function normalizeDoi(input: string | null | undefined): string | undefined {
  if (!input) return undefined;
  let s = stripDoiPrefix(input);
  if (/%[0-9a-f]{2}/i.test(s)) {
    try {
      s = decodeURIComponent(s);
    } catch {
      /* keep as is */
    }
  }
  s = s.replace(/[\s]+/g, '').replace(/[.,;]+$/, '').toLowerCase();
  return /^10\.\d{4,9}\/\S+$/.test(s) ? s : undefined;
}

/** The arXiv id behind an arXiv-issued DOI (10.48550/arXiv.<id>), if it is one. */
export function arxivFromDoi(doi: string | undefined): string | undefined {
  if (!doi) return undefined;
  const m = ARXIV_DOI.exec(stripDoiPrefix(doi));
  return m?.[1] ? normalizeArxivId(m[1]) : undefined;
}

/**
 * Canonical ids: normalised values, empty ones dropped. An arXiv DOI (10.48550/arXiv.<id>) also
 * sets `arxiv`: it names the same paper. It stays in `doi` only until a publisher's DOI is known
 * (see mergeIds).
 */
export function canonicalIds(ids: PaperIds): PaperIds {
  if (isCanonicalAsIs(ids)) return ids;
  const out: PaperIds = {};
  // Only the kinds present (one or two of eleven). In any key order an `arxiv` id wins over one from a DOI.
  for (const key in ids) {
    if (!ID_KIND_SET.has(key)) continue;
    const kind = key as IdKind;
    const raw = ids[kind];
    if (typeof raw !== 'string' || !raw.trim()) continue;
    const value = raw.trim();
    if (kind === 'arxiv') {
      const id = normalizeArxivId(value);
      if (id) out.arxiv = id;
    } else if (kind === 'doi') {
      const doi = normalizeDoi(value);
      const arxiv = arxivFromDoi(doi);
      if (arxiv) out.arxiv ??= arxiv;
      if (doi) out.doi = doi;
    } else if (kind === 'pmid') {
      if (/^\d{1,9}$/.test(value)) out.pmid = value;
    } else if (kind === 'pmcid') {
      const m = /^(?:pmc)?(\d+)$/i.exec(value);
      if (m) out.pmcid = `PMC${m[1]}`;
    } else {
      out[kind] = value;
    }
  }
  return out;
}

/** Kinds whose value is canonical once trimmed (no syntax of their own to normalise). */
const KEPT_AS_GIVEN: ReadonlySet<string> = new Set(ID_KINDS.filter((k) => k !== 'arxiv' && k !== 'doi' && k !== 'pmid' && k !== 'pmcid'));

/**
 * True when canonicalIds would copy `ids` unchanged: only kinds kept as given, each a trimmed
 * non-empty string. A listing's rows are mostly like this; not copying them spares 2,000 objects.
 */
function isCanonicalAsIs(ids: PaperIds): boolean {
  for (const key in ids) {
    if (!KEPT_AS_GIVEN.has(key)) return false;
    const value: unknown = ids[key as IdKind];
    if (typeof value !== 'string' || value === '' || value.trim() !== value) return false;
  }
  return true;
}

/** Lowercase, accents and punctuation removed, whitespace collapsed. */
export function normalizeTitle(title: string): string {
  // Most titles are ASCII: no accents to strip, and a cheaper character class.
  if (ASCII.test(title)) return title.toLowerCase().replace(NOT_ALNUM_ASCII, ' ').trim();
  return title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const ASCII = /^[\x00-\x7f]*$/;
const NOT_ALNUM_ASCII = /[^a-z0-9]+/g;

const SUFFIX = /^(jr|sr|ii|iii|iv)\.?$/i;

/** Surname of one author written "First Last", "Last, First", "Last FM" (PubMed) or "F Last" (Scholar). */
export function authorSurname(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) return '';
  let surname: string;
  if (trimmed.includes(',')) {
    surname = trimmed.split(',')[0] ?? '';
  } else {
    const parts = trimmed.split(/\s+/).filter((p) => !SUFFIX.test(p));
    const last = parts[parts.length - 1] ?? '';
    // PubMed style "Devlin J" / "Chang CH": trailing initials in capitals.
    surname = parts.length > 1 && /^\p{Lu}{1,3}$/u.test(last) ? parts.slice(0, -1).join(' ') : last;
  }
  return normalizeTitle(surname).replace(/ /g, '');
}

/** Last-resort identity: normalised title + first author's surname. */
export function titleKey(title: string, authors: readonly string[]): string | undefined {
  const t = normalizeTitle(title);
  if (!t) return undefined;
  return `title:${t}|${authorSurname(authors[0] ?? '')}`;
}

/**
 * Identifier kinds that name one paper across all sites. A PMLR key (`smith24a`) is unique only
 * inside its volume, so it identifies nothing on its own.
 */
const IDENTITY_KINDS = ID_KINDS.filter((kind) => kind !== 'pmlr');

/** True for the DOI arXiv issues to every preprint (it is the arXiv id in other clothes). */
export function isArxivDoi(doi: string | undefined): boolean {
  return arxivFromDoi(doi) !== undefined;
}

/** Every key under which the paper can be found: one per identifier, plus the title key. */
export function identityKeys(paper: { ids: PaperIds; title: string; authors: readonly string[] }): string[] {
  const keys: string[] = [];
  for (const kind of IDENTITY_KINDS) {
    const value = paper.ids[kind];
    // The arXiv DOI adds nothing to the arxiv key, which canonicalIds always sets beside it.
    if (kind === 'doi' && isArxivDoi(value)) continue;
    if (value) keys.push(`${kind}:${kind === 'doi' ? value.toLowerCase() : value}`);
  }
  const tk = titleKey(paper.title, paper.authors);
  if (tk) keys.push(tk);
  return keys;
}

/** Two id sets name different papers if they disagree on any identifier kind both have. */
export function idsConflict(a: PaperIds, b: PaperIds): boolean {
  return ID_KINDS.some((kind) => {
    const x = a[kind];
    const y = b[kind];
    if (x === undefined || y === undefined || x === y) return false;
    // A preprint's arXiv DOI and its publisher's DOI name one paper.
    return !(kind === 'doi' && (isArxivDoi(x) || isArxivDoi(y)));
  });
}

/** `a`'s ids, completed by `b`'s; a publisher's DOI replaces an arXiv DOI. */
export function mergeIds(a: PaperIds, b: PaperIds): PaperIds {
  const out: PaperIds = { ...a };
  for (const kind of ID_KINDS) if (out[kind] === undefined && b[kind] !== undefined) out[kind] = b[kind];
  if (isArxivDoi(out.doi) && b.doi && !isArxivDoi(b.doi)) out.doi = b.doi;
  return out;
}

function digits(s: string, from: number, len: number): number {
  let n = 0;
  for (let i = from; i < from + len; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    n = n * 10 + c;
  }
  return n;
}

/**
 * Year implied by a canonical arXiv id (the month it was announced): `0704.0001` → 2007,
 * `hep-th/9709111` → 1997, `math.GT/0309136` → 2003. Old-style ids run from 1991 to 2007.
 */
export function arxivIdYear(id: string | undefined): number | undefined {
  if (!id) return undefined;
  const slash = id.indexOf('/');
  const yy = digits(id, slash + 1, 2);
  const mm = digits(id, slash + 3, 2);
  if (Number.isNaN(yy) || Number.isNaN(mm) || mm < 1 || mm > 12) return undefined;
  if (slash < 0) return yy >= 7 ? 2000 + yy : undefined; // new style started in 0704
  return yy >= 91 ? 1900 + yy : 2000 + yy;
}
