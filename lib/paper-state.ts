// How a paper's state is shown: a triage status, or for untriaged papers whether it is new.
import type { PaperRecord } from './paper';

export type ShownState = 'new' | 'seen' | 'saved' | 'queued' | 'reading' | 'read' | 'skipped';

export const STATE_LABELS: Record<ShownState, string> = {
  new: 'New today',
  seen: 'Seen before',
  saved: 'Saved',
  queued: 'Queued',
  reading: 'Reading',
  read: 'Read',
  skipped: 'Skipped',
};

export function startOfDay(now = Date.now()): number {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

export function shownState(record: Pick<PaperRecord, 'status' | 'addedAt'>, now = Date.now()): ShownState {
  if (record.status !== 'inbox') return record.status;
  return record.addedAt >= startOfDay(now) ? 'new' : 'seen';
}

/** "Ada Lovelace, Alan Turing et al." */
export function shortAuthors(authors: readonly string[], max = 3): string {
  if (authors.length === 0) return 'Unknown authors';
  const shown = authors.slice(0, max).join(', ');
  return authors.length > max ? `${shown} et al.` : shown;
}
