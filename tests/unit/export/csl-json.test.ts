import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv from 'ajv';
import fc from 'fast-check';
import { citeKeys } from '../../../lib/export/cite-keys';
import { toCslJson, type CslItem } from '../../../lib/export/csl-json';
import { bare, biorxiv, braces, crowd, makePaper, math, pubmed, script, trickyPapers, vaswani } from './papers';

/** The CSL-JSON schema, stored beside this test: validation must not need the network. */
const schema: unknown = JSON.parse(readFileSync(resolve(__dirname, 'csl-data.schema.json'), 'utf8'));
// The schema is draft-07 and declares `properties` without `type: object` in places; strict mode would reject that.
const validate = new Ajv({ strict: false, allErrors: true }).compile(schema as object);

describe('toCslJson', () => {
  const text = toCslJson(trickyPapers);
  const items = JSON.parse(text) as CslItem[];
  const itemOf = (paper: (typeof trickyPapers)[number]) => items[trickyPapers.indexOf(paper)];

  it('is valid against the CSL-JSON schema', () => {
    expect(validate(items), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('is checked by a validator that rejects what the schema forbids', () => {
    expect(validate([{ id: 'x', type: 'preprint' }])).toBe(false);
    expect(validate([{ id: 'x', type: 'article', author: [{ name: 'Ann' }] }])).toBe(false);
    expect(validate([{ id: 'x', type: 'article', issued: { 'date-parts': [2017] } }])).toBe(false);
    expect(validate([{ id: 'x', type: 'article', eprint: '1706.03762' }])).toBe(false);
  });

  it('is valid against the schema for any paper (property)', () => {
    const paper = fc.record({
      title: fc.string(),
      authors: fc.array(fc.string(), { maxLength: 4 }),
      year: fc.option(fc.integer({ min: 1, max: 3000 }), { nil: undefined }),
      venue: fc.option(fc.constantFrom('NeurIPS', 'Nature', 'bioRxiv', 'CoRR', ''), { nil: undefined }),
      abstract: fc.option(fc.string(), { nil: undefined }),
      tags: fc.array(fc.string(), { maxLength: 3 }),
      ids: fc.record({ arxiv: fc.constantFrom(undefined, '2401.00001'), doi: fc.constantFrom(undefined, '10.1/x'), pmid: fc.constantFrom(undefined, '123') }),
    });
    fc.assert(
      fc.property(fc.array(paper, { maxLength: 5 }), (fields) => {
        const parsed: unknown = JSON.parse(toCslJson(fields.map((f) => makePaper(JSON.parse(JSON.stringify(f)) as typeof f))));
        expect(validate(parsed), JSON.stringify(validate.errors)).toBe(true);
      }),
    );
  });

  it('uses the BibTeX cite keys as ids', () => {
    expect(items.map((i) => i.id)).toEqual(citeKeys(trickyPapers));
  });

  it('chooses the type from what is known', () => {
    expect(itemOf(vaswani)?.type).toBe('paper-conference');
    expect(itemOf(braces)?.type).toBe('paper-conference');
    expect(itemOf(math)?.type).toBe('article-journal');
    expect(itemOf(bare)?.type).toBe('article');
    expect(itemOf(biorxiv)?.type).toBe('article');
  });

  it('splits names into family and given, and keeps a one-word name literal', () => {
    expect(itemOf(vaswani)?.author?.[0]).toEqual({ family: 'Vaswani', given: 'Ashish' });
    expect(itemOf(pubmed)?.author).toEqual([
      { family: 'Devlin', given: 'J' },
      { family: 'van der Maaten', given: 'Laurens' },
      { family: 'LeCun', given: 'Yann' },
      { literal: 'Plato' },
      { family: 'King', given: 'Martin Luther', suffix: 'Jr.' },
    ]);
    expect(itemOf(math)?.author?.[0]).toEqual({ family: 'Schölkopf', given: 'Bernhard' });
    expect(itemOf(crowd)?.author).toHaveLength(380);
    expect(itemOf(bare)?.author).toBeUndefined();
  });

  it('writes the year as date-parts, and nothing when it is unknown', () => {
    expect(itemOf(vaswani)?.issued).toEqual({ 'date-parts': [[2017]] });
    expect(itemOf(bare)?.issued).toBeUndefined();
  });

  it('writes venue, DOI, link, abstract, keywords and PubMed ids', () => {
    expect(itemOf(math)).toMatchObject({
      'container-title': 'Journal of Machine Learning Research',
      DOI: '10.5555/944790',
      URL: 'https://doi.org/10.5555/944790',
      abstract: 'We show that $\\sum_i x_i^2$ converges; 50% of $f$ is fine.',
      title: 'Learning $x^2$ with $\\mathcal{O}(n)$ Samples from Kernels',
    });
    expect(itemOf(vaswani)?.keyword).toBe('transformers, to read');
    expect(itemOf(pubmed)).toMatchObject({ PMID: '12345678' });
    expect(itemOf(script)?.title).toBe('<script>alert(1)</script> Is Just Text');
  });

  it('writes a preprint as Zotero does: the server as publisher, the arXiv id as number', () => {
    expect(itemOf(bare)).toMatchObject({ publisher: 'arXiv', number: 'arXiv:2401.01234', URL: 'https://arxiv.org/abs/2401.01234' });
    expect(itemOf(biorxiv)).toMatchObject({ publisher: 'bioRxiv', DOI: '10.1101/2024.01.01.000001' });
  });

  it('never exports the private note', () => {
    expect(text).not.toContain('private thoughts');
    expect(itemOf(pubmed)).not.toHaveProperty('note');
  });

  it('writes an empty array for no papers', () => {
    expect(JSON.parse(toCslJson([]))).toEqual([]);
  });
});
