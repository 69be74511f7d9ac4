// PubMed (site-guide §13): search results (/?term=…) and article pages (/<PMID>/).
//
// Search entry: article.full-docsum > a.docsum-title (title with <b> highlights and the trailing
// "." PubMed adds) ; span.docsum-authors.full-authors ("Last Initials" list ending in ".";
// collective names after ";" or among the commas) next to a CSS-hidden short duplicate
// span.short-authors ("X, et al.") ; span.full-journal-citation ("Journal. 2011;2(4):303-5. doi: …")
// next to a short duplicate ; span.docsum-pmid ; a truncated snippet (never the abstract).
// With format=abstract each result is instead a full article view, read like an article page.
//
// Article page: #full-view-heading (h1.heading-title, .authors-list, .article-source .cit,
// ul#full-view-identifiers) and div.abstract-content.selected. The similar-articles and cited-by
// lists reuse the docsum markup and are never entries of an article page.
//
// Page text is data: everything is read with textContent / getAttribute.
import type { DetectedPaper, DetectedRow } from '../paper';
import { normalizeDoi } from '../ids';
import { yearFrom, cleanText, hasClass, metaContent, readText } from '../text';
import type { DetectOptions, SiteAdapter } from './types';

const HOSTNAME = String.raw`pubmed\.ncbi\.nlm\.nih\.gov`;
const HOST = `https://${HOSTNAME}`;
const SEARCH_URL = new RegExp(`^${HOST}/?\\?`);
const ARTICLE_URL = new RegExp(`^${HOST}/(\\d{1,9})/?(?:[?#].*)?$`);

function cls(el: Element): string | null {
  return el.getAttribute('class');
}

/** PubMed ends article titles with "."; a real "…", "?" or "!" ending is kept. */
function stripTitlePeriod(title: string): string {
  return /[^.]\.$/.test(title) ? title.slice(0, -1).trimEnd() : title;
}

function pmidOf(value: string | null | undefined): string | undefined {
  const m = /^\s*(\d{1,9})\s*$/.exec(value ?? '');
  return m?.[1];
}

function pmidFromHref(href: string | null | undefined): string | undefined {
  const m = /^(?:https?:\/\/pubmed\.ncbi\.nlm\.nih\.gov)?\/(\d{1,9})\/?(?:[?#]|$)/.exec((href ?? '').trim());
  return m?.[1];
}

// ---------------------------------------------------------------------------------------------
// Author lists.

/** Words that make a comma-separated piece the start of a collective (group) author. */
const GROUP_WORD =
  /\b(?:council|committee|association|group|consortium|collaborat\w*|society|network|investigators|team|study|organi[sz]ation|institute|working|task force|panel|board|initiative|programm?e?|alliance|federation|college|academy|foundation|cent(?:er|re)|department|registry|trialists|members|writing|authors|behalf)\b/i;

/** "Kirkpatrick J", "Al Dhubaib BE", "Andrews-Zwilling Y", "Smith JA Jr", "van der Berg A". */
const PERSON = /^[\p{L}\p{M}'’.\- ]{1,80}? \p{Lu}{1,4}(?: (?:Jr|Sr|2nd|3rd|4th|II|III|IV)\.?)?$/u;

function isPerson(piece: string): boolean {
  return PERSON.test(piece) && !GROUP_WORD.test(piece);
}

/**
 * "Sasson C, Meischke H, …, Rea TD; American Heart Association Council on …, Council on
 * Cardiopulmonary, Critical Care, Perioperative and Resuscitation, Council on Clinical Cardiology."
 * Persons are "Last Initials"; a collective name may itself contain commas: a piece that is not a
 * person and names no group continues the collective name before it.
 */
function splitPubmedAuthors(text: string): { names: string[]; truncated: boolean } {
  const names: string[] = [];
  let truncated = false;
  let t = cleanText(text).replace(/\.$/, '');
  if (/(?:^|[\s,])et al\.?$/i.test(t)) {
    truncated = true;
    t = t.replace(/,?\s*et al\.?$/i, '');
  }
  for (const group of t.split(';')) {
    let prevCollective = false;
    for (const raw of group.split(',')) {
      const piece = cleanText(raw).replace(/^and\s+/i, '');
      if (!piece || /^no authors? listed$/i.test(piece)) continue;
      if (/^(?:…|\.\.\.)$/.test(piece)) {
        truncated = true;
        continue;
      }
      if (isPerson(piece)) {
        names.push(piece);
        prevCollective = false;
      } else if (prevCollective && !GROUP_WORD.test(piece) && names.length > 0) {
        names[names.length - 1] += `, ${piece}`;
      } else {
        names.push(piece);
        prevCollective = true;
      }
    }
  }
  return { names, truncated };
}

// ---------------------------------------------------------------------------------------------
// Journal citation strings.

/** "Nurse Educ. 2010 Sep-Oct;35(5):205-207. doi: 10.1097/NNE.0b013e3181ed81e4. Epub …" */
function readCitation(text: string): { venue?: string; year?: number; doi?: string } {
  const t = cleanText(text);
  const out: { venue?: string; year?: number; doi?: string } = {};
  const m = /^(.*?)\.\s+((?:1[89]|20)\d\d)\b/.exec(t);
  if (m) {
    out.year = Number(m[2]);
    const venue = cleanText(m[1]);
    if (venue && venue.length <= 300) out.venue = venue;
  } else {
    const year = yearFrom(t);
    if (year) out.year = year;
  }
  const doi = /\bdoi:\s*(10\.\d{4,9}\/\S+)/i.exec(t);
  if (doi?.[1]) out.doi = normalizeDoi(doi[1]);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Search results (summary format).

const DOCSUM = 'article.full-docsum';

/** An entry read, with the element its title was read from. */
interface Read {
  paper: DetectedPaper;
  title: Element;
}

/** querySelector within one docsum, ignoring docsums nested in it (junk must not lend its fields). */
function own(article: Element, nested: boolean, selector: string): Element | null {
  if (!nested) return article.querySelector(selector);
  for (const el of article.querySelectorAll(selector)) if (el.closest(DOCSUM) === article) return el;
  return null;
}

function readDocsum(article: Element): Read | undefined {
  const nested = article.querySelector(DOCSUM) !== null;
  const q = (selector: string) => own(article, nested, selector);
  const link = q('a.docsum-title, .docsum-title');
  if (!link) return undefined;
  const title = stripTitlePeriod(cleanText(readText(link)));
  if (!title) return undefined;
  const paper: DetectedPaper = { title, authors: [], ids: {} };

  const pmid =
    pmidOf(q('.docsum-pmid')?.textContent) ??
    pmidOf(link.getAttribute('data-article-id')) ??
    pmidOf(q('input.search-result-selector')?.getAttribute('value')) ??
    pmidFromHref(link.getAttribute('href'));
  if (pmid) paper.ids.pmid = pmid;

  // The full list; the short one ("X, et al.") is a hidden duplicate, read only when alone.
  const full = q('.docsum-authors.full-authors');
  const short = full ? null : q('.docsum-authors.short-authors, .docsum-authors');
  const authorsEl = full ?? short;
  if (authorsEl) {
    const { names, truncated } = splitPubmedAuthors(readText(authorsEl));
    paper.authors = names;
    if (names.length > 0 && truncated) paper.authorsTruncated = true;
  }

  const cite =
    q('.docsum-journal-citation.full-journal-citation') ??
    q('.docsum-journal-citation');
  if (cite) {
    const { venue, year, doi } = readCitation(readText(cite));
    if (venue) paper.venue = venue;
    if (year) paper.year = year;
    if (doi) paper.ids.doi = doi;
  }
  return { paper, title: link };
}

// ---------------------------------------------------------------------------------------------
// Article view: the article page, and each result of the format=abstract search view.

function readIdentifiers(scope: Element, paper: DetectedPaper): void {
  for (const span of scope.querySelectorAll('.identifier')) {
    const c = cls(span);
    const value = span.querySelector('.current-id, a.id-link, a, strong');
    const text = cleanText(value?.textContent);
    if (hasClass(c, 'pubmed')) {
      const pmid = pmidOf(text);
      if (pmid) paper.ids.pmid ??= pmid;
    } else if (hasClass(c, 'pmc')) {
      const m = /^PMC(\d+)$/i.exec(text);
      if (m) paper.ids.pmcid ??= `PMC${m[1]}`;
    } else if (hasClass(c, 'doi')) {
      const doi = normalizeDoi(text) ?? normalizeDoi(value?.getAttribute('href'));
      if (doi) paper.ids.doi ??= doi;
    }
  }
}

/** Full names of the heading's author list ("James Kirkpatrick"); hidden items count too. */
function readHeadingAuthors(heading: Element): { names: string[]; truncated: boolean } {
  const names: string[] = [];
  const list = heading.querySelector('.authors-list') ?? heading.querySelector('.authors');
  if (!list) return { names, truncated: false };
  const items = list.querySelectorAll('.authors-list-item');
  for (const item of items) {
    const nameEl = item.querySelector('.full-name') ?? item.querySelector('a');
    const name = cleanText(nameEl ? readText(nameEl) : readText(item, (el) => el.localName === 'sup' || hasClass(cls(el), 'comma')));
    if (name) names.push(name.replace(/[,;]$/, ''));
  }
  const truncated = /\bet al\b/i.test(cleanText(list.textContent).slice(-12)) && names.length > 0;
  return { names, truncated };
}

function readAbstract(scope: Element): string | undefined {
  const box = scope.querySelector('.abstract-content.selected') ?? scope.querySelector('#eng-abstract') ?? scope.querySelector('.abstract-content');
  if (!box) return undefined;
  const paragraphs = box.querySelectorAll('p');
  const text = cleanText(
    paragraphs.length > 0 ? Array.from(paragraphs, (p) => readText(p)).join(' ') : readText(box),
  ).replace(/^Abstract\s*:?\s*/i, '');
  if (!text || /^no abstract available\.?$/i.test(text)) return undefined;
  return text;
}

/** One article view: `heading` is #full-view-heading (or its per-result variant), `scope` its article. */
function readArticleView(heading: Element, scope: Element, fallbackPmid?: string): Read | undefined {
  const h1 = heading.querySelector('.heading-title') ?? heading.querySelector('h1');
  if (!h1) return undefined;
  const titleLink = h1.querySelector('a[href]');
  const title = stripTitlePeriod(cleanText(readText(h1)));
  if (!title) return undefined;
  const paper: DetectedPaper = { title, authors: [], ids: {} };

  readIdentifiers(heading, paper);
  if (!paper.ids.pmid) {
    const pmid = pmidFromHref(titleLink?.getAttribute('href')) ?? fallbackPmid;
    if (pmid) paper.ids.pmid = pmid;
  }
  if (!paper.ids.doi) {
    const doi = /\bdoi:\s*(10\.\d{4,9}\/\S+)/i.exec(cleanText(heading.querySelector('.citation-doi')?.textContent));
    if (doi?.[1]) {
      const d = normalizeDoi(doi[1]);
      if (d) paper.ids.doi = d;
    }
  }

  const { names, truncated } = readHeadingAuthors(heading);
  paper.authors = names;
  if (truncated) paper.authorsTruncated = true;

  const abstract = readAbstract(scope);
  if (abstract) paper.abstract = abstract;

  const source = heading.querySelector('.article-source');
  const year = yearFrom(source?.querySelector('.cit')?.textContent) ?? yearFrom(source?.textContent);
  if (year) paper.year = year;
  const journal = source?.querySelector('.journal-actions-trigger, #full-view-journal-trigger, button') ?? null;
  const venue = cleanText(journal?.textContent);
  if (venue) paper.venue = venue;
  return { paper, title: h1 };
}

function detectArticle(doc: Document, url: URL): DetectedRow[] {
  const urlPmid = ARTICLE_URL.exec(url.href)?.[1];
  const heading =
    doc.getElementById('full-view-heading') ?? doc.querySelector('#article-details .heading, main .heading, header.heading');
  if (heading) {
    const scope = heading.closest('main, #article-details') ?? doc.body ?? heading;
    const read = readArticleView(heading, scope, urlPmid);
    if (read) {
      const { paper } = read;
      // The page is this PMID's; an identifier list naming another record is not trusted over the URL.
      if (urlPmid) paper.ids.pmid = urlPmid;
      fillFromMeta(doc, paper);
      return [{ paper, element: heading, title: read.title }];
    }
  }
  // No rendered heading: the citation_* meta tags alone, and no element showing the title.
  const title = stripTitlePeriod(metaContent(doc, 'citation_title') ?? '');
  if (!title || !urlPmid) return [];
  const paper: DetectedPaper = { title, authors: [], ids: { pmid: urlPmid } };
  fillFromMeta(doc, paper);
  const element = doc.querySelector('main') ?? doc.body ?? doc.documentElement;
  return [{ paper, element }];
}

function fillFromMeta(doc: Document, paper: DetectedPaper): void {
  if (paper.authors.length === 0) {
    const list = metaContent(doc, 'citation_authors');
    const names = list
      ? list.split(';').map((s) => cleanText(s)).filter(Boolean)
      : Array.from(doc.querySelectorAll('meta[name="citation_author"]'), (m) => cleanText(m.getAttribute('content'))).filter(Boolean);
    paper.authors = names;
  }
  if (!paper.ids.doi) {
    const doi = normalizeDoi(metaContent(doc, 'citation_doi'));
    if (doi) paper.ids.doi = doi;
  }
  if (!paper.year) {
    const year = yearFrom(metaContent(doc, 'citation_date') ?? metaContent(doc, 'citation_publication_date'));
    if (year) paper.year = year;
  }
  if (!paper.venue) {
    const venue = metaContent(doc, 'citation_journal_title') ?? metaContent(doc, 'citation_journal_abbrev');
    if (venue) paper.venue = venue;
  }
  if (!paper.abstract) {
    const abstract = metaContent(doc, 'citation_abstract');
    if (abstract && !/(?:…|\.\.\.)$/.test(abstract)) paper.abstract = abstract;
  }
}

function detectSearch(doc: Document, known?: DetectOptions['known']): DetectedRow[] {
  const rows: DetectedRow[] = [];
  const scope = doc.getElementById('search-results') ?? doc.querySelector('.search-results') ?? doc.body;
  if (!scope) return rows;
  const docsums = scope.querySelectorAll(DOCSUM);
  for (const article of docsums) {
    if (known?.(article)) continue; // read on an earlier pass ("Show more" appends pages)
    if (article.parentElement?.closest(DOCSUM)) continue;
    try {
      const read = readDocsum(article);
      if (read) rows.push({ paper: read.paper, element: article, title: read.title });
    } catch {
      // one broken row must not cost the others
    }
  }
  if (docsums.length > 0) return rows;
  // format=abstract: one full article view per result (ids "search-result-1-N-full-view-heading").
  const seen = new Set<Element>();
  for (const heading of scope.querySelectorAll('[id$="-full-view-heading"], .results-article .heading')) {
    try {
      const article = heading.closest('.results-article, article') ?? heading.parentElement ?? heading;
      if (seen.has(article)) continue;
      seen.add(article);
      if (known?.(article)) continue;
      const read = readArticleView(heading, article);
      if (read) rows.push({ paper: read.paper, element: article, title: read.title });
    } catch {
      // skip the broken result
    }
  }
  return rows;
}

export const pubmed: SiteAdapter = {
  site: 'pubmed',
  host: new RegExp(`^${HOSTNAME}$`),
  urls: [SEARCH_URL, ARTICLE_URL],
  detect(doc: Document, url: URL, options?: DetectOptions): DetectedRow[] {
    try {
      // An article page is one entry; `known` gains nothing there (the registry drops its element).
      if (ARTICLE_URL.test(url.href)) return detectArticle(doc, url);
      if (SEARCH_URL.test(url.href)) return detectSearch(doc, options?.known);
    } catch {
      // never throw into the page
    }
    return [];
  },
};
