import type { DragEvent, MouseEvent } from 'react';
import type { PaperRecord } from '@/lib/paper';
import { STATE_LABELS, shortAuthors, shownState } from '@/lib/paper-state';
import { hasHit, highlightParts, snippet, type TextPart } from '@/lib/search/highlight';

/** Text with the search's matches marked. Page text is rendered as text by JSX. */
function Marked({ parts }: { parts: TextPart[] }) {
  return (
    <>
      {parts.map((p, i) =>
        p.hit ? (
          <mark key={i} data-testid="match">
            {p.text}
          </mark>
        ) : (
          p.text
        ),
      )}
    </>
  );
}

/** Where a match outside title and authors is, shown in place of the authors. */
function matchElsewhere(paper: PaperRecord, words: readonly string[]): TextPart[] | undefined {
  if (hasHit(paper.title, words) || paper.authors.some((a) => hasHit(a, words))) return undefined;
  return snippet(paper.abstract, words) ?? snippet(paper.note, words) ?? snippet(paper.venue, words);
}

const dropAfter = (e: DragEvent<HTMLElement>) => {
  const box = e.currentTarget.getBoundingClientRect();
  return e.clientY > box.top + box.height / 2;
};

/** One paper of the virtualized list. */
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
  words,
  drop,
  onClick,
  onOpen,
  onDragStart,
  onDragOver,
  onDrop,
  onDragEnd,
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
  /** The search's words, to mark in the row. */
  words: readonly string[];
  /** A dragged paper would land before or after this row. */
  drop?: 'before' | 'after';
  onClick: (id: string, e: MouseEvent) => void;
  onOpen: (id: string) => void;
  /** Present when rows can be dragged (the Queue in reading order). */
  onDragStart?: (id: string) => void;
  onDragOver?: (id: string, after: boolean) => void;
  onDrop?: (id: string, after: boolean) => void;
  onDragEnd?: () => void;
}) {
  const state = paper ? shownState(paper) : undefined;
  const where = paper ? [paper.venue, paper.year].filter((x) => x !== undefined && x !== '').join(' · ') : '';
  const elsewhere = paper && words.length > 0 ? matchElsewhere(paper, words) : undefined;
  const draggable = onDragStart !== undefined;
  return (
    <div
      role="option"
      id={`row-${id}`}
      aria-selected={selected}
      aria-posinset={index + 1}
      aria-setsize={count}
      data-testid="paper-row"
      data-paper-id={id}
      className={`lib-row${selected ? ' selected' : ''}${focused ? ' focused' : ''}${drop ? ` drop-${drop}` : ''}`}
      style={{ transform: `translateY(${top}px)`, height }}
      onClick={(e) => onClick(id, e)}
      onDoubleClick={() => onOpen(id)}
      draggable={draggable || undefined}
      onDragStart={
        draggable
          ? (e) => {
              e.dataTransfer.effectAllowed = 'move';
              e.dataTransfer.setData('text/plain', paper?.title ?? id);
              onDragStart(id);
            }
          : undefined
      }
      onDragOver={
        onDragOver
          ? (e) => {
              e.preventDefault();
              e.dataTransfer.dropEffect = 'move';
              onDragOver(id, dropAfter(e));
            }
          : undefined
      }
      onDrop={
        onDrop
          ? (e) => {
              e.preventDefault();
              onDrop(id, dropAfter(e));
            }
          : undefined
      }
      onDragEnd={onDragEnd}
    >
      {!paper ? (
        <span className="title loading">Loading…</span>
      ) : (
        <>
          <span className="title" title={paper.title}>
            <Marked parts={highlightParts(paper.title, words)} />
          </span>
          {elsewhere ? (
            <span className="authors snippet" data-testid="snippet">
              <Marked parts={elsewhere} />
            </span>
          ) : (
            <span className="authors">
              <Marked parts={highlightParts(shortAuthors(paper.authors), words)} />
            </span>
          )}
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
