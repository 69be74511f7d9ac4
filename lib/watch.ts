// Which page changes call for a new detection pass: additions inside (or around) the listing.

/** The deepest element containing both `a` and `b` (null when they are in different documents). */
export function commonAncestor(a: Element, b: Element): Element | null {
  if (a.contains(b)) return a;
  let node: Element | null = b;
  while (node && !node.contains(a)) node = node.parentElement;
  return node;
}

/** Sift's own elements (e.g. future in-page badges) are not page changes. */
function isOurs(el: Element): boolean {
  return el.localName.startsWith('sift-');
}

/**
 * True when the mutations may have added entries: an element was added inside the listing
 * container, around it, or anywhere while no listing is known yet (or the old one left the page).
 */
export function addsEntries(records: readonly MutationRecord[], container: Element | null): boolean {
  const anywhere = !container || !container.isConnected;
  for (const record of records) {
    for (const node of record.addedNodes) {
      if (node.nodeType !== 1 || isOurs(node as Element)) continue;
      if (anywhere || container!.contains(node) || node.contains(container)) return true;
    }
  }
  return false;
}

/**
 * True when `next` is another page than `current`, not the same one at another fragment: in-page
 * links (arXiv's "Cross-lists", "Skip to main content") change only the hash, and must not start
 * the page over. A hash route (`#/…`, `#!…`) of a single-page app is a page of its own.
 */
export function isNewPage(current: string, next: string): boolean {
  const split = (url: string) => {
    const i = url.indexOf('#');
    return i < 0 ? { page: url, hash: '' } : { page: url.slice(0, i), hash: url.slice(i) };
  };
  const a = split(current);
  const b = split(next);
  if (a.page !== b.page) return true;
  const route = (hash: string) => (/^#!?\//.test(hash) || hash.startsWith('#!') ? hash : '');
  return route(a.hash) !== route(b.hash);
}
