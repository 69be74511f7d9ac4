import { SiftDB } from '../../../lib/db';
import { backupText, makeBackup } from '../../../lib/backup/backup';
import { fileSizeError, parseBackup, parseJsonText } from '../../../lib/backup/parse-backup';
import { restoreBackup } from '../../../lib/backup/restore';
import { DEFAULT_SETTINGS } from '../../../lib/settings';
import { storeDetected } from '../../../lib/store';

const MB = 1024 * 1024;

const paper = (over: Record<string, unknown> = {}) => ({
  id: 'rec-1',
  keys: ['arxiv:1706.03762', 'title:attention is all you need|vaswani'],
  ids: { arxiv: '1706.03762' },
  title: 'Attention Is All You Need',
  authors: ['Ashish Vaswani'],
  status: 'inbox',
  tags: [],
  addedAt: 1000,
  lastSeenAt: 1000,
  sightings: [{ url: 'https://arxiv.org/list/cs.LG/new', site: 'arxiv', at: 1000 }],
  ...over,
});
const file = (over: Record<string, unknown> = {}, papers: unknown[] = [paper()]) =>
  JSON.stringify({ format: 'sift-backup', version: 1, schemaVersion: 5, exportedAt: 5, settings: DEFAULT_SETTINGS, tags: [], papers, ...over });

function errorOf(text: string): string {
  const parsed = parseBackup(text);
  if (parsed.ok) throw new Error('expected the file to be rejected');
  return parsed.error;
}

describe('parseBackup accepts', () => {
  it('a backup, every record cleaned to exactly the PaperRecord shape', () => {
    const parsed = parseBackup(
      file({ extra: 'top-level junk' }, [
        paper({ evil: 'x', constructor: 'y', ids: { arxiv: 'arXiv:1706.03762v5', evil: 'x' }, sightings: [{ url: 'https://a.example/', site: 's', at: 1, more: 1 }] }),
      ]),
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.papers).toEqual([{ ...paper(), ids: { arxiv: '1706.03762' }, sightings: [{ url: 'https://a.example/', site: 's', at: 1 }] }]);
    expect(Object.keys(parsed.value).sort()).toEqual(['exportedAt', 'format', 'papers', 'schemaVersion', 'settings', 'tags', 'version']);
  });

  it('script text as the text it is: hostile content is data, never a reason to reject', () => {
    const hostile = '<script>alert(document.cookie)</script><img src=x onerror=alert(1)>';
    const parsed = parseBackup(file({}, [paper({ title: hostile, note: hostile, abstract: hostile, authors: [hostile], tags: ['<b>tag</b>'] })]));
    expect(parsed.ok && parsed.value.papers[0]).toMatchObject({ title: hostile, note: hostile, abstract: hostile, authors: [hostile], tags: ['<b>tag</b>'] });
  });

  it('"__proto__" keys without touching any prototype', () => {
    const text = file({}, [paper()]).replace('"id":"rec-1"', '"__proto__":{"polluted":true},"id":"rec-1"').replace('"arxiv":"1706.03762"', '"__proto__":{"polluted":true},"arxiv":"1706.03762"');
    const parsed = parseBackup(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const rec = parsed.value.papers[0]!;
    expect(Object.getPrototypeOf(rec)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(rec.ids)).toBe(Object.prototype);
    expect((rec as unknown as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a record whose stored keys miss its identifiers, which are added back', () => {
    const parsed = parseBackup(file({}, [paper({ keys: [] })]));
    expect(parsed.ok && parsed.value.papers[0]!.keys).toEqual(['arxiv:1706.03762', 'title:attention is all you need|vaswani']);
  });

  it('malformed settings values fall back to the defaults, as when storage holds them', () => {
    const parsed = parseBackup(file({ settings: { keyboard: 'yes', triagedRows: 'explode', keys: { save: 'too long' } } }));
    expect(parsed.ok && parsed.value.settings).toEqual(DEFAULT_SETTINGS);
  });

  it('an older schema, and a queue place on a paper that is not queued is dropped', () => {
    const parsed = parseBackup(file({ schemaVersion: 3 }, [paper({ queuePos: 4 })]));
    expect(parsed.ok && parsed.value.schemaVersion).toBe(3);
    expect(parsed.ok && parsed.value.papers[0]!.queuePos).toBeUndefined();
  });
});

describe('a backup made before schema 6', () => {
  const iclr = { ids: { openreview: 'abc123XYZ' }, keys: ['openreview:abc123XYZ'], venue: 'ICLR 2021 Poster', year: 2020 };
  it('gets the year its OpenReview venue names, as the upgrade gave the library', () => {
    const parsed = parseBackup(file({}, [paper(iclr)]));
    expect(parsed.ok && parsed.value.papers[0]?.year).toBe(2021);
  });
  it('but a schema 6 backup is taken as it is', () => {
    const parsed = parseBackup(file({ schemaVersion: 6 }, [paper(iclr)]));
    expect(parsed.ok && parsed.value.papers[0]?.year).toBe(2020);
  });
  it('and a paper without an OpenReview id keeps its year', () => {
    const parsed = parseBackup(file({}, [paper({ venue: 'ICLR 2021 Poster', year: 2020 })]));
    expect(parsed.ok && parsed.value.papers[0]?.year).toBe(2020);
  });
});

describe('parseBackup rejects, saying what is wrong', () => {
  it.each([
    ['garbage', 'hello, world', 'not JSON: unexpected "h" at position 0 (line 1, column 1)'],
    ['empty', '', 'not JSON: unexpected end at position 0 (line 1, column 1)'],
    ['a trailing comma', '{"format": "sift-backup",\n "papers": [1,]}', 'not JSON: unexpected "]" at position 40 (line 2, column 15)'],
    ['junk after the end', '{"a": 1} x', 'not JSON: unexpected "x" after the end of the JSON at position 9 (line 1, column 10)'],
    ['a bad escape', '{"a": "\\q"}', 'not JSON: a bad escape "\\q" at position 7 (line 1, column 8)'],
    ['a raw newline in text', '{"a": "x\ny"}', 'not JSON: a control character inside text at position 8 (line 1, column 9)'],
    ['BibTeX', '@article{x, title={T}}', 'not a Sift backup: the file looks like BibTeX (use Import)'],
    ['CSL-JSON', '[{"type": "article", "title": "T"}]', 'not a Sift backup: the file is a list (CSL-JSON? use Import)'],
    ['another format', '{"format": "zotero-rdf"}', 'not a Sift backup (its format is "zotero-rdf", not "sift-backup")'],
    ['no format', '{"papers": []}', 'not a Sift backup (it has no "format" field)'],
    ['a number', '42', 'not a Sift backup: expected a JSON object'],
  ])('%s', (_what, text, message) => {
    expect(errorOf(text)).toBe(message);
  });

  it('a truncated file, saying where it ends', async () => {
    const db = new SiftDB('sift-parse-truncated');
    try {
      await storeDetected(db, [{ title: 'A', authors: ['Ann Smith'], ids: { arxiv: '2401.01234' } }], { url: 'https://arxiv.org/', site: 'arxiv', at: 1 });
      const text = backupText(await makeBackup(db, DEFAULT_SETTINGS));
      const cut = text.slice(0, Math.floor(text.length * 0.7));
      expect(errorOf(cut)).toBe(`not JSON: unexpected end at position ${cut.length} (line 2, column ${cut.length - cut.indexOf('\n')})`);
    } finally {
      await db.delete();
    }
  });

  it.each([
    ['a newer backup format', file({ version: 2 }), 'made by a newer Sift (backup format 2); update Sift first'],
    ['a newer schema', file({ schemaVersion: 9 }), 'made by a newer Sift (schema 9); update Sift first'],
    // The version is read before anything else: a newer file's papers may look wrong to this build.
    ['a newer schema with papers this build cannot read', file({ schemaVersion: 9 }, [{ id: 7 }]), 'made by a newer Sift (schema 9); update Sift first'],
    ['no version', file({ version: undefined }), 'version: expected a whole number'],
    ['a version that is text', file({ schemaVersion: '5' }), 'schemaVersion: expected a whole number'],
    ['no papers', file({ papers: undefined }), 'papers: expected a list'],
    ['settings of the wrong type', file({ settings: 'dark' }), 'settings: expected an object'],
  ])('%s', (_what, text, message) => {
    expect(errorOf(text)).toBe(message);
  });

  it.each([
    ['a title that is a number', { title: 5 }, 'papers[12].title: expected text'],
    ['an empty title', { title: '  ' }, 'papers[12].title: expected a non-empty title'],
    ['a missing id', { id: undefined }, 'papers[12].id: expected text'],
    ['authors that are not a list', { authors: 'Ann Smith' }, 'papers[12].authors: expected a list'],
    ['an author that is not text', { authors: ['Ann', { evil: 1 }] }, 'papers[12].authors[1]: expected text'],
    ['an unknown status', { status: 'deleted' }, 'papers[12].status: unknown status "deleted" (expected inbox, saved, queued, reading, read or skipped)'],
    ['a status that is not text', { status: 1 }, 'papers[12].status: unknown status number (expected inbox, saved, queued, reading, read or skipped)'],
    ['a non-finite number (1e999 reads as Infinity)', { addedAt: 1e999 }, 'papers[12].addedAt: expected a finite number'],
    ['a time that is text', { lastSeenAt: '2024-01-01' }, 'papers[12].lastSeenAt: expected a finite number'],
    ['a year that is text', { year: '2017' }, 'papers[12].year: expected a whole number from 1500 to 3000'],
    ['a rating out of range', { rating: 7 }, 'papers[12].rating: expected a whole number from 1 to 5'],
    ['a javascript: PDF link', { pdfUrl: 'javascript:alert(1)' }, 'papers[12].pdfUrl: expected an http(s) URL'],
    ['an over-long abstract', { abstract: 'a'.repeat(20_001) }, 'papers[12].abstract: text is too long (20,001 characters; the limit is 20,000)'],
    ['an over-long title', { title: 't'.repeat(5_000) }, 'papers[12].title: text is too long (5,000 characters; the limit is 2,000)'],
    ['an empty tag', { tags: ['ok', ' \n '] }, 'papers[12].tags[1]: expected a tag of 1 to 100 characters'],
    ['a sighting without a time', { sightings: [{ url: 'https://x.org/', site: 'x' }] }, 'papers[12].sightings[0].at: expected a finite number'],
    ['ids that are a list', { ids: ['1706.03762'] }, 'papers[12].ids: expected an object'],
    ['an id that is a number', { ids: { pmid: 12345 } }, 'papers[12].ids.pmid: expected text'],
    ['authorsTruncated as text', { authorsTruncated: 'yes' }, 'papers[12].authorsTruncated: expected true or false'],
  ])('%s', (_what, over, message) => {
    const papers = Array.from({ length: 13 }, (_, i) => paper({ id: `rec-${i}` }));
    papers[12] = paper({ id: 'rec-12', ...over });
    expect(errorOf(file({}, papers))).toBe(message);
  });

  it('a paper that is not an object, and two papers with one id', () => {
    expect(errorOf(file({}, [paper(), 'a paper']))).toBe('papers[1]: expected an object');
    expect(errorOf(file({}, [paper(), paper({ title: 'Other' })]))).toBe('papers[1].id: the same id as papers[0]');
  });

  it('a tag colour that is not a plain colour', () => {
    expect(errorOf(file({ tags: [{ name: 'x', color: 'red; background: url(https://evil.example/)' }] }))).toBe('tags[0].color: expected a colour like #1a73e8');
  });

  it('a 100 MB file of garbage, at once', () => {
    const garbage = 'x'.repeat(100 * MB);
    expect(errorOf(garbage)).toBe('not JSON: unexpected "x" at position 0 (line 1, column 1)');
  });

  it('a 100 MB text hidden in a valid backup', () => {
    const huge = file({}, [paper({ abstract: 'a'.repeat(100 * MB) })]);
    expect(errorOf(huge)).toBe('papers[0].abstract: text is too long (104,857,600 characters; the limit is 20,000)');
  });

  it('a file over the size limit, before reading it', () => {
    expect(fileSizeError(80 * MB)).toBeUndefined();
    expect(fileSizeError(300 * MB)).toBe('file is too large (300 MB; the limit is 256 MB)');
    const tooBig = ' '.repeat(256 * MB + 1);
    expect(errorOf(tooBig)).toBe('file is too large (257 MB; the limit is 256 MB)');
  });

  it('100,000 nested arrays', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(errorOf(deep)).toBe('nested too deeply (more than 32 levels, at position 32 (line 1, column 33))');
  });

  it('deep nesting hidden in a field that would be dropped', () => {
    const deep = file({ junk: 'here' }).replace('"here"', '['.repeat(100_000) + ']'.repeat(100_000));
    expect(errorOf(deep)).toMatch(/^nested too deeply \(more than 32 levels, at position \d+/);
  });

  it('deep nesting that is also truncated', () => {
    expect(errorOf('['.repeat(100_000))).toBe('not JSON: unexpected end at position 100000 (line 1, column 100001)');
  });

  it('deep nesting that makes the engine run out of stack', () => {
    const parse = vi.spyOn(JSON, 'parse').mockImplementation(() => {
      throw new RangeError('Maximum call stack size exceeded');
    });
    try {
      expect(parseJsonText('[[[]]]')).toEqual({ ok: false, error: 'nested too deeply (more than 32 levels)' });
    } finally {
      parse.mockRestore();
    }
  });

  it('brackets inside text are text, not nesting', () => {
    const parsed = parseBackup(file({}, [paper({ title: `${'['.repeat(50)} "quoted \\" ${'{'.repeat(50)}` })]));
    expect(parsed.ok).toBe(true);
  });
});

describe('a rejected file writes nothing', () => {
  it('the restore is never reached, and the library is as it was', async () => {
    const db = new SiftDB('sift-parse-nothing-written');
    try {
      await storeDetected(db, [{ title: 'Kept', authors: ['Ann Smith'], ids: { arxiv: '2401.01234' } }], { url: 'https://arxiv.org/', site: 'arxiv', at: 1 });
      const before = await db.papers.toArray();
      // Many good papers, then one bad one: the good ones must not be written either.
      const papers = Array.from({ length: 500 }, (_, i) => paper({ id: `good-${i}`, title: `Good ${i}`, ids: {}, keys: [] }));
      papers.push(paper({ id: 'bad', status: 'archived' }));
      const parsed = parseBackup(file({}, papers));
      expect(parsed).toEqual({ ok: false, error: 'papers[500].status: unknown status "archived" (expected inbox, saved, queued, reading, read or skipped)' });
      if (parsed.ok) await restoreBackup(db, parsed.value);
      expect(await db.papers.toArray()).toEqual(before);
    } finally {
      await db.delete();
    }
  });
});
