// How a paper's state is shown: a triage status, or for untriaged papers whether it is new.
import type { PaperBrief, PaperRecord } from './paper';

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

/** "just now", "5 min ago", "3 h ago", "2 d ago", "4 mo ago". */
export function ago(then: number, now = Date.now()): string {
  const min = Math.floor((now - then) / 60_000);
  if (min < 1) return 'just now';
  if (min < 60) return `${min} min ago`;
  const h = Math.floor(min / 60);
  if (h < 24) return `${h} h ago`;
  const d = Math.floor(h / 24);
  if (d < 60) return `${d} d ago`;
  return `${Math.floor(d / 30)} mo ago`;
}

/** The state an in-page badge shows: untriaged papers are new on this visit or seen before. */
export function briefState(brief: Pick<PaperBrief, 'status' | 'seenBefore'>): ShownState {
  if (brief.status !== 'inbox') return brief.status;
  return brief.seenBefore === undefined ? 'new' : 'seen';
}

/** The badge's words: "New", "Seen 2 d ago", "Saved · #ml +1". */
export function badgeLabel(brief: PaperBrief, now = Date.now()): string {
  const state = briefState(brief);
  const head = state === 'new' ? 'New' : state === 'seen' ? `Seen ${ago(brief.seenBefore!, now)}` : STATE_LABELS[state];
  if (brief.tags.length === 0) return head;
  const more = brief.tags.length > 1 ? ` +${brief.tags.length - 1}` : '';
  return `${head} · #${brief.tags[0]}${more}`;
}
