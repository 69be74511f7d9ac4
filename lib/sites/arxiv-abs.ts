// arXiv abstract page: /abs/<id>[vN], including old-style ids with a slash (site-guide §3).
// The visible DOM (div#abs) is read first; the citation_* meta tags fill any gap.
import type { DetectedPaper, DetectedRow } from '../paper';
import { arxivIdYear, normalizeArxivId, normalizeDoi } from '../ids';
import { absoluteUrl, cleanText, firstLast, metaContent, yearFrom } from '../text';
import type { SiteAdapter } from './types';
import { readAuthorLinks, textNoLabel } from './arxiv-common';

const ABS_URL =
  /^https:\/\/(?:www\.|export\.)?arxiv\.org\/abs\/(?:\d{4}\.\d{4,5}|[A-Za-z][A-Za-z-]*(?:\.[A-Za-z]{2})?\/\d{7})(?:v\d+)?\/?(?:[?#].*)?$/;

/** The first journal DOI among candidates; the arXiv-issued DataCite DOI (10.48550) is not one. */
function journalDoi(candidates: Iterable<string | null | undefined>): string | undefined {
  for (const raw of candidates) {
    if (!raw) continue;
    // citation_doi may hold several DOIs separated by spaces.
    for (const part of raw.trim().split(/\s+/)) {
      const doi = normalizeDoi(part);
      if (doi && !doi.startsWith('10.48550/')) return doi;
    }
  }
  return undefined;
}

/** Toggle link of the long author list ("et al. (N additional authors not shown)") and its script. */
function isAuthorToggle(el: Element): boolean {
  return el.id === 'toggle' || (el.getAttribute('href') ?? '').trim().toLowerCase().startsWith('javascript:');
}

function detectAbs(doc: Document, url: URL): DetectedRow[] {
  const root = doc.getElementById('abs') ?? doc.querySelector('.leftcolumn') ?? doc.body;
  if (!root) return [];
  const base = url.href;
  const paper: DetectedPaper = { title: '', authors: [], ids: {} };

  const heading = root.querySelector('h1.title');
  const shown = textNoLabel(heading);
  paper.title = shown || cleanText(metaContent(doc, 'citation_title'));
  if (!paper.title) return [];

  const authorsEl = root.querySelector('div.authors');
  if (authorsEl) {
    // The hidden div#long-author-list is part of the DOM and is read like the visible list.
    const { names, etAl } = readAuthorLinks(authorsEl, isAuthorToggle);
    paper.authors = names;
    const toggle = authorsEl.querySelector('#toggle');
    if (etAl || (toggle && !authorsEl.querySelector('#long-author-list'))) paper.authorsTruncated = true;
  }
  if (paper.authors.length === 0) {
    paper.authors = Array.from(doc.querySelectorAll('meta[name="citation_author"]'), (m) =>
      firstLast(m.getAttribute('content') ?? ''),
    ).filter(Boolean);
  }

  const abstract = textNoLabel(root.querySelector('blockquote.abstract')) || cleanText(metaContent(doc, 'citation_abstract'));
  if (abstract) paper.abstract = abstract;

  const arxiv =
    normalizeArxivId(metaContent(doc, 'citation_arxiv_id')) ??
    normalizeArxivId(root.querySelector('td.arxivid a, span.arxivid a')?.textContent) ??
    normalizeArxivId(url.pathname.replace(/^\/abs\//, ''));
  if (arxiv) paper.ids.arxiv = arxiv;

  // Metadata table: rows are "label | value"; read the Journal reference and Related DOI rows.
  const doiCandidates: (string | null | undefined)[] = [];
  for (const row of root.querySelectorAll('div.metatable tr')) {
    const cells = row.querySelectorAll('td');
    const label = cleanText(cells[0]?.textContent).toLowerCase();
    const value = cells[1];
    if (!value) continue;
    if (label.startsWith('journal')) {
      const venue = cleanText(value.textContent);
      if (venue && !paper.venue) paper.venue = venue;
    } else if (value.classList.contains('doi') || /\bdoi\b/.test(label)) {
      for (const a of value.querySelectorAll('a')) doiCandidates.push(a.getAttribute('data-doi'), a.getAttribute('href'));
      doiCandidates.push(value.textContent);
    }
  }
  doiCandidates.push(metaContent(doc, 'citation_doi'));
  const doi = journalDoi(doiCandidates);
  if (doi) paper.ids.doi = doi;

  const pdf =
    absoluteUrl(metaContent(doc, 'citation_pdf_url'), base) ??
    absoluteUrl(doc.querySelector('a.download-pdf')?.getAttribute('href')?.trim(), base);
  if (pdf) paper.pdfUrl = pdf;

  // Year of the first version: the dateline ("Submitted on 2 Apr 2007 (v1), …"), else citation_date,
  // else the month encoded in the id.
  const year =
    yearFrom(root.querySelector('.dateline')?.textContent) ??
    yearFrom(metaContent(doc, 'citation_date')) ??
    arxivIdYear(arxiv);
  if (year) paper.year = year;

  if (!paper.ids.arxiv && paper.authors.length === 0) return [];
  // A title known only from the meta tags is not shown anywhere: no title element then.
  const row: DetectedRow = { paper, element: root };
  if (heading && shown) row.title = heading;
  return [row];
}

export const arxivAbs: SiteAdapter = {
  site: 'arxiv',
  host: /^(?:www\.|export\.)?arxiv\.org$/,
  urls: [ABS_URL],
  detect(doc: Document, url: URL): DetectedRow[] {
    try {
      return detectAbs(doc, url);
    } catch {
      return [];
    }
  },
};
