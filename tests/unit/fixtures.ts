// Fixture pages and their expected entries live in tests/fixtures (format: docs/site-guide.md §0).
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'vitest';
import type { DetectedPaper } from '../../lib/paper';
import { detectPapers } from '../../lib/sites';

export const FIXTURES = resolve(__dirname, '../fixtures');

export interface Expected {
  url: string;
  site: string;
  pageType: 'listing' | 'single';
  entryCount: number;
  entries: DetectedPaper[];
}

export function fixtureNames(site: string): string[] {
  return readdirSync(resolve(FIXTURES, site))
    .filter((f) => f.endsWith('.html'))
    .map((f) => f.replace(/\.html$/, ''));
}

export function loadFixture(site: string, name: string): { html: string; expected: Expected } {
  const html = readFileSync(resolve(FIXTURES, site, `${name}.html`), 'utf8');
  const expected = JSON.parse(readFileSync(resolve(FIXTURES, site, `${name}.expected.json`), 'utf8')) as Expected;
  return { html, expected };
}

export function parseHtml(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

/** detectPapers on the fixture equals its expected entries: ids exactly, every other field present there. */
export function expectFixture(site: string, name: string): DetectedPaper[] {
  const { html, expected } = loadFixture(site, name);
  const got = detectPapers(parseHtml(html), expected.url);
  const want = expected.entries.filter((e) => !e.frontMatter);
  const gotComparable = got.filter((e) => !e.frontMatter);
  expect(gotComparable.map((e) => e.title)).toEqual(want.map((e) => e.title));
  want.forEach((w, i) => {
    const g = gotComparable[i]!;
    const lower = (ids: object) =>
      Object.fromEntries(Object.entries(ids).map(([k, v]) => [k, k === 'doi' ? String(v).toLowerCase() : v]));
    expect(lower(g.ids), `ids of "${w.title}"`).toEqual(lower(w.ids));
    for (const [field, value] of Object.entries(w)) {
      if (field === 'ids') continue;
      expect((g as unknown as Record<string, unknown>)[field], `${field} of "${w.title}"`).toEqual(value);
    }
  });
  return got;
}
