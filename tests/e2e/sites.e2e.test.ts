import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { launch, pressToolbarButton, SHARED, sharedFixture, storedPapers, waitFor } from './browser.mjs';

interface Entry {
  title: string;
  ids: Record<string, string>;
  frontMatter?: boolean;
}
interface Stored {
  title: string;
  ids: Record<string, string>;
  sightings: { url: string; site: string }[];
}

const index = (JSON.parse(readFileSync(resolve(SHARED, 'fixtures/index.json'), 'utf8')) as { fixtures: { file: string; url: string }[] }).fixtures;
const GENERIC = new Set(['highwire-meta', 'coins', 'jsonld']);

function expected(file: string): Entry[] {
  const json = JSON.parse(readFileSync(resolve(SHARED, 'fixtures', file.replace(/\.html$/, '.expected.json')), 'utf8')) as { entries: Entry[] };
  return json.entries.filter((e) => !e.frontMatter);
}

const norm = (v: string) => v.toLowerCase();
/** The stored record for an expected entry: one sharing an identifier (the arXiv DOI counts as the arXiv id), else the same title. */
function find(stored: Stored[], e: Entry): Stored | undefined {
  const ids = Object.entries(e.ids).filter(([k, v]) => !(k === 'doi' && /^10\.48550\//i.test(v)));
  return stored.find((r) => ids.some(([k, v]) => r.ids[k] && norm(r.ids[k]!) === norm(v))) ?? stored.find((r) => r.title === e.title);
}

let s: Awaited<ReturnType<typeof launch>>;
beforeAll(async () => {
  s = await launch();
});
afterAll(async () => {
  await s?.close();
});

describe('every shared fixture, visited at its real URL, is stored completely', () => {
  it.each(index.map((f) => [f.file, f.url]))('%s', async (file, url) => {
    const fixture = sharedFixture(file);
    s.serve(fixture);
    const page = await s.context.newPage();
    await page.goto(url);
    // Pages of other sites get the generic detectors only when the user presses the toolbar button.
    if (GENERIC.has(file.split('/')[0]!)) await pressToolbarButton(s, url);
    const want = expected(file);
    const seenHere = (r: Stored | undefined) => !!r?.sightings.some((x) => x.url === url.split('#')[0] || x.url === url);
    const stored = (await waitFor(
      () => storedPapers(s.worker),
      (all: Stored[]) => want.every((e) => seenHere(find(all, e))),
      20_000,
    )) as Stored[];
    const missing = want.filter((e) => !seenHere(find(stored, e))).map((e) => e.title);
    expect(missing).toEqual([]);
    await page.close();
  });

  it('a site page without the toolbar button press stores nothing from the generic detectors', async () => {
    const url = 'https://example-lab.org/publications-unvisited';
    s.serve({ url, html: sharedFixture('coins/lab-publications.html').html });
    const before = (await storedPapers(s.worker)).length;
    const page = await s.context.newPage();
    await page.goto(url);
    await new Promise((r) => setTimeout(r, 1500));
    expect((await storedPapers(s.worker)).length).toBe(before);
    await page.close();
  });

  it('no request left the extension', () => {
    for (const req of s.blocked) {
      expect(req.serviceWorker(), req.url()).toBeNull();
      expect(req.frame()?.url() ?? '', req.url()).not.toMatch(/^chrome-extension:/);
    }
  });
});
