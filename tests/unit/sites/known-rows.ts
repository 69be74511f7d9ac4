// Shared helpers for the "re-detection with known rows" tests of the site adapters: rows known from
// an earlier pass must be skipped before any of their text is read.
import { expect, vi } from 'vitest';
import { detectRows } from '../../../lib/sites';
import type { DetectedRow } from '../../../lib/paper';
import type { SiteAdapter } from '../../../lib/sites/types';
import { loadFixture, parseHtml } from '../fixtures';

/** A `known` predicate that is true for exactly the given row elements. */
export function knownRows(rows: Iterable<Element>): (row: Element) => boolean {
  const set = new Set(rows);
  return (row) => set.has(row);
}

/** A first detection pass over `doc`: its rows, and a `known` predicate for their elements. */
export function firstPass(doc: Document, url: string): { rows: DetectedRow[]; known: (row: Element) => boolean } {
  const rows = detectRows(doc, url)!.rows;
  return { rows, known: knownRows(rows.map((r) => r.element)) };
}

export interface GrownPage {
  doc: Document;
  /** The row elements of the first pass. */
  first: Element[];
  /** True for the rows of the first pass. */
  known: (row: Element) => boolean;
}

/**
 * Reads `doc` once (expecting `count` rows), then lets `grow` add entries to it (the "load more"
 * case). Returns the page, the first pass's row elements and a `known` predicate for them.
 */
export function grownPage(doc: Document, url: string, count: number, grow: (doc: Document, first: Element[]) => void): GrownPage {
  const first = detectRows(doc, url)!.rows.map((r) => r.element);
  expect(first).toHaveLength(count);
  grow(doc, first);
  return { doc, first, known: knownRows(first) };
}

/**
 * Makes every text of `roots` unreadable: each read of a text property (of the roots, their
 * elements and their text nodes) is recorded in `reads` and returns a decoy that would change the
 * entry. Attributes stay readable (enumerating rows by class or href is allowed).
 */
export function poisonText(roots: Element[], reads: string[]): void {
  const decoy = (prop: string): PropertyDescriptor => ({
    configurable: true,
    get() {
      reads.push(prop);
      return 'POISONED <b>decoy</b>';
    },
  });
  for (const root of roots) {
    const stack: Node[] = [root];
    while (stack.length > 0) {
      const node = stack.pop()!;
      for (const child of node.childNodes) stack.push(child);
      const props = node.nodeType === 1 ? ['textContent', 'innerText', 'innerHTML', 'outerHTML'] : ['data', 'nodeValue', 'textContent', 'wholeText'];
      for (const prop of props) Object.defineProperty(node, prop, decoy(prop));
    }
  }
}

export interface Reads<T> {
  result: T;
  /** Nodes whose text was read (textContent, or the data of a text node). */
  text: Node[];
  /** Elements whose attributes were read with getAttribute, and the attribute names. */
  attrs: Node[];
  attrNames: string[];
}

export interface RecordOptions {
  /** Also spy on the textContent getter of text nodes (CharacterData); default true. */
  textNodeContent?: boolean;
  /** Also spy on getAttribute; default true. */
  attributes?: boolean;
}

/** Runs `fn`, recording which nodes had their text or attributes read. */
export function recordReads<T>(fn: () => T, opts: RecordOptions = {}): Reads<T> {
  const { textNodeContent = true, attributes = true } = opts;
  const text = [
    vi.spyOn(Element.prototype, 'textContent', 'get'),
    ...(textNodeContent ? [vi.spyOn(CharacterData.prototype, 'textContent', 'get')] : []),
    vi.spyOn(CharacterData.prototype, 'data', 'get'),
    vi.spyOn(Text.prototype, 'data', 'get'),
  ];
  const attrs = attributes ? vi.spyOn(Element.prototype, 'getAttribute') : undefined;
  try {
    const result = fn();
    return {
      result,
      text: text.flatMap((s) => s.mock.contexts as Node[]),
      attrs: (attrs?.mock.contexts ?? []) as Node[],
      attrNames: attrs?.mock.calls.map((c) => c[0]) ?? [],
    };
  } finally {
    for (const s of text) s.mockRestore();
    attrs?.mockRestore();
  }
}

/** Runs `fn`; returns its result and every node whose text was read meanwhile (textContent / data). */
export function readsDuring<T>(fn: () => T): { result: T; read: Node[] } {
  const { result, text } = recordReads(fn, { textNodeContent: false, attributes: false });
  return { result, read: text };
}

/** The nodes of `read` that sit inside one of `rows` (or are one of them). */
export const readInside = (read: Node[], rows: Iterable<Element>): Node[] => {
  const list = [...rows];
  return read.filter((n) => list.some((r) => r.contains(n)));
};

/** Attributes that say where things are, not what they say. */
const STRUCTURE = new Set(['class', 'id']);

/**
 * Reads that touched a known row: its text, or an attribute of anything inside it. With
 * `structure: true`, class names and ids inside it may be read (to find a page's heading).
 */
export function readsInside(reads: Reads<unknown>, rows: Iterable<Element>, opts: { structure?: boolean } = {}): Node[] {
  const set = new Set<Node>(rows);
  const inside = (n: Node, self: boolean): boolean => {
    for (let p = self ? n : n.parentNode; p; p = p.parentNode) if (set.has(p)) return true;
    return false;
  };
  return [
    ...reads.text.filter((n) => inside(n, true)),
    ...reads.attrs.filter((n, i) => !(opts.structure && STRUCTURE.has(reads.attrNames[i]!)) && inside(n, false)),
  ];
}

/**
 * A fixture read twice: a first pass, then a pass where every row of the first is known, through
 * the registry and through `adapter` itself. The second pass's reads are recorded.
 */
export function knownFixturePass(site: string, name: string, adapter: SiteAdapter) {
  const { html, expected } = loadFixture(site, name);
  const doc = parseHtml(html);
  const first = detectRows(doc, expected.url)!.rows;
  expect(first.length, name).toBeGreaterThan(0);
  const seen = new Set(first.map((r) => r.element));
  const known = knownRows(seen);
  const reads = recordReads(() => ({
    rows: detectRows(doc, expected.url, { known })!.rows,
    raw: adapter.detect(doc, new URL(expected.url), { known }),
  }));
  expect(reads.result.rows, name).toEqual([]);
  expect(reads.result.raw, name).toEqual([]);
  return { doc, expected, seen, reads };
}
