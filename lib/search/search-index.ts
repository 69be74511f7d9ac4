// The library's search index: an inverted index over title, authors, tags, identifiers, venue,
// note and abstract, held in memory (in a worker, so typing never waits for it).
//
// - Each posting packs a document number and the fields the word occurs in (7 bits): one small
//   integer per (word, paper), about 6 million for 50,000 papers.
// - Words are found exactly, by prefix (the word being typed, and any word of 3+ letters) and, for
//   words of 5+ letters that match nothing, within one typo.
// - Every query word must match (AND); the rarest word is looked up first, and when few papers are
//   left the others are checked against those papers' own word lists instead of long postings.
// - Pasting an identifier (arXiv id or URL, DOI or doi.org URL, OpenReview URL) finds that paper.
import type { PaperIds } from '../paper';
import { normalizeArxivId, normalizeDoi } from '../ids';
import { tokenize } from './tokenize';

export interface SearchDoc {
  id: string;
  title: string;
  authors: readonly string[];
  tags: readonly string[];
  ids: PaperIds;
  venue?: string;
  note?: string;
  abstract?: string;
  /** Newer papers rank first among equals. */
  lastSeenAt?: number;
}

export interface SearchHit {
  id: string;
  score: number;
}

export const FIELDS = { title: 1, authors: 2, tags: 4, ids: 8, venue: 16, note: 32, abstract: 64 } as const;
type Field = keyof typeof FIELDS;
const FIELD_BITS = 7;
const FIELD_MASK = (1 << FIELD_BITS) - 1;
/** The weight of a match in the best field it occurs in. */
const WEIGHT: Record<Field, number> = { title: 10, ids: 10, authors: 6, tags: 6, venue: 3, note: 3, abstract: 1 };
const BEST_WEIGHT = new Float32Array(1 << FIELD_BITS);
for (let mask = 1; mask < BEST_WEIGHT.length; mask++) {
  let best = 0;
  for (const [field, bit] of Object.entries(FIELDS)) if (mask & bit) best = Math.max(best, WEIGHT[field as Field]);
  BEST_WEIGHT[mask] = best;
}
/** Packing for ranking: scores kept to 1/100,000 (below 5,000), document numbers below 2^24 (a number is used once per add). */
const SCORE_SCALE = 100_000;
const DOC_SPACE = 2 ** 24;
const PREFIX_FACTOR = 0.7;
const TYPO_FACTOR = 0.5;
/** Prefixes matching more words than this are cut to the most used ones… */
const MAX_EXPANSION = 2_000;
/** …and to about this many postings in all (a few times the library's size). */
const PREFIX_BUDGET = 150_000;
/** New words wait in a small unsorted list; past this size they are merged into the sorted one. */
const MAX_TAIL = 2_000;

interface Expansion {
  /** term id → factor (1 exact, less for a prefix or typo match). */
  terms: Map<number, number>;
  cost: number;
}

export class SearchIndex {
  private termIdOf = new Map<string, number>();
  private terms: string[] = [];
  /** Postings per term: (doc << FIELD_BITS) | fields. */
  private postings: number[][] = [];
  /** Per document: its words' postings entries, (term << FIELD_BITS) | fields. */
  private forward: (Int32Array | undefined)[] = [];
  private docIds: string[] = [];
  private recency: number[] = [];
  private docOf = new Map<string, number>();
  private idKeys = new Map<string, number>();
  private sorted: string[] = [];
  private tail: string[] = [];
  private dead = 0;

  get size(): number {
    return this.docOf.size;
  }

  /** Add or replace a paper. */
  add(doc: SearchDoc): void {
    if (this.docOf.has(doc.id)) this.remove(doc.id);
    const n = this.docIds.length;
    if (n >= DOC_SPACE) throw new Error('search index full: rebuild it');
    this.docIds.push(doc.id);
    this.recency.push(doc.lastSeenAt ?? 0);
    this.docOf.set(doc.id, n);

    const fieldsOf = new Map<string, number>();
    const read = (text: string | undefined, bit: number) => {
      if (!text) return;
      for (const w of tokenize(text)) fieldsOf.set(w, (fieldsOf.get(w) ?? 0) | bit);
    };
    read(doc.title, FIELDS.title);
    for (const a of doc.authors) read(a, FIELDS.authors);
    for (const t of doc.tags) read(t, FIELDS.tags);
    read(doc.venue, FIELDS.venue);
    read(doc.note, FIELDS.note);
    read(doc.abstract, FIELDS.abstract);
    for (const [kind, value] of Object.entries(doc.ids)) {
      if (!value) continue;
      read(value, FIELDS.ids);
      this.idKeys.set(`${kind}:${value.toLowerCase()}`, n);
    }

    const fwd = new Int32Array(fieldsOf.size);
    let i = 0;
    for (const [word, fields] of fieldsOf) {
      let t = this.termIdOf.get(word);
      if (t === undefined) {
        t = this.terms.length;
        this.termIdOf.set(word, t);
        this.terms.push(word);
        this.postings.push([]);
        this.tail.push(word);
      }
      this.postings[t]!.push((n << FIELD_BITS) | fields);
      fwd[i++] = (t << FIELD_BITS) | fields;
    }
    this.forward.push(fwd);
    if (this.tail.length > MAX_TAIL) this.mergeTail();
  }

  /** Forget a paper. Its postings are dropped lazily (see compact). */
  remove(id: string): void {
    const n = this.docOf.get(id);
    if (n === undefined) return;
    this.docOf.delete(id);
    this.forward[n] = undefined;
    this.dead++;
    for (const [key, doc] of this.idKeys) if (doc === n) this.idKeys.delete(key);
    if (this.dead > 1_000 && this.dead > this.docIds.length / 4) this.compact();
  }

  /** Papers matching every word of `query`, best first, with their scores. */
  search(query: string, limit = 500): SearchHit[] {
    const { direct, packed } = this.rank(query);
    const hits: SearchHit[] = [];
    if (direct !== undefined) hits.push({ id: this.docIds[direct]!, score: 100 });
    for (let i = 0; i < packed.length && hits.length < limit; i++) {
      const key = -packed[i]!;
      const d = DOC_SPACE - 1 - (key % DOC_SPACE);
      if (d !== direct) hits.push({ id: this.docIds[d]!, score: Math.floor(key / DOC_SPACE) / SCORE_SCALE });
    }
    return hits;
  }

  /** The ids of every paper matching `query`, best first (what a list needs, without score objects). */
  rankedIds(query: string): string[] {
    const { direct, packed } = this.rank(query);
    const ids: string[] = [];
    if (direct !== undefined) ids.push(this.docIds[direct]!);
    for (let i = 0; i < packed.length; i++) {
      const d = DOC_SPACE - 1 - (-packed[i]! % DOC_SPACE);
      if (d !== direct) ids.push(this.docIds[d]!);
    }
    return ids;
  }

  /**
   * The matches of `query` as packed keys, best first: score and document number in one number, so a
   * plain numeric sort ranks them (much faster than sorting objects when tens of thousands match).
   * `direct` is a paper whose identifier the query is.
   */
  private rank(query: string): { direct?: number; packed: Float64Array } {
    const direct = this.byIdentifier(query);
    const none = { direct, packed: new Float64Array(0) };
    const words = [...new Set(tokenize(query))];
    // A last word of one letter is a word being started: wait for its second letter.
    if (words.length > 1 && words[words.length - 1]!.length === 1) words.pop();
    if (words.length === 0) return none;
    const expansions = words.map((w, i) => this.expand(w, i === words.length - 1));
    if (expansions.some((e) => e.terms.size === 0)) return none;
    expansions.sort((a, b) => a.cost - b.cost);

    this.ensureScratch();
    // The rarest word picks the candidates; each further word keeps those it also matches.
    let candidates = this.scan(expansions[0]!, false);
    for (const d of candidates) this.total[d] = this.best[d]!;
    for (const e of expansions.slice(1)) {
      if (candidates.length === 0) break;
      this.markCandidates(candidates);
      candidates = candidates.length * 64 < e.cost ? this.check(e, candidates) : this.scan(e, true);
      for (const d of candidates) this.total[d] = this.total[d]! + this.best[d]!;
    }

    let newest = -Infinity;
    let oldest = Infinity;
    for (const d of candidates) {
      newest = Math.max(newest, this.recency[d]!);
      oldest = Math.min(oldest, this.recency[d]!);
    }
    const span = newest > oldest ? newest - oldest : 1;
    // Among equal matches, the paper seen most recently first (adds less than any field weight).
    const packed = new Float64Array(candidates.length);
    for (let i = 0; i < candidates.length; i++) {
      const d = candidates[i]!;
      const score = this.total[d]! + 0.5 * ((this.recency[d]! - oldest) / span);
      packed[i] = -Math.round(score * SCORE_SCALE) * DOC_SPACE - (DOC_SPACE - 1 - d);
    }
    packed.sort();
    return { direct, packed };
  }

  // Scratch arrays, one slot per document number, reused by every query (marks avoid clearing).
  private best = new Float32Array(0);
  private total = new Float32Array(0);
  private seen = new Int32Array(0);
  private inSet = new Int32Array(0);
  private round = 0;
  private setRound = 0;

  private ensureScratch(): void {
    const n = this.docIds.length;
    if (this.best.length >= n) return;
    const size = Math.max(n, this.best.length * 2, 1024);
    this.best = new Float32Array(size);
    this.total = new Float32Array(size);
    this.seen = new Int32Array(size);
    this.inSet = new Int32Array(size);
  }

  private markCandidates(candidates: readonly number[]): void {
    this.setRound++;
    for (const d of candidates) this.inSet[d] = this.setRound;
  }

  /** Documents matching one word (only current candidates when `onlyCandidates`), each with its best weight in `best`. */
  private scan(e: Expansion, onlyCandidates: boolean): number[] {
    const round = ++this.round;
    const out: number[] = [];
    for (const [t, factor] of e.terms) {
      const list = this.postings[t]!;
      for (let i = 0; i < list.length; i++) {
        const p = list[i]!;
        const d = p >>> FIELD_BITS;
        if (onlyCandidates ? this.inSet[d] !== this.setRound : this.forward[d] === undefined) continue;
        const s = BEST_WEIGHT[p & FIELD_MASK]! * factor;
        if (this.seen[d] !== round) {
          this.seen[d] = round;
          this.best[d] = s;
          out.push(d);
        } else if (s > this.best[d]!) this.best[d] = s;
      }
    }
    return out;
  }

  /** The same for few candidates: look in each candidate's own words. */
  private check(e: Expansion, candidates: readonly number[]): number[] {
    const out: number[] = [];
    for (const d of candidates) {
      const fwd = this.forward[d]!;
      let best = 0;
      for (let i = 0; i < fwd.length; i++) {
        const f = e.terms.get(fwd[i]! >>> FIELD_BITS);
        if (f !== undefined) best = Math.max(best, BEST_WEIGHT[fwd[i]! & FIELD_MASK]! * f);
      }
      if (best > 0) {
        this.best[d] = best;
        out.push(d);
      }
    }
    return out;
  }

  /** A pasted identifier: arXiv id or URL, DOI or doi.org URL, OpenReview forum URL. */
  private byIdentifier(query: string): number | undefined {
    const q = query.trim();
    if (!q || /\s/.test(q)) return undefined;
    const openreview = /openreview\.net\/(?:forum|pdf)\?(?:.*&)?id=([\w-]+)/i.exec(q)?.[1];
    const keys: string[] = [];
    if (openreview) keys.push(`openreview:${openreview.toLowerCase()}`);
    const doi = normalizeDoi(q);
    if (doi) keys.push(`doi:${doi}`);
    const arxiv = normalizeArxivId(q);
    if (arxiv) keys.push(`arxiv:${arxiv.toLowerCase()}`);
    for (const key of keys) {
      const n = this.idKeys.get(key);
      if (n !== undefined) return n;
    }
    return undefined;
  }

  private expand(word: string, typing: boolean): Expansion {
    const terms = new Map<number, number>();
    const exact = this.termIdOf.get(word);
    if (exact !== undefined) terms.set(exact, 1);
    // The word being typed is a prefix (from its second letter); so is any word of 3+ letters.
    if ((typing && word.length >= 2) || word.length >= 3) {
      const found: number[] = [];
      for (const t of this.prefixed(word)) if (t !== exact) found.push(t);
      // A short prefix matches thousands of words: the most used ones, up to a budget of postings.
      found.sort((a, b) => this.postings[b]!.length - this.postings[a]!.length);
      let budget = PREFIX_BUDGET;
      for (const t of found.slice(0, MAX_EXPANSION)) {
        if (budget <= 0) break;
        terms.set(t, PREFIX_FACTOR);
        budget -= this.postings[t]!.length;
      }
    }
    if (terms.size === 0 && word.length >= 5) for (const t of this.oneTypo(word)) terms.set(t, TYPO_FACTOR);
    let cost = 0;
    for (const t of terms.keys()) cost += this.postings[t]!.length;
    return { terms, cost };
  }

  /** Term ids of every word starting with `prefix`. */
  private *prefixed(prefix: string): Generator<number> {
    const s = this.sorted;
    let lo = 0;
    let hi = s.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (s[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < s.length && s[i]!.startsWith(prefix); i++) yield this.termIdOf.get(s[i]!)!;
    for (const w of this.tail) if (w.startsWith(prefix)) yield this.termIdOf.get(w)!;
  }

  /** Words one edit (insert, delete, substitute, swap) away from `word`. */
  private oneTypo(word: string): number[] {
    const out: number[] = [];
    for (let t = 0; t < this.terms.length; t++) {
      const w = this.terms[t]!;
      if (Math.abs(w.length - word.length) <= 1 && this.postings[t]!.length > 0 && withinOneEdit(word, w)) out.push(t);
    }
    return out;
  }

  private mergeTail(): void {
    this.sorted = [...this.sorted, ...this.tail].sort();
    this.tail = [];
  }

  /** Rebuild postings without removed papers. */
  private compact(): void {
    const alive = (p: number) => this.forward[p >>> FIELD_BITS] !== undefined;
    for (let t = 0; t < this.postings.length; t++) this.postings[t] = this.postings[t]!.filter(alive);
    this.dead = 0;
  }

  /** Call once after a bulk load: sorts the word list for prefix search. */
  seal(): void {
    this.mergeTail();
  }
}

/** True when `a` and `b` differ by at most one insertion, deletion, substitution or swap. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // swap
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
