import { SiftDB } from '../../../lib/db';
import { backupText, makeBackup, type Backup } from '../../../lib/backup/backup';
import { parseBackup } from '../../../lib/backup/parse-backup';
import { restoreBackup } from '../../../lib/backup/restore';
import { identityKeys } from '../../../lib/ids';
import type { DetectedPaper, PaperRecord, Sighting } from '../../../lib/paper';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/settings';
import { editTags, setNote, setRating, setStatus, setTagColor, storeDetected } from '../../../lib/store';

let db: SiftDB;
let n = 0;
beforeEach(() => {
  db = new SiftDB(`sift-backup-${++n}`);
});
afterEach(async () => {
  await db.delete();
});

const at = (t: number, url = 'https://arxiv.org/list/cs.LG/new', site = 'arxiv'): Sighting => ({ url, site, at: t });
const settings: Settings = { ...DEFAULT_SETTINGS, keyboard: false, triagedRows: 'dim', keys: { ...DEFAULT_SETTINGS.keys, save: 'w' } };

const manyAuthors = Array.from({ length: 380 }, (_, i) => `Author Number${i}`);

/** A library with the awkward cases: odd text, many and no authors, every user field, merged records. */
type SeededIds = Record<'attention' | 'kernel' | 'script' | 'large' | 'noAuthors' | 'truncated', string>;

async function seedLibrary(target: SiftDB): Promise<SeededIds> {
  const papers: DetectedPaper[] = [
    { title: 'Attention Is All You Need', authors: ['Ashish Vaswani', 'Noam Shazeer'], ids: { arxiv: '1706.03762' }, abstract: 'The dominant…', year: 2017 },
    { title: 'Kernel PCA by Schölkopf & co: 100% {braces} $x^2$ a_b', authors: ['Bernhard Schölkopf'], ids: { doi: '10.1007/bfb0020217' }, venue: 'ICANN' },
    { title: '<script>alert("x")</script> A title', authors: ['Eve <img src=x onerror=alert(1)>'], ids: { openreview: 'AbCdEf123' } },
    { title: 'A Large Collaboration', authors: manyAuthors, ids: { arxiv: '2401.00001' }, pdfUrl: 'https://arxiv.org/pdf/2401.00001' },
    { title: 'No Authors Known', authors: [], ids: { pmid: '12345' } },
    { title: 'Truncated List', authors: ['Ann Smith', 'Bo Li'], ids: { s2: 'abc' }, authorsTruncated: true },
  ];
  const first = await storeDetected(target, papers, at(1_000));
  // Seen again elsewhere: a second sighting and a DOI.
  await storeDetected(target, [{ ...papers[0]!, ids: { arxiv: '1706.03762', doi: '10.5555/3295222.3295349' } }], at(5_000_000, 'https://huggingface.co/papers/1706.03762', 'huggingface'));
  const [attention, kernel, script, large, noAuthors, truncated] = first.recordIds as [string, string, string, string, string, string];
  await setStatus(target, [attention, large], 'queued', 2_000);
  await setStatus(target, [kernel], 'read', 3_000);
  await setStatus(target, [script], 'skipped', 3_000);
  await editTags(target, [attention, kernel], ['transformers', 'to cite'], []);
  await setNote(target, attention, 'read §3\n\nthen §4 <b>bold</b>');
  await setRating(target, kernel, 4);
  await setTagColor(target, 'transformers', '#1a73e8');
  return { attention, kernel, script, large, noAuthors, truncated };
}

async function allRecords(target: SiftDB): Promise<PaperRecord[]> {
  return target.papers.orderBy(':id').toArray();
}

const withoutStamp = ({ updatedAt: _stamp, ...rest }: PaperRecord) => rest;

/** What the UI would do: read the file, then restore it. */
async function restoreText(target: SiftDB, text: string, now = 9_000_000) {
  const parsed = parseBackup(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return restoreBackup(target, parsed.value, { now });
}

/** A synthetic backup of `count` papers, for chunking, progress and cancel. */
function syntheticBackup(count: number, prefix = 'p'): Backup {
  const papers: PaperRecord[] = Array.from({ length: count }, (_, i) => {
    const paper = { title: `Synthetic paper ${prefix} ${i}`, authors: [`Ann ${prefix}${i}`], ids: { arxiv: `2301.${String(10_000 + i)}` } };
    return {
      id: `${prefix}-${String(i).padStart(6, '0')}`,
      keys: identityKeys(paper),
      ...paper,
      status: i % 10 === 0 ? 'queued' : 'inbox',
      ...(i % 10 === 0 ? { queuePos: i + 1 } : {}),
      tags: [],
      addedAt: 1_000 + i,
      lastSeenAt: 2_000 + i,
      sightings: [at(1_000 + i)],
    };
  });
  return { format: 'sift-backup', version: 1, schemaVersion: 5, exportedAt: 1, papers, tags: [], settings: DEFAULT_SETTINGS };
}

describe('makeBackup', () => {
  it('holds every paper with every field, the tags, the settings and the schema version', async () => {
    const ids = await seedLibrary(db);
    const backup = await makeBackup(db, settings, { now: 42 });
    expect(backup).toMatchObject({ format: 'sift-backup', version: 1, schemaVersion: db.verno, exportedAt: 42, settings, tags: [{ name: 'transformers', color: '#1a73e8' }] });
    expect(backup.papers).toEqual(await allRecords(db));
    const attention = backup.papers.find((p) => p.id === ids.attention)!;
    expect(attention).toMatchObject({ status: 'queued', queuePos: 1, note: 'read §3\n\nthen §4 <b>bold</b>', tags: ['transformers', 'to cite'] });
    expect(attention.sightings).toHaveLength(2);
    expect(backup.papers.find((p) => p.id === ids.large)!.authors).toHaveLength(380);
  });

  it('reads a library larger than one chunk, in primary-key order, and reports progress', async () => {
    await restoreBackup(db, syntheticBackup(12_345), { now: 1 });
    const progress: [number, number][] = [];
    const backup = await makeBackup(db, settings, { onProgress: (done, total) => progress.push([done, total]) });
    expect(backup.papers).toHaveLength(12_345);
    expect(backup.papers.map((p) => p.id)).toEqual([...backup.papers.map((p) => p.id)].sort());
    expect(progress).toEqual([
      [0, 12_345],
      [5_000, 12_345],
      [10_000, 12_345],
      [12_345, 12_345],
    ]);
  });

  it('writes JSON with one paper per line', async () => {
    await seedLibrary(db);
    const backup = await makeBackup(db, settings);
    const text = backupText(backup);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(backup)));
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(backup.papers.length + 2);
    expect(lines[0]).toMatch(/^\{"format":"sift-backup","version":1,"schemaVersion":6,/);
  });

  it('backs up an empty library', async () => {
    const text = backupText(await makeBackup(db, DEFAULT_SETTINGS));
    const parsed = parseBackup(text);
    expect(parsed.ok && parsed.value.papers).toEqual([]);
  });
});

describe('restoreBackup into an empty library', () => {
  it('gives back exactly what was backed up: backup → wipe → restore', async () => {
    await seedLibrary(db);
    const before = await allRecords(db);
    const tagsBefore = await db.tags.toArray();
    const text = backupText(await makeBackup(db, settings));

    await db.papers.clear();
    await db.tags.clear();
    const parsed = parseBackup(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.settings).toEqual(settings);
    const result = await restoreBackup(db, parsed.value, { now: 9_000_000 });

    expect(result).toEqual({ added: before.length, merged: 0, tags: 1 });
    const after = await allRecords(db);
    // Every field comes back; only the stamp that tells the search index to look again is new.
    expect(after.map(withoutStamp)).toEqual(before.map(withoutStamp));
    expect(after.every((r) => r.updatedAt === 9_000_000)).toBe(true);
    expect(await db.tags.toArray()).toEqual(tagsBefore);
    // Still findable by every identifier.
    for (const rec of before) for (const key of rec.keys) expect((await db.papers.where('keys').equals(key).first())?.id).toBe(rec.id);
  });

  it('also into a fresh database', async () => {
    await seedLibrary(db);
    const before = await allRecords(db);
    const text = backupText(await makeBackup(db, settings));
    const fresh = new SiftDB(`sift-backup-fresh-${n}`);
    try {
      await restoreText(fresh, text);
      expect((await allRecords(fresh)).map(withoutStamp)).toEqual(before.map(withoutStamp));
    } finally {
      await fresh.delete();
    }
  });

  it('reports progress per chunk of 1,000 papers', async () => {
    const progress: [number, number][] = [];
    await restoreBackup(db, syntheticBackup(2_500), { onProgress: (done, total) => progress.push([done, total]) });
    expect(progress).toEqual([
      [0, 2_500],
      [1_000, 2_500],
      [2_000, 2_500],
      [2_500, 2_500],
    ]);
    expect(await db.papers.count()).toBe(2_500);
  });
});

describe('restoreBackup into a library that has papers', () => {
  it('merges by identity and loses nothing on either side', async () => {
    // The backup's library.
    const source = new SiftDB(`sift-backup-source-${n}`);
    let backup: Backup;
    try {
      const [attention, sameTitle, onlyThere, queuedThere] = (
        await storeDetected(
          source,
          [
            { title: 'Attention Is All You Need', authors: ['Ashish Vaswani'], ids: { arxiv: '1706.03762' }, venue: 'NeurIPS' },
            { title: 'Deep Learning', authors: ['Yann LeCun'], ids: {} },
            { title: 'Only In The Backup', authors: ['Bo Li'], ids: { doi: '10.1000/only' } },
            { title: 'Queued In The Backup', authors: ['Cy Wu'], ids: { doi: '10.1000/queued' } },
          ],
          at(100, 'https://arxiv.org/list/cs.LG/pastweek', 'arxiv'),
        )
      ).recordIds as [string, string, string, string];
      await setStatus(source, [attention], 'read', 8_000);
      await setStatus(source, [queuedThere], 'queued', 8_000);
      await editTags(source, [attention, sameTitle], ['from-backup'], []);
      await setNote(source, attention, 'backup note');
      await setRating(source, attention, 5);
      await setTagColor(source, 'from-backup', '#00aa00');
      await setTagColor(source, 'shared', '#ff0000');
      backup = await makeBackup(source, settings);
      expect(backup.papers.map((p) => p.id)).toEqual(expect.arrayContaining([attention, sameTitle, onlyThere]));
    } finally {
      await source.delete();
    }

    // The library restored into: the same paper under another record id, another "Deep Learning", a queue.
    const [attention, deepLearning, queuedHere] = (
      await storeDetected(
        db,
        [
          { title: 'Attention is all you need', authors: ['A. Vaswani'], ids: { arxiv: '1706.03762', doi: '10.5555/3295222.3295349' }, abstract: 'The dominant…' },
          { title: 'Deep Learning', authors: ['Ian Goodfellow'], ids: {} },
          { title: 'Queued Here', authors: ['Dee Ng'], ids: { doi: '10.1000/here' } },
        ],
        at(50, 'https://huggingface.co/papers', 'huggingface'),
      )
    ).recordIds as [string, string, string];
    await setStatus(db, [attention], 'queued', 7_000);
    await setStatus(db, [queuedHere], 'queued', 7_500);
    await editTags(db, [attention], ['mine'], []);
    await setNote(db, attention, 'library note');
    await setRating(db, attention, 3);
    await setTagColor(db, 'shared', '#0000ff');
    const libraryBefore = await allRecords(db);

    const result = await restoreBackup(db, backup, { now: 9_000_000 });
    expect(result).toEqual({ added: 3, merged: 1, tags: 1 });

    const after = await allRecords(db);
    expect(after).toHaveLength(6);
    const merged = after.find((r) => r.id === attention)!;
    expect(merged).toMatchObject({
      // The library's record keeps its id and its metadata; the backup fills what it lacked.
      title: 'Attention is all you need',
      abstract: 'The dominant…',
      venue: 'NeurIPS',
      ids: { arxiv: '1706.03762', doi: '10.5555/3295222.3295349' },
      // "read" at 8,000 is more recent than "queued" at 7,000.
      status: 'read',
      statusChangedAt: 8_000,
      tags: ['mine', 'from-backup'],
      note: 'library note\n\nbackup note',
      rating: 3,
      addedAt: 50,
      lastSeenAt: 100,
      updatedAt: 9_000_000,
    });
    expect(merged.queuePos).toBeUndefined();
    expect(merged.sightings.map((s) => s.site)).toEqual(['huggingface', 'arxiv']);
    // Same title, different first author: two papers, both kept.
    const deep = after.filter((r) => r.title === 'Deep Learning');
    expect(deep.map((r) => r.authors[0]).sort()).toEqual(['Ian Goodfellow', 'Yann LeCun']);
    expect(deep.find((r) => r.id === deepLearning)!.tags).toEqual([]);
    // Queued only in the backup: after the library's queue.
    const queuedThere = after.find((r) => r.title === 'Queued In The Backup')!;
    const here = after.find((r) => r.id === queuedHere)!;
    expect(here.queuePos).toBe(2);
    expect(queuedThere).toMatchObject({ status: 'queued' });
    expect(queuedThere.queuePos).toBeGreaterThan(here.queuePos!);
    // Tag colours: the library's own wins, the backup's new one is added.
    expect(await db.tags.toArray()).toEqual(
      expect.arrayContaining([
        { name: 'shared', color: '#0000ff' },
        { name: 'from-backup', color: '#00aa00' },
      ]),
    );

    // Nothing lost: every library record is still there with its tags, note and sightings;
    // every backed-up paper is findable by each of its keys, with its tags and sightings.
    for (const rec of libraryBefore) {
      const now = after.find((r) => r.id === rec.id)!;
      expect(now.tags).toEqual(expect.arrayContaining(rec.tags));
      expect(now.sightings).toEqual(expect.arrayContaining(rec.sightings));
      if (rec.note) expect(now.note).toContain(rec.note);
    }
    for (const rec of backup.papers) {
      const found = await db.papers.where('keys').anyOf(rec.keys).toArray();
      const holder = found.find((r) => rec.sightings.every((s) => r.sightings.some((x) => x.url === s.url && x.at === s.at)));
      expect(holder, rec.title).toBeDefined();
      expect(holder!.tags).toEqual(expect.arrayContaining(rec.tags));
      if (rec.note) expect(holder!.note).toContain(rec.note);
    }
  });

  it('restoring a backup into its own library, twice, changes nothing (not even the stamps)', async () => {
    await seedLibrary(db);
    const before = await allRecords(db);
    const text = backupText(await makeBackup(db, settings));
    expect(await restoreText(db, text)).toEqual({ added: 0, merged: before.length, tags: 0 });
    expect(await restoreText(db, text)).toEqual({ added: 0, merged: before.length, tags: 0 });
    expect(await allRecords(db)).toEqual(before);
  });

  it('restoring an older backup after edits keeps the edits, and stamps only what changed', async () => {
    const ids = await seedLibrary(db);
    const text = backupText(await makeBackup(db, settings));
    await setNote(db, ids.kernel, 'a note written after the backup');
    await setStatus(db, [ids.truncated], 'saved', 4_000);
    const before = await allRecords(db);
    await restoreText(db, text, 9_000_000);
    const after = await allRecords(db);
    expect(after.map(withoutStamp)).toEqual(before.map(withoutStamp));
    // Nothing in the backup was missing from the library: no record was rewritten.
    expect(after.map((r) => r.updatedAt)).toEqual(before.map((r) => r.updatedAt));
  });

  it('a backed-up paper naming two library records (preprint and publication) joins them into one', async () => {
    const [preprint] = (await storeDetected(db, [{ title: 'P', authors: ['Ann Smith'], ids: { arxiv: '2401.01234' } }], at(10))).recordIds;
    const [published] = (await storeDetected(db, [{ title: 'P (journal version)', authors: ['Ann Smith'], ids: { doi: '10.1000/p' } }], at(20))).recordIds;
    const backup = syntheticBackup(0);
    const paper = { title: 'P', authors: ['Ann Smith'], ids: { arxiv: '2401.01234', doi: '10.1000/p' } };
    backup.papers.push({ id: 'from-backup', keys: identityKeys(paper), ...paper, status: 'saved', statusChangedAt: 30, tags: ['t'], addedAt: 5, lastSeenAt: 30, sightings: [at(30)] });
    expect(await restoreBackup(db, backup)).toEqual({ added: 0, merged: 1, tags: 0 });
    const all = await allRecords(db);
    expect(all).toHaveLength(1);
    // The oldest library record keeps its id; the earliest addedAt is the backup's.
    expect(all[0]).toMatchObject({ id: preprint, status: 'saved', tags: ['t'], addedAt: 5, ids: { arxiv: '2401.01234', doi: '10.1000/p' } });
    expect(all[0]!.id).not.toBe(published);
  });

  it.each([
    ['a decision beats inbox, however old', { status: 'inbox' }, { status: 'skipped', statusChangedAt: 1 }, 'skipped'],
    ['between decisions the more recent wins', { status: 'read', statusChangedAt: 5 }, { status: 'saved', statusChangedAt: 6 }, 'saved'],
    ['the library wins when it is more recent', { status: 'saved', statusChangedAt: 9 }, { status: 'read', statusChangedAt: 6 }, 'saved'],
    ['on equal times the further along wins', { status: 'saved', statusChangedAt: 5 }, { status: 'reading', statusChangedAt: 5 }, 'reading'],
    ['on unknown times, saving beats skipping', { status: 'skipped' }, { status: 'saved' }, 'saved'],
  ] as const)('status: %s', async (_what, library, backedUp, expected) => {
    const [id] = (await storeDetected(db, [{ title: 'One Paper', authors: ['Ann Smith'], ids: { arxiv: '2401.01234' } }], at(10))).recordIds;
    await db.papers.update(id!, { ...library });
    const backup = syntheticBackup(0);
    const paper = { title: 'One Paper', authors: ['Ann Smith'], ids: { arxiv: '2401.01234' } };
    backup.papers.push({ id: 'other', keys: identityKeys(paper), ...paper, tags: [], addedAt: 10, lastSeenAt: 10, sightings: [at(10)], ...backedUp });
    await restoreBackup(db, backup);
    expect((await db.papers.get(id!))!.status).toBe(expected);
  });

  it('papers queued only in the backup keep their backed-up order after the current queue', async () => {
    await storeDetected(db, [{ title: 'Here', authors: ['Ann Smith'], ids: { doi: '10.1000/here' } }], at(1));
    const [here] = await db.papers.toCollection().primaryKeys();
    await setStatus(db, [here!], 'queued', 2);
    const backup = syntheticBackup(30);
    // Backed-up queue order: reversed ids.
    backup.papers.filter((p) => p.status === 'queued').forEach((p, i, all) => (p.queuePos = all.length - i));
    await restoreBackup(db, backup);
    const queue = await db.papers.orderBy('queuePos').toArray();
    expect(queue.map((p) => p.id)).toEqual([here, 'p-000020', 'p-000010', 'p-000000']);
  });
});

describe('restoreBackup is all or nothing', () => {
  async function snapshot(target: SiftDB) {
    return { papers: await allRecords(target), tags: await target.tags.toArray() };
  }

  it('a cancel mid-restore leaves a non-empty library exactly as it was', async () => {
    await seedLibrary(db);
    const before = await snapshot(db);
    const controller = new AbortController();
    const backup = syntheticBackup(3_000);
    backup.tags = [{ name: 'new-tag', color: '#123456' }];
    const restoring = restoreBackup(db, backup, {
      signal: controller.signal,
      onProgress: (done) => {
        if (done === 2_000) controller.abort();
      },
    });
    await expect(restoring).rejects.toMatchObject({ name: 'AbortError' });
    expect(await snapshot(db)).toEqual(before);
  });

  it('a cancel mid-restore into an empty library leaves it empty', async () => {
    const controller = new AbortController();
    const progress: number[] = [];
    const restoring = restoreBackup(db, syntheticBackup(2_500), {
      signal: controller.signal,
      onProgress: (done) => {
        progress.push(done);
        if (done === 1_000) controller.abort();
      },
    });
    await expect(restoring).rejects.toMatchObject({ name: 'AbortError' });
    expect(progress).toEqual([0, 1_000]);
    expect(await db.papers.count()).toBe(0);
  });

  it('a cancel before the start writes nothing', async () => {
    await expect(restoreBackup(db, syntheticBackup(10), { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    expect(await db.papers.count()).toBe(0);
  });

  it('a failure mid-restore writes nothing', async () => {
    await seedLibrary(db);
    const before = await snapshot(db);
    const failing = restoreBackup(db, syntheticBackup(2_500), {
      onProgress: (done) => {
        if (done === 2_000) throw new Error('disk full');
      },
    });
    await expect(failing).rejects.toThrow('disk full');
    expect(await snapshot(db)).toEqual(before);
  });
});
