// OpenReview (site-guide §5): venue group pages (`/group?id=<venue>`) and forum pages
// (`/forum?id=<forumId>`).
//
// Venue pages are client-rendered: the notes of a tab are fetched after load and rendered into
// `div.tab-pane`s. Two renderers exist and both are read here:
// - current React (`NoteV2`): `ul.list-paginated > li > div.note`, with `ul.note-meta-info > li`
//   and a `div.collapse-widget` whose content ("Show details") may or may not be mounted;
// - legacy Handlebars webfield (`noteBasic.hbs`): `ul.submissions-list > li.note[data-id]`, with
//   `div.note-meta-info > span` and a hidden `div.collapse > ul.note-content` (in the DOM).
// Every tab pane in the DOM is read, in document order (an inactive pane is empty, a spinner, or
// notes loaded earlier). Activity lists, modals and asides are not entries; nor is any note whose
// title link points at a reply (`&noteId=` other than the forum).
//
// Forum pages carry server-rendered `citation_*` meta tags, read first; the rendered forum note
// (`div.forum-note`, or `div.forum-container > div.note` on the legacy forum) fills the gaps and
// is the row element. Replies (`#forum-replies`, `#note_children`) are never entries.
//
// Page text is data: everything is read with textContent / getAttribute, nothing is written.
import type { DetectedPaper, DetectedRow, PaperIds } from '../paper';
import { normalizeArxivId, normalizeDoi } from '../ids';
import {
  absoluteUrl,
  cleanText,
  hasClass,
  isInert,
  readText,
  walk,
  yearFrom,
  CDATA_SECTION_NODE,
  ELEMENT_NODE,
  TEXT_NODE,
} from '../text';
import type { DetectOptions, SiteAdapter } from './types';

const HOSTNAME = String.raw`(?:www\.)?openreview\.net`;
const HOST = `https://${HOSTNAME}`;
/** `?...id=<value>...` with an optional fragment (`#tab-accept-oral`). */
const QUERY_WITH_ID = (value: string) => String.raw`/?\?(?:[^#]*&)?id=${value}(?:[&#].*)?$`;

const GROUP_URL = new RegExp(`^${HOST}/group${QUERY_WITH_ID('[^&#]+')}`);
const FORUM_URL = new RegExp(`^${HOST}/forum${QUERY_WITH_ID('[A-Za-z0-9_-]+')}`);

/** A forum / note id: 10–11 characters today; older venues used a few more or fewer. */
const NOTE_ID = /^[A-Za-z0-9_-]{5,40}$/;

const SITE_HOST = /^(?:www\.)?openreview\.net$/i;

// ---------------------------------------------------------------------------------------------
// Small helpers.

function cls(el: Element): string | null {
  return el.getAttribute('class');
}

/** Forum id of a link to `/forum?id=<forum>`; undefined when not one, or when it names a reply. */
function forumIdFromHref(href: string | null, base: string): string | undefined {
  if (!href) return undefined;
  let u: URL;
  try {
    u = new URL(href, base);
  } catch {
    return undefined;
  }
  if (!SITE_HOST.test(u.hostname) || u.pathname.replace(/\/+$/, '') !== '/forum') return undefined;
  const id = u.searchParams.get('id')?.trim();
  if (!id || !NOTE_ID.test(id)) return undefined;
  const noteId = u.searchParams.get('noteId')?.trim();
  if (noteId && noteId !== id) return undefined; // a reply (review, comment, decision)
  return id;
}

/** arXiv / DOI ids behind an external link ("Open Website"), if it is one. */
function idsFromExternalLink(href: string | null, base: string, ids: PaperIds): void {
  const abs = absoluteUrl(href, base);
  if (!abs) return;
  let u: URL;
  try {
    u = new URL(abs);
  } catch {
    return;
  }
  const host = u.hostname.toLowerCase();
  if ((host === 'arxiv.org' || host.endsWith('.arxiv.org')) && /^\/(?:abs|pdf)\//.test(u.pathname)) {
    const id = normalizeArxivId(u.pathname.replace(/^\/(?:abs|pdf)\//, ''));
    if (id) ids.arxiv ??= id;
  } else if (host === 'doi.org' || host === 'dx.doi.org') {
    const doi = normalizeDoi(abs);
    if (doi) ids.doi ??= doi;
  }
}

const BLOCK_TAGS = new Set([
  'p', 'div', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'blockquote', 'pre', 'table', 'tr', 'td', 'th',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article', 'hr',
]);


/** Text of a field value that may be rendered Markdown (paragraphs): block elements separated by a space. */
function blockText(root: Element): string {
  return readText(root, undefined, BLOCK_TAGS);
}

// ---------------------------------------------------------------------------------------------
// Traversal. Every subtree is visited with the iterative `walk` (never recursive DOM queries), so
// deeply nested junk cannot overflow the stack, and each row is visited once.

/** True when `el` or a descendant satisfies `test`. Iterative; stops descending once found. */
function hasDescendant(el: Element, test: (e: Element) => boolean): boolean {
  if (test(el)) return true;
  let found = false;
  walk(el, (node) => {
    if (found || node.nodeType !== ELEMENT_NODE) return false;
    if (test(node as Element)) {
      found = true;
      return false;
    }
    return true;
  });
  return found;
}

/** Subtrees that are never page entries: hidden duplicates (modals, asides) and inert content. */
function isHiddenDuplicate(el: Element): boolean {
  const tag = el.localName;
  if (tag === 'aside' || tag === 'script' || isInert(tag)) return true;
  const c = cls(el);
  return c !== null && hasClass(c, 'modal');
}

// ---------------------------------------------------------------------------------------------
// Authors: `div.note-authors` / `div.forum-authors h3` / `h3.signatures.author`.
//
// React (NoteAuthorsV2 + ExpandableList): `<span>` wrapping links / spans separated by ", ", then
// `a.show-all` "et al. (N additional authors not shown)" (or "(hide authors)" once expanded), then
// an optional private-label icon. Authors with institutions: `span.note-author-with-institutions >
// a + sup`, and a `div.note-authors-institutions` legend. Legacy (noteAuthors helper): links
// `a.profile-link` or bare names joined by ", ", `span.more-authors` "+ N more authors",
// `span.private-author-label`.

const TRUNCATION =
  /^(?:et\.?\s+al\b.*|\+\s*\d[\d,]*\s*(?:more\s+)?authors?\b.*|\d[\d,]*\s+more\s+authors?\b.*|.*additional authors? not shown.*|…|\.\.\.)$/i;
/** Signature-derived placeholders shown for anonymous submissions: not people. */
const NOT_A_PERSON = /^(?:anonymous(?:\s+authors?)?|.*\b(?:submission|paper)\s*\d+\s+authors?)$/i;

interface AuthorList {
  names: string[];
  truncated: boolean;
}

function addName(list: AuthorList, raw: string): void {
  const name = cleanText(raw).replace(/^and\s+/i, '').replace(/[,;]+$/, '').trim();
  if (!name) return;
  if (TRUNCATION.test(name)) {
    list.truncated = true;
    return;
  }
  if (NOT_A_PERSON.test(name)) return;
  list.names.push(name);
}

/** Bare text between names: ", "-separated names (legacy authors without ids), or a marker. */
function addNamesFromText(list: AuthorList, text: string): void {
  if (!text.trim()) return;
  for (const part of text.split(',')) addName(list, part);
}

function isAuthorJunk(el: Element): boolean {
  const tag = el.localName;
  if (tag === 'sup' || tag === 'img' || tag === 'svg' || tag === 'button' || tag === 'script' || isInert(tag)) return true;
  const c = cls(el);
  if (!c) return false;
  return (
    hasClass(c, 'glyphicon') ||
    hasClass(c, 'private-author-label') ||
    hasClass(c, 'private-contents-icon') ||
    hasClass(c, 'note-authors-institutions') ||
    hasClass(c, 'sr-only')
  );
}

function readAuthors(box: Element | null | undefined): AuthorList {
  const list: AuthorList = { names: [], truncated: false };
  if (!box) return list;
  walk(box, (node) => {
    const type = node.nodeType;
    if (type === TEXT_NODE || type === CDATA_SECTION_NODE) {
      addNamesFromText(list, (node as CharacterData).data);
      return false;
    }
    if (type !== ELEMENT_NODE) return false;
    const el = node as Element;
    if (isAuthorJunk(el)) return false;
    const c = cls(el);
    if (c && (hasClass(c, 'show-all') || hasClass(c, 'more-authors'))) {
      // "et al. (3 additional authors not shown)" / "+ 3 more authors"; "(hide authors)" once expanded.
      const label = cleanText(el.textContent);
      if (TRUNCATION.test(label) || /\d/.test(label)) list.truncated = true;
      return false;
    }
    if (el.localName === 'a') {
      const href = el.getAttribute('href');
      if (href && href.trimStart().toLowerCase().startsWith('javascript:')) return false;
      addName(list, readText(el, isAuthorJunk));
      return false;
    }
    if (c && hasClass(c, 'note-author-with-institutions')) {
      addName(list, readText(el, isAuthorJunk));
      return false;
    }
    if (el.childElementCount === 0) {
      // `<span>Name</span>`: an author without a profile id.
      addNamesFromText(list, el.textContent ?? '');
      return false;
    }
    return true;
  });
  return list;
}

// ---------------------------------------------------------------------------------------------
// Note content fields ("Abstract:", "TL;DR:", ...): `strong.note-content-field` + value element
// (`span.note-content-value`, or `div.note-content-value.markdown-rendered`).

function fieldValue(labels: readonly Element[], field: string): string | undefined {
  for (const label of labels) {
    const name = cleanText(label.textContent).replace(/\s*:$/, '').toLowerCase();
    if (name !== field) continue;
    let value = label.nextElementSibling;
    while (value && value.localName === 'br') value = value.nextElementSibling;
    if (!value) continue;
    const text = cleanText(blockText(value));
    if (text) return text;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Meta info line: date, venue, readers, reply count (list: `ul.note-meta-info > li`, legacy
// `div.note-meta-info > span.item`, forum `div.forum-meta > span.item`, legacy forum `div.meta_row`).

const REPLY_COUNT = /^\d[\d,]*\s+repl(?:y|ies)$/i;

interface MetaInfo {
  date?: string;
  venue?: string;
}

function isLink(el: Element): boolean {
  return el.localName === 'a' && el.hasAttribute('href');
}

function readMetaInfo(box: Element | null | undefined, venueIcon?: string): MetaInfo {
  const info: MetaInfo = {};
  if (!box) return info;
  const kids = box.children;
  let dateEl: Element | undefined;
  for (let i = 0; i < kids.length; i++) {
    if (hasClass(cls(kids[i]!), 'date')) {
      dateEl = kids[i];
      break;
    }
  }
  // React's `li` list has no class on the date: it is the first item.
  dateEl ??= kids[0];
  if (dateEl) {
    const date = cleanText(readText(dateEl));
    if (date) info.date = date;
  }
  if (venueIcon) {
    // Forum meta: the venue item carries the folder icon.
    for (let i = 0; i < kids.length; i++) {
      const kid = kids[i]!;
      if (hasDescendant(kid, (e) => hasClass(cls(e), venueIcon))) {
        const venue = cleanText(readText(kid));
        if (venue) {
          info.venue = venue;
          return info;
        }
      }
    }
  }
  for (let i = 0; i < kids.length; i++) {
    const kid = kids[i]!;
    if (kid === dateEl) continue;
    const c = cls(kid);
    if (c && (hasClass(c, 'readers') || hasClass(c, 'warning-conflict') || hasClass(c, 'note-actions') || hasClass(c, 'date'))) {
      continue;
    }
    if (kid.localName === 'button' || hasDescendant(kid, isLink)) continue; // Revisions, BibTeX, license
    const text = cleanText(readText(kid));
    if (!text || /^readers?\s*:/i.test(text) || REPLY_COUNT.test(text)) continue;
    info.venue = text;
    break;
  }
  return info;
}

// ---------------------------------------------------------------------------------------------
// Venue group pages.

/** The parts of one list note, found in one walk over it. */
interface RowParts {
  /** Links that are direct content of an `h4` (title first, then pdf/html icons). */
  headLinks: Element[];
  authors?: Element;
  meta?: Element;
  fields: Element[];
}

function inHeading(a: Element, row: Element): Element | undefined {
  for (let p = a.parentElement; p && p !== row; p = p.parentElement) {
    if (p.localName === 'h4') return p;
  }
  return undefined;
}

function rowParts(row: Element): RowParts {
  const parts: RowParts = { headLinks: [], fields: [] };
  walk(row, (node) => {
    if (node.nodeType !== ELEMENT_NODE) return false;
    const el = node as Element;
    if (isHiddenDuplicate(el)) return false;
    const c = cls(el);
    if (c) {
      if (hasClass(c, 'note')) return false; // a nested note is not part of this one
      if (hasClass(c, 'note-authors')) {
        parts.authors ??= el;
        return false;
      }
      if (hasClass(c, 'note-meta-info')) {
        parts.meta ??= el;
        return false;
      }
      if (hasClass(c, 'note-content-field')) {
        parts.fields.push(el);
        return false;
      }
    }
    if (el.localName === 'a') {
      if (inHeading(el, row)) parts.headLinks.push(el);
      return false;
    }
    return true;
  });
  return parts;
}

/** The entry of one list note, with the title link showing its title. */
function readNoteRow(row: Element, url: URL): { paper: DetectedPaper; title: Element } | undefined {
  const base = url.href;
  const parts = rowParts(row);
  // The title is the first plain link of the heading; a heading whose title link is not a
  // forum (or names a reply) is not a paper.
  let titleLink: Element | undefined;
  let pdf: Element | undefined;
  const html: Element[] = [];
  for (const a of parts.headLinks) {
    const c = cls(a);
    if (hasClass(c, 'pdf-link')) pdf ??= a;
    else if (hasClass(c, 'html-link')) html.push(a);
    else titleLink ??= a;
  }
  if (!titleLink) return undefined;
  const id = forumIdFromHref(titleLink.getAttribute('href'), base);
  if (!id) return undefined;
  const title = cleanText(readText(titleLink));
  if (!title) return undefined;
  const paper: DetectedPaper = { title, authors: [], ids: { openreview: id } };

  const pdfUrl = absoluteUrl(pdf?.getAttribute('href'), base);
  if (pdfUrl) paper.pdfUrl = pdfUrl;
  for (const a of html) idsFromExternalLink(a.getAttribute('href'), base, paper.ids);

  const authors = readAuthors(parts.authors);
  paper.authors = authors.names;
  if (authors.truncated && authors.names.length > 0) paper.authorsTruncated = true;

  const meta = readMetaInfo(parts.meta);
  if (meta.venue) paper.venue = meta.venue;
  // The venue's year ("ICLR 2021 Poster", group `ICLR.cc/2021/Conference`) over the date shown,
  // which for older venues is the submission's (September 2020 for ICLR 2021).
  const year = yearFrom(meta.venue) ?? yearFrom(url.searchParams.get('id')) ?? yearFrom(meta.date);
  if (year) paper.year = year;

  // "Show details": read when the content is in the DOM (legacy: always, hidden; React: once mounted).
  const abstract = fieldValue(parts.fields, 'abstract');
  if (abstract) paper.abstract = abstract;
  return { paper, title: titleLink };
}

/** List notes under `scope`: `.note` elements outside activity feeds and hidden duplicates. */
function findNotes(scope: Element): Element[] {
  const notes: Element[] = [];
  walk(scope, (node) => {
    if (node.nodeType !== ELEMENT_NODE) return false;
    const el = node as Element;
    if (isHiddenDuplicate(el)) return false;
    const c = cls(el);
    if (c) {
      if (hasClass(c, 'activity-list') || hasClass(c, 'note-activity')) return false;
      if (hasClass(c, 'note')) {
        notes.push(el);
        return false; // notes do not nest
      }
    }
    return true;
  });
  return notes;
}

function detectGroup(doc: Document, url: URL, known?: DetectOptions['known']): DetectedRow[] {
  const scope = doc.getElementById('content') ?? doc.body;
  if (!scope) return [];
  const rows: DetectedRow[] = [];
  for (const row of findNotes(scope)) {
    if (known?.(row)) continue; // read on an earlier pass
    try {
      const read = readNoteRow(row, url);
      if (read) rows.push({ paper: read.paper, element: row, title: read.title });
    } catch {
      // one broken row must not cost the others
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Forum pages.

/** `citation_*` meta tags of the head (server-rendered by `generateMetadata`). */
function readMeta(doc: Document): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const head = doc.head;
  if (!head) return out;
  const kids = head.children;
  for (let i = 0; i < kids.length; i++) {
    const m = kids[i]!;
    if (m.localName !== 'meta') continue;
    const name = m.getAttribute('name')?.trim().toLowerCase();
    if (!name || !name.startsWith('citation_')) continue;
    const value = cleanText(m.getAttribute('content'));
    if (!value) continue;
    const list = out.get(name);
    if (list) list.push(value);
    else out.set(name, [value]);
  }
  return out;
}

function isReplies(el: Element): boolean {
  if (el.id === 'forum-replies' || el.id === 'note_children') return true;
  return hasClass(cls(el), 'forum-replies-container');
}

/** The forum's own heading (`h2.citation_title`, legacy `h2.note_content_title`): never a reply's. */
function forumHeading(root: Element): Element | undefined {
  let found: Element | undefined;
  walk(root, (node) => {
    if (found || node.nodeType !== ELEMENT_NODE) return false;
    const el = node as Element;
    if (isHiddenDuplicate(el) || isReplies(el)) return false;
    if (el.localName === 'h2') {
      const c = cls(el);
      if (hasClass(c, 'citation_title') || hasClass(c, 'note_content_title')) found = el;
      return false;
    }
    return true;
  });
  return found;
}

/** The parts of the forum note, found in one walk over it (replies excluded). */
interface ForumParts {
  authors?: Element;
  meta?: Element;
  fields: Element[];
  pdfLinks: Element[];
  htmlLinks: Element[];
}

function forumParts(note: Element): ForumParts {
  const parts: ForumParts = { fields: [], pdfLinks: [], htmlLinks: [] };
  walk(note, (node) => {
    if (node.nodeType !== ELEMENT_NODE) return false;
    const el = node as Element;
    if (isHiddenDuplicate(el) || isReplies(el)) return false;
    const c = cls(el);
    const tag = el.localName;
    if (c) {
      if (hasClass(c, 'forum-authors') || (tag === 'h3' && (hasClass(c, 'signatures') || hasClass(c, 'author')))) {
        parts.authors ??= el;
        return false;
      }
      if (hasClass(c, 'forum-meta')) {
        parts.meta ??= el;
        return false;
      }
      if (hasClass(c, 'date') && el.parentElement && hasClass(cls(el.parentElement), 'meta_row')) {
        parts.meta ??= el.parentElement; // legacy forum: div.meta_row > span.date.item
        return false;
      }
      if (hasClass(c, 'note-content-field')) {
        parts.fields.push(el);
        return false;
      }
      if (hasClass(c, 'note')) return false; // a nested note (reply) is not the forum
    }
    if (tag === 'a') {
      const title = el.getAttribute('title');
      if (hasClass(c, 'citation_pdf_url') || title === 'Download PDF') parts.pdfLinks.push(el);
      else if (hasClass(c, 'html-link') || title === 'Open Website') parts.htmlLinks.push(el);
      return false;
    }
    return true;
  });
  return parts;
}

function detectForum(doc: Document, url: URL, known?: DetectOptions['known']): DetectedRow[] {
  const id = url.searchParams.get('id')?.trim();
  if (!id || !NOTE_ID.test(id)) return [];
  const base = url.href;

  const root = doc.getElementById('content') ?? doc.body;
  const heading = root ? forumHeading(root) : undefined;
  const note =
    heading?.closest('.forum-note') ??
    heading?.closest('.forum-container > .note') ??
    heading?.closest('.note') ??
    heading?.parentElement ??
    undefined;
  // The row element; when it was read on an earlier pass (replies loading), nothing is read.
  const element = note ?? heading ?? root ?? doc.documentElement;
  if (known?.(element)) return [];

  const meta = readMeta(doc);
  const first = (name: string) => meta.get(name)?.[0];

  const domTitle = heading ? cleanText(readText(heading, (el) => el.localName === 'a' || el.localName === 'img')) : '';
  const title = first('citation_title') ?? domTitle;
  if (!title) return [];
  const paper: DetectedPaper = { title, authors: [], ids: { openreview: id } };
  const parts: ForumParts = note ? forumParts(note) : { fields: [], pdfLinks: [], htmlLinks: [] };

  // Authors: every `citation_author` (the DOM list may be cut after 20 names).
  const metaAuthors = meta.get('citation_author') ?? [];
  if (metaAuthors.length > 0) {
    paper.authors = metaAuthors;
  } else {
    const authors = readAuthors(parts.authors);
    paper.authors = authors.names;
    if (authors.truncated && authors.names.length > 0) paper.authorsTruncated = true;
  }

  // PDF: the meta tag, else the title's PDF link (relative `/pdf?id=` or an external URL).
  let pdfUrl = absoluteUrl(first('citation_pdf_url'), base);
  for (const a of parts.pdfLinks) pdfUrl ??= absoluteUrl(a.getAttribute('href'), base);
  if (pdfUrl) paper.pdfUrl = pdfUrl;

  const doi = normalizeDoi(first('citation_doi'));
  if (doi) paper.ids.doi = doi;
  const arxiv = normalizeArxivId(first('citation_arxiv_id'));
  if (arxiv) paper.ids.arxiv = arxiv;
  for (const a of parts.htmlLinks) idsFromExternalLink(a.getAttribute('href'), base, paper.ids);

  const abstract = first('citation_abstract') ?? fieldValue(parts.fields, 'abstract');
  if (abstract) paper.abstract = abstract;

  const info = readMetaInfo(parts.meta, 'glyphicon-folder-open');
  const venue = info.venue ?? first('citation_conference_title') ?? first('citation_journal_title');
  if (venue) paper.venue = venue;
  // The venue's year first, as on list pages; then the dates, publication first.
  const year =
    yearFrom(venue) ??
    yearFrom(first('citation_publication_date')) ??
    yearFrom(first('citation_online_date')) ??
    yearFrom(first('citation_date')) ??
    yearFrom(info.date);
  if (year) paper.year = year;
  const row: DetectedRow = { paper, element };
  // The heading only when it shows the title: a title from the meta tags alone is not on the page.
  if (heading && domTitle) row.title = heading;
  return [row];
}

// ---------------------------------------------------------------------------------------------

export const openreview: SiteAdapter = {
  site: 'openreview',
  host: new RegExp(`^${HOSTNAME}$`),
  urls: [GROUP_URL, FORUM_URL],
  detect(doc: Document, url: URL, options?: DetectOptions): DetectedRow[] {
    try {
      if (FORUM_URL.test(url.href)) return detectForum(doc, url, options?.known);
      if (GROUP_URL.test(url.href)) return detectGroup(doc, url, options?.known);
    } catch {
      // never throw into the page
    }
    return [];
  },
};
