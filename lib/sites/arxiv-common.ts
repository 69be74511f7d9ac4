// Helpers shared by the arXiv adapters (listing, search, abs): descriptor labels and author links.
import { cleanText, hasClass, isInert, readText, walk, ELEMENT_NODE, TEXT_NODE, CDATA_SECTION_NODE } from '../text';

/** `span.descriptor` labels ("Title:", "Authors:", "Abstract:"), used on listing and abs pages. */
export function isDescriptor(el: Element): boolean {
  return el.localName === 'span' && hasClass(el.getAttribute('class'), 'descriptor');
}

/** Cleaned text of `el` without its descriptor label. */
export function textNoLabel(el: Element | null | undefined): string {
  if (!el) return '';
  // Fast path for the template's `<span class=descriptor>Title:</span> text`.
  const first = el.firstElementChild;
  if (first && el.childElementCount === 1 && isDescriptor(first)) {
    let out = '';
    const nodes = el.childNodes;
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i]!;
      if (n.nodeType === TEXT_NODE || n.nodeType === CDATA_SECTION_NODE) out += (n as CharacterData).data;
    }
    return cleanText(out);
  }
  return cleanText(readText(el, isDescriptor));
}

const ET_AL = /\bet\.?\s*al\b/i;

/** True when a bare text fragment of an author list says the list is cut ("et al", "et al."). */
export function saysEtAl(text: string): boolean {
  return ET_AL.test(text);
}

/**
 * Author names from the author links under `container`, in order, plus whether plain text
 * between them says "et al". Affiliations "(CERN-TH)", separators and collaboration colons are
 * bare text and are ignored; the collaboration itself is a link and is kept, as the site shows it.
 * `skip` prunes subtrees (e.g. toggles); links whose text is urlized ("this https URL") are not names.
 */
export function readAuthorLinks(
  container: Element,
  skip?: (el: Element) => boolean,
): { names: string[]; etAl: boolean } {
  const names: string[] = [];
  let etAl = false;
  walk(container, (node) => {
    if (node.nodeType === TEXT_NODE) {
      const data = (node as Text).data;
      if (data.length > 4 && saysEtAl(data)) etAl = true;
      return false;
    }
    if (node.nodeType !== ELEMENT_NODE) return false;
    const el = node as Element;
    const tag = el.localName;
    if (tag === 'a') {
      if (skip?.(el)) return false;
      const href = el.getAttribute('href');
      if (href && href.trimStart().toLowerCase().startsWith('javascript:')) return false;
      const name = cleanText(readText(el));
      if (name && !name.startsWith('this http')) names.push(name);
      return false;
    }
    return tag !== 'script' && !isInert(tag) && !isDescriptor(el) && !skip?.(el);
  });
  return { names, etAl };
}
