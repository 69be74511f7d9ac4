// Exporting papers: one pure function per format, and how to name what it writes.
import type { PaperRecord } from '../paper';
import { toBibtex } from './bibtex';
import { toCslJson } from './csl-json';
import { toCsv } from './csv';
import { toMarkdown } from './markdown';
import { asciiFold } from './paper-fields';
import { toRis } from './ris';

export type ExportFormat = 'bibtex' | 'ris' | 'csl-json' | 'csv' | 'markdown';

export interface ExportFormatInfo {
  id: ExportFormat;
  /** What the user picks from. */
  label: string;
  /** File name extension, without the dot. */
  extension: string;
  /** For the downloaded file's Blob. */
  mimeType: string;
}

export const EXPORT_FORMATS: readonly ExportFormatInfo[] = [
  { id: 'bibtex', label: 'BibTeX', extension: 'bib', mimeType: 'application/x-bibtex' },
  { id: 'ris', label: 'RIS', extension: 'ris', mimeType: 'application/x-research-info-systems' },
  { id: 'csl-json', label: 'CSL-JSON', extension: 'json', mimeType: 'application/vnd.citationstyles.csl+json' },
  { id: 'csv', label: 'CSV', extension: 'csv', mimeType: 'text/csv' },
  { id: 'markdown', label: 'Markdown', extension: 'md', mimeType: 'text/markdown' },
];

export function exportFormatInfo(format: ExportFormat): ExportFormatInfo {
  const info = EXPORT_FORMATS.find((f) => f.id === format);
  if (!info) throw new Error(`Unknown export format: ${String(format)}`);
  return info;
}

/** The papers (records as stored, in the order to write them) as text in the format. */
export function exportPapers(papers: readonly PaperRecord[], format: ExportFormat): string {
  switch (format) {
    case 'bibtex':
      return toBibtex(papers);
    case 'ris':
      return toRis(papers);
    case 'csl-json':
      return toCslJson(papers);
    case 'csv':
      return toCsv(papers);
    case 'markdown':
      return toMarkdown(papers);
    default: {
      const unknown: never = format;
      throw new Error(`Unknown export format: ${String(unknown)}`);
    }
  }
}

const MAX_SLUG = 60;

/** ASCII words joined by hyphens: safe in a file name on every system. */
function slug(label: string): string {
  const words = label
    .split(/[^\p{L}\p{N}]+/u)
    .map(asciiFold)
    .filter(Boolean);
  let out = '';
  for (const word of words) {
    const next = out ? `${out}-${word}` : word;
    if (next.length > MAX_SLUG) break;
    out = next;
  }
  return out || words[0]?.slice(0, MAX_SLUG) || '';
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** `sift-<view>-<yyyy-mm-dd>.<ext>`, with the user's local date: e.g. `sift-queue-2026-11-30.bib`. */
export function exportFileName(viewLabel: string, format: ExportFormat, date: Date): string {
  const valid = !Number.isNaN(date.getTime());
  const day = valid ? `${date.getFullYear()}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())}` : '';
  const name = ['sift', slug(viewLabel), day].filter(Boolean).join('-');
  return `${name}.${exportFormatInfo(format).extension}`;
}
