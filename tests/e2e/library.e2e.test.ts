// The library side panel and the popup in real Chromium: accessibility (axe-core) and screenshots.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { badgeTexts, launch, ROOT, FIXTURES, fixturePage, storedPapers, tabIdFor, waitFor } from './browser.mjs';
import { parseBibtex } from '../../lib/import/bibtex';
import { parseCslJson } from '../../lib/import/csl-json';

const SHOTS = resolve(ROOT, 'tests/e2e/screenshots');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let s: Awaited<ReturnType<typeof launch>>;
beforeAll(async () => {
  s = await launch();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await s?.close();
});

/** Serious and critical axe-core violations on the page (axe is evaluated over CDP: extension pages' CSP allows no injected script tags). */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run();
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, where: v.nodes.map((n) => n.target.join(' ')).slice(0, 3) }));
  });
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id}: ${v.where.join(', ')}`);
}

describe('the library and the popup', () => {
  it('have no serious or critical axe-core violations, in light and dark, at the side panel width', async () => {
    const fixture = fixturePage('arxiv-listing/list-hep-ph-new.html');
    s.serve(fixture);
    const page = await s.context.newPage();
    await page.goto(fixture.url);
    await waitFor(() => storedPapers(s.worker), (p) => p.length >= 15);

    const library = await s.context.newPage();
    await library.setViewportSize({ width: 400, height: 760 });
    await library.goto(`chrome-extension://${s.extensionId}/sidepanel.html#view=all`);
    await expect.poll(() => library.getByTestId('paper-row').count()).toBeGreaterThan(5);
    await library.getByTestId('paper-row').first().click();
    await library.keyboard.press('Enter');
    await library.waitForTimeout(300);
    for (const scheme of ['light', 'dark'] as const) {
      await library.emulateMedia({ colorScheme: scheme });
      expect(await seriousViolations(library), `side panel, ${scheme}`).toEqual([]);
      await library.screenshot({ path: resolve(SHOTS, `library-${scheme}.png`) });
    }
    // Searching, with the filters open.
    await library.keyboard.press('Escape');
    await library.getByRole('searchbox', { name: 'Search library' }).fill('quark');
    await library.getByRole('button', { name: /^Filters/ }).click();
    await expect.poll(() => library.locator('mark').count()).toBeGreaterThan(0);
    for (const scheme of ['light', 'dark'] as const) {
      await library.emulateMedia({ colorScheme: scheme });
      expect(await seriousViolations(library), `side panel searching, ${scheme}`).toEqual([]);
      await library.screenshot({ path: resolve(SHOTS, `library-search-${scheme}.png`) });
    }

    // Export, backup and import open.
    await library.getByRole('button', { name: 'Export / import' }).click();
    await library.getByTestId('data-panel').waitFor();
    for (const scheme of ['light', 'dark'] as const) {
      await library.emulateMedia({ colorScheme: scheme });
      expect(await seriousViolations(library), `export and import, ${scheme}`).toEqual([]);
      await library.screenshot({ path: resolve(SHOTS, `library-data-${scheme}.png`) });
    }

    const tabId = await tabIdFor(s.worker, fixture.url);
    const popup = await s.context.newPage();
    await popup.setViewportSize({ width: 420, height: 600 });
    await popup.goto(`chrome-extension://${s.extensionId}/popup.html?tab=${tabId}`);
    await expect.poll(() => popup.getByTestId('paper-row').count()).toBe(15);
    for (const scheme of ['light', 'dark'] as const) {
      await popup.emulateMedia({ colorScheme: scheme });
      expect(await seriousViolations(popup), `popup, ${scheme}`).toEqual([]);
    }
    await Promise.all([library.close(), popup.close(), page.close()]);
  });
});

interface Expected {
  entries: { title: string; authors: string[]; abstract?: string; ids: { arxiv?: string } }[];
}

/** A word of one entry's abstract that no other entry, nor its own title, has a word starting with. */
function abstractOnlyWord(entries: Expected['entries']): { word: string; title: string } {
  const words = (text = '') => text.toLowerCase().match(/[a-z]+/g) ?? [];
  for (const [i, e] of entries.entries()) {
    const elsewhere = [...words(e.title), ...entries.filter((_, j) => j !== i).flatMap((o) => [...words(o.title), ...words(o.authors.join(' ')), ...words(o.abstract)])];
    const word = words(e.abstract).find((w) => w.length >= 8 && !elsewhere.some((o) => o.startsWith(w)));
    if (word) return { word, title: e.title };
  }
  throw new Error('no abstract-only word in the fixture');
}

describe('the library at work', () => {
  it('lists stored papers in their views, finds them by abstract word and arXiv id, and its tags show in the popup', async () => {
    const file = 'arxiv-listing/list-hep-ph-new.html';
    const fixture = fixturePage(file);
    const expected = JSON.parse(readFileSync(resolve(FIXTURES, file.replace(/\.html$/, '.expected.json')), 'utf8')) as Expected;
    s.serve(fixture);
    const page = await s.context.newPage();
    await page.goto(fixture.url);
    await waitFor(() => storedPapers(s.worker), (p) => p.length >= expected.entries.length);

    const library = await s.context.newPage();
    await library.setViewportSize({ width: 400, height: 760 });
    await library.goto(`chrome-extension://${s.extensionId}/sidepanel.html#view=inbox`);
    await expect.poll(() => library.getByTestId(`count-inbox`).textContent()).toBe(String(expected.entries.length));

    // Queue the first row and save the second: each lands in its view.
    const rows = library.getByTestId('paper-row');
    const firstTitle = () => rows.first().locator('.title:not(.loading)').textContent();
    await rows.first().click();
    const queuedTitle = await firstTitle();
    await library.keyboard.press('q');
    await expect.poll(() => library.getByTestId('count-queue').textContent()).toBe('1');
    await expect.poll(firstTitle).not.toBe(queuedTitle);
    await rows.first().click();
    const savedTitle = await firstTitle();
    await library.keyboard.press('s');
    await expect.poll(() => library.getByTestId('count-saved').textContent()).toBe('1');
    await library.locator('[data-view="queue"]').click();
    await expect.poll(() => rows.locator('.title').allTextContents()).toEqual([queuedTitle]);
    await library.locator('[data-view="saved"]').click();
    await expect.poll(() => rows.locator('.title').allTextContents()).toEqual([savedTitle]);

    // Search all papers: by a word only one abstract has, then by a pasted arXiv id.
    await library.locator('[data-view="all"]').click();
    const search = library.getByRole('searchbox', { name: 'Search library' });
    const { word, title } = abstractOnlyWord(expected.entries);
    await search.pressSequentially(word, { delay: 20 });
    await expect.poll(() => rows.locator('.title').allTextContents()).toEqual([title]);
    await expect.poll(() => rows.first().locator('mark').first().textContent()).toMatch(new RegExp(word, 'i'));
    expect(library.url()).toContain(`q=${word}`);
    const target = expected.entries[3]!;
    await search.fill(`https://arxiv.org/abs/${target.ids.arxiv}`);
    await expect.poll(() => rows.locator('.title').allTextContents()).toEqual([target.title]);

    // Tag it from its detail; the popup of the page shows the tag.
    await rows.first().dblclick();
    const tagField = library.getByRole('combobox', { name: 'Add a tag' });
    await tagField.fill('e2e-tag');
    await tagField.press('Enter');
    await waitFor(() => storedPapers(s.worker), (p) => p.some((r) => r.tags.includes('e2e-tag')));
    const tabId = await tabIdFor(s.worker, fixture.url);
    const popup = await s.context.newPage();
    await popup.goto(`chrome-extension://${s.extensionId}/popup.html?tab=${tabId}`);
    const tagged = popup.getByTestId('paper-row').filter({ hasText: target.title });
    await expect.poll(() => tagged.getByTestId('paper-tags').textContent()).toBe('#e2e-tag');
    await Promise.all([library.close(), popup.close(), page.close()]);
  });

  it('keeps a queue reordered by dragging across a reload', async () => {
    const queuedBefore = (await storedPapers(s.worker)).filter((p) => p.status === 'queued').length;
    const library = await s.context.newPage();
    await library.setViewportSize({ width: 400, height: 760 });
    await library.goto(`chrome-extension://${s.extensionId}/sidepanel.html#view=inbox`);
    const rows = library.getByTestId('paper-row');
    await expect.poll(() => rows.count()).toBeGreaterThan(3);
    // Queue three more, in list order.
    await rows.first().click();
    await rows.nth(2).click({ modifiers: ['Shift'] });
    await library.getByRole('button', { name: 'Queue selected' }).click();
    await library.goto(`chrome-extension://${s.extensionId}/sidepanel.html#view=queue`);
    await expect.poll(() => rows.count()).toBe(queuedBefore + 3);
    const before = await rows.locator('.title').allTextContents();
    const last = before.length - 1;
    // Drag the last paper onto the top half of the first: it becomes next to read.
    await rows.nth(last).dragTo(rows.first(), { targetPosition: { x: 40, y: 10 } });
    const moved = [before[last], ...before.slice(0, last)];
    await expect.poll(() => rows.locator('.title').allTextContents()).toEqual(moved);
    await library.reload();
    await expect.poll(() => rows.locator('.title').allTextContents()).toEqual(moved);
    expect(await rows.first().textContent()).toContain('Next to read');
    await library.close();
  });
});

describe('papers out and back in', () => {
  it('exports the stored fixture papers from the side panel, and the files read back to the same papers; a backup restores into the library', async () => {
    const file = 'arxiv-listing/list-hep-ph-new.html';
    const expected = JSON.parse(readFileSync(resolve(FIXTURES, file.replace(/\.html$/, '.expected.json')), 'utf8')) as Expected;
    // Stored by the first test of this file (same browser session).
    const stored = await storedPapers(s.worker);
    expect(stored.length).toBeGreaterThanOrEqual(expected.entries.length);
    const library = await s.context.newPage();
    await library.setViewportSize({ width: 800, height: 900 });
    await library.goto(`chrome-extension://${s.extensionId}/sidepanel.html#view=all`);
    await expect.poll(() => library.getByTestId('paper-row').count()).toBeGreaterThan(5);
    await library.getByRole('button', { name: 'Export / import' }).click();
    const panel = library.getByTestId('data-panel');
    await panel.getByRole('radio', { name: /^This list/ }).check();

    const download = async (format: string) => {
      await panel.getByRole('combobox', { name: 'Format' }).selectOption(format);
      const [file] = await Promise.all([library.waitForEvent('download'), panel.getByRole('button', { name: /^Download All as/ }).click()]);
      return { name: file.suggestedFilename(), text: readFileSync((await file.path())!, 'utf8') };
    };
    // LaTeX typesets "--" as an en dash, and a BibTeX reader gives back what LaTeX would print.
    const dashes = (t: string) => t.replace(/–/g, '--');
    const wanted = expected.entries.map((e) => ({ title: e.title, arxiv: e.ids.arxiv })).sort((a, b) => a.title.localeCompare(b.title));
    const bib = await download('bibtex');
    expect(bib.name).toMatch(/^sift-all-\d{4}-\d{2}-\d{2}\.bib$/);
    const fromBib = parseBibtex(bib.text);
    if (!fromBib.ok) throw new Error(fromBib.error);
    expect(fromBib.problems).toEqual([]);
    expect(fromBib.entries.map((e) => ({ title: dashes(e.title), arxiv: e.ids.arxiv })).sort((a, b) => a.title.localeCompare(b.title))).toEqual(wanted);
    const csl = await download('csl-json');
    const fromCsl = parseCslJson(csl.text);
    if (!fromCsl.ok) throw new Error(fromCsl.error);
    expect(fromCsl.entries.map((e) => e.title).sort((a, b) => a.localeCompare(b))).toEqual(wanted.map((w) => w.title));

    // A backup, restored into the same library: everything merges, nothing is added.
    const [backupFile] = await Promise.all([library.waitForEvent('download'), panel.getByRole('button', { name: 'Download backup' }).click()]);
    const backupPath = (await backupFile.path())!;
    await panel.getByLabel(/^File/).setInputFiles(backupPath);
    await panel.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => panel.getByTestId('import-result').textContent(), { timeout: 15_000 }).toBe(`Sift backup: 0 added, ${stored.length} merged into papers already here.`);
    expect((await storedPapers(s.worker)).length).toBe(stored.length);

    // A backup in which the listing's first paper was read, restored while the listing is open in a
    // tab: the paper is merged as read, and the tab's badge says so without a reload.
    const listing = fixturePage(file);
    s.serve(listing);
    const tab = await s.context.newPage();
    await tab.goto(listing.url);
    await waitFor(() => badgeTexts(s.context, tab), (t) => t.length === expected.entries.length);
    const firstBadge = async () => (await badgeTexts(s.context, tab))[0];
    expect(await firstBadge()).not.toBe('Read');
    const backup = JSON.parse(readFileSync(backupPath, 'utf8')) as { papers: { ids: { arxiv?: string }; status: string; statusChangedAt?: number }[] };
    const first = backup.papers.find((p) => p.ids.arxiv === expected.entries[0]!.ids.arxiv)!;
    Object.assign(first, { status: 'read', statusChangedAt: Date.now() });
    const changedPath = resolve(mkdtempSync(resolve(tmpdir(), 'sift-e2e-')), 'backup-read.json');
    writeFileSync(changedPath, JSON.stringify(backup));
    await panel.getByLabel(/^File/).setInputFiles(changedPath);
    await panel.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => panel.getByTestId('import-result').textContent(), { timeout: 15_000 }).toBe(`Sift backup: 0 added, ${stored.length} merged into papers already here.`);
    await expect.poll(firstBadge, { timeout: 10_000 }).toBe('Read');
    await tab.close();
    await library.close();
  });
});
