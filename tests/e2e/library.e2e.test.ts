// The library side panel and the popup in real Chromium: accessibility (axe-core) and screenshots.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launch, ROOT, sharedFixture, storedPapers, tabIdFor, waitFor } from './browser.mjs';

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
    const fixture = sharedFixture('arxiv-listing/list-hep-ph-new.html');
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
