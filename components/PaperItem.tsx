import type { PaperRecord } from '@/lib/paper';
import { STATE_LABELS, shortAuthors, shownState } from '@/lib/paper-state';

/** One paper: title, authors, state, and an optional action. Page text is rendered as text by JSX. */
export function PaperItem({ paper, onSave }: { paper: PaperRecord; onSave?: (id: string) => void }) {
  const state = shownState(paper);
  return (
    <li className="paper" data-testid="paper-row" data-paper-id={paper.id}>
      <span className="title">{paper.title}</span>
      <span className="authors">{shortAuthors(paper.authors)}</span>
      {paper.tags.length > 0 && (
        <span className="tags" data-testid="paper-tags">
          {paper.tags.map((t) => (
            <span key={t} className="tag">
              #{t}
            </span>
          ))}
        </span>
      )}
      <span className="side">
        <span className={`chip ${state}`} data-testid="paper-state">
          {STATE_LABELS[state]}
        </span>
        {onSave && paper.status !== 'saved' && (
          <button type="button" onClick={() => onSave(paper.id)} aria-label={`Save ${paper.title}`}>
            Save
          </button>
        )}
      </span>
    </li>
  );
}
