import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { extensionRequests, launch, pressToolbarButton, FIXTURES, fixturePage, storedPapers, waitFor } from './browser.mjs';
import { arxivListingHtml } from '../bench/seed.mjs';

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

const index = (JSON.parse(readFileSync(resolve(FIXTURES, 'index.json'), 'utf8')) as { fixtures: { file: string; url: string }[] }).fixtures;
const GENERIC = new Set(['highwire-meta', 'coins', 'jsonld']);

function expected(file: string): Entry[] {
  const json = JSON.parse(readFileSync(resolve(FIXTURES, file.replace(/\.html$/, '.expected.json')), 'utf8')) as { entries: Entry[] };
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
    const fixture = fixturePage(file);
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
    s.serve({ url, html: fixturePage('coins/lab-publications.html').html });
    const before = (await storedPapers(s.worker)).length;
    const page = await s.context.newPage();
    await page.goto(url);
    await new Promise((r) => setTimeout(r, 1500));
    expect((await storedPapers(s.worker)).length).toBe(before);
    await page.close();
  });

  it('a 10,000-entry listing is stored completely, in batches, with no error in the page', async () => {
    const url = 'https://arxiv.org/list/cs.LG/pastweek?skip=0&show=10000';
    s.serve({ url, html: arxivListingHtml(10_000) });
    const page = await s.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    const stored = (await waitFor(
      () => storedPapers(s.worker),
      (all: Stored[]) => all.filter((r) => r.sightings.some((x) => x.url === url)).length >= 10_000,
      60_000,
    )) as Stored[];
    const here = stored.filter((r) => r.sightings.some((x) => x.url === url));
    expect(here).toHaveLength(10_000);
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('hostile generic markup: broken JSON-LD, garbage COinS, deep nesting, markup in titles', async () => {
    const url = 'https://hostile.example.org/refs';
    const deep = '<div>'.repeat(3000) + 'deep' + '</div>'.repeat(3000);
    const html = `<!doctype html><html><head><title>refs</title>
      <script type="application/ld+json">{ "@type": "ScholarlyArticle", "name": "Broken </script>
      <script type="application/ld+json">{"@context":"https://schema.org","@type":"ScholarlyArticle","name":"Real &lt;b&gt;bold&lt;/b&gt; & <i>title</i>","author":[{"@type":"Person","name":"Ann Smith"}],"identifier":"doi:10.1000/xyz123"}</script>
      </head><body>${deep}
      <span class="Z3988" title="ctx_ver=Z39.88-2004&amp;rft.atitle=%ZZ%%garbage&amp;&amp;&amp;"></span>
      <span class="Z3988" title="not even a query string <img src=x onerror=window.__pwned=1>"></span>
      <h1>Real &lt;b&gt;bold&lt;/b&gt; &amp; &lt;i&gt;title&lt;/i&gt;</h1>
      </body></html>`;
    s.serve({ url, html });
    const page = await s.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    await pressToolbarButton(s, url);
    const stored = (await waitFor(
      () => storedPapers(s.worker),
      (all: Stored[]) => all.some((r) => r.sightings.some((x) => x.url === url)),
    )) as Stored[];
    const here = stored.filter((r) => r.sightings.some((x) => x.url === url));
    expect(here.map((r) => r.title)).toEqual(['Real <b>bold</b> & <i>title</i>']);
    expect(errors).toEqual([]);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.close();
  });

  it('no request left the extension', () => {
    expect(extensionRequests(s)).toEqual([]);
  });
});
