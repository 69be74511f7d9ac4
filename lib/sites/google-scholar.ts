// Google Scholar (site-guide §12): result pages (/scholar?q=…, ?cluster=…, ?cites=…) and
// profile pages (/citations?user=…).
//
// A result is `div.gs_r[data-cid]` > `div.gs_ri` with `h3.gs_rt` (title, after optional
// [PDF]/[HTML]/[BOOK]/[CITATION] marker spans), `div.gs_a` (the byline "Authors - Venue, Year -
// source") and `div.gs_rs` (a snippet, never the abstract). The right column `div.gs_or_ggsm`
// holds the "[PDF] host" link. The newer layout splits the byline into `div.gs_a.gs_fma_p`
// (expanded: `div.gs_fmaa` authors, then "Venue, Year • source") and `div.gs_a.gs_fma_s` (compact
// duplicate); the expanded one is read. Only direct arXiv or doi.org title links give ids.
//
// Page text is data: everything is read with textContent / getAttribute, nothing is written.
import type { DetectedPaper, DetectedRow } from '../paper';
import { normalizeArxivId, normalizeDoi } from '../ids';
import { absoluteUrl, cleanText, hasClass, readText, TEXT_NODE, yearFrom } from '../text';
import type { DetectOptions, SiteAdapter } from './types';

/** scholar.google.com and its regional hosts (scholar.google.de, .co.uk, .com.hk, .cat). */
const HOSTNAME = String.raw`scholar\.google\.(?:com|cat|(?:com?\.)?[a-z]{2})`;
const HOST = `https://${HOSTNAME}`;
/** Result lists: search, cluster ("All N versions") and "Cited by" pages; not the cite popup. */
const RESULTS_URL = new RegExp(`^${HOST}/scholar\\?(?![^#]*\\boutput=)`);
/** A profile's list of works; not the single-citation view. */
const PROFILE_URL = new RegExp(`^${HOST}/citations\\?(?![^#]*\\bview_op=view_citation)(?=[^#]*\\buser=)`);

const ELLIPSIS = /…|\.\.\./;

function cls(el: Element): string | null {
  return el.getAttribute('class');
}

/** The marker spans before a title: span.gs_ctc / span.gs_ctu > span.gs_ct1 "[BOOK]" + span.gs_ct2 "[B]". */
function isMarker(el: Element): boolean {
  const c = cls(el);
  return (
    hasClass(c, 'gs_ctc') || hasClass(c, 'gs_ctu') || hasClass(c, 'gs_ct1') || hasClass(c, 'gs_ct2') || hasClass(c, 'gs_ctg2')
  );
}

/** "[PDF]" / "[HTML]" / "[BOOK]" / "[B]" / "[CITATION]" / "[C]" / "[DOC]" at the start of a title. */
const MARKER_TEXT = /^\s*\[(PDF|HTML|BOOK|B|CITATION|C|DOC|PS|RTF)\]\s*/i;

function itemTypeOf(marker: string): string | undefined {
  const m = marker.toUpperCase();
  if (m === 'BOOK' || m === 'B') return 'book';
  if (m === 'CITATION' || m === 'C') return 'citation';
  return undefined;
}

function insideMarker(el: Element, stop: Element): boolean {
  for (let p = el.parentElement; p && p !== stop; p = p.parentElement) if (isMarker(p)) return true;
  return false;
}

interface Title {
  title: string;
  link?: Element;
  markers: string[];
}

function readTitle(h3: Element): Title {
  const markers: string[] = [];
  const spans = h3.getElementsByTagName('span').length > 0 ? h3.querySelectorAll('.gs_ct1, .gs_ctg2') : [];
  for (const span of spans) {
    const m = /\[([A-Za-z]+)\]/.exec(span.textContent ?? '');
    if (m?.[1]) markers.push(m[1].toUpperCase());
  }
  let title = readText(h3, isMarker);
  // Markers written as bare text (older markup) are not part of the title either.
  for (let m = MARKER_TEXT.exec(title); m; m = MARKER_TEXT.exec(title)) {
    markers.push(m[1]!.toUpperCase());
    title = title.slice(m[0].length);
  }
  // The title link is the first link that is not a marker.
  let link: Element | undefined;
  for (const a of h3.getElementsByTagName('a')) {
    if (!insideMarker(a, h3)) {
      link = a;
      break;
    }
  }
  return { title: cleanText(title), link, markers };
}

/** ids from a direct arXiv or doi.org link; nothing from other hosts. */
function idsFromLink(href: string | null, base: string): DetectedPaper['ids'] {
  const abs = absoluteUrl(href?.trim(), base);
  if (!abs) return {};
  let u: URL;
  try {
    u = new URL(abs);
  } catch {
    return {};
  }
  const host = u.hostname.toLowerCase();
  if (host === 'arxiv.org' || host === 'www.arxiv.org' || host === 'export.arxiv.org') {
    const m = /^\/(?:abs|pdf)\/(.+?)\/?$/.exec(decodePath(u.pathname));
    const id = normalizeArxivId(m?.[1]);
    return id ? { arxiv: id } : {};
  }
  if (host === 'doi.org' || host === 'dx.doi.org' || host === 'www.doi.org') {
    const doi = normalizeDoi(decodePath(u.pathname).replace(/^\//, ''));
    return doi ? { doi } : {};
  }
  return {};
}

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function isPdfHref(href: string): boolean {
  return /\.pdf(?:$|[?#])/i.test(href) || /\/\/(?:www\.)?arxiv\.org\/pdf\//i.test(href);
}

/** The right-column full-text link when it is a PDF ("[PDF] arxiv.org"). */
function sideColumnPdf(row: Element, base: string): string | undefined {
  let side: Element | undefined;
  for (const child of row.children) {
    if (hasClass(cls(child), 'gs_ggs')) {
      side = child;
      break;
    }
  }
  if (!side) return undefined;
  for (const a of side.getElementsByTagName('a')) {
    const href = a.getAttribute('href');
    if (!href) continue;
    const label = cleanText(a.textContent);
    if (/^\[PDF\]/i.test(label) || (!/^\[[A-Z]+\]/i.test(label) && isPdfHref(href))) {
      const url = absoluteUrl(href.trim(), base);
      if (url) return url;
    }
  }
  return undefined;
}

interface Authors {
  names: string[];
  truncated: boolean;
}

/** "J Devlin, MW Chang, K Lee…" → names, with the "…" cut flagged. */
function splitAuthors(text: string): Authors {
  const out: Authors = { names: [], truncated: false };
  let t = cleanText(text);
  if (ELLIPSIS.test(t)) out.truncated = true;
  t = t.replace(/…|\.\.\./g, ',');
  for (const part of t.split(',')) {
    const name = cleanText(part);
    if (!name) continue;
    if (/^(?:et al\.?|and others|others)$/i.test(name)) {
      out.truncated = true;
      continue;
    }
    out.names.push(name);
  }
  return out;
}

/** Year at the end of "Venue, 2019" (or a bare "2019"); the venue only when it is not cut. */
function venueAndYear(segment: string): { venue?: string; year?: number } {
  const s = cleanText(segment);
  const m = /(?:^|,\s*|\s)(1[5-9]\d\d|20\d\d)$/.exec(s);
  if (!m) return {};
  const out: { venue?: string; year?: number } = { year: Number(m[1]) };
  const venue = cleanText(s.slice(0, m.index)).replace(/,$/, '');
  if (venue && !ELLIPSIS.test(venue)) out.venue = venue;
  return out;
}

/** Byline "Authors - Venue, Year - source" (separators are "\u00a0- "). */
function readByline(text: string): Authors & { venue?: string; year?: number } {
  // A record without authors starts with the separator: "- Nature, 2015 - nature.com".
  const parts = cleanText(text).replace(/^[-–]\s+/, ' - ').split(/\s*\s[-–]\s+/);
  const authors = splitAuthors(parts[0] ?? '');
  if (parts.length >= 3) {
    return { ...authors, ...venueAndYear(parts.slice(1, -1).join(' - ')) };
  }
  if (parts.length === 2) {
    // Either "Authors - Venue, Year" or "Authors - source".
    return { ...authors, ...venueAndYear(parts[1] ?? '') };
  }
  return authors;
}

/** Expanded byline: div.gs_fmaa (authors) followed by "Venue, Year" • source. */
function readExpandedByline(fmaa: Element): Authors & { venue?: string; year?: number } {
  const authors = splitAuthors(readText(fmaa));
  // Text after the author block up to the dot separator (span.gs_pdot).
  let rest = '';
  for (let n = fmaa.nextSibling; n; n = n.nextSibling) {
    if (n.nodeType === TEXT_NODE) {
      rest += (n as Text).data;
      continue;
    }
    const e = n as Element;
    if (e.nodeType !== 1) continue;
    if (hasClass(cls(e), 'gs_pdot')) break;
    rest += readText(e);
  }
  const dash = rest.split(/\s+[-–•]\s+/)[0] ?? rest;
  return { ...authors, ...venueAndYear(dash) };
}

/** The parts of div.gs_ri, found among its children (the usual case) or by query. */
interface Parts {
  h3: Element | null;
  gsA: Element | null;
  expanded: Element | null;
  fmaa: Element | null;
}

function findParts(ri: Element): Parts {
  const parts: Parts = { h3: null, gsA: null, expanded: null, fmaa: null };
  for (const child of ri.children) {
    const c = cls(child);
    if (!parts.h3 && hasClass(c, 'gs_rt')) parts.h3 = child;
    else if (hasClass(c, 'gs_fma_p')) parts.expanded ??= child;
    else if (hasClass(c, 'gs_a')) parts.gsA ??= child;
  }
  if (!parts.h3) {
    parts.h3 = ri.querySelector('.gs_rt');
    parts.gsA = ri.querySelector('.gs_a:not(.gs_fma_p)');
    parts.expanded = ri.querySelector('.gs_fma_p');
  }
  if (parts.expanded) {
    for (const child of parts.expanded.children) {
      if (hasClass(cls(child), 'gs_fmaa')) {
        parts.fmaa = child;
        break;
      }
    }
    parts.fmaa ??= parts.expanded.querySelector('.gs_fmaa');
  }
  return parts;
}

function riOf(row: Element): Element {
  for (const child of row.children) if (hasClass(cls(child), 'gs_ri')) return child;
  return row.querySelector('.gs_ri') ?? row;
}

/** One result's row; its title element is the title link, else (a [CITATION] has none) the h3. */
function readResult(row: Element, base: string): DetectedRow | undefined {
  const { h3, gsA, fmaa } = findParts(riOf(row));
  if (!h3) return undefined;
  const { title, link, markers } = readTitle(h3);
  if (!title) return undefined;
  const paper: DetectedPaper = { title, authors: [], ids: {} };

  const href = link?.getAttribute('href') ?? null;
  paper.ids = idsFromLink(href, base);

  for (const m of markers) {
    const type = itemTypeOf(m);
    if (type) {
      paper.itemType = type;
      break;
    }
  }

  // Byline: the expanded one when both layouts are present (the compact one cuts names and venue).
  let byline: (Authors & { venue?: string; year?: number }) | undefined;
  if (fmaa) byline = readExpandedByline(fmaa);
  else if (gsA) byline = readByline(readText(gsA));
  if (byline) {
    paper.authors = byline.names;
    if (byline.truncated && byline.names.length > 0) paper.authorsTruncated = true;
    if (byline.year) paper.year = byline.year;
    if (byline.venue) paper.venue = byline.venue;
  }

  const pdf =
    sideColumnPdf(row, base) ??
    (href && (markers.includes('PDF') || isPdfHref(href)) ? absoluteUrl(href.trim(), base) : undefined);
  if (pdf) paper.pdfUrl = pdf;
  return { paper, element: row, title: link ?? h3 };
}

function isResultRow(el: Element): boolean {
  const c = cls(el);
  return el.hasAttribute('data-cid') || hasClass(c, 'gs_or');
}

function detectResults(doc: Document, url: URL, known?: DetectOptions['known']): DetectedRow[] {
  const rows: DetectedRow[] = [];
  const scope = doc.getElementById('gs_res_ccl_mid') ?? doc.getElementById('gs_res_ccl') ?? doc.body;
  if (!scope) return rows;
  for (const row of scope.querySelectorAll('.gs_r')) {
    if (known?.(row)) continue; // read on an earlier pass: not read again
    if (!isResultRow(row)) continue; // "User profiles for …" and similar blocks
    if (row.parentElement?.closest('.gs_r')) continue; // nested junk
    try {
      const result = readResult(row, url.href);
      if (result) rows.push(result);
    } catch {
      // one broken row must not cost the others
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Profile: tr.gsc_a_tr > td.gsc_a_t (a.gsc_a_at title, div.gs_gray authors, div.gs_gray venue
// with a hidden ", 2017" span.gs_oph) + td.gsc_a_y (year).

function detectProfile(doc: Document, known?: DetectOptions['known']): DetectedRow[] {
  const rows: DetectedRow[] = [];
  for (const tr of doc.querySelectorAll('tr.gsc_a_tr')) {
    if (known?.(tr)) continue; // read on an earlier pass ("Show more" appends rows)
    try {
      const a = tr.querySelector('a.gsc_a_at, .gsc_a_at');
      if (!a) continue;
      const title = cleanText(readText(a));
      if (!title) continue;
      const paper: DetectedPaper = { title, authors: [], ids: {} };
      const grays = tr.querySelectorAll('.gs_gray');
      if (grays[0]) {
        const authors = splitAuthors(readText(grays[0]));
        paper.authors = authors.names;
        if (authors.truncated && authors.names.length > 0) paper.authorsTruncated = true;
      }
      if (grays[1]) {
        const venue = cleanText(readText(grays[1], (el) => hasClass(cls(el), 'gs_oph'))).replace(/,$/, '');
        if (venue && !ELLIPSIS.test(venue)) paper.venue = venue;
      }
      const year = yearFrom(tr.querySelector('.gsc_a_y')?.textContent) ?? yearFrom(grays[1]?.querySelector('.gs_oph')?.textContent);
      if (year) paper.year = year;
      rows.push({ paper, element: tr, title: a });
    } catch {
      // skip the broken row
    }
  }
  return rows;
}

export const googleScholar: SiteAdapter = {
  site: 'google-scholar',
  host: new RegExp(`^${HOSTNAME}$`),
  urls: [RESULTS_URL, PROFILE_URL],
  detect(doc: Document, url: URL, options?: DetectOptions): DetectedRow[] {
    const known = options?.known;
    try {
      if (PROFILE_URL.test(url.href)) return detectProfile(doc, known);
      if (RESULTS_URL.test(url.href)) return detectResults(doc, url, known);
    } catch {
      // never throw into the page
    }
    return [];
  },
};
