// Every tag in use: rename (onto an existing tag merges the two), delete, colour. Reads the
// database; every write goes to the background. Renames and deletes can be undone.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '@/lib/db';
import { library } from '@/lib/library-requests';
import { cleanTag, MAX_TAG } from '@/lib/messages';
import type { PaperPatch } from '@/lib/paper';
import '../library-detail.css';

interface TagRow {
  name: string;
  count: number;
  color?: string;
}

/** The last rename or delete, and how to take it back. */
interface UndoStep {
  message: string;
  before: PaperPatch[];
  /** The colour the renamed or deleted tag had (the background drops it with the tag). */
  color?: { tag: string; color: string };
}

type Mode = { tag: string; kind: 'rename' | 'delete' };

const plural = (n: number) => `${n} ${n === 1 ? 'paper' : 'papers'}`;

export function TagManager({ onClose }: { onClose: () => void }) {
  const rows = useLiveQuery(async (): Promise<TagRow[]> => {
    const names = (await db.papers.orderBy('tags').uniqueKeys()).map(String);
    const [counts, infos] = await Promise.all([Promise.all(names.map((t) => db.papers.where('tags').equals(t).count())), db.tags.bulkGet(names)]);
    return names.map((name, i) => {
      const row: TagRow = { name, count: counts[i] ?? 0 };
      const color = infos[i]?.color;
      if (color) row.color = color;
      return row;
    });
  }, []);
  const [mode, setMode] = useState<Mode>();
  const [error, setError] = useState<string>();
  const [undo, setUndo] = useState<UndoStep>();
  const [notice, setNotice] = useState<string>();
  const headingId = useId();

  function fail(message: string) {
    setError(message);
  }

  async function rename(row: TagRow, rawTo: string) {
    const to = cleanTag(rawTo);
    if (!to || to === row.name) return;
    if (to.length > MAX_TAG) return fail(`A tag must have at most ${MAX_TAG} characters.`);
    const merging = rows?.some((r) => r.name === to) ?? false;
    const res = await library.renameTag(row.name, to);
    if (!res.ok) return fail(res.error);
    setError(undefined);
    setMode(undefined);
    setNotice(undefined);
    setUndo({
      message: merging ? `Merged “${row.name}” into “${to}”.` : `Renamed “${row.name}” to “${to}”.`,
      before: res.before,
      ...(row.color ? { color: { tag: row.name, color: row.color } } : {}),
    });
  }

  async function remove(row: TagRow) {
    const res = await library.deleteTag(row.name);
    if (!res.ok) return fail(res.error);
    setError(undefined);
    setMode(undefined);
    setNotice(undefined);
    setUndo({ message: `Deleted “${row.name}” from ${plural(res.before.length)}.`, before: res.before, ...(row.color ? { color: { tag: row.name, color: row.color } } : {}) });
  }

  async function runUndo(step: UndoStep) {
    const res = await library.restore(step.before);
    if (!res.ok) return fail(res.error);
    if (step.color) {
      const back = await library.tagColor(step.color.tag, step.color.color);
      if (!back.ok) return fail(back.error);
    }
    setError(undefined);
    setUndo(undefined);
    setNotice('Undone.');
  }

  async function color(tag: string, value: string | undefined) {
    const res = await library.tagColor(tag, value);
    if (!res.ok) return fail(res.error);
    setError(undefined);
  }

  return (
    <section className="tag-manager" aria-labelledby={headingId}>
      <div className="detail-top">
        <h2 id={headingId} className="detail-title">
          Tags
        </h2>
        <button type="button" onClick={onClose} aria-label="Close tag manager">
          Close
        </button>
      </div>
      {error && (
        <p role="alert" className="detail-error">
          {error}
        </p>
      )}
      <div role="status" className="tag-undo">
        {undo && (
          <>
            <span>{undo.message}</span>
            <button type="button" onClick={() => void runUndo(undo)}>
              Undo
            </button>
          </>
        )}
        {!undo && notice && <span>{notice}</span>}
      </div>
      {rows === undefined && <p className="detail-muted">Loading…</p>}
      {rows?.length === 0 && <p className="detail-muted">No tags yet. Add tags to papers and they appear here.</p>}
      {rows && rows.length > 0 && (
        <ul className="tag-list" aria-label="Tags in use">
          {rows.map((row) => (
            <TagItem
              key={row.name}
              row={row}
              others={rows}
              mode={mode?.tag === row.name ? mode.kind : undefined}
              setMode={(kind) => setMode(kind ? { tag: row.name, kind } : undefined)}
              onRename={(to) => rename(row, to)}
              onDelete={() => remove(row)}
              onColor={(value) => color(row.name, value)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function TagItem({
  row,
  others,
  mode,
  setMode,
  onRename,
  onDelete,
  onColor,
}: {
  row: TagRow;
  others: TagRow[];
  mode: 'rename' | 'delete' | undefined;
  setMode: (kind: 'rename' | 'delete' | undefined) => void;
  onRename: (to: string) => Promise<void>;
  onDelete: () => Promise<void>;
  onColor: (color: string | undefined) => Promise<void>;
}) {
  const [draft, setDraft] = useState(row.name);
  const [busy, setBusy] = useState(false);
  const [shownColor, setShownColor] = useState(row.color ?? '#888888');
  const colorRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const target = cleanTag(draft);
  const mergeWith = target !== row.name ? others.find((r) => r.name === target) : undefined;

  useEffect(() => setShownColor(row.color ?? '#888888'), [row.color]);
  useEffect(() => {
    if (mode === 'rename') setDraft(row.name);
  }, [mode, row.name]);

  // The picker reports every step while dragging (`input`); write only the colour picked (`change`).
  const commitColor = useRef(onColor);
  commitColor.current = onColor;
  useEffect(() => {
    const input = colorRef.current;
    if (!input) return;
    const onChange = () => void commitColor.current(input.value.toLowerCase());
    input.addEventListener('change', onChange);
    return () => input.removeEventListener('change', onChange);
  }, []);

  async function run(action: () => Promise<void>) {
    setBusy(true);
    try {
      await action();
    } finally {
      setBusy(false);
    }
  }

  function submitRename(e: FormEvent) {
    e.preventDefault();
    if (!target || target === row.name) return;
    void run(() => onRename(draft));
  }

  return (
    <li className="tag-item" data-testid="tag-row" data-tag={row.name}>
      <div className="tag-line">
        <span className="tag-swatch" aria-hidden="true" style={row.color ? { background: row.color } : undefined} />
        <span className="tag-name">{row.name}</span>
        <span className="detail-muted tag-count">{plural(row.count)}</span>
      </div>
      <div className="detail-row tag-actions">
        <label className="tag-color">
          <span className="visually-hidden">Colour of tag {row.name}</span>
          <input ref={colorRef} type="color" value={shownColor} onChange={(e) => setShownColor(e.target.value)} />
        </label>
        <button type="button" disabled={!row.color || busy} onClick={() => void run(() => onColor(undefined))} aria-label={`No colour for tag ${row.name}`}>
          No colour
        </button>
        <button type="button" aria-expanded={mode === 'rename'} aria-label={`Rename tag ${row.name}`} onClick={() => setMode(mode === 'rename' ? undefined : 'rename')}>
          Rename
        </button>
        <button type="button" aria-expanded={mode === 'delete'} aria-label={`Delete tag ${row.name}`} onClick={() => setMode(mode === 'delete' ? undefined : 'delete')}>
          Delete
        </button>
      </div>
      {mode === 'rename' && (
        <form className="tag-form" onSubmit={submitRename}>
          <label htmlFor={`${id}-to`}>New name for “{row.name}”</label>
          <div className="detail-row">
            <input id={`${id}-to`} type="text" value={draft} maxLength={MAX_TAG} autoFocus onChange={(e) => setDraft(e.target.value)} aria-describedby={`${id}-hint`} />
            <button type="submit" className="primary" disabled={busy || !target || target === row.name}>
              {mergeWith ? 'Merge' : 'Rename'}
            </button>
            <button type="button" onClick={() => setMode(undefined)}>
              Cancel
            </button>
          </div>
          <p id={`${id}-hint`} className="detail-muted" data-testid="rename-hint">
            {mergeWith
              ? `“${mergeWith.name}” already exists: the two tags will be merged into “${mergeWith.name}”.`
              : 'Renaming onto a tag that already exists merges the two.'}
          </p>
        </form>
      )}
      {mode === 'delete' && (
        <div className="tag-form tag-confirm" role="group" aria-label={`Confirm deleting tag ${row.name}`}>
          <p>
            Remove “{row.name}” from {plural(row.count)}? The papers stay in your library.
          </p>
          <div className="detail-row">
            <button type="button" className="danger" disabled={busy} onClick={() => void run(onDelete)}>
              Delete “{row.name}”
            </button>
            <button type="button" onClick={() => setMode(undefined)}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </li>
  );
}
