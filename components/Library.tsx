import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '@/lib/db';
import { PaperItem } from './PaperItem';

const SHOWN = 500;

/** The library, for now a plain list of stored papers, most recently seen first. */
export function Library() {
  const total = useLiveQuery(() => db.papers.count(), []);
  const papers = useLiveQuery(() => db.papers.orderBy('lastSeenAt').reverse().limit(SHOWN).toArray(), []);
  return (
    <main className="library">
      <header className="bar">
        <h1>Sift library</h1>
        <span className="summary" data-testid="library-count">
          {total ?? 0} papers
        </span>
      </header>
      {papers && papers.length === 0 && <p className="empty">Nothing yet. Open an arXiv or Hugging Face listing.</p>}
      <ul className="papers" aria-label="All papers">
        {(papers ?? []).map((p) => (
          <PaperItem key={p.id} paper={p} />
        ))}
      </ul>
      {total !== undefined && total > SHOWN && <p className="summary">Showing the {SHOWN} most recently seen.</p>}
    </main>
  );
}
