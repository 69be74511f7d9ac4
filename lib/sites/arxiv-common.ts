// Helpers shared by the arXiv adapters (listing, search, abs): descriptor labels and author links.
import { cleanText, readText, hasClass, isInert, TEXT_NODE, ELEMENT_NODE, CDATA_SECTION_NODE, type Frame } from '../text';

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
  const stack: Frame[] = [];
  let list = container.childNodes;
  let i = 0;
  for (;;) {
    if (i >= list.length) {
      const top = stack.pop();
      if (!top) break;
      [list, i] = top;
      continue;
    }
    const node = list[i++]!;
    const type = node.nodeType;
    if (type === TEXT_NODE) {
      const data = (node as Text).data;
      if (data.length > 4 && saysEtAl(data)) etAl = true;
    } else if (type === ELEMENT_NODE) {
      const el = node as Element;
      const tag = el.localName;
      if (tag === 'a') {
        if (skip?.(el)) continue;
        const href = el.getAttribute('href');
        if (href && href.trimStart().toLowerCase().startsWith('javascript:')) continue;
        const name = cleanText(readText(el));
        if (name && !name.startsWith('this http')) names.push(name);
      } else if (tag !== 'script' && !isInert(tag) && !isDescriptor(el) && !skip?.(el)) {
        stack.push([list, i]);
        list = el.childNodes;
        i = 0;
      }
    }
  }
  return { names, etAl };
}
