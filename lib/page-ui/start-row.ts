// Where j / k start when no entry is focused or the focused one is out of view: from the entries
// in view, as feed readers do, not from the top of the page. Pure: the triage passes row positions.

/** A row's vertical extent, relative to the top of the view. */
export interface Span {
  top: number;
  bottom: number;
}

/** True when some of `span` is inside a view `height` tall. */
export function inView(span: Span, height: number): boolean {
  return span.bottom > 0 && span.top < height;
}

/** At least half of `span` is inside the view. */
function mostlyInView(span: Span, height: number): boolean {
  const shown = Math.min(span.bottom, height) - Math.max(span.top, 0);
  return shown > 0 && shown * 2 >= span.bottom - span.top;
}

/**
 * The row index j (`step` 1) or k (`step` -1) starts at. Rows are in page order; `spanOf` gives
 * undefined for a row that cannot take focus (hidden, gone). j takes the first row whose top is in
 * view, k the last row whose bottom is (or one at least half in view); failing that, a row that fills the view, then the nearest
 * row beyond the view in the direction of travel, then the nearest one behind it.
 */
export function startRow(count: number, spanOf: (i: number) => Span | undefined, height: number, step: 1 | -1): number | undefined {
  let covering: number | undefined;
  let behind: number | undefined;
  for (let n = 0; n < count; n++) {
    const i = step > 0 ? n : count - 1 - n;
    const span = spanOf(i);
    if (!span) continue;
    // j looks at tops, k at bottoms: the edge the eye meets first when moving that way. A row
    // mostly in view counts too (an anchor jump leaves its row's top a few pixels above the view).
    const edge = step > 0 ? span.top : span.bottom;
    if ((step > 0 ? edge >= 0 && edge < height : edge <= height && edge > 0) || mostlyInView(span, height)) return i;
    if (inView(span, height)) covering ??= i;
    else if (step > 0 ? span.top >= height : span.bottom <= 0) return covering ?? i; // past the view: rows are in order
    else behind = i;
  }
  return covering ?? behind;
}
