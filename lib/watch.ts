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
