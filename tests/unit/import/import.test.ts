import { SiftDB } from '../../../lib/db';
import { parseBibtex } from '../../../lib/import/bibtex';
import { parseCslJson } from '../../../lib/import/csl-json';
import { importEntries, type ImportEntry } from '../../../lib/import/import';
import type { PaperRecord, Sighting } from '../../../lib/paper';
import { editTags, setNote, setStatus, storeDetected } from '../../../lib/store';

let db: SiftDB;
let n = 0;
beforeEach(() => {
  db = new SiftDB(`sift-import-${++n}`);
});
afterEach(async () => {
  await db.delete();
});

const seen = (t: number, url = 'https://arxiv.org/list/cs.LG/new', site = 'arxiv'): Sighting => ({ url, site, at: t });
const NOW = 1_700_000_000_000;

function entriesOf(bib: string): ImportEntry[] {
  const parsed = parseBibtex(bib);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.entries;
}

async function byTitle(title: string): Promise<PaperRecord[]> {
  return (await db.papers.toArray()).filter((r) => r.title === title);
}

describe('importEntries', () => {
  it('adds new papers to the inbox, with a sighting at the entry\'s address or the file, and the import\'s tag', async () => {
    const entries = entriesOf(`
@article{a, title={Linked Paper}, author={Smith, Ann}, doi={10.1000/linked}, url={https://example.org/linked}, keywords={ml, graphs}}
@article{b, title={Unlinked Paper}, author={Li, Bo}, year={2020}}
`);
    const result = await importEntries(db, entries, { tag: '  zotero   2024 ', format: 'bibtex', now: NOW });
    expect(result).toEqual({ added: 2, merged: 0, skipped: [] });
    const [linked] = await byTitle('Linked Paper');
    expect(linked).toMatchObject({
      status: 'inbox',
      authors: ['Ann Smith'],
      ids: { doi: '10.1000/linked' },
      tags: ['zotero 2024', 'ml', 'graphs'],
      addedAt: NOW,
      lastSeenAt: NOW,
      updatedAt: NOW,
      sightings: [{ url: 'https://example.org/linked', site: 'import', at: NOW }],
    });
    // Only PaperRecord fields are stored: the entry's url lives in the sighting, its keywords in tags.
    expect(Object.keys(linked!).sort()).toEqual(['addedAt', 'authors', 'id', 'ids', 'keys', 'lastSeenAt', 'sightings', 'status', 'tags', 'title', 'updatedAt']);
    const [unlinked] = await byTitle('Unlinked Paper');
    expect(unlinked).toMatchObject({ year: 2020, tags: ['zotero 2024'], sightings: [{ url: 'import:bibtex', site: 'import', at: NOW }] });
    expect((await db.papers.where('tags').equals('zotero 2024').count())).toBe(2);
  });

  it('merges with papers already in the library by DOI, by arXiv id and by title, keeping the user\'s data', async () => {
    const [byDoi, byArxiv, byTitleKey] = (
      await storeDetected(
        db,
        [
          { title: 'Published Paper', authors: ['Ann Smith'], ids: { doi: '10.1000/pub' } },
          { title: 'Attention Is All You Need', authors: ['Ashish Vaswani'], ids: { arxiv: '1706.03762' } },
          { title: 'A Paper Known Only By Title', authors: ['Cy Wu', 'Dee Ng'], ids: {} },
        ],
        seen(1_000),
      )
    ).recordIds as [string, string, string];
    await setStatus(db, [byDoi], 'read', 2_000);
    await editTags(db, [byArxiv], ['mine'], []);
    await setNote(db, byTitleKey, 'my note');

    const entries = entriesOf(`
@article{x1, title={{Published} paper, the journal version}, author={Smith, A.}, doi={https://doi.org/10.1000/PUB}, abstract={Now with an abstract.}}
@article{x2, title={Attention is all you need}, author={Vaswani, Ashish and others}, journal={arXiv preprint arXiv:1706.03762}, year={2017}}
@article{x3, title={A paper known only by title}, author={Wu, Cy}, journal={Journal of Titles}}
@article{x4, title={A Paper Known Only By Title}, author={Zed, Other}}
`);
    const result = await importEntries(db, entries, { tag: 'imported', format: 'bibtex', now: NOW });
    expect(result).toEqual({ added: 1, merged: 3, skipped: [] });
    expect(await db.papers.count()).toBe(4);

    expect(await db.papers.get(byDoi)).toMatchObject({ title: 'Published Paper', status: 'read', abstract: 'Now with an abstract.', tags: ['imported'] });
    expect(await db.papers.get(byArxiv)).toMatchObject({ status: 'inbox', tags: ['mine', 'imported'], year: 2017, authors: ['Ashish Vaswani'] });
    const titled = (await db.papers.get(byTitleKey))!;
    expect(titled).toMatchObject({ note: 'my note', venue: 'Journal of Titles', tags: ['imported'], addedAt: 1_000, lastSeenAt: NOW });
    expect(titled.sightings).toEqual([seen(1_000), { url: 'import:bibtex', site: 'import', at: NOW }]);
    // Same title, another first author: another paper.
    const others = await byTitle('A Paper Known Only By Title');
    expect(others.map((r) => r.authors[0]).sort()).toEqual(['Cy Wu', 'Other Zed']);
  });

  it('links a preprint and its publication when one entry names both', async () => {
    await storeDetected(db, [{ title: 'P', authors: ['Ann Smith'], ids: { arxiv: '2401.01234' } }], seen(1_000));
    await storeDetected(db, [{ title: 'P (journal)', authors: ['Ann Smith'], ids: { doi: '10.1000/p' } }], seen(2_000));
    const result = await importEntries(db, [{ title: 'P', authors: ['Ann Smith'], ids: { arxiv: '2401.01234', doi: '10.1000/p' } }], { now: NOW });
    expect(result).toMatchObject({ added: 0, merged: 1 });
    const all = await db.papers.toArray();
    expect(all).toHaveLength(1);
    expect(all[0]!.ids).toEqual({ arxiv: '2401.01234', doi: '10.1000/p' });
  });

  it('merges duplicates inside one file, across chunks too', async () => {
    const entries: ImportEntry[] = Array.from({ length: 2_500 }, (_, i) => ({ title: `Paper ${i % 1_200}`, authors: ['Ann Smith'], ids: { doi: `10.1000/${i % 1_200}` }, url: `https://example.org/${i}` }));
    const result = await importEntries(db, entries, { tag: 'dups', now: NOW });
    expect(result).toEqual({ added: 1_200, merged: 1_300, skipped: [] });
    expect(await db.papers.count()).toBe(1_200);
    const [first] = await byTitle('Paper 0');
    expect(first!.tags).toEqual(['dups']);
    expect(first!.sightings.map((s) => s.url)).toEqual(['https://example.org/0', 'https://example.org/1200', 'https://example.org/2400']);
  });

  it('imports the same file twice without doubling anything', async () => {
    const entries = entriesOf('@article{a, title={Once}, author={Smith, Ann}, doi={10.1000/once}, url={https://example.org/once}}');
    await importEntries(db, entries, { tag: 't', format: 'bibtex', now: NOW });
    const once = await db.papers.toArray();
    expect(await importEntries(db, entries, { tag: 't', format: 'bibtex', now: NOW + 60_000 })).toMatchObject({ added: 0, merged: 1 });
    const twice = await db.papers.toArray();
    expect(twice.map(({ lastSeenAt: _l, updatedAt: _u, ...r }) => r)).toEqual(once.map(({ lastSeenAt: _l, updatedAt: _u, ...r }) => r));
  });

  it('skips entries it cannot store, saying which and why, and imports the rest', async () => {
    const { entries, problems } = parseCslJson(
      JSON.stringify([
        { title: 'Fine', author: [{ literal: 'Ann Smith' }] },
        { title: 'Nothing to tell it apart' },
        { title: 'Too long', author: [{ literal: 'Bo Li' }], abstract: 'a'.repeat(20_001) },
        { title: 'Bad year', author: [{ literal: 'Cy Wu' }], issued: { 'date-parts': [[3_500]] } },
        { title: 'Also fine', DOI: '10.1000/fine' },
      ]),
    ) as Extract<ReturnType<typeof parseCslJson>, { ok: true }>;
    expect(problems).toEqual([]);
    const result = await importEntries(db, entries, { now: NOW });
    expect(result.added).toBe(3);
    expect(result.skipped).toEqual([
      { index: 1, error: 'item 2: no authors and no identifier (DOI, arXiv id…): not enough to tell the paper apart' },
      { index: 2, error: 'item 3: abstract is too long (20,001 characters; the limit is 20,000)' },
    ]);
    // A year out of range is simply not a year.
    expect((await byTitle('Bad year'))[0]!.year).toBeUndefined();
  });

  it('checks entries given directly too: no title, bad links dropped', async () => {
    const result = await importEntries(
      db,
      [
        { title: '  ', authors: ['Ann Smith'], ids: {} },
        { title: 'Links', authors: ['Bo Li'], ids: {}, pdfUrl: 'javascript:alert(1)', url: 'file:///etc/passwd', tags: ['ok', 'x'.repeat(101), ' '] },
      ],
      { now: NOW },
    );
    expect(result.skipped).toEqual([{ index: 0, error: 'entry 1: missing title' }]);
    const [links] = await byTitle('Links');
    expect(links!.pdfUrl).toBeUndefined();
    expect(links!.tags).toEqual(['ok']);
    expect(links!.sightings).toEqual([{ url: 'import:file', site: 'import', at: NOW }]);
  });

  it('refuses a tag that cannot be a tag', async () => {
    await expect(importEntries(db, [], { tag: ' ' })).rejects.toThrow("the import's tag must have 1 to 100 characters");
    await expect(importEntries(db, [], { tag: 'x'.repeat(101) })).rejects.toThrow('1 to 100 characters');
  });

  it('reports progress per chunk of 1,000 entries', async () => {
    const entries: ImportEntry[] = Array.from({ length: 2_345 }, (_, i) => ({ title: `Paper ${i}`, authors: ['Ann Smith'], ids: {} }));
    const progress: [number, number][] = [];
    await importEntries(db, entries, { onProgress: (done, total) => progress.push([done, total]) });
    expect(progress).toEqual([
      [0, 2_345],
      [1_000, 2_345],
      [2_000, 2_345],
      [2_345, 2_345],
    ]);
  });

  it('a cancel mid-import leaves the library exactly as it was', async () => {
    const [kept] = (await storeDetected(db, [{ title: 'Paper 5', authors: ['Ann Smith'], ids: {} }], seen(1_000))).recordIds;
    await setStatus(db, [kept!], 'saved', 1_500);
    const before = await db.papers.toArray();
    const controller = new AbortController();
    const entries: ImportEntry[] = Array.from({ length: 2_500 }, (_, i) => ({ title: `Paper ${i}`, authors: ['Ann Smith'], ids: {} }));
    const importing = importEntries(db, entries, {
      tag: 'half',
      signal: controller.signal,
      onProgress: (done) => {
        if (done === 1_000) controller.abort();
      },
    });
    await expect(importing).rejects.toMatchObject({ name: 'AbortError' });
    expect(await db.papers.toArray()).toEqual(before);
  });

  it('a failure mid-import writes nothing', async () => {
    const entries: ImportEntry[] = Array.from({ length: 1_500 }, (_, i) => ({ title: `Paper ${i}`, authors: ['Ann Smith'], ids: {} }));
    const failing = importEntries(db, entries, {
      onProgress: (done) => {
        if (done === 1_000) throw new Error('disk full');
      },
    });
    await expect(failing).rejects.toThrow('disk full');
    expect(await db.papers.count()).toBe(0);
  });
});
