// Export a set of papers: pick a format, then copy the text or download it as a file.
import { useId, useState } from 'react';
import { db } from '@/lib/db';
import { EXPORT_FORMATS, exportFileName, exportFormatInfo, exportPapers, type ExportFormat } from '@/lib/export';
import { readPapers } from '@/lib/export/read-papers';
import { saveTextFile } from './save-file';

const FORMAT_KEY = 'sift:export-format';

function lastFormat(): ExportFormat {
  const saved = globalThis.localStorage?.getItem(FORMAT_KEY);
  return EXPORT_FORMATS.some((f) => f.id === saved) ? (saved as ExportFormat) : 'bibtex';
}

const papersWord = (n: number) => `${n.toLocaleString()} ${n === 1 ? 'paper' : 'papers'}`;

export function ExportControls({
  label,
  getIds,
  disabled,
}: {
  /** What is exported, for the file name and messages: "Queue", "#ml", "Inbox". */
  label: string;
  /** The ids to export, in order. */
  getIds: () => Promise<string[]>;
  disabled?: boolean;
}) {
  const id = useId();
  const [format, setFormat] = useState<ExportFormat>(lastFormat);
  const [busy, setBusy] = useState<string>();
  const [result, setResult] = useState<{ ok: boolean; message: string }>();

  const run = async (how: 'copy' | 'download') => {
    setResult(undefined);
    try {
      setBusy('Reading papers…');
      const ids = await getIds();
      if (ids.length === 0) {
        setResult({ ok: false, message: 'Nothing to export: no papers here.' });
        return;
      }
      const t0 = performance.now();
      const papers = await readPapers(db, ids, (done, total) => setBusy(`Reading papers… ${done.toLocaleString()} of ${total.toLocaleString()}`));
      const t1 = performance.now();
      const text = exportPapers(papers, format);
      // For `npm run bench`: reading and converting, apart.
      if (import.meta.env.MODE === 'bench') performance.mark('sift:export', { detail: { n: papers.length, readMs: t1 - t0, formatMs: performance.now() - t1, format } });
      const info = exportFormatInfo(format);
      if (how === 'copy') {
        await navigator.clipboard.writeText(text);
        setResult({ ok: true, message: `Copied ${papersWord(papers.length)} as ${info.label}.` });
      } else {
        const name = exportFileName(label, format, new Date());
        saveTextFile(text, name, info.mimeType);
        setResult({ ok: true, message: `Saved ${papersWord(papers.length)} as ${name}.` });
      }
    } catch (err) {
      setResult({ ok: false, message: `Export failed: ${err instanceof Error ? err.message : String(err)}` });
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <div className="export-controls">
      <label htmlFor={`${id}-format`}>Format</label>
      <select
        id={`${id}-format`}
        value={format}
        onChange={(e) => {
          const next = e.target.value as ExportFormat;
          setFormat(next);
          globalThis.localStorage?.setItem(FORMAT_KEY, next);
        }}
      >
        {EXPORT_FORMATS.map((f) => (
          <option key={f.id} value={f.id}>
            {f.label}
          </option>
        ))}
      </select>
      <button type="button" disabled={disabled || !!busy} onClick={() => void run('copy')} aria-label={`Copy ${label} as ${exportFormatInfo(format).label}`}>
        Copy
      </button>
      <button type="button" disabled={disabled || !!busy} onClick={() => void run('download')} aria-label={`Download ${label} as ${exportFormatInfo(format).label}`}>
        Download
      </button>
      {(busy || result) && (
        <p role={result && !result.ok ? 'alert' : 'status'} className={result && !result.ok ? 'error' : 'hint'} data-testid="export-result">
          {busy ?? result?.message}
        </p>
      )}
    </div>
  );
}
