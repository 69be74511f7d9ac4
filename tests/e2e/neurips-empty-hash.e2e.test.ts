// Issue 13, bug 5: a NeurIPS year-list entry whose link has an empty hash is kept (title, authors,
// link) with no proceedings id, and gets its badge like the others.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { badgeTexts, FIXTURES, fixturePage, launch, storedPapers, waitFor } from './browser.mjs';

const URL = 'https://proceedings.neurips.cc/paper_files/paper/2019';
const HASH = '00989c20ff1386dc386d8124ebcba1a5';
const fixture = fixturePage('neurips/papers-2019.html');
const html = fixture.html.replace(`/hash/${HASH}-Abstract.html`, '/hash/-Abstract.html');
const expected = (JSON.parse(readFileSync(resolve(FIXTURES, 'neurips/papers-2019.expected.json'), 'utf8')) as { entries: { title: string }[] }).entries;

let s: Awaited<ReturnType<typeof launch>>;
beforeAll(async () => {
  s = await launch();
});
afterAll(async () => {
  await s?.close();
});

type Stored = { title: string; authors: string[]; ids: Record<string, string>; sightings: { url: string }[] };

it('an entry linked as /hash/-Abstract.html is stored and badged, without a proceedings id', async () => {
  expect(html).not.toContain(HASH);
  s.serve({ url: URL, html });
  const page = await s.context.newPage();
  await page.goto(URL);
  const stored = (await waitFor(
    () => storedPapers(s.worker),
    (all: Stored[]) => all.length >= expected.length,
  )) as Stored[];
  expect(stored.map((p) => p.title).sort()).toEqual(expected.map((e) => e.title).sort());
  const empty = stored.find((p) => p.title === 'Compositional Plan Vectors')!;
  expect(empty.ids).toEqual({});
  expect(empty.authors).toEqual(['Coline Devin', 'Daniel Geng', 'Pieter Abbeel', 'Trevor Darrell', 'Sergey Levine']);
  expect(empty.sightings.map((x) => x.url)).toEqual([URL]);
  await expect.poll(async () => (await badgeTexts(s.context, page)).length).toBe(expected.length);
  await page.close();
});
