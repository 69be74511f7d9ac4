import { inView, startRow, type Span } from '../../lib/page-ui/start-row';

/** Rows `height` px tall, one after another, the view scrolled down by `scrollY`. */
const rows = (count: number, height: number, scrollY: number): Span[] =>
  Array.from({ length: count }, (_, i) => ({ top: i * height - scrollY, bottom: (i + 1) * height - scrollY }));
const VIEW = 700;

describe('startRow', () => {
  it('at the top of the page, j starts at the first row and k at the last one wholly in view', () => {
    const spans = rows(20, 100, 0);
    expect(startRow(20, (i) => spans[i], VIEW, 1)).toBe(0);
    expect(startRow(20, (i) => spans[i], VIEW, -1)).toBe(6); // rows 0–6 end by 700
  });

  it('scrolled into the middle, j starts at the first row whose top is in view, k at the last whose bottom is', () => {
    const spans = rows(20, 100, 470); // row 4 is 70 % out at the top, row 11 30 % out at the bottom
    expect(startRow(20, (i) => spans[i], VIEW, 1)).toBe(5);
    expect(startRow(20, (i) => spans[i], VIEW, -1)).toBe(11);
    const lower = rows(20, 100, 430); // row 4 is 30 % out at the top, row 11 70 % out at the bottom
    expect(startRow(20, (i) => lower[i], VIEW, 1)).toBe(4);
    expect(startRow(20, (i) => lower[i], VIEW, -1)).toBe(10);
  });

  it('a row whose top an anchor jump left a few pixels above the view is the first in view', () => {
    const spans = rows(20, 150, 1_203); // row 8 starts 3 px above the view
    expect(startRow(20, (i) => spans[i], VIEW, 1)).toBe(8);
  });

  it('skips rows that cannot take focus', () => {
    const spans = rows(20, 100, 470);
    const hidden = new Set([5, 6, 11]);
    const spanOf = (i: number) => (hidden.has(i) ? undefined : spans[i]);
    expect(startRow(20, spanOf, VIEW, 1)).toBe(7);
    expect(startRow(20, spanOf, VIEW, -1)).toBe(10);
  });

  it('a row taller than the view, filling it, is where both start', () => {
    const spans: Span[] = [
      { top: -900, bottom: -100 },
      { top: -100, bottom: 1_200 },
      { top: 1_200, bottom: 1_300 },
    ];
    expect(startRow(3, (i) => spans[i], VIEW, 1)).toBe(1);
    expect(startRow(3, (i) => spans[i], VIEW, -1)).toBe(1);
  });

  it('with no row in view, j takes the next row below and k the next above; past the end, the nearest', () => {
    // The view is on a gap between two sections of the listing.
    const spans: Span[] = [
      { top: -500, bottom: -400 },
      { top: -400, bottom: -300 },
      { top: 900, bottom: 1_000 },
    ];
    expect(startRow(3, (i) => spans[i], VIEW, 1)).toBe(2);
    expect(startRow(3, (i) => spans[i], VIEW, -1)).toBe(1);
    // Scrolled past every row (a page footer): both start at the last row; above every row, at the first.
    const above = rows(5, 100, 2_000);
    expect(startRow(5, (i) => above[i], VIEW, 1)).toBe(4);
    expect(startRow(5, (i) => above[i], VIEW, -1)).toBe(4);
    const below = rows(5, 100, -2_000);
    expect(startRow(5, (i) => below[i], VIEW, 1)).toBe(0);
    expect(startRow(5, (i) => below[i], VIEW, -1)).toBe(0);
  });

  it('no rows, or none that can take focus: nowhere', () => {
    expect(startRow(0, () => undefined, VIEW, 1)).toBeUndefined();
    expect(startRow(3, () => undefined, VIEW, -1)).toBeUndefined();
  });

  it('stops reading positions once past the view (a 2,000-row page)', () => {
    const spans = rows(2_000, 100, 0);
    const read: number[] = [];
    startRow(2_000, (i) => (read.push(i), spans[i]), VIEW, 1);
    expect(read).toEqual([0]);
    read.length = 0;
    startRow(2_000, (i) => (read.push(i), spans[i]), VIEW, -1);
    expect(read.length).toBeLessThan(2_000);
  });
});

describe('inView', () => {
  it('any part inside the view counts; touching an edge does not', () => {
    expect(inView({ top: -10, bottom: 1 }, VIEW)).toBe(true);
    expect(inView({ top: 699, bottom: 800 }, VIEW)).toBe(true);
    expect(inView({ top: -10, bottom: 0 }, VIEW)).toBe(false);
    expect(inView({ top: 700, bottom: 800 }, VIEW)).toBe(false);
  });
});
