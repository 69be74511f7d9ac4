import fc from 'fast-check';
import { toRis } from '../../../lib/export/ris';
import { bare, biorxiv, braces, crowd, makePaper, math, pubmed, script, trickyPapers, vaswani } from './papers';

/** The line rule Zotero's RIS importer uses: a tag, two spaces, a hyphen, then a space and the value. */
const RIS_LINE = /^([A-Z][A-Z0-9]) {2}-(?: (.*))?$/;

type RisRecord = { tag: string; value: string }[];

function readRis(text: string): RisRecord[] {
  const records: RisRecord[] = [];
  let current: RisRecord = [];
  for (const line of text.split('\r\n')) {
    if (line === '') continue;
    const m = RIS_LINE.exec(line);
    if (!m) throw new Error(`not a RIS line: ${JSON.stringify(line)}`);
    const [, tag = '', value = ''] = m;
    if (tag === 'ER') {
      records.push(current);
      current = [];
    } else current.push({ tag, value });
  }
  if (current.length > 0) throw new Error('record without ER');
  return records;
}

const values = (record: RisRecord | undefined, tag: string) => (record ?? []).filter((f) => f.tag === tag).map((f) => f.value);

describe('toRis', () => {
  const text = toRis(trickyPapers);
  const records = readRis(text);
  const recordOf = (paper: (typeof trickyPapers)[number]) => records[trickyPapers.indexOf(paper)];

  it('writes one record per paper, each starting with TY and ending with ER', () => {
    expect(records).toHaveLength(trickyPapers.length);
    for (const record of records) expect(record[0]?.tag).toBe('TY');
    expect(text.match(/^ER {2}- $/gm)).toHaveLength(trickyPapers.length);
  });

  it('ends every line with CRLF, never a bare LF or CR', () => {
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('chooses TY from what is known: CONF, JOUR, UNPB for a preprint', () => {
    expect(values(recordOf(vaswani), 'TY')).toEqual(['CONF']);
    expect(values(recordOf(braces), 'TY')).toEqual(['CONF']);
    expect(values(recordOf(math), 'TY')).toEqual(['JOUR']);
    expect(values(recordOf(pubmed), 'TY')).toEqual(['JOUR']);
    expect(values(recordOf(bare), 'TY')).toEqual(['UNPB']);
    expect(values(recordOf(biorxiv), 'TY')).toEqual(['UNPB']);
    expect(values(readRis(toRis([makePaper({ title: 'Only a title' })]))[0], 'TY')).toEqual(['GEN']);
  });

  it('writes one AU per author as "Family, Given", all 380 of them', () => {
    expect(values(recordOf(vaswani), 'AU').slice(0, 2)).toEqual(['Vaswani, Ashish', 'Shazeer, Noam']);
    expect(values(recordOf(pubmed), 'AU')).toEqual(['Devlin, J', 'van der Maaten, Laurens', 'LeCun, Yann', 'Plato', 'King, Martin Luther, Jr.']);
    expect(values(recordOf(crowd), 'AU')).toHaveLength(380);
    expect(values(recordOf(bare), 'AU')).toEqual([]);
  });

  it('writes title, venue, year, DOI, link, abstract and one KW per tag, as they are', () => {
    const record = recordOf(vaswani);
    expect(values(record, 'TI')).toEqual(['Attention Is All You Need']);
    expect(values(record, 'T2')).toEqual(['Advances in Neural Information Processing Systems 30']);
    expect(values(record, 'PY')).toEqual(['2017']);
    expect(values(record, 'UR')).toEqual(['https://arxiv.org/abs/1706.03762']);
    expect(values(record, 'KW')).toEqual(['transformers', 'to read']);
    expect(values(record, 'AB')).toEqual([
      'The dominant sequence transduction models are based on complex recurrent networks. We propose 100% attention & nothing else.',
    ]);
    expect(values(recordOf(math), 'TI')).toEqual(['Learning $x^2$ with $\\mathcal{O}(n)$ Samples from Kernels']);
    expect(values(recordOf(math), 'DO')).toEqual(['10.5555/944790']);
    expect(values(recordOf(script), 'TI')).toEqual(['<script>alert(1)</script> Is Just Text']);
    expect(values(recordOf(bare), 'PY')).toEqual([]);
  });

  it('never exports the private note', () => {
    expect(text).not.toContain('private thoughts');
  });

  it('never hard-wraps a long value', () => {
    const long = 'word '.repeat(400).trim();
    const lines = toRis([makePaper({ title: long, abstract: long })]).split('\r\n');
    expect(lines).toContain(`TI  - ${long}`);
    expect(lines).toContain(`AB  - ${long}`);
  });

  it('keeps every record intact whatever the text holds (property)', () => {
    const text = fc.string({ unit: fc.constantFrom('a', ' ', '\n', '\r', '\r\n', '\u2028', 'ER  - ', 'TY  - JOUR', '\t', 'é') });
    fc.assert(
      fc.property(fc.array(fc.record({ title: text, abstract: text, tag: text, author: text }), { maxLength: 5 }), (items) => {
        const papers = items.map((i) => makePaper({ title: i.title, abstract: i.abstract, tags: [i.tag], authors: [i.author] }));
        const parsed = readRis(toRis(papers));
        expect(parsed).toHaveLength(papers.length);
        parsed.forEach((record, k) => {
          const expectedTitle = papers[k]?.title.replace(/[\s\u2028]+/g, ' ').trim();
          expect(values(record, 'TI')).toEqual(expectedTitle ? [expectedTitle] : []);
        });
      }),
    );
  });
});
