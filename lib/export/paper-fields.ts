// What every exporter derives from a stored paper: its kind, its best link and its authors' names.
import type { PaperIds, PaperRecord } from '../paper';

/** Any run of whitespace or control characters: a value never breaks a line-based format. */
const BREAKING = /[\s\u0000-\u001f\u007f\u2028\u2029]+/g;
/** `\s` but the plain space, and the control characters, in one class: this test runs over every abstract. */
const HAS_BREAKING = /[\u0000-\u001f\u007f\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/;

/** One line of text: every run of whitespace or control characters becomes one space; trimmed. */
export function oneLine(s: string | undefined): string {
  if (!s) return '';
  // Most values are already clean; testing is cheaper than rebuilding a long abstract.
  if (!HAS_BREAKING.test(s) && !s.includes('  ') && s.charCodeAt(0) > 32 && s.charCodeAt(s.length - 1) > 32) return s;
  return s.replace(BREAKING, ' ').trim();
}

export type PaperKind = 'conference' | 'journal' | 'preprint' | 'other';

/** Venues that are preprint servers (dblp calls arXiv "CoRR"): they say the paper is not yet published. */
const PREPRINT_SERVER = /^(?:corr\b|arxiv\b|biorxiv\b|medrxiv\b|chemrxiv\b|ssrn\b|research square\b|preprints?\b|techrxiv\b|psyarxiv\b|osf preprints\b)/i;

/** Journals whose names say "Proceedings" (PNAS, Proc. IEEE, Proc. Royal Society). */
const PROCEEDINGS_JOURNAL =
  /proceedings of the (?:national academy|royal society|ieee(?![/\s]*(?:conference|international|computer society|workshop|winter|\/)))|\bproc\.? natl\.? acad\.? sci/i;
/** A journal by its name, unless it is a workshop's or a conference's ("JMLR W&CP", "Proceedings of ... Conference"). */
const JOURNAL_WORD = /\b(?:transactions|journal|letters|magazine)\b|^(?:tmlr|jmlr|tacl|tpami|pami|pnas)\b/i;
const MEETING_WORD = /\b(?:conference|workshops?|symposium|proceedings|w&cp)\b/i;
/** A conference or workshop by its name, or by the acronym of a well-known one. */
const CONFERENCE =
  /\b(?:proceedings|proc\.|conference|conf\.|workshops?|symposium|colloquium|congress|meeting|findings)\b|advances in neural information processing|\b(?:neurips|nips|icml|iclr|acl|emnlp|naacl|eacl|aacl|coling|conll|lrec|cvpr|iccv|eccv|wacv|bmvc|accv|aaai|ijcai|kdd|sigir|sigmod|vldb|icde|wsdm|cikm|recsys|chi|uist|cscw|uai|aistats|colt|corl|rss|icra|iros|miccai|interspeech|icassp|siggraph|eurographics|icpr|icip|ijcnn|ecml|icdm|icse|pldi|popl|osdi|sosp|nsdi|usenix|ccs|ndss|stoc|focs|soda|icalp|mlsys)\b/i;
/** ACL Anthology ids of journal articles: TACL and Computational Linguistics (new `2020.tacl-1.1`, old `Q19-1001`, `J19-1001`). */
const ACL_JOURNAL_ID = /^(?:\d{4}\.(?:tacl|cl)-|[JQ]\d{2}-)/;

type VenueKind = 'server' | 'journal' | 'conference' | 'unknown';

/**
 * Venue names repeat across a library (a few hundred for 50,000 papers), and telling them apart
 * takes several regexes: each name is classified once. Bounded, so it cannot grow without end.
 */
const VENUE_KINDS = new Map<string, VenueKind>();
const MAX_VENUE_KINDS = 20_000;

function venueKind(venue: string): VenueKind {
  let kind = VENUE_KINDS.get(venue);
  if (kind === undefined) {
    if (PREPRINT_SERVER.test(venue)) kind = 'server';
    else if (PROCEEDINGS_JOURNAL.test(venue) || (JOURNAL_WORD.test(venue) && !MEETING_WORD.test(venue))) kind = 'journal';
    else if (CONFERENCE.test(venue)) kind = 'conference';
    else kind = 'unknown';
    if (VENUE_KINDS.size >= MAX_VENUE_KINDS) VENUE_KINDS.clear();
    VENUE_KINDS.set(venue, kind);
  }
  return kind;
}

/** Where a paper appeared, as the exporters need it. */
export interface PaperVenue {
  kind: PaperKind;
  /** The venue as a publication; absent when unknown or only a preprint server. */
  venue?: string;
  /** The preprint server (arXiv, bioRxiv…), when the paper is, or is also, a preprint. */
  server?: string;
}

/**
 * What kind of publication the paper is, from what is known. The venue's name decides first; then
 * the identifiers that only conference proceedings issue (ACL Anthology, PMLR, NeurIPS, CVF,
 * OpenReview) or dblp's record kind; any other venue is a journal; an arXiv id alone is a preprint.
 */
function kindOf(namedKind: VenueKind | undefined, venue: string | undefined, server: string | undefined, ids: PaperIds): PaperKind {
  if (namedKind === 'journal' || namedKind === 'conference') return namedKind;
  if (ids.dblp?.startsWith('conf/')) return 'conference';
  if (ids.dblp?.startsWith('journals/') && !ids.dblp.startsWith('journals/corr/')) return 'journal';
  if (ids.acl) return ACL_JOURNAL_ID.test(ids.acl) ? 'journal' : 'conference';
  if (ids.pmlr || ids.neurips || ids.cvf || ids.openreview) return 'conference';
  if (venue) return 'journal';
  return server ? 'preprint' : 'other';
}

/** The paper's kind, its venue as a publication, and the preprint server it is on. */
export function paperVenue(paper: Pick<PaperRecord, 'venue' | 'ids'>): PaperVenue {
  const named = oneLine(paper.venue);
  const namedKind = named ? venueKind(named) : undefined;
  let server: string | undefined;
  if (namedKind === 'server') server = /^(?:corr|arxiv)\b/i.test(named) ? 'arXiv' : named;
  else if (paper.ids.arxiv) server = 'arXiv';
  const venue = named && namedKind !== 'server' ? named : undefined;
  return { kind: kindOf(namedKind, venue, server, paper.ids), venue, server };
}

export function paperKind(paper: Pick<PaperRecord, 'venue' | 'ids'>): PaperKind {
  return paperVenue(paper).kind;
}

/** Characters a DOI may contain that a URL path may not (doi.org's own list). */
const DOI_URL_UNSAFE = /[%"#?<>{}^[\]`|\\\s]/g;

export function doiUrl(doi: string): string {
  return `https://doi.org/${doi.replace(DOI_URL_UNSAFE, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)}`;
}

export function arxivAbsUrl(arxiv: string): string {
  return `https://arxiv.org/abs/${arxiv}`;
}

/** An http(s) URL, or undefined: a `javascript:` or `data:` address must never become a link. */
export function webUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const trimmed = url.trim();
  return /^https?:\/\/[^\s]+$/i.test(trimmed) ? trimmed : undefined;
}

/** The one link to cite: the DOI, else the arXiv abstract, else the OpenReview forum, else where it was first seen. */
export function bestLink(paper: Pick<PaperRecord, 'ids' | 'sightings'>): string | undefined {
  const { ids } = paper;
  if (ids.doi) return doiUrl(ids.doi);
  if (ids.arxiv) return arxivAbsUrl(ids.arxiv);
  if (ids.openreview) return `https://openreview.net/forum?id=${encodeURIComponent(ids.openreview)}`;
  for (const sighting of paper.sightings ?? []) {
    const url = webUrl(sighting.url);
    if (url) return url;
  }
  return undefined;
}

/** A person's name in parts (CSL's name object), or as one literal when it has only one word. */
export type PersonName = { family: string; given?: string; suffix?: string } | { literal: string };

const NAME_SUFFIX = /^(?:jr|sr|ii|iii|iv|v)\.?$/i;

/**
 * What makes a name more than "Given Family": a comma, a lowercase particle, a suffix or PubMed
 * initials at the end, a standalone "and", a LaTeX special character, or odd whitespace. One test
 * per name: a large export has hundreds of thousands of them.
 */
const UNUSUAL_NAME =
  /[,\\{}&%#_$~^<>|\u0000-\u001f\u007f\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]|^ | $| {2}| \p{Ll}| (?:[JjSs][Rr]\.?|[IiVv]{1,3}\.?|\p{Lu}{1,3})$|(?:^| )[Aa][Nn][Dd](?: |$)/u;

/** A non-empty "Given Family" name (or a single word) that splits at its last space and needs no escaping anywhere. */
export function isPlainName(raw: string): boolean {
  return raw !== '' && !UNUSUAL_NAME.test(raw);
}
/** PubMed writes "Devlin J", "Chang CH": initials after the surname, in capitals. */
const TRAILING_INITIALS = /^\p{Lu}{1,3}$/u;
const STARTS_LOWERCASE = /^\p{Ll}/u;
/** A word after the first that starts in lowercase: a particle ("van", "de"). */
const LOWERCASE_WORD = / \p{Ll}/u;

/** Called for every word of 300,000 names in a large export: ASCII is decided without a regex. */
function startsLowercase(word: string): boolean {
  const c = word.charCodeAt(0);
  if (c < 128) return c >= 97 && c <= 122;
  return STARTS_LOWERCASE.test(word);
}

/**
 * Split an author as stored ("Yann LeCun", "van der Maaten, Laurens", "Devlin J") into family and
 * given names. With a comma the family name comes first; otherwise it is the last word together
 * with the lowercase particles before it ("Laurens van der Maaten" → "van der Maaten").
 */
export function splitName(raw: string): PersonName | undefined {
  if (isPlainName(raw)) {
    const space = raw.lastIndexOf(' ');
    return space < 0 ? { literal: raw } : { family: raw.slice(space + 1), given: raw.slice(0, space) };
  }
  const name = oneLine(raw);
  if (!name) return undefined;
  if (name.includes(',')) {
    const parts = name
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    const [family, second, ...rest] = parts;
    if (!family) return undefined;
    if (second === undefined) return family.includes(' ') ? { family } : { literal: family };
    // "Smith, Jr., John" (BibTeX's three-part form): the middle part is the suffix.
    if (rest.length > 0) return { family, suffix: second, given: rest.join(' ') };
    return { family, given: second };
  }
  // Most names are "Given [Middle] Family": decided without splitting into words.
  const lastSpace = name.lastIndexOf(' ');
  if (lastSpace < 0) return { literal: name };
  const final = name.slice(lastSpace + 1);
  const head = name.slice(0, lastSpace);
  if (!(final.length <= 4 && (NAME_SUFFIX.test(final) || TRAILING_INITIALS.test(final))) && !LOWERCASE_WORD.test(head)) return { family: final, given: head };
  const words = name.split(' ');
  let suffix: string | undefined;
  const last = words[words.length - 1];
  if (words.length > 2 && last !== undefined && NAME_SUFFIX.test(last)) {
    suffix = last;
    words.pop();
  }
  if (words.length === 1) return suffix ? { family: words[0] ?? name, suffix } : { literal: name };
  const surname = words[words.length - 1] ?? '';
  if (TRAILING_INITIALS.test(surname)) return withSuffix({ family: words.slice(0, -1).join(' '), given: surname }, suffix);
  let split = words.length - 1;
  for (let i = 1; i < words.length - 1; i++) {
    if (startsLowercase(words[i] ?? '')) {
      split = i;
      break;
    }
  }
  return withSuffix({ family: words.slice(split).join(' '), given: words.slice(0, split).join(' ') }, suffix);
}

function withSuffix(name: { family: string; given: string }, suffix: string | undefined): PersonName {
  return suffix ? { ...name, suffix } : name;
}

/** Every author that has a name, split. */
export function authorNames(paper: Pick<PaperRecord, 'authors'>): PersonName[] {
  const names: PersonName[] = [];
  for (const author of paper.authors) {
    const name = splitName(author);
    if (name) names.push(name);
  }
  return names;
}

/** Letters that Unicode does not decompose into a base letter and a mark. */
const UNDECOMPOSED: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
};
const UNDECOMPOSED_RE = /[ßæœøłđðþıħ]/g;

/** Lowercase ASCII letters and digits only: "Schölkopf" → "scholkopf", "Łukasz" → "lukasz". */
export function asciiFold(s: string): string {
  const lower = s.toLowerCase();
  const folded = /^[\x00-\x7f]*$/.test(lower)
    ? lower
    : lower
        .normalize('NFKD')
        .replace(/\p{M}+/gu, '')
        .replace(UNDECOMPOSED_RE, (c) => UNDECOMPOSED[c] ?? '');
  return folded.replace(/[^a-z0-9]+/g, '');
}

/** A finite year, as stored; undefined when unknown or not a plausible number. */
export function knownYear(paper: Pick<PaperRecord, 'year'>): number | undefined {
  const { year } = paper;
  return typeof year === 'number' && Number.isInteger(year) && year > 0 ? year : undefined;
}
