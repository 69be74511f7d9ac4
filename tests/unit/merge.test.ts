import { mergeDetected, mergeRecords, newRecord, venueConsistentYear } from '../../lib/merge';
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

describe('the year a venue names wins over another', () => {
  const dblp = { url: 'https://dblp.org/search?q=x', site: 'dblp', at: 2 };

  it('venueConsistentYear: the kept year, unless only the offered one is the venue\'s', () => {
    expect(venueConsistentYear('ICLR 2021 Poster', 2020, 2021)).toBe(2021);
    expect(venueConsistentYear('ICLR 2021 Poster', 2021, 2020)).toBe(2021);
    expect(venueConsistentYear('ICLR', 2020, 2021)).toBe(2020);
    expect(venueConsistentYear(undefined, 2020, 2021)).toBe(2020);
    expect(venueConsistentYear('ICLR 2021 Poster', undefined, 2021)).toBe(2021);
    expect(venueConsistentYear('ICLR 2021 Poster', 2019, 2020)).toBe(2019);
    expect(venueConsistentYear('ICLR 2021 Poster', 2020, undefined)).toBe(2020);
  });

  it('a sighting whose year is the venue\'s corrects a stored submission year (dblp after OpenReview)', () => {
    const stored = record('a', { ids: { openreview: 'Abc' }, venue: 'ICLR 2021 Poster', year: 2020 });
    const merged = mergeDetected(stored, { title: 'A paper', authors: ['Ann Smith'], ids: { openreview: 'Abc' }, venue: 'ICLR', year: 2021 }, dblp);
    expect(merged.year).toBe(2021);
    expect(merged.venue).toBe('ICLR 2021 Poster');
    // A year the venue does not name never replaces the stored one.
    const other = mergeDetected(stored, { title: 'A paper', authors: [], ids: { openreview: 'Abc' }, year: 2022 }, dblp);
    expect(other.year).toBe(2020);
  });

  it('a venue sighting sets the year a preprint had (arXiv 2020, then ICLR 2021)', () => {
    const preprint = record('a', { year: 2020 });
    const merged = mergeDetected(preprint, { title: 'A paper', authors: [], ids: { arxiv: '2401.01234' }, venue: 'ICLR 2021 Poster', year: 2021 }, dblp);
    expect(merged).toMatchObject({ venue: 'ICLR 2021 Poster', year: 2021 });
  });

  it('mergeRecords keeps the year that agrees with the merged venue', () => {
    const a = record('a', { venue: 'ICLR 2021 Poster', year: 2020 });
    const b = record('b', { year: 2021 });
    expect(mergeRecords(a, b).year).toBe(2021);
    expect(mergeRecords(record('a', { year: 2020 }), record('b', { year: 2021 })).year).toBe(2020);
  });
});
