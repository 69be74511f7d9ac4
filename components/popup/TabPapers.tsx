import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '@/lib/db';
import type { PaperPatch, PaperRecord, Status } from '@/lib/paper';
import type { TabPapersResponse } from '@/lib/messages';
import { library } from '@/lib/library-requests';
import { startOfDay } from '@/lib/paper-state';
import { PaperItem } from '../PaperItem';
import { useUiStore } from '../ui-store';
import { UndoBar } from './UndoBar';

const plural = (n: number) => (n === 1 ? '1 paper' : `${n} papers`);
const DONE: Partial<Record<Status, string>> = { saved: 'Saved', queued: 'Queued' };

/** The last change made from the popup, kept so it can be undone. */
interface LastAction {
  message: string;
  before: PaperPatch[];
}

/**
 * The papers the tab's content script found, read from the library by id (one indexed read
 * whatever the library's size), with Save all new / Queue all new and Undo.
 */
export function TabPapers({ tab }: { tab: TabPapersResponse }) {
  const [last, setLast] = useState<LastAction>();
  const { busy, error, setBusy, setError } = useUiStore();
  const { recordIds } = tab;
  const papers = useLiveQuery(
    async () => (await db.papers.bulkGet(recordIds)).filter((p): p is PaperRecord => !!p),
    [recordIds.join(',')],
  );
  const untriaged = (papers ?? []).filter((p) => p.status === 'inbox');
  const firstSeenToday = (papers ?? []).filter((p) => p.addedAt >= startOfDay()).length;

  /** One request to the background; its answer's `before` makes the Undo. */
  const run = async (request: () => ReturnType<typeof library.setStatus>, message?: (changed: number) => string) => {
    setBusy(true);
    setError(undefined);
    const res = await request();
    if (!res.ok) setError(res.error);
    else setLast(message && res.before.length > 0 ? { message: message(res.changed), before: res.before } : undefined);
    setBusy(false);
  };
  const apply = (ids: string[], status: Status) =>
    run(
      () => library.setStatus(ids, status),
      (changed) => `${DONE[status] ?? 'Changed'} ${plural(changed)}.`,
    );
  const undo = (action: LastAction) => run(() => library.restore(action.before));

  return (
    <>
      <p className="summary" data-testid="tab-summary">
        {recordIds.length} papers on this page · {firstSeenToday} first seen today · {untriaged.length} to triage
        {tab.pending > 0 ? ` · ${tab.pending} still being stored` : ''}
      </p>
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={busy || untriaged.length === 0}
          onClick={() => void apply(untriaged.map((p) => p.id), 'saved')}
        >
          Save all new ({untriaged.length})
        </button>
        <button type="button" disabled={busy || untriaged.length === 0} onClick={() => void apply(untriaged.map((p) => p.id), 'queued')}>
          Queue all new ({untriaged.length})
        </button>
      </div>
      {last && <UndoBar message={last.message} busy={busy} onUndo={() => void undo(last)} />}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <ul className="papers" aria-label="Papers on this page">
        {(papers ?? []).map((p) => (
          <PaperItem key={p.id} paper={p} onSave={(id) => void apply([id], 'saved')} />
        ))}
      </ul>
    </>
  );
}
