import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { adapterFor, adapters, detectorFor, detectPapers } from '../../../lib/sites';
import { FIXTURES, expectFixture, parseHtml } from '../fixtures';
import { CONTENT_MATCHES, matchesPattern } from '../../../lib/sites/matches';

interface IndexEntry {
  file: string;
  url: string;
}

const index = (JSON.parse(readFileSync(resolve(FIXTURES, 'index.json'), 'utf8')) as { fixtures: IndexEntry[] }).fixtures;
const GENERIC = new Set(['highwire-meta', 'coins', 'jsonld']);

describe('registry', () => {
  it.each(index.map((f) => [f.file, f.url]))('%s is claimed by exactly the right detector', (file, url) => {
    const claimants = adapters.filter((a) => a.urls.some((re) => re.test(url)));
    const folder = file.split('/')[0]!;
    if (GENERIC.has(folder)) {
      expect(claimants.map((a) => a.site)).toEqual([]);
      expect(detectorFor(url).site).toBe('generic');
    } else {
      expect(claimants).toHaveLength(1);
      expect(detectorFor(url)).toBe(claimants[0]);
    }
  });

  it.each(index.filter((f) => !GENERIC.has(f.file.split('/')[0]!)).map((f) => [f.file, f.url]))("%s: its adapter's host names the URL's host", (_file, url) => {
    const adapter = adapterFor(url)!;
    expect(adapter.host.test(new URL(url).hostname)).toBe(true);
    // Only the whole hostname counts: a look-alike host claims nothing.
    const { hostname } = new URL(url);
    for (const other of [`${hostname}.example.org`, `evil-${hostname}`]) expect(adapterFor(url.replace(hostname, other)), other).toBeUndefined();
  });

  it('an unparsable URL is claimed by no adapter', () => {
    expect(adapterFor('not a url')).toBeUndefined();
  });

  it.each(index.map((f) => [f.file]))('%s yields its expected entries', (file) => {
    const [folder, name] = file.split('/') as [string, string];
    expectFixture(folder, name.replace(/\.html$/, ''));
  });
});

describe('content script matches', () => {
  it.each(index.filter((f) => !GENERIC.has(f.file.split('/')[0]!)).map((f) => [f.url]))('the content script runs on %s', (url) => {
    expect(CONTENT_MATCHES.some((p) => matchesPattern(p, url))).toBe(true);
  });
  it('never runs the generic detectors on a supported site, even on pages its adapter does not read', () => {
    const doc = parseHtml(
      '<html><head><meta name="citation_title" content="A model card that cites a paper"><meta name="citation_author" content="Doe, Jane"><meta name="citation_doi" content="10.1000/x"></head><body><h1>model</h1></body></html>',
    );
    expect(detectPapers(doc, 'https://huggingface.co/some-org/some-model')).toEqual([]);
    expect(detectorFor('https://openreview.net/profile?id=~Jane_Doe1').site).toBe('none');
    expect(detectPapers(doc, 'https://example.org/paper')).toHaveLength(1);
    expect(detectPapers(doc, 'https://arxiv.org/help/api')).toHaveLength(1);
  });

  it('does not run on pages of unrelated sites', () => {
    for (const url of ['https://example.org/', 'https://journals.plos.org/plosone/article?id=1', 'https://arxiv.org/help/api'])
      expect(CONTENT_MATCHES.some((p) => matchesPattern(p, url)), url).toBe(false);
  });
});
