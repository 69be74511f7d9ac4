// Papers out and in: export (this list, the selection, a tag, the queue), a backup of everything,
// and restoring a backup or importing BibTeX / CSL-JSON. Reads happen here; the background writes.
import { useId, useRef, useState } from 'react';
import { db } from '@/lib/db';
import { backupText, makeBackup } from '@/lib/backup/backup';
import { fileSizeError } from '@/lib/backup/parse-backup';
import { tagView } from '@/lib/library-view';
import { viewIds } from './queries';
import { loadSettings, parseSettings, saveSettings } from '@/lib/settings';
import { sendTransfer, TRANSFER_PORT, type TransferKind } from '@/lib/transfer';
import { ExportControls } from '../ExportControls';
import { saveTextFile } from '../save-file';

type Scope = 'list' | 'selection' | 'tag' | 'queue';

const pad2 = (n: number) => String(n).padStart(2, '0');
const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
};

/** What a file holds, from its name and first character: a Sift backup, CSL-JSON, or BibTeX. */
export function fileKind(name: string, text: string): TransferKind {
  if (/\.(bib|bibtex)$/i.test(name)) return 'bibtex';
  const first = text.trimStart()[0];
  if (first === '[') return 'csl-json';
  if (first === '{') return 'restore';
  return 'bibtex';
}

const KIND_LABELS: Record<TransferKind, string> = { restore: 'Sift backup', bibtex: 'BibTeX', 'csl-json': 'CSL-JSON' };

interface Progress {
  phase: string;
  done: number;
  total: number;
}

export function DataPanel({
  listLabel,
  listCount,
  listIds,
  selected,
  tags,
  onClose,
}: {
  /** The list on screen (its view, search and filters), for “This list”. */
  listLabel: string;
  listCount?: number;
  listIds: () => Promise<string[]>;
  /** Selected ids, in list order. */
  selected: readonly string[];
  tags: readonly string[];
  onClose: () => void;
}) {
  const id = useId();
  const [scope, setScope] = useState<Scope>(selected.length > 0 ? 'selection' : 'list');
  const [tag, setTag] = useState(tags[0] ?? '');
  const [backupStatus, setBackupStatus] = useState<{ ok: boolean; message: string }>();
  const [file, setFile] = useState<File>();
  const [importTag, setImportTag] = useState('');
  const [restoreSettings, setRestoreSettings] = useState(false);
  const [progress, setProgress] = useState<Progress>();
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string; problems?: string[] }>();
  const cancel = useRef<AbortController>(undefined);

  const scopes: { scope: Scope; label: string; disabled?: boolean }[] = [
    { scope: 'list', label: `This list (${listLabel}${listCount !== undefined ? `, ${listCount.toLocaleString()}` : ''})` },
    { scope: 'selection', label: `Selected papers (${selected.length})`, disabled: selected.length === 0 },
    { scope: 'tag', label: 'A tag', disabled: tags.length === 0 },
    { scope: 'queue', label: 'The reading queue' },
  ];
  const exportLabel = scope === 'list' ? listLabel : scope === 'selection' ? `${listLabel} selection` : scope === 'tag' ? tag : 'Queue';
  const exportIds = (): Promise<string[]> => {
    if (scope === 'selection') return Promise.resolve([...selected]);
    if (scope === 'tag') return viewIds(db, tagView(tag));
    if (scope === 'queue') return viewIds(db, 'queue');
    return listIds();
  };

  const backup = async () => {
    setBackupStatus({ ok: true, message: 'Reading the library…' });
    try {
      const t0 = performance.now();
      const made = await makeBackup(db, await loadSettings(), {
        onProgress: (done, total) => setBackupStatus({ ok: true, message: `Reading the library… ${done.toLocaleString()} of ${total.toLocaleString()}` }),
      });
      const text = backupText(made);
      // For `npm run bench`: the whole backup, from reading to text.
      if (import.meta.env.MODE === 'bench') performance.mark('sift:backup', { detail: { n: made.papers.length, ms: performance.now() - t0 } });
      const name = `sift-backup-${today()}.json`;
      saveTextFile(text, name, 'application/json');
      setBackupStatus({ ok: true, message: `Saved ${made.papers.length.toLocaleString()} papers to ${name}.` });
    } catch (err) {
      setBackupStatus({ ok: false, message: `Backup failed: ${err instanceof Error ? err.message : String(err)}` });
    }
  };

  const runImport = async () => {
    if (!file) return;
    setOutcome(undefined);
    const tooLarge = fileSizeError(file.size);
    if (tooLarge) {
      setOutcome({ ok: false, message: `Nothing was imported: the ${tooLarge}.` });
      return;
    }
    const controller = new AbortController();
    cancel.current = controller;
    const t0 = performance.now();
    const bench = import.meta.env.MODE === 'bench';
    if (bench) performance.mark('sift:restore-start');
    let lastPhase = '';
    try {
      setProgress({ phase: 'Reading the file', done: 0, total: file.size });
      const text = await file.text();
      const kind = fileKind(file.name, text);
      const port = browser.runtime.connect({ name: TRANSFER_PORT });
      const result = await sendTransfer(port, kind, text, {
        tag: importTag.trim() || undefined,
        signal: controller.signal,
        onProgress: (p) => {
          // For `npm run bench`: when each phase began.
          if (bench && p.phase !== lastPhase) performance.mark('sift:restore-phase', { detail: (lastPhase = p.phase) });
          setProgress({ phase: p.phase === 'receiving' ? 'Sending' : p.phase === 'checking' ? 'Checking' : 'Writing', done: p.done, total: p.total });
        },
      });
      if (import.meta.env.MODE === 'bench') performance.mark('sift:restore', { detail: { kind, ms: performance.now() - t0, result: result.type } });
      if (result.type === 'cancelled') setOutcome({ ok: false, message: 'Cancelled. Nothing was imported.' });
      else if (result.type === 'error') setOutcome({ ok: false, message: `Nothing was imported: ${result.error}` });
      else {
        if (result.settings && restoreSettings) await saveSettings(parseSettings(result.settings));
        // Each problem already says where it is (entry and line).
        const problems = result.skipped.map((s) => s.error);
        if (result.moreSkipped > 0) problems.push(`…and ${result.moreSkipped} more`);
        setOutcome({
          ok: true,
          message: `${KIND_LABELS[kind]}: ${result.added.toLocaleString()} added, ${result.merged.toLocaleString()} merged into papers already here${result.skipped.length ? `, ${(result.skipped.length + result.moreSkipped).toLocaleString()} skipped` : ''}.${result.settings && restoreSettings ? ' Settings restored.' : ''}`,
          problems,
        });
      }
    } catch (err) {
      setOutcome({ ok: false, message: `Nothing was imported: ${err instanceof Error ? err.message : String(err)}` });
    } finally {
      setProgress(undefined);
      cancel.current = undefined;
    }
  };

  return (
    <section className="data-panel" aria-labelledby={`${id}-title`} data-testid="data-panel">
      <div className="detail-top">
        <h2 id={`${id}-title`} className="detail-title">
          Export, backup, import
        </h2>
        <button type="button" onClick={onClose} aria-label="Close export, backup and import">
          Close
        </button>
      </div>

      <fieldset>
        <legend>Export</legend>
        {scopes.map((s) => (
          <label key={s.scope} className="data-choice">
            <input type="radio" name={`${id}-scope`} checked={scope === s.scope} disabled={s.disabled} onChange={() => setScope(s.scope)} /> {s.label}
          </label>
        ))}
        {scope === 'tag' && (
          <label className="data-choice">
            Tag{' '}
            <select value={tag} onChange={(e) => setTag(e.target.value)}>
              {tags.map((t) => (
                <option key={t} value={t}>
                  #{t}
                </option>
              ))}
            </select>
          </label>
        )}
        <ExportControls label={exportLabel} getIds={exportIds} disabled={scope === 'tag' && !tag} />
      </fieldset>

      <fieldset>
        <legend>Backup</legend>
        <p className="hint">Every paper with its sightings, tags, notes and ratings, your tag colours and settings, as one JSON file.</p>
        <button type="button" onClick={() => void backup()}>
          Download backup
        </button>
        {backupStatus && (
          <p role={backupStatus.ok ? 'status' : 'alert'} className={backupStatus.ok ? 'hint' : 'error'} data-testid="backup-status">
            {backupStatus.message}
          </p>
        )}
      </fieldset>

      <fieldset>
        <legend>Restore or import</legend>
        <p className="hint">A Sift backup, or BibTeX / CSL-JSON from Zotero, Paperpile or Google Scholar. Papers you already have are merged, never duplicated; a file with an error imports nothing.</p>
        <label className="data-choice">
          File{' '}
          <input
            type="file"
            accept=".json,.bib,.bibtex,.txt,application/json,application/x-bibtex"
            onChange={(e) => {
              setFile(e.target.files?.[0]);
              setOutcome(undefined);
            }}
          />
        </label>
        <label className="data-choice">
          Tag the imported papers{' '}
          <input type="text" value={importTag} maxLength={100} placeholder="optional" onChange={(e) => setImportTag(e.target.value)} />
        </label>
        <label className="data-choice">
          <input type="checkbox" checked={restoreSettings} onChange={(e) => setRestoreSettings(e.target.checked)} /> Also restore settings from a backup
        </label>
        <div className="data-row">
          <button type="button" disabled={!file || !!progress} onClick={() => void runImport()}>
            Import
          </button>
          {progress && (
            <button type="button" onClick={() => cancel.current?.abort()}>
              Cancel
            </button>
          )}
        </div>
        {progress && (
          <p role="status" className="hint" data-testid="import-progress">
            <progress max={progress.total || 1} value={progress.done} aria-label="Import progress" /> {progress.phase}
            {progress.total ? ` ${progress.done.toLocaleString()} of ${progress.total.toLocaleString()}` : ''}
          </p>
        )}
        {outcome && (
          <div role={outcome.ok ? 'status' : 'alert'} className={outcome.ok ? 'hint' : 'error'} data-testid="import-result">
            <p>{outcome.message}</p>
            {outcome.problems && outcome.problems.length > 0 && (
              <ul>
                {outcome.problems.slice(0, 20).map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            )}
          </div>
        )}
      </fieldset>
    </section>
  );
}
