// `npm run accuracy`: per-fixture entry recall and field exact-match over tests/fixtures.
// SIFT_FIXTURE_SET=<folder with an index.json> scores another set of the same format (a held-out set) instead.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DetectedPaper } from '../../lib/paper';
import { canonicalIds } from '../../lib/ids';
import { detectPapers, detectorFor } from '../../lib/sites';
import { FIXTURES as REPO_FIXTURES, parseHtml, type Expected } from '../unit/fixtures';

const FIXTURES = process.env.SIFT_FIXTURE_SET ? resolve(process.env.SIFT_FIXTURE_SET) : REPO_FIXTURES;

const FIELDS = ['title', 'authors', 'ids', 'pdfUrl', 'abstract', 'venue', 'year', 'authorsTruncated', 'listingType', 'itemType'] as const;

const same = (field: string, a: unknown, b: unknown): boolean => {
  if (field === 'ids') {
    const lower = (ids: object) => JSON.stringify(Object.entries(canonicalIds(ids)).sort());
    return lower(a as object) === lower(b as object);
  }
  return JSON.stringify(a) === JSON.stringify(b);
};

interface Score {
  fixture: string;
  site: string;
  expected: number;
  found: number;
  fieldsChecked: number;
  fieldsExact: number;
  misses: string[];
}

function score(file: string, url: string): Score {
  const expected = JSON.parse(readFileSync(resolve(FIXTURES, file.replace(/\.html$/, '.expected.json')), 'utf8')) as Expected;
  const got = detectPapers(parseHtml(readFileSync(resolve(FIXTURES, file), 'utf8')), url).filter((p) => !p.frontMatter);
  const want = expected.entries.filter((e) => !e.frontMatter);
  const s: Score = { fixture: file, site: detectorFor(url).site, expected: want.length, found: 0, fieldsChecked: 0, fieldsExact: 0, misses: [] };
  for (const w of want) {
    const g: DetectedPaper | undefined = got.find((p) => p.title === w.title) ?? got.find((p) => same('ids', p.ids, w.ids));
    if (g) s.found++;
    for (const field of FIELDS) {
      if (!(field in w)) continue;
      s.fieldsChecked++;
      if (g && same(field, (g as unknown as Record<string, unknown>)[field], (w as unknown as Record<string, unknown>)[field])) s.fieldsExact++;
      else s.misses.push(`${field} of "${w.title.slice(0, 40)}"`);
    }
  }
  return s;
}

const index = (JSON.parse(readFileSync(resolve(FIXTURES, 'index.json'), 'utf8')) as { fixtures: { file: string; url: string }[] }).fixtures;
const scores = index.map((f) => score(f.file, f.url));

const pct = (a: number, b: number) => (b === 0 ? '—' : `${((100 * a) / b).toFixed(1)}%`);
const lines = [
  '| fixture | detector | entries | recall | field exact-match |',
  '|---|---|---:|---:|---:|',
  ...scores.map((s) => `| ${s.fixture} | ${s.site} | ${s.expected} | ${pct(s.found, s.expected)} | ${pct(s.fieldsExact, s.fieldsChecked)} |`),
];
const total = scores.reduce((t, s) => ({ e: t.e + s.expected, f: t.f + s.found, c: t.c + s.fieldsChecked, x: t.x + s.fieldsExact }), { e: 0, f: 0, c: 0, x: 0 });
lines.push(`| **all ${scores.length} fixtures** | | ${total.e} | ${pct(total.f, total.e)} | ${pct(total.x, total.c)} |`);
console.log(`\n${lines.join('\n')}\n`);
for (const s of scores) if (s.misses.length) console.log(`${s.fixture}: ${s.misses.slice(0, 10).join('; ')}`);

describe('accuracy on the developer fixtures', () => {
  it.each(scores.map((s) => [s.fixture, s]))('%s: every entry found, every field exact', (_name, s) => {
    expect(s.misses).toEqual([]);
    expect(s.found).toBe(s.expected);
  });
});
