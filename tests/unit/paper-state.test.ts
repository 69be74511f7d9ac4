import type { PaperBrief } from '../../lib/paper';
import { STATUSES } from '../../lib/paper';
import { STATE_LABELS, ago, badgeLabel, briefState, shortAuthors, shownState, startOfDay } from '../../lib/paper-state';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
// A fixed instant: results never depend on when the tests run.
const NOW = new Date(2024, 3, 10, 15, 30).getTime();

const brief = (over: Partial<PaperBrief> = {}): PaperBrief => ({ id: 'p1', status: 'inbox', tags: [], ...over });

describe('ago', () => {
  it.each([
    [0, 'just now'],
    [59_999, 'just now'],
    [MIN, '1 min ago'],
    [5 * MIN + 30_000, '5 min ago'],
    [59 * MIN, '59 min ago'],
    [HOUR, '1 h ago'],
    [3 * HOUR + 59 * MIN, '3 h ago'],
    [23 * HOUR + 59 * MIN, '23 h ago'],
    [DAY, '1 d ago'],
    [2 * DAY + 5 * HOUR, '2 d ago'],
    [59 * DAY, '59 d ago'],
    [60 * DAY, '2 mo ago'],
    [120 * DAY, '4 mo ago'],
    [400 * DAY, '13 mo ago'],
  ])('%i ms before now is "%s"', (delta, expected) => {
    expect(ago(NOW - delta, NOW)).toBe(expected);
  });

  it('says "just now" for a time in the future (clock skew)', () => {
    expect(ago(NOW + 5 * MIN, NOW)).toBe('just now');
  });

  it('defaults to the current time', () => {
    expect(ago(Date.now())).toBe('just now');
  });
});

describe('briefState', () => {
  it('is "new" for an untriaged paper not seen before this visit', () => {
    expect(briefState(brief())).toBe('new');
  });

  it('is "seen" for an untriaged paper seen before, even at time 0', () => {
    expect(briefState(brief({ seenBefore: NOW - DAY }))).toBe('seen');
    expect(briefState(brief({ seenBefore: 0 }))).toBe('seen');
  });

  it('is the status for every triaged paper, seen before or not', () => {
    for (const status of STATUSES.filter((s) => s !== 'inbox')) {
      expect(briefState(brief({ status }))).toBe(status);
      expect(briefState(brief({ status, seenBefore: NOW - DAY }))).toBe(status);
    }
  });
});

describe('badgeLabel', () => {
  it('says "New" for a new paper', () => {
    expect(badgeLabel(brief(), NOW)).toBe('New');
  });

  it('says when an untriaged paper was seen before', () => {
    expect(badgeLabel(brief({ seenBefore: NOW - 2 * DAY }), NOW)).toBe('Seen 2 d ago');
    expect(badgeLabel(brief({ seenBefore: NOW - 10_000 }), NOW)).toBe('Seen just now');
  });

  it('uses the state label for triaged papers', () => {
    for (const status of STATUSES.filter((s) => s !== 'inbox')) {
      expect(badgeLabel(brief({ status }), NOW)).toBe(STATE_LABELS[status]);
    }
    expect(badgeLabel(brief({ status: 'saved' }), NOW)).toBe('Saved');
  });

  it('shows the first tag and how many more', () => {
    expect(badgeLabel(brief({ status: 'saved', tags: ['ml'] }), NOW)).toBe('Saved · #ml');
    expect(badgeLabel(brief({ status: 'saved', tags: ['ml', 'rl'] }), NOW)).toBe('Saved · #ml +1');
    expect(badgeLabel(brief({ tags: ['ml', 'rl', 'cv'] }), NOW)).toBe('New · #ml +2');
    expect(badgeLabel(brief({ seenBefore: NOW - 3 * HOUR, tags: ['to read'] }), NOW)).toBe('Seen 3 h ago · #to read');
  });

  it('does not include the note', () => {
    expect(badgeLabel(brief({ status: 'read', note: 'secret' }), NOW)).toBe('Read');
  });
});

describe('shownState / startOfDay / shortAuthors', () => {
  it('startOfDay is local midnight of the same day', () => {
    const start = startOfDay(NOW);
    expect(new Date(start)).toEqual(new Date(2024, 3, 10));
    expect(startOfDay(start)).toBe(start);
  });

  it('an inbox record added today is new, one added before today is seen', () => {
    const midnight = startOfDay(NOW);
    expect(shownState({ status: 'inbox', addedAt: midnight }, NOW)).toBe('new');
    expect(shownState({ status: 'inbox', addedAt: midnight - 1 }, NOW)).toBe('seen');
    expect(shownState({ status: 'queued', addedAt: midnight - DAY }, NOW)).toBe('queued');
  });

  it('shortens long author lists', () => {
    expect(shortAuthors([])).toBe('Unknown authors');
    expect(shortAuthors(['A', 'B', 'C'])).toBe('A, B, C');
    expect(shortAuthors(['A', 'B', 'C', 'D'])).toBe('A, B, C et al.');
    expect(shortAuthors(['A', 'B'], 1)).toBe('A et al.');
  });
});
