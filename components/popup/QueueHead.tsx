import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '@/lib/db';
import { shortAuthors } from '@/lib/paper-state';
import { viewIds } from '../library/queries';
import { ExportControls } from '../ExportControls';
import { paperLink } from './paper-link';

export const QUEUE_HEAD = 3;

/**
 * The next papers of the reading queue: one indexed read whatever the library's size, the first few
 * by `queuePos` (only queued papers have one). `queued` is the background's count.
 */
export function QueueHead({ queued }: { queued: number | undefined }) {
  const next = useLiveQuery(() => db.papers.orderBy('queuePos').limit(QUEUE_HEAD).toArray(), []);
  if (next === undefined) return null;
  return (
    <section className="queue-head" aria-labelledby="queue-head-title" data-testid="queue-head">
      <h2 id="queue-head-title">
        Up next <span className="count">{queued ? `· ${queued} queued` : ''}</span>
      </h2>
      {next.length === 0 ? (
        <p className="hint">Your reading queue is empty. Queue papers to read them next.</p>
      ) : (
        <ol>
          {next.map((p) => {
            const href = paperLink(p);
            return (
              <li key={p.id} data-testid="queue-item">
                {href ? (
                  <a href={href} target="_blank" rel="noreferrer noopener" title={shortAuthors(p.authors)}>
                    {p.title}
                  </a>
                ) : (
                  <span title={shortAuthors(p.authors)}>{p.title}</span>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {next.length > 0 && <ExportControls label="Queue" getIds={() => viewIds(db, 'queue')} />}
    </section>
  );
}
