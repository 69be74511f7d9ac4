// arXiv /new in real Chromium: the page's own in-page links (#item9, #content) are not a new page,
// and j / k start from the entries in view, not from the top of the page.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { badgeTexts, FIXTURES, fixturePage, inShadow, launch, storedPapers, waitFor } from './browser.mjs';

const FILE = 'arxiv-listing/list-hep-ph-new.html';
const expected = JSON.parse(readFileSync(resolve(FIXTURES, FILE.replace(/\.html$/, '.expected.json')), 'utf8')) as {
  entries: { ids: { arxiv: string } }[];
};
const ids = expected.entries.map((e) => e.ids.arxiv);

// A fresh profile for each test: one that fails leaves no decisions behind for the next.
let s: Awaited<ReturnType<typeof launch>>;
beforeEach(async () => {
  s = await launch();
});
afterEach(async () => {
  await s?.close();
});

const statuses = async () => {
  const papers = await storedPapers(s.worker);
  return ids.map((id) => papers.find((p) => p.ids.arxiv === id)?.status);
};
/** `want` with the given entries' statuses changed from inbox. */
const inboxExcept = (changed: Record<number, string>) => ids.map((_, i) => changed[i] ?? 'inbox');
const toolbarCounts = (page: Page) => inShadow(s.context, page, 'sift-toolbar', (root: ShadowRoot) => root.querySelector('.counts')?.textContent);

async function openListing() {
  const fixture = fixturePage(FILE);
  s.serve(fixture);
  const page = await s.context.newPage();
  await page.goto(fixture.url);
  await waitFor(() => badgeTexts(s.context, page), (t) => t.length === ids.length);
  await expect.poll(statuses).toEqual(inboxExcept({}));
  return page;
}

/** Put every paper back in the inbox through the page's own undo, so that each test starts alike. */
async function undoAll(page: Page, presses: number) {
  for (let i = 0; i < presses; i++) await page.keyboard.press('u');
  await expect.poll(statuses).toEqual(inboxExcept({}));
}

describe('in-page links on arXiv /new', () => {
  it('a hash change keeps the badges, the counts, the focus and the undo history; the next keys work at once', async () => {
    const page = await openListing();
    await page.keyboard.press('j');
    await page.keyboard.press('s');
    await expect.poll(statuses).toEqual(inboxExcept({ 0: 'saved' }));
    await expect.poll(async () => (await badgeTexts(s.context, page))[0]).toBe('Saved');
    const badgesBefore = await badgeTexts(s.context, page);
    expect(badgesBefore.slice(1).every((t) => t === 'New')).toBe(true);
    const countsBefore = await toolbarCounts(page);
    expect(countsBefore).toMatch(/14 new/);

    // The page's own links, clicked as the user does; WXT notices URL changes by polling (1 s).
    for (const link of ['Skip to main content', 'Cross-lists']) {
      await page.getByRole('link', { name: link, exact: true }).click();
      await page.waitForTimeout(1_500);
    }
    expect(page.url()).toMatch(/#item9$/);
    expect(await badgeTexts(s.context, page)).toEqual(badgesBefore);
    expect(await toolbarCounts(page)).toBe(countsBefore);

    // Keys pressed right away act: j starts at the first entry in view (the Cross-lists section).
    await page.keyboard.press('j');
    await page.keyboard.press('s');
    await expect.poll(statuses).toEqual(inboxExcept({ 0: 'saved', 8: 'saved' }));
    // The undo history of before the jump is still there.
    await page.keyboard.press('u');
    await expect.poll(statuses).toEqual(inboxExcept({ 0: 'saved' }));
    await undoAll(page, 1);
    await page.close();
  });
});

describe('j and k start from the entries in view', () => {
  /** Scroll entry `i`'s row (its dt and dd) to the top or the bottom of the view, as a user scrolling would. */
  const scrollEntry = (page: Page, i: number, edge: 'start' | 'end') =>
    page.evaluate(
      ([i, edge]) => {
        const dts = document.querySelectorAll('#articles > dt, dl > dt');
        const dt = dts[i as number] as HTMLElement;
        const part = edge === 'start' ? dt : (dt.nextElementSibling as HTMLElement);
        part.scrollIntoView({ block: edge as ScrollLogicalPosition });
      },
      [i, edge] as const,
    );

  it('with nothing focused, j picks the first entry in view and k the last', async () => {
    const page = await openListing();
    await scrollEntry(page, 4, 'start');
    await page.waitForTimeout(200);
    await page.keyboard.press('j');
    await page.keyboard.press('s');
    await expect.poll(statuses).toEqual(inboxExcept({ 4: 'saved' }));
    await undoAll(page, 1);
    await page.close();

    const again = await openListing();
    await scrollEntry(again, 10, 'end');
    await again.waitForTimeout(200);
    await again.keyboard.press('k');
    await again.keyboard.press('s');
    await expect.poll(statuses).toEqual(inboxExcept({ 10: 'saved' }));
    await undoAll(again, 1);
    await again.close();
  });

  it('when the focused entry has scrolled out of view, j starts again from the view; while it is in view, j goes on from it', async () => {
    const page = await openListing();
    await page.keyboard.press('j'); // entry 0, at the top
    await page.keyboard.press('j'); // entry 1: still in view, so the next one
    await page.keyboard.press('s');
    await expect.poll(statuses).toEqual(inboxExcept({ 1: 'saved' }));
    await scrollEntry(page, 6, 'start');
    await page.waitForTimeout(200);
    await page.keyboard.press('j');
    await page.keyboard.press('x');
    await expect.poll(statuses).toEqual(inboxExcept({ 1: 'saved', 6: 'skipped' }));
    await scrollEntry(page, 12, 'end');
    await page.waitForTimeout(200);
    await page.keyboard.press('k');
    await page.keyboard.press('q');
    await expect.poll(statuses).toEqual(inboxExcept({ 1: 'saved', 6: 'skipped', 12: 'queued' }));
    await undoAll(page, 3);
    await page.close();
  });
});
