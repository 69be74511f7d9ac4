// arXiv search results: /search/?query=…, /search/advanced?…, /search/<archive>?searchtype=author…
// (site-guide §2). One `li.arxiv-result` per entry.
import type { DetectedPaper, DetectedRow } from '../paper';
import { arxivIdYear, normalizeArxivId, normalizeDoi } from '../ids';
import { absoluteUrl, cleanText, readText } from '../text';
import type { DetectOptions, SiteAdapter } from './types';
import { readAuthorLinks } from './arxiv-common';

const SEARCH_URL = /^https:\/\/(?:www\.)?arxiv\.org\/search(?:\/(?:advanced|[A-Za-z][\w.-]*)?)?\/?(?:[?#].*)?$/;

/** "▽ More" / "△ Less" toggles inside the abstract spans. */
function isToggle(el: Element): boolean {
  if (el.localName !== 'a') return false;
  const t = (el.textContent ?? '').trim();
  return t.startsWith('▽') || t.startsWith('△') || /^(more|less)$/i.test(t);
}

/** Labels such as "Authors:" in p.authors (they may carry the search-hit class when matched). */
function isLabelSpan(el: Element): boolean {
  return el.localName === 'span' && /^\s*authors\s*:?\s*$/i.test(el.textContent ?? '');
}

function firstChildWithClass(parent: Element, cls: string): Element | null {
  for (let c = parent.firstElementChild; c; c = c.nextElementSibling) if (c.classList.contains(cls)) return c;
  return null;
}

function readHeader(li: Element, base: string, paper: DetectedPaper): void {
  const head = li.querySelector('p.list-title') ?? li;
  for (const a of head.querySelectorAll('a')) {
    const href = a.getAttribute('href') ?? '';
    if (!paper.ids.arxiv && /\/abs\//.test(href)) {
      const id = normalizeArxivId(a.textContent) ?? normalizeArxivId(href);
      if (id) paper.ids.arxiv = id;
    } else if (!paper.pdfUrl && /\/pdf\//.test(href)) {
      const pdf = absoluteUrl(href.trim(), base);
      if (pdf) paper.pdfUrl = pdf;
    }
  }
  // Journal DOIs: "doi" tag + link to doi.org, one block per DOI. The arXiv DOI is not a journal DOI.
  for (const a of li.querySelectorAll('.tags a[href*="doi.org/"]')) {
    const doi = normalizeDoi(a.getAttribute('href')) ?? normalizeDoi(a.textContent);
    if (doi && !doi.startsWith('10.48550/')) {
      paper.ids.doi = doi;
      break;
    }
  }
}

function readAbstract(block: Element): string | undefined {
  const full = block.querySelector('.abstract-full');
  if (full) return cleanText(readText(full, isToggle)) || undefined;
  // Without the full span, the short one is only complete when it offers no "▽ More".
  const short = block.querySelector('.abstract-short');
  if (short && !Array.from(short.querySelectorAll('a')).some(isToggle)) {
    return cleanText(readText(short, isToggle)) || undefined;
  }
  return undefined;
}

/** Year of the first version: "v1 submitted 2 April, 2007", else "Submitted …" (v1 only), else "originally announced". */
function yearFromDates(text: string): number | undefined {
  const m =
    /\bv1\s+submitted\s+[^;]*?\b(1[89]\d\d|20\d\d)\b/i.exec(text) ??
    /\bsubmitted\s+[^;]*?\b(1[89]\d\d|20\d\d)\b/i.exec(text) ??
    /\boriginally\s+announced\s+[^;.]*?\b(1[89]\d\d|20\d\d)\b/i.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** The entry of one result, with the `p.title` showing its title. */
function readResult(li: Element, base: string): { paper: DetectedPaper; title: Element } | undefined {
  const paper: DetectedPaper = { title: '', authors: [], ids: {} };
  readHeader(li, base, paper);

  const titleEl = firstChildWithClass(li, 'title') ?? li.querySelector('p.title');
  if (!titleEl) return undefined;
  paper.title = cleanText(readText(titleEl));
  if (!paper.title) return undefined;

  const authorsEl = firstChildWithClass(li, 'authors') ?? li.querySelector('p.authors');
  if (authorsEl) {
    const { names, etAl } = readAuthorLinks(authorsEl, isLabelSpan);
    paper.authors = names;
    if (etAl) paper.authorsTruncated = true;
  }

  const abstractEl = firstChildWithClass(li, 'abstract') ?? li.querySelector('p.abstract');
  if (abstractEl) {
    const abstract = readAbstract(abstractEl);
    if (abstract) paper.abstract = abstract;
  }

  for (let c = li.firstElementChild; c; c = c.nextElementSibling) {
    if (c.localName !== 'p') continue;
    const cl = c.classList;
    const text = cleanText(c.textContent);
    if (cl.contains('comments')) {
      const m = /^journal\s+ref\s*:\s*(.+)$/i.exec(text);
      if (m?.[1] && !paper.venue) paper.venue = m[1];
    } else if (cl.contains('is-size-7') && paper.year === undefined && /submitted|announced/i.test(text)) {
      const year = yearFromDates(text);
      if (year) paper.year = year;
    }
  }
  paper.year ??= arxivIdYear(paper.ids.arxiv);
  if (paper.year === undefined) delete paper.year;

  if (!paper.ids.arxiv && paper.authors.length === 0) return undefined;
  return { paper, title: titleEl };
}

export const arxivSearch: SiteAdapter = {
  site: 'arxiv',
  host: /^(?:www\.)?arxiv\.org$/,
  urls: [SEARCH_URL],
  detect(doc: Document, url: URL, options?: DetectOptions): DetectedRow[] {
    const rows: DetectedRow[] = [];
    const base = url.href;
    const known = options?.known;
    for (const li of doc.querySelectorAll('li.arxiv-result')) {
      if (known?.(li)) continue; // read on an earlier pass
      try {
        const read = readResult(li, base);
        if (read) rows.push({ paper: read.paper, element: li, title: read.title });
      } catch {
        // skip the broken row
      }
    }
    return rows;
  },
};
