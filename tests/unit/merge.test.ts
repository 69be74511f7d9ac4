import { mergeRecords, newRecord } from '../../lib/merge';
import type { PaperRecord } from '../../lib/paper';

const record = (id: string, over: Partial<PaperRecord> = {}): PaperRecord => ({
  ...newRecord({ title: 'A paper', authors: ['Ann Smith'], ids: { arxiv: '2401.01234' } }, { url: 'https://arxiv.org/abs/2401.01234', site: 'arxiv', at: 1 }, id),
  ...over,
});

describe('mergeRecords', () => {
  it('keeps a queue place only for a queued result, from the queued side', () => {
    const queued = record('a', { status: 'queued', statusChangedAt: 5, queuePos: 3 });
    const readLater = record('b', { status: 'read', statusChangedAt: 9 });
    expect(mergeRecords(queued, readLater)).toMatchObject({ status: 'read' });
    expect(mergeRecords(queued, readLater).queuePos).toBeUndefined();
    const inbox = record('c', { queuePos: 99 });
    expect(mergeRecords(inbox, queued)).toMatchObject({ id: 'c', status: 'queued', queuePos: 3 });
  });

  it('keeps a rating, the first side winning', () => {
    expect(mergeRecords(record('a', { rating: 2 }), record('b', { rating: 5 })).rating).toBe(2);
    expect(mergeRecords(record('a'), record('b', { rating: 5 })).rating).toBe(5);
  });
});
