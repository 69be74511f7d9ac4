import { EXPORT_FORMATS, exportFileName, exportPapers, type ExportFormat } from '../../../lib/export';
import { toBibtex } from '../../../lib/export/bibtex';
import { toCslJson } from '../../../lib/export/csl-json';
import { toCsv } from '../../../lib/export/csv';
import { toMarkdown } from '../../../lib/export/markdown';
import { toRis } from '../../../lib/export/ris';
import { trickyPapers } from './papers';

describe('exportPapers', () => {
  it('writes each format with its exporter', () => {
    expect(exportPapers(trickyPapers, 'bibtex')).toBe(toBibtex(trickyPapers));
    expect(exportPapers(trickyPapers, 'ris')).toBe(toRis(trickyPapers));
    expect(exportPapers(trickyPapers, 'csl-json')).toBe(toCslJson(trickyPapers));
    expect(exportPapers(trickyPapers, 'csv')).toBe(toCsv(trickyPapers));
    expect(exportPapers(trickyPapers, 'markdown')).toBe(toMarkdown(trickyPapers));
  });

  it('rejects an unknown format', () => {
    expect(() => exportPapers(trickyPapers, 'docx' as ExportFormat)).toThrow(/Unknown export format: docx/);
  });

  it('does not change the papers it is given', () => {
    const before = JSON.stringify(trickyPapers);
    for (const format of EXPORT_FORMATS) exportPapers(trickyPapers, format.id);
    expect(JSON.stringify(trickyPapers)).toBe(before);
  });
});

describe('EXPORT_FORMATS', () => {
  it('describes every format once', () => {
    expect(EXPORT_FORMATS.map((f) => f.id)).toEqual(['bibtex', 'ris', 'csl-json', 'csv', 'markdown']);
    expect(EXPORT_FORMATS.map((f) => f.extension)).toEqual(['bib', 'ris', 'json', 'csv', 'md']);
    for (const format of EXPORT_FORMATS) {
      expect(format.label).not.toBe('');
      expect(format.mimeType).toMatch(/^[a-z]+\/[a-z0-9.+-]+$/);
    }
  });
});

describe('exportFileName', () => {
  const day = new Date(2026, 10, 30, 23, 59); // local time: the user's date, not UTC's

  it('names the file after the view and the date', () => {
    expect(exportFileName('Queue', 'bibtex', day)).toBe('sift-queue-2026-11-30.bib');
    expect(exportFileName('Tag: NLP & Vision', 'csv', day)).toBe('sift-tag-nlp-vision-2026-11-30.csv');
    expect(exportFileName('Lectures de Schölkopf', 'markdown', day)).toBe('sift-lectures-de-scholkopf-2026-11-30.md');
    expect(exportFileName('Selection (12 papers)', 'csl-json', new Date(2026, 0, 5))).toBe('sift-selection-12-papers-2026-01-05.json');
  });

  it('is ASCII-safe whatever the label holds', () => {
    expect(exportFileName('../../etc/passwd', 'ris', day)).toBe('sift-etc-passwd-2026-11-30.ris');
    expect(exportFileName('论文', 'ris', day)).toBe('sift-2026-11-30.ris');
    expect(exportFileName('', 'ris', day)).toBe('sift-2026-11-30.ris');
    expect(exportFileName('x'.repeat(300), 'ris', day)).toMatch(/^sift-x{60}-2026-11-30\.ris$/);
    expect(exportFileName('a <b> "c" | d', 'bibtex', day)).toMatch(/^[a-z0-9-]+\.bib$/);
  });
});
