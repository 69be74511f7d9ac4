import Dexie from 'dexie';
import { SiftDB } from '../../lib/db';
import type { DetectedPaper, PaperRecord, Sighting } from '../../lib/paper';
import {
  allSeenOn,
  deletePapers,
  deleteTag,
  editTags,
  listTags,
  moveInQueue,
  renameTag,
  restore,
  setNote,
  setRating,
  setStatus,
  setTagColor,
  storeDetected,
  storeDetectedGrouped,
  TRASH_KEEP_MS,
  undoDelete,
} from '../../lib/store';

let db: SiftDB;
let n = 0;
beforeEach(() => {
  db = new SiftDB(`sift-test-${++n}`);
});
afterEach(async () => {
  await db.delete();
});

const withoutStamp = ({ updatedAt: _stamp, ...rest }: PaperRecord) => rest;
const at = (t: number, url = 'https://arxiv.org/list/cs.LG/new', site = 'arxiv'): Sighting => ({ url, site, at: t });
const paper = (over: Partial<DetectedPaper> = {}): DetectedPaper => ({
  title: 'Attention Is All You Need',
  authors: ['Ashish Vaswani', 'Noam Shazeer'],
  ids: { arxiv: '1706.03762' },
  ...over,
});

describe('storeDetected', () => {
  it('adds new papers as inbox with a random stable id, findable by every identifier', async () => {
    const res = await storeDetected(db, [paper({ ids: { arxiv: '1706.03762', doi: '10.5555/3295222.3295349' } })], at(1000));
    expect(res).toMatchObject({ added: 1, known: 0 });
    const [id] = res.recordIds;
    const rec = await db.papers.get(id!);
    expect(rec).toMatchObject({ status: 'inbox', tags: [], addedAt: 1000, lastSeenAt: 1000, sightings: [at(1000)] });
    expect(id).not.toContain('1706');
    for (const key of ['arxiv:1706.03762', 'doi:10.5555/3295222.3295349', 'title:attention is all you need|vaswani']) {
      expect((await db.papers.where('keys').equals(key).first())?.id).toBe(id);
    }
  });

  it('re-detection merges new facts and the sighting, and keeps user data', async () => {
    const [id] = (await storeDetected(db, [paper()], at(1000))).recordIds;
    await setStatus(db, [id!], 'queued', 1500);
    await db.papers.update(id!, { tags: ['transformers'], note: 'read §3' });
    const res = await storeDetected(
      db,
      [paper({ ids: { arxiv: '1706.03762', doi: '10.5555/3295222.3295349' }, abstract: 'The dominant…', venue: 'NeurIPS', year: 2017 })],
      at(5_000_000, 'https://huggingface.co/papers/1706.03762', 'huggingface'),
    );
    expect(res).toMatchObject({ recordIds: [id], added: 0, known: 1 });
    const rec = (await db.papers.get(id!))!;
    expect(rec).toMatchObject({
      status: 'queued',
      tags: ['transformers'],
      note: 'read §3',
      abstract: 'The dominant…',
      venue: 'NeurIPS',
      year: 2017,
      ids: { arxiv: '1706.03762', doi: '10.5555/3295222.3295349' },
      addedAt: 1000,
      lastSeenAt: 5_000_000,
    });
    expect(rec.sightings.map((s) => s.site)).toEqual(['arxiv', 'huggingface']);
    expect(await db.papers.count()).toBe(1);
  });

  it('a reload within the same visit adds no sighting; a later visit does', async () => {
    await storeDetected(db, [paper()], at(1000));
    await storeDetected(db, [paper()], at(2000));
    expect((await db.papers.toArray())[0]!.sightings).toHaveLength(1);
    await storeDetected(db, [paper()], at(1000 + 24 * 3600 * 1000));
    expect((await db.papers.toArray())[0]!.sightings).toHaveLength(2);
  });

  it('the arXiv DOI and the arXiv id find the same paper', async () => {
    const [a] = (await storeDetected(db, [paper({ ids: { arxiv: '1706.03762' } })], at(1))).recordIds;
    const res = await storeDetected(db, [paper({ title: 'Other rendering', authors: [], ids: { arxiv: '1706.03762' } })], at(2));
    expect(res.recordIds).toEqual([a]);
  });

  it('falls back to title + first author, but never merges conflicting ids or other authors', async () => {
    const [a] = (await storeDetected(db, [paper({ ids: {} })], at(1))).recordIds;
    const sameByTitle = await storeDetected(db, [paper({ title: 'attention is all you need.', ids: { doi: '10.1/x' } })], at(2));
    expect(sameByTitle.recordIds).toEqual([a]);
    const otherAuthors = await storeDetected(db, [paper({ authors: ['Jane Doe'], ids: {} })], at(3));
    expect(otherAuthors.added).toBe(1);
    const otherArxiv = await storeDetected(db, [paper({ ids: { doi: '10.1/y' } })], at(4));
    expect(otherArxiv.added).toBe(1);
    expect(await db.papers.count()).toBe(3);
  });

  it('links a preprint and its publication into one record when an entry carries both ids', async () => {
    const [pre] = (await storeDetected(db, [paper({ ids: { arxiv: '1706.03762' } })], at(1))).recordIds;
    await setStatus(db, [pre!], 'saved', 10);
    const [pub] = (await storeDetected(db, [paper({ title: 'Attention is all you need (NeurIPS)', authors: ['A. Vaswani'], ids: { doi: '10.5555/3295222.3295349' } })], at(2))).recordIds;
    await db.papers.update(pub!, { tags: ['nlp'] });
    expect(await db.papers.count()).toBe(2);
    const res = await storeDetected(db, [paper({ ids: { arxiv: '1706.03762', doi: '10.5555/3295222.3295349' } })], at(3));
    expect(res.recordIds).toEqual([pre]);
    expect(await db.papers.count()).toBe(1);
    expect(await db.papers.get(pre!)).toMatchObject({ status: 'saved', tags: ['nlp'], ids: { arxiv: '1706.03762', doi: '10.5555/3295222.3295349' } });
  });

  it('counts duplicates within one batch once', async () => {
    const res = await storeDetected(db, [paper(), paper({ abstract: 'x' })], at(1));
    expect(res.added).toBe(1);
    expect(res.recordIds[0]).toBe(res.recordIds[1]);
    expect((await db.papers.toArray())[0]!.abstract).toBe('x');
  });

  it('a failed write leaves nothing behind (one transaction)', async () => {
    const entries = [paper(), paper({ title: 'B', ids: { arxiv: '2401.00001' } })];
    const put = vi.spyOn(db.papers, 'bulkPut').mockRejectedValueOnce(Object.assign(new Error('quota'), { name: 'QuotaExceededError' }));
    await expect(storeDetected(db, entries, at(1))).rejects.toThrow('quota');
    put.mockRestore();
    expect(await db.papers.count()).toBe(0);
  });
});

describe('edits', () => {
  it('setStatus changes only what differs, stamps the time, and answers what it was', async () => {
    const { recordIds } = await storeDetected(db, [paper(), paper({ title: 'B', ids: { arxiv: '2401.00001' } })], at(1));
    const first = await setStatus(db, recordIds, 'saved', 99);
    expect(first.briefs.map((b) => b.status)).toEqual(['saved', 'saved']);
    expect(first.before.map((p) => p.status)).toEqual(['inbox', 'inbox']);
    expect((await setStatus(db, recordIds, 'saved', 100)).briefs).toEqual([]);
    expect((await db.papers.toArray()).map((p) => [p.status, p.statusChangedAt])).toEqual([
      ['saved', 99],
      ['saved', 99],
    ]);
  });

  it('restoring the patches of any edit gives back the record exactly', async () => {
    const { recordIds } = await storeDetected(db, [paper()], at(1));
    const id = recordIds[0]!;
    const original = await db.papers.get(id);
    const edits = [
      await setStatus(db, [id], 'queued', 5),
      await editTags(db, [id], ['ml', 'to read'], []),
      await setNote(db, id, 'read section 3'),
      await editTags(db, [id], [], ['ml']),
      await setNote(db, id, ''),
    ];
    expect((await db.papers.get(id))!.tags).toEqual(['to read']);
    for (const edit of edits.reverse()) await restore(db, edit.before);
    // Everything but the change stamp the search index reads.
    expect(withoutStamp((await db.papers.get(id))!)).toEqual(withoutStamp(original!));
    expect((await db.papers.get(id))!.updatedAt).toBeGreaterThan(original!.updatedAt!);
  });

  it('a re-detected paper tells when it was seen before; a new one does not', async () => {
    const first = await storeDetected(db, [paper()], at(1000));
    expect(first.briefs).toEqual([{ id: first.recordIds[0], status: 'inbox', tags: [] }]);
    await setNote(db, first.recordIds[0]!, 'n');
    const again = await storeDetected(db, [paper(), paper({ title: 'Other', ids: { arxiv: '2401.00002' } })], at(5000, 'https://huggingface.co/papers'));
    expect(again.briefs.map((b) => [b.seenBefore, b.note])).toEqual([
      [1000, 'n'],
      [undefined, undefined],
    ]);
  });

  it('lists tags most used first, and checks where papers were seen', async () => {
    const { recordIds } = await storeDetected(db, [paper(), paper({ title: 'B', ids: { arxiv: '2401.00001' } })], at(1));
    await editTags(db, recordIds, ['ml'], []);
    await editTags(db, [recordIds[0]!], ['agents'], []);
    expect(await listTags(db)).toEqual(['ml', 'agents']);
    expect(await allSeenOn(db, recordIds, 'https://arxiv.org')).toBe(true);
    expect(await allSeenOn(db, recordIds, 'https://arxiv.org.evil.example')).toBe(false);
    expect(await allSeenOn(db, [...recordIds, 'missing'], 'https://arxiv.org')).toBe(false);
  });
});

describe('the reading queue', () => {
  const three = () => [paper(), paper({ title: 'B', ids: { arxiv: '2401.00001' } }), paper({ title: 'C', ids: { arxiv: '2401.00002' } })];
  const queueOrder = async () => (await db.papers.orderBy('queuePos').toArray()).map((p) => p.title);

  it('queued papers join the end in the order given; any other status takes them off', async () => {
    const [a, b, c] = (await storeDetected(db, three(), at(1))).recordIds as [string, string, string];
    await setStatus(db, [b], 'queued', 2);
    await setStatus(db, [c, a], 'queued', 3);
    expect(await queueOrder()).toEqual(['B', 'C', 'Attention Is All You Need']);
    await setStatus(db, [c], 'reading', 4);
    expect(await queueOrder()).toEqual(['B', 'Attention Is All You Need']);
    expect((await db.papers.get(c))!.queuePos).toBeUndefined();
  });

  it('moves a paper before another or to the end, rewriting only that paper; undo puts it back', async () => {
    const ids = (await storeDetected(db, three(), at(1))).recordIds as [string, string, string];
    await setStatus(db, ids, 'queued', 2);
    const spy = vi.spyOn(db.papers, 'bulkPut');
    const moved = await moveInQueue(db, ids[2], ids[0]);
    expect(spy.mock.calls.map((c) => c[0].length)).toEqual([1]);
    expect(await queueOrder()).toEqual(['C', 'Attention Is All You Need', 'B']);
    await moveInQueue(db, ids[2], undefined);
    expect(await queueOrder()).toEqual(['Attention Is All You Need', 'B', 'C']);
    await moveInQueue(db, ids[0], ids[2]);
    expect(await queueOrder()).toEqual(['B', 'Attention Is All You Need', 'C']);
    await restore(db, moved.before);
    expect((await db.papers.get(ids[2]))!.queuePos).toBe(moved.before[0]!.queuePos);
    expect((await moveInQueue(db, ids[0], 'not-queued')).briefs).toEqual([]);
  });
});

describe('ratings, deleting and tags', () => {
  it('rates and clears a rating; restore undoes it', async () => {
    const [id] = (await storeDetected(db, [paper()], at(1))).recordIds as [string];
    const rated = await setRating(db, id, 4);
    expect((await db.papers.get(id))!.rating).toBe(4);
    await setRating(db, id, undefined);
    expect((await db.papers.get(id))!.rating).toBeUndefined();
    await restore(db, (await setRating(db, id, 2)).before);
    expect((await db.papers.get(id))!.rating).toBeUndefined();
    expect(rated.before[0]!.rating).toBeUndefined();
  });

  it('a delete can be undone exactly, from the trash', async () => {
    const { recordIds } = await storeDetected(db, [paper(), paper({ title: 'B', ids: { arxiv: '2401.00001' } })], at(1));
    await editTags(db, recordIds, ['ml'], []);
    await setNote(db, recordIds[0]!, 'keep me');
    const before = await db.papers.toArray();
    const { token, deleted } = await deletePapers(db, recordIds, 100);
    expect(deleted.sort()).toEqual([...recordIds].sort());
    expect(await db.papers.count()).toBe(0);
    expect((await undoDelete(db, token)).briefs).toHaveLength(2);
    expect((await db.papers.toArray()).map(withoutStamp)).toEqual(before.map(withoutStamp));
    expect(await db.trash.count()).toBe(0);
    expect((await undoDelete(db, token)).briefs).toEqual([]);
  });

  it('undoing a delete after the paper was seen again merges the two records', async () => {
    const [id] = (await storeDetected(db, [paper()], at(1))).recordIds as [string];
    await setStatus(db, [id], 'saved', 2);
    const { token } = await deletePapers(db, [id], 3);
    await storeDetected(db, [paper({ abstract: 'Seen again.' })], at(4, 'https://huggingface.co/papers', 'huggingface'));
    await undoDelete(db, token);
    const all = await db.papers.toArray();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ id, status: 'saved', abstract: 'Seen again.' });
    expect(all[0]!.sightings).toHaveLength(2);
  });

  it('empties trash older than a week', async () => {
    const [a, b] = (await storeDetected(db, [paper(), paper({ title: 'B', ids: { arxiv: '2401.00001' } })], at(1))).recordIds as [string, string];
    const old = await deletePapers(db, [a], 10);
    await deletePapers(db, [b], 10 + TRASH_KEEP_MS + 1);
    expect(await db.trash.get(old.token)).toBeUndefined();
    expect(await db.trash.count()).toBe(1);
  });

  it('renames a tag (merging into an existing one), deletes a tag, and keeps colours with the name', async () => {
    const { recordIds } = await storeDetected(db, [paper(), paper({ title: 'B', ids: { arxiv: '2401.00001' } })], at(1));
    await editTags(db, recordIds, ['ml'], []);
    await editTags(db, [recordIds[0]!], ['machine learning'], []);
    await setTagColor(db, 'ml', '#ff0000');
    await renameTag(db, 'ml', 'machine learning');
    expect((await db.papers.toArray()).map((p) => p.tags)).toEqual([['machine learning'], ['machine learning']]);
    expect(await db.tags.toArray()).toEqual([{ name: 'machine learning', color: '#ff0000' }]);
    const removed = await deleteTag(db, 'machine learning');
    expect((await db.papers.toArray()).map((p) => p.tags)).toEqual([[], []]);
    expect(await db.tags.count()).toBe(0);
    await restore(db, removed.before);
    expect((await db.papers.toArray()).map((p) => p.tags)).toEqual([['machine learning'], ['machine learning']]);
  });
});

describe('storeDetectedGrouped', () => {
  it('batches sent at once are written in fewer transactions, each answered as storeDetected would', async () => {
    // Transactions started from outside any other: the ones IndexedDB commits.
    let outer = 0;
    const transaction = db.transaction.bind(db) as (...a: unknown[]) => unknown;
    vi.spyOn(db, 'transaction').mockImplementation(((...args: unknown[]) => {
      if (!Dexie.currentTransaction) outer++;
      return transaction(...args);
    }) as typeof db.transaction);
    const batch = (from: number) => Array.from({ length: 5 }, (_, i) => paper({ title: `Paper ${from + i}`, ids: { arxiv: `2404.${10000 + from + i}` } }));
    // The fourth batch shows a paper of the second again: it must find the record the second wrote.
    const again = [paper({ title: 'Paper 5', ids: { arxiv: '2404.10005' }, venue: 'ICML' })];
    const results = await Promise.all([batch(0), batch(5), batch(10), again].map((b) => storeDetectedGrouped(db, b, at(1000))));
    expect(outer).toBe(2); // the first alone; the three that waited together
    expect(results.map((r) => r.recordIds.length)).toEqual([5, 5, 5, 1]);
    expect(results[3]!.recordIds[0]).toBe(results[1]!.recordIds[0]);
    expect(results[3]).toMatchObject({ added: 0, known: 1 });
    // A batch's badges say what was known before it: the second batch's papers were new then.
    expect(results[1]!.briefs.map((b) => b.seenBefore)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(results[3]!.briefs.map((b) => b.seenBefore)).toEqual([at(1000).at]);
    expect(await db.papers.count()).toBe(15);
    expect((await db.papers.get(results[1]!.recordIds[0]!))?.venue).toBe('ICML');
  });

  it('a batch that cannot be written fails alone; the others of its group are stored', async () => {
    const batch = (from: number) => [paper({ title: `Paper ${from}`, ids: { arxiv: `2404.${10000 + from}` } })];
    const put = db.papers.bulkPut.bind(db.papers);
    vi.spyOn(db.papers, 'bulkPut').mockImplementation(((records: PaperRecord[], ...rest: never[]) => {
      if (records.some((r) => r.title === 'Paper 2')) return Promise.reject(new Error('QuotaExceededError'));
      return (put as (...a: unknown[]) => Promise<unknown>)(records, ...rest);
    }) as typeof db.papers.bulkPut);
    const results = await Promise.allSettled([0, 1, 2, 3].map((i) => storeDetectedGrouped(db, batch(i), at(1000))));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((await db.papers.toArray()).map((r) => r.title).sort()).toEqual(['Paper 0', 'Paper 1', 'Paper 3']);
  });
});
