import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { badgeTexts, extensionRequests, launch, ROOT, FIXTURES, fixturePage, storedPapers, tabIdFor, waitFor } from './browser.mjs';
import { arxivListingHtml } from '../bench/seed.mjs';

interface ExpectedEntry {
  title: string;
  ids: Record<string, string>;
}

const ARXIV_NEW = 'arxiv-listing/list-hep-ph-new.html';
const HF_TRENDING = 'huggingface/papers-trending.html';
const SHOTS = resolve(ROOT, 'test-results');

function expectedEntries(file: string): ExpectedEntry[] {
  const json = readFileSync(resolve(FIXTURES, file.replace(/\.html$/, '.expected.json')), 'utf8');
  return (JSON.parse(json) as { entries: ExpectedEntry[] }).entries;
}

let s: Awaited<ReturnType<typeof launch>>;
beforeAll(async () => {
  s = await launch();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await s?.close();
});

/** Every request the browser did not get from a fixture was one the page's own markup asked for. */
function expectNoExtensionRequests() {
  expect(extensionRequests(s)).toEqual([]);
  const servedHtml = s.served.map((p) => p.html);
  for (const req of s.blocked) {
    const u = new URL(req.url());
    const referenced = servedHtml.some((html) => html.includes(u.pathname) || html.includes(u.host));
    expect(referenced, `request not made by the page's markup: ${u.href}`).toBe(true);
  }
}

describe('the spine in real Chromium', () => {
  it('stores every paper of the arXiv /new listing and lists them in the popup; Save all new saves them', async () => {
    const fixture = fixturePage(ARXIV_NEW);
    const want = expectedEntries(ARXIV_NEW);
    s.serve(fixture);
    const page = await s.context.newPage();
    await page.goto(fixture.url);
    const stored = await waitFor(() => storedPapers(s.worker), (p) => p.length >= want.length);
    expect(stored.map((p) => p.ids.arxiv).sort()).toEqual(want.map((e) => e.ids.arxiv).sort());
    for (const e of want) {
      const rec = stored.find((p) => p.ids.arxiv === e.ids.arxiv)!;
      expect(rec.title).toBe(e.title);
      expect(rec.status).toBe('inbox');
      expect(rec.sightings).toEqual([expect.objectContaining({ url: fixture.url, site: 'arxiv' })]);
    }

    const tabId = await tabIdFor(s.worker, fixture.url);
    expect(tabId).toBeDefined();
    const popup = await s.context.newPage();
    await popup.setViewportSize({ width: 420, height: 600 });
    await popup.goto(`chrome-extension://${s.extensionId}/popup.html?tab=${tabId}`);
    const rows = popup.getByTestId('paper-row');
    await expect.poll(() => rows.count()).toBe(want.length);
    expect(await popup.locator('.paper .title').allTextContents()).toEqual(want.map((e) => e.title));
    expect(await popup.getByTestId('tab-summary').textContent()).toContain(`${want.length} papers on this page · ${want.length} first seen today · ${want.length} to triage`);
    expect(new Set(await popup.getByTestId('paper-state').allTextContents())).toEqual(new Set(['New today']));
    // The README shows these two.
    await popup.screenshot({ path: resolve(ROOT, 'tests/e2e/screenshots/popup.png') });
    await popup.emulateMedia({ colorScheme: 'dark' });
    expect(await popup.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(23, 25, 28)');
    await popup.screenshot({ path: resolve(ROOT, 'tests/e2e/screenshots/popup-dark.png') });
    await popup.emulateMedia({ colorScheme: 'light' });

    // One paper first, then the rest.
    await popup.getByRole('button', { name: `Save ${want[0]!.title}` }).click();
    await waitFor(() => storedPapers(s.worker), (p) => p.some((r) => r.status === 'saved'));
    await popup.getByRole('button', { name: /Save all new/ }).click();
    const after = await waitFor(() => storedPapers(s.worker), (p) => p.every((r) => r.status === 'saved'));
    expect(after.map((p) => p.status)).toEqual(want.map(() => 'saved'));
    await expect.poll(() => popup.getByTestId('paper-state').allTextContents()).toEqual(want.map(() => 'Saved'));
    await popup.screenshot({ path: resolve(SHOTS, 'popup-arxiv-saved.png') });
    await popup.close();
    await page.close();
    expectNoExtensionRequests();
  });

  it('stores the Hugging Face trending papers with their arXiv ids; a second visit shows them as known', async () => {
    const fixture = fixturePage(HF_TRENDING);
    const want = expectedEntries(HF_TRENDING);
    s.serve(fixture);
    const page = await s.context.newPage();
    await page.goto(fixture.url);
    const stored = await waitFor(
      () => storedPapers(s.worker),
      (p) => want.every((e) => p.some((r) => r.ids.arxiv === e.ids.arxiv)),
    );
    for (const e of want) {
      const rec = stored.find((p) => p.ids.arxiv === e.ids.arxiv);
      expect(rec, e.title).toBeDefined();
      expect(rec!.title).toBe(e.title);
      expect(rec!.sightings.some((x) => x.site === 'huggingface' && x.url === fixture.url)).toBe(true);
    }
    const countBefore = stored.length;
    await page.reload();
    const tabId = await waitFor(() => tabIdFor(s.worker, fixture.url), (id) => id !== undefined);
    expect((await storedPapers(s.worker)).length).toBe(countBefore);
    const popup = await s.context.newPage();
    await popup.goto(`chrome-extension://${s.extensionId}/popup.html?tab=${tabId}`);
    await expect.poll(() => popup.getByTestId('paper-row').count()).toBe(want.length);
    await popup.screenshot({ path: resolve(SHOTS, 'popup-hf.png') });
    await popup.close();
    await page.close();
    expectNoExtensionRequests();
  });

  it('Hugging Face: a card added later is stored without re-sending the others; in-app navigation is a new sighting', async () => {
    const fixture = fixturePage(HF_TRENDING);
    s.serve(fixture);
    const page = await s.context.newPage();
    await page.goto(fixture.url);
    const want = expectedEntries(HF_TRENDING);
    // Badges appear once this page's papers are stored (an earlier test stored them already).
    await waitFor(() => badgeTexts(s.context, page), (t) => t.length === want.length);
    const before = await storedPapers(s.worker);
    const lastSeen = new Map(before.map((p) => [p.id, p.lastSeenAt]));

    // The page's own script adds a card, as lazy loading does (DOM built without HTML strings).
    await page.evaluate(() => {
      const first = document.querySelector('[data-target="DailyPapers"] article')!;
      const card = first.cloneNode(true) as Element;
      for (const a of card.querySelectorAll('a[href^="/papers/"]')) a.setAttribute('href', '/papers/2409.99999');
      card.querySelector('h3 a')!.textContent = 'A lazily loaded paper';
      first.parentElement!.append(card);
    });
    const after = await waitFor(() => storedPapers(s.worker), (p) => p.some((r) => r.ids.arxiv === '2409.99999'));
    expect(after.find((r) => r.ids.arxiv === '2409.99999')?.title).toBe('A lazily loaded paper');
    for (const p of after) if (lastSeen.has(p.id)) expect(p.lastSeenAt, p.title).toBe(lastSeen.get(p.id));

    // In-app navigation: same cards, new URL, so every paper gains a sighting there.
    const next = 'https://huggingface.co/papers/date/2024-11-29';
    await page.evaluate((url) => history.pushState({}, '', url), next);
    const moved = await waitFor(
      () => storedPapers(s.worker),
      (p) => want.every((e) => p.find((r) => r.ids.arxiv === e.ids.arxiv)?.sightings.some((x: { url: string }) => x.url === next)),
    );
    for (const e of want) expect(moved.find((r) => r.ids.arxiv === e.ids.arxiv)!.sightings.map((x: { url: string }) => x.url)).toContain(next);
    await page.close();
  });

  it('a hostile page runs no injected script, stores only complete entries, and text stays text', async () => {
    const html = readFileSync(resolve(__dirname, 'fixtures/hostile-arxiv-new.html'), 'utf8');
    const url = 'https://arxiv.org/list/cs.CR/new';
    s.serve({ url, html });
    const page = await s.context.newPage();
    await page.goto(url);
    const stored = await waitFor(() => storedPapers(s.worker), (p) => p.some((r) => r.ids.arxiv === '2412.00004'));
    const hostile = stored.filter((p) => /^2412\.0000\d$/.test(p.ids.arxiv ?? ''));
    expect(hostile.map((p) => p.ids.arxiv).sort()).toEqual(['2412.00001', '2412.00004']);
    const evil = hostile.find((p) => p.ids.arxiv === '2412.00001')!;
    expect(evil.title).toBe('Breaking <img src=x onerror="window.__pwned=1"> filters & <script>window.__pwned=2</script> sanitizers');
    expect(evil.authors[0]).toBe('Mallory <b onmouseover=alert(1)>Evil</b>');

    // The two complete entries get badges; the page's markup inside titles stays text there too.
    expect(await waitFor(() => badgeTexts(s.context, page), (t) => t.length === 2)).toEqual(['New', 'New']);
    await page.keyboard.press('j');
    await page.keyboard.press('s');
    await waitFor(() => storedPapers(s.worker), (p) => p.some((r) => r.ids.arxiv === '2412.00001' && r.status === 'saved'));

    const tabId = await tabIdFor(s.worker, url);
    const popup = await s.context.newPage();
    await popup.goto(`chrome-extension://${s.extensionId}/popup.html?tab=${tabId}`);
    await expect.poll(() => popup.getByTestId('paper-row').count()).toBe(2);
    expect(await popup.locator('.paper .title').first().textContent()).toBe(evil.title);
    expect(await popup.locator('img, script:not([src]), iframe, b').count()).toBe(0);
    expect(await popup.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('img').count()).toBe(0);
    const library = await s.context.newPage();
    await library.goto(`chrome-extension://${s.extensionId}/sidepanel.html#view=all`);
    await expect.poll(() => library.getByText(evil.title, { exact: true }).count()).toBe(1);
    expect(await library.locator('img, iframe').count()).toBe(0);
    await Promise.all([popup.close(), library.close(), page.close()]);
    expectNoExtensionRequests();
  });

  it('the popup shows an empty state on a page without papers', async () => {
    const url = 'https://arxiv.org/list/cs.CR/pastweek?show=25';
    s.serve({ url, html: '<!doctype html><title>nothing</title><div id="dlpage"><p>No entries</p></div>' });
    const page = await s.context.newPage();
    await page.goto(url);
    const tabId = await waitFor(() => tabIdFor(s.worker, url), (id) => id !== undefined);
    const popup = await s.context.newPage();
    await popup.goto(`chrome-extension://${s.extensionId}/popup.html?tab=${tabId}`);
    await expect.poll(() => popup.getByTestId('empty-state').count()).toBe(1);
    await Promise.all([popup.close(), page.close()]);
  });

  it('a service worker stopped in the middle of a write loses nothing: the page retries and each paper is stored once', async () => {
    const url = 'https://arxiv.org/list/cs.LG/pastweek?skip=0&show=2000';
    s.serve({ url, html: arxivListingHtml(2000) });
    // Read the library from an extension page: the worker under test will be stopped.
    const reader = await s.context.newPage();
    await reader.goto(`chrome-extension://${s.extensionId}/sidepanel.html`);
    const page = await s.context.newPage();
    const cdp = await s.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await page.goto(url, { waitUntil: 'load' });
    await new Promise((r) => setTimeout(r, 150));
    await cdp.send('ServiceWorker.stopAllWorkers');
    const stored = await waitFor(
      () => storedPapers(reader),
      (p) => p.filter((r) => r.ids.arxiv?.startsWith('2411.')).length >= 2000,
      45_000,
    );
    const ids = stored.map((r) => r.ids.arxiv).filter((id) => id?.startsWith('2411.'));
    expect(ids).toHaveLength(2000);
    expect(new Set(ids).size).toBe(2000);
    await Promise.all([reader.close(), page.close()]);
  });
});
