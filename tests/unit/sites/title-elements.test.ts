// Every adapter tells where each entry's title is shown: the in-page badge goes right after it.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { detectRows } from '../../../lib/sites';
import { normalizeTitle } from '../../../lib/ids';
import { FIXTURES, parseHtml } from '../fixtures';

const index = (JSON.parse(readFileSync(resolve(FIXTURES, 'index.json'), 'utf8')) as { fixtures: { file: string; url: string }[] }).fixtures;

/** The first words of a title, normalised: enough to recognise it in the element that shows it. */
const head = (title: string) => normalizeTitle(title).split(' ').slice(0, 4).join(' ');

describe('title elements', () => {
  it.each(index.map((f) => [f.file, f.url]))('%s: every entry names the element showing its title', (file, url) => {
    const doc = parseHtml(readFileSync(resolve(FIXTURES, file), 'utf8'));
    const { rows } = detectRows(doc, url);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.title, `title element of "${row.paper.title}"`).toBeDefined();
      const el = row.title!;
      expect(el.ownerDocument).toBe(doc);
      expect(el.isConnected, `title element of "${row.paper.title}" is in the page`).toBe(true);
      // Not the whole page: the badge must land next to this entry's title.
      expect(['HTML', 'BODY', 'HEAD', 'META', 'SCRIPT']).not.toContain(el.tagName);
      expect(normalizeTitle(el.textContent ?? ''), `text of the title element of "${row.paper.title}"`).toContain(head(row.paper.title));
    }
  });
});
