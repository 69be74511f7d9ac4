import fc from 'fast-check';
import { csvCell, toCsv } from '../../../lib/export/csv';
import { bare, crowd, makePaper, pubmed, trickyPapers, vaswani } from './papers';

/** A strict RFC 4180 reader: CRLF rows, quoted fields with doubled quotes; anything else throws. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let cell = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new Error('unterminated quote');
        cell += text.slice(i, q);
        if (text[q + 1] === '"') {
          cell += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
    } else {
      const end = text.slice(i).search(/,|\r\n/);
      const stop = end < 0 ? text.length : i + end;
      cell = text.slice(i, stop);
      if (/["\r\n]/.test(cell)) throw new Error(`unquoted special character in ${JSON.stringify(cell)}`);
      i = stop;
    }
    row.push(cell);
    if (text[i] === ',') i++;
    else if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else throw new Error(`unexpected ${JSON.stringify(text[i])} at ${i}`);
  }
  if (row.length > 0) throw new Error('last row without CRLF');
  return rows;
}

const HEADER = ['title', 'authors', 'year', 'venue', 'status', 'tags', 'arxiv', 'doi', 'openreview', 'url', 'pdf', 'added', 'last_seen', 'rating', 'note', 'abstract'];

describe('toCsv', () => {
  const rows = readCsv(toCsv(trickyPapers));
  const byTitle = (paper: (typeof trickyPapers)[number]) => {
    const row = rows[trickyPapers.indexOf(paper) + 1] ?? [];
    return Object.fromEntries(HEADER.map((h, i) => [h, row[i]]));
  };

  it('writes a header row and one row per paper, every row the same width', () => {
    expect(rows[0]).toEqual(HEADER);
    expect(rows).toHaveLength(trickyPapers.length + 1);
    for (const row of rows) expect(row).toHaveLength(HEADER.length);
  });

  it('writes the fields as they are stored', () => {
    expect(byTitle(vaswani)).toMatchObject({
      title: 'Attention Is All You Need',
      year: '2017',
      status: 'read',
      tags: 'transformers; to read',
      arxiv: '1706.03762',
      url: 'https://arxiv.org/abs/1706.03762',
      added: new Date(vaswani.addedAt).toISOString(),
      abstract: vaswani.abstract,
    });
    expect(byTitle(vaswani).authors?.split('; ')).toHaveLength(8);
    expect(byTitle(crowd).authors?.split('; ')).toHaveLength(381);
    expect(byTitle(crowd).authors?.endsWith('; et al.')).toBe(true);
    expect(byTitle(bare)).toMatchObject({ authors: '', year: '', rating: '' });
    expect(byTitle(pubmed)).toMatchObject({ rating: '4', authors: 'Devlin J; van der Maaten, Laurens; Yann LeCun; Plato; Martin Luther King Jr.' });
  });

  it('neutralises a note that a spreadsheet would run as a formula', () => {
    expect(byTitle(pubmed).note).toBe('My private thoughts: =HYPERLINK("x")');
    const paper = makePaper({ title: '@SUM(A1)', note: '=1+1\nsecond line', abstract: '-2+3', tags: ['+tag'], venue: '\tx' });
    const row = readCsv(toCsv([paper]))[1] ?? [];
    expect(row[HEADER.indexOf('title')]).toBe("'@SUM(A1)");
    expect(row[HEADER.indexOf('note')]).toBe("'=1+1\nsecond line");
    expect(row[HEADER.indexOf('abstract')]).toBe("'-2+3");
    expect(row[HEADER.indexOf('tags')]).toBe("'+tag");
    // A title or venue is one line: its tab is already a space, and a cell never starts with one.
    expect(row[HEADER.indexOf('venue')]).toBe('x');
  });

  it('writes nothing but the header for no papers', () => {
    expect(toCsv([])).toBe(`${HEADER.join(',')}\r\n`);
  });

  it('round-trips any text, neutralising formulas (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', ',', '"', '\r', '\n', '\r\n', '=', '+', '-', '@', '\t', 'é', ' ') }), { minLength: 1, maxLength: 4 }), (notes) => {
        const papers = notes.map((note) => makePaper({ title: 'T', note }));
        const parsed = readCsv(toCsv(papers));
        expect(parsed).toHaveLength(papers.length + 1);
        parsed.slice(1).forEach((row, k) => {
          const note = notes[k] ?? '';
          expect(row[HEADER.indexOf('note')]).toBe(/^[=+\-@\t\r]/.test(note) ? `'${note}` : note);
        });
      }),
    );
  });
});

describe('csvCell', () => {
  it('quotes only when needed, doubling quotes', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('Schölkopf')).toBe('Schölkopf');
  });

  it('prefixes a formula with a quote, even one followed by a line break', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(csvCell(`${start}1`).startsWith(`'${start}`) || csvCell(`${start}1`).startsWith(`"'${start}`)).toBe(true);
    expect(csvCell('=1+1\nsecond line')).toBe(`"'=1+1\nsecond line"`);
    expect(csvCell('a=1')).toBe('a=1');
  });
});
