// In-page triage in real Chromium: badges, keyboard, undo, hiding triaged rows, privacy, liveness.
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { badgeTexts, extensionRequests, inShadow, launch, ROOT, FIXTURES, fixturePage, storedPapers, tabIdFor, waitFor } from './browser.mjs';
import { arxivListingHtml } from '../bench/seed.mjs';

const SHOTS = resolve(ROOT, 'tests/e2e/screenshots');

let s: Awaited<ReturnType<typeof launch>>;
beforeAll(async () => {
  s = await launch();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await s?.close();
});

/** Stored papers seen on `url`. */
async function papersOn(url: string) {
  return (await storedPapers(s.worker)).filter((p) => p.sightings.some((x: { url: string }) => x.url === url));
}

async function visit(file: string) {
  const fixture = fixturePage(file);
  s.serve(fixture);
  const page = await s.context.newPage();
  await page.goto(fixture.url);
  const expected = JSON.parse(readFileSync(resolve(FIXTURES, file.replace(/\.html$/, '.expected.json')), 'utf8')) as {
    entries: { frontMatter?: boolean }[];
  };
  const want = expected.entries.filter((e) => !e.frontMatter).length;
  const stored = await waitFor(() => papersOn(fixture.url), (p) => p.length >= want);
  return { page, url: fixture.url, stored };
}

describe('badges on every supported listing', () => {
  it.each([
    'arxiv-listing/list-hep-ph-new.html',
    'huggingface/papers-trending.html',
    'openreview/group-icml2024.html',
    'dblp/search-llm-inference.html',
    'pmlr/v235-volume.html',
  ])('%s: one <sift-badge> per stored entry, "New" unless another page showed it first', async (file) => {
    const { page, url, stored } = await visit(file);
    const texts = await waitFor(() => badgeTexts(s.context, page), (t) => t.length >= stored.length);
    expect(texts).toHaveLength(stored.length);
    // The same paper on two sites is one paper: an ICML paper seen on OpenReview is not new on PMLR.
    const firstSeenHere = stored.filter((p) => p.sightings[0].url === url).length;
    expect(texts.filter((t) => t === 'New')).toHaveLength(firstSeenHere);
    expect(texts.filter((t) => t !== 'New').every((t) => t.startsWith('Seen '))).toBe(true);
    await page.close();
  });
});

describe('keyboard triage on arXiv /new', () => {
  it('j j s saves the second entry, x skips it, u restores it; hide triaged hides exactly those rows', async () => {
    const { page, url } = await visit('arxiv-listing/list-hep-ph-new.html');
    const want = JSON.parse(readFileSync(resolve(FIXTURES, 'arxiv-listing/list-hep-ph-new.expected.json'), 'utf8')) as {
      entries: { ids: { arxiv: string } }[];
    };
    const second = want.entries[1]!.ids.arxiv;
    const first = want.entries[0]!.ids.arxiv;
    const statusOf = async (arxiv: string) => (await storedPapers(s.worker)).find((p) => p.ids.arxiv === arxiv)?.status;
    await waitFor(() => badgeTexts(s.context, page), (t) => t.length === want.entries.length);
    // Earlier tests may have triaged papers: start from the inbox.
    expect(await statusOf(second)).toBe('inbox');

    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('s');
    await waitFor(() => statusOf(second), (st) => st === 'saved');
    expect(await statusOf(first)).toBe('inbox');
    expect((await badgeTexts(s.context, page))[1]).toBe('Saved');
    expect((await badgeTexts(s.context, page))[0]).toMatch(/^(New|Seen )/);

    await page.keyboard.press('x');
    await waitFor(() => statusOf(second), (st) => st === 'skipped');
    await page.keyboard.press('u');
    await waitFor(() => statusOf(second), (st) => st === 'saved');
    await expect.poll(async () => (await badgeTexts(s.context, page))[1]).toBe('Saved');

    // Keys typed into a field are the page's, not Sift's.
    await page.evaluate(() => {
      const input = document.createElement('input');
      input.id = 'typing';
      document.body.prepend(input);
    });
    await page.focus('#typing');
    await page.keyboard.type('jjx');
    await page.waitForTimeout(300);
    expect(await statusOf(second)).toBe('saved');
    await page.evaluate(() => document.getElementById('typing')?.remove());

    // Hide triaged rows from the toolbar: exactly the saved paper's dt and dd disappear.
    await inShadow(s.context, page, 'sift-toolbar', (root: ShadowRoot) => {
      const select = root.querySelector('select')!;
      select.value = 'hide';
      select.dispatchEvent(new Event('change'));
    });
    const hidden = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('#articles > dt, #articles > dd, dl > dt, dl > dd')]
          .filter((el) => getComputedStyle(el).display === 'none')
          .map((el) => el.localName + ':' + (el.localName === 'dt' ? el.querySelector('a[title="Abstract"]')?.textContent?.trim() : '')),
      );
    await expect.poll(hidden).toEqual([`dt:arXiv:${second}`, 'dd:']);
    await page.screenshot({ path: resolve(SHOTS, 'listing-hide-triaged.png') });
    await inShadow(s.context, page, 'sift-toolbar', (root: ShadowRoot) => {
      const select = root.querySelector('select')!;
      select.value = 'show';
      select.dispatchEvent(new Event('change'));
    });
    await expect.poll(hidden).toEqual([]);

    // Undo it all: the paper is back in the inbox.
    await page.keyboard.press('u');
    await waitFor(() => statusOf(second), (st) => st === 'inbox');
    expect(await papersOn(url)).toHaveLength(want.entries.length);
    await page.close();
  });
});

describe('a second visit, privacy, liveness', () => {
  const url = 'https://arxiv.org/list/cs.LG/new';

  it('shows what was seen before as "Seen …" and what is new as "New"', async () => {
    s.serve({ url, html: arxivListingHtml(5) });
    const page = await s.context.newPage();
    await page.goto(url);
    await waitFor(() => badgeTexts(s.context, page), (t) => t.length === 5);
    await page.keyboard.press('j');
    await page.keyboard.press('q');
    await waitFor(() => papersOn(url), (p) => p.some((r) => r.status === 'queued'));
    await page.close();

    s.serve({ url, html: arxivListingHtml(7) });
    const again = await s.context.newPage();
    await again.goto(url);
    const texts = await waitFor(() => badgeTexts(s.context, again), (t) => t.length === 7);
    expect(texts).toEqual(['Queued', 'Seen just now', 'Seen just now', 'Seen just now', 'Seen just now', 'New', 'New']);
    await again.setViewportSize({ width: 1100, height: 700 });
    await again.screenshot({ path: resolve(SHOTS, 'listing-light.png') });
    // A dark page (and a dark browser): badges carry their own colours.
    await again.emulateMedia({ colorScheme: 'dark' });
    await again.addStyleTag({ content: 'html, body { background: #121212 !important; color: #ddd !important } a { color: #8ab4f8 !important }' });
    await again.screenshot({ path: resolve(SHOTS, 'listing-dark.png') });
    await again.close();
  });

  it("a page's own scripts cannot read the library through the DOM", async () => {
    const page = await s.context.newPage();
    await page.goto(url);
    await waitFor(() => badgeTexts(s.context, page), (t) => t.length === 7);
    // Run in the page's main world, as the page's scripts would.
    const seen = await page.evaluate(() => {
      const hosts = [...document.querySelectorAll('sift-badge')];
      const toolbar = document.querySelector('sift-toolbar');
      const widths = new Set(hosts.map((h) => Math.round(h.getBoundingClientRect().width)));
      const attributes = [...hosts, toolbar].flatMap((h) => (h ? [...h.attributes].map((a) => `${a.name}=${a.value}`) : []));
      return {
        count: hosts.length,
        shadowRoots: hosts.filter((h) => h.shadowRoot !== null).length + (toolbar?.shadowRoot ? 1 : 0),
        text: hosts.map((h) => h.textContent + (h as HTMLElement).innerText).join('') + (toolbar?.textContent ?? ''),
        widths: widths.size,
        attributes,
        bodyText: document.body.innerText,
      };
    });
    expect(seen.count).toBe(7);
    expect(seen.shadowRoots).toBe(0);
    expect(seen.text).toBe('');
    expect(seen.widths).toBe(1); // "Queued" and "New" take the same room
    expect(seen.attributes).toEqual([]);
    expect(seen.bodyText).not.toMatch(/Queued|Seen just now|in library/);
    await page.close();
  });

  it('a change in the popup updates the badges at once, and one on the page updates the popup', async () => {
    const page = await s.context.newPage();
    await page.goto(url);
    await waitFor(() => badgeTexts(s.context, page), (t) => t.length === 7);
    const tabId = await tabIdFor(s.worker, url);
    const popup = await s.context.newPage();
    await popup.goto(`chrome-extension://${s.extensionId}/popup.html?tab=${tabId}`);
    await expect.poll(() => popup.getByTestId('paper-row').count()).toBe(7);
    const title = (await popup.locator('.paper .title').nth(6).textContent())!;
    await popup.getByRole('button', { name: `Save ${title}` }).click();
    await expect.poll(async () => (await badgeTexts(s.context, page))[6]).toBe('Saved');

    await page.bringToFront();
    // From no focus, k starts at the last entry in view: at the bottom of the page, the last entry.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.keyboard.press('k');
    await page.keyboard.press('x');
    await expect.poll(() => popup.getByTestId('paper-state').nth(6).textContent()).toBe('Skipped');
    await Promise.all([popup.close(), page.close()]);
    expect(extensionRequests(s)).toEqual([]);
  });
});
