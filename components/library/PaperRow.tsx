import type { MouseEvent } from 'react';
import type { PaperRecord } from '@/lib/paper';
import { STATE_LABELS, shortAuthors, shownState } from '@/lib/paper-state';

/** One paper of the virtualized list. Page text is rendered as text by JSX. */
export function PaperRow({
  paper,
  id,
  index,
  count,
  selected,
  focused,
  next,
  top,
  height,
  onClick,
  onOpen,
}: {
  paper: PaperRecord | undefined;
  id: string;
  index: number;
  count: number;
  selected: boolean;
  focused: boolean;
  /** The first paper of the Queue. */
  next: boolean;
  top: number;
  height: number;
  onClick: (id: string, e: MouseEvent) => void;
  onOpen: (id: string) => void;
}) {
  const state = paper ? shownState(paper) : undefined;
  const where = paper ? [paper.venue, paper.year].filter((x) => x !== undefined && x !== '').join(' · ') : '';
  return (
    <div
      role="option"
      id={`row-${id}`}
      aria-selected={selected}
      aria-posinset={index + 1}
      aria-setsize={count}
      data-testid="paper-row"
      data-paper-id={id}
      className={`lib-row${selected ? ' selected' : ''}${focused ? ' focused' : ''}`}
      style={{ transform: `translateY(${top}px)`, height }}
      onClick={(e) => onClick(id, e)}
      onDoubleClick={() => onOpen(id)}
    >
      {!paper ? (
        <span className="title loading">Loading…</span>
      ) : (
        <>
          <span className="title" title={paper.title}>
            {paper.title}
          </span>
          <span className="authors">{shortAuthors(paper.authors)}</span>
          <span className="meta">
            {next && <span className="next-label">Next to read</span>}
            {state && (
              <span className={`chip ${state}`} data-testid="paper-state">
                {STATE_LABELS[state]}
              </span>
            )}
            {where && <span className="where">{where}</span>}
            {paper.tags.map((t) => (
              <span key={t} className="tag-chip">
                #{t}
              </span>
            ))}
          </span>
        </>
      )}
    </div>
  );
}
