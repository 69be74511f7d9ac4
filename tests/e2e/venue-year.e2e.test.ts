// Issue 13, bug 3: on an OpenReview venue page the venue's year wins over the submission date,
// in the library and in BibTeX. The ICLR 2021 page is the ICML 2024 fixture with its venue and dates changed.
import { readFileSync } from 'node:fs';
import { fixturePage, launch, storedPapers, waitFor } from './browser.mjs';
import { parseBibtex } from '../../lib/import/bibtex';

const URL = 'https://openreview.net/group?id=ICLR.cc/2021/Conference';
const html = fixturePage('openreview/group-icml2024.html')
  .html.replaceAll('ICML 2024', 'ICLR 2021')
  .replaceAll('ICML.cc', 'ICLR.cc')
  .replaceAll('Published: 02 May 2024, Last Modified: 15 Jul 2024', 'Published: 28 Sept 2020, Last Modified: 10 Feb 2021');

let s: Awaited<ReturnType<typeof launch>>;
beforeAll(async () => {
  s = await launch();
});
afterAll(async () => {
  await s?.close();
});

type Stored = { title: string; venue?: string; year?: number; ids: Record<string, string> };

it('papers of an ICLR 2021 venue page are stored, shown and exported as 2021, not 2020', async () => {
  expect(html).toContain('ICLR 2021 Poster');
  expect(html).toContain('28 Sept 2020');
  s.serve({ url: URL, html });
  const page = await s.context.newPage();
  await page.goto(URL);
  const stored = (await waitFor(
    () => storedPapers(s.worker),
    (all: Stored[]) => all.length >= 12,
  )) as Stored[];
  expect(stored).toHaveLength(12);
  expect(stored.map((p) => [p.venue, p.year])).toEqual(stored.map(() => ['ICLR 2021 Poster', 2021]));

  const library = await s.context.newPage();
  await library.goto(`chrome-extension://${s.extensionId}/sidepanel.html#view=all`);
  const rows = library.getByTestId('paper-row');
  await expect.poll(() => rows.count()).toBe(12);
  const texts = await rows.allTextContents();
  expect(texts.every((t) => t.includes('ICLR 2021 Poster · 2021'))).toBe(true);
  expect(texts.some((t) => t.includes('2020'))).toBe(false);

  await library.getByRole('button', { name: 'Export / import' }).click();
  const panel = library.getByTestId('data-panel');
  await panel.getByRole('combobox', { name: 'Format' }).selectOption('bibtex');
  const [file] = await Promise.all([library.waitForEvent('download'), panel.getByRole('button', { name: /^Download All as/ }).click()]);
  const bib = readFileSync((await file.path())!, 'utf8');
  const parsed = parseBibtex(bib);
  if (!parsed.ok) throw new Error(parsed.error);
  expect(parsed.entries).toHaveLength(12);
  expect(parsed.entries.map((e) => e.year)).toEqual(parsed.entries.map(() => 2021));
  expect(bib).not.toMatch(/year\s*=\s*\{2020\}/);
});
