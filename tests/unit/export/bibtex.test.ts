import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, type Creator, type Entry, type Options } from '@retorquere/bibtex-parser';
import fc from 'fast-check';
import { escapeLatex, toBibtex } from '../../../lib/export/bibtex';
import { citeKeys } from '../../../lib/export/cite-keys';
import { splitName } from '../../../lib/export/paper-fields';
import type { PaperRecord } from '../../../lib/paper';
import { bare, biorxiv, braces, crowd, loneDollar, makePaper, math, oldStyle, pubmed, script, specials, trickyPapers, unbalanced, vaswani } from './papers';

/** Read back as a reference manager would: LaTeX decoded, no case changes, unknown math macros left as written. */
const READ_BACK: Options = { english: false, caseProtection: false, sentenceCase: false, unsupported: (_node, tex) => tex };

function readBack(bib: string) {
  const library = parse(bib, READ_BACK);
  const raw = parse(bib, { raw: true });
  return { library, raw, byKey: new Map(library.entries.map((e) => [e.key, e])), rawByKey: new Map(raw.entries.map((e) => [e.key, e])) };
}

/** Raw brace depth, as BibTeX counts it (backslashes do not escape braces). */
function bracesBalanced(s: string): boolean {
  let depth = 0;
  for (const c of s) {
    if (c === '{') depth++;
    else if (c === '}' && --depth < 0) return false;
  }
  return depth === 0;
}

const authorsOf = (e: Entry | undefined): Creator[] => (e?.fields.author as Creator[] | undefined) ?? [];

describe('toBibtex', () => {
  const bib = toBibtex(trickyPapers);
  const keys = citeKeys(trickyPapers);
  const { library, raw, byKey, rawByKey } = readBack(bib);
  const entryOf = (paper: PaperRecord) => byKey.get(keys[trickyPapers.indexOf(paper)] ?? '');
  const rawOf = (paper: PaperRecord) => rawByKey.get(keys[trickyPapers.indexOf(paper)] ?? '');

  it('parses back without errors, one entry per paper, under the cite keys', () => {
    expect(library.errors).toEqual([]);
    expect(raw.errors).toEqual([]);
    expect(library.entries.map((e) => e.key)).toEqual(keys);
  });

  it('gives back the same titles, years and DOIs', () => {
    for (const paper of trickyPapers) {
      const entry = entryOf(paper);
      if (paper === math) continue; // math is decoded by the parser; checked verbatim below
      expect(entry?.fields.title, paper.title).toBe(paper.title);
      expect(entry?.fields.year).toBe(paper.year === undefined ? undefined : String(paper.year));
      expect(entry?.fields.doi).toBe(paper.ids.doi);
    }
  });

  it('gives back the same authors, in order, with "others" for a truncated list', () => {
    for (const paper of trickyPapers) {
      const expected = paper.authors.map((a) => {
        const name = splitName(a);
        if (!name || 'literal' in name) return { family: name?.literal, given: undefined };
        return { family: name.family, given: name.given };
      });
      if (paper.authorsTruncated) expected.push({ family: 'others', given: undefined });
      const got = authorsOf(entryOf(paper)).map((c) => ({
        family: [c.prefix, c.lastName ?? c.name].filter(Boolean).join(' '),
        given: c.firstName,
      }));
      // The parser keeps "Jr." apart; Sift writes it as BibTeX's "von Last, Jr, First".
      expect(got.map((g) => g.family)).toEqual(expected.map((e) => e.family));
      expect(got.map((g) => g.given)).toEqual(expected.map((e) => e.given));
    }
  });

  it('writes 380 authors and "and others"', () => {
    const authors = authorsOf(entryOf(crowd));
    expect(authors).toHaveLength(381);
    expect(authors[379]?.lastName).toBe('Collaborator380');
    expect(authors[380]?.lastName ?? authors[380]?.name).toBe('others');
  });

  it('chooses the entry type from what is known', () => {
    expect(entryOf(vaswani)?.type).toBe('inproceedings');
    expect(entryOf(vaswani)?.fields.booktitle).toBe('Advances in Neural Information Processing Systems 30');
    expect(entryOf(braces)?.type).toBe('inproceedings'); // ACL Anthology id and "Proceedings"
    expect(entryOf(script)?.type).toBe('inproceedings'); // ICLR
    expect(entryOf(math)?.type).toBe('article');
    expect(entryOf(math)?.fields.journal).toBe('Journal of Machine Learning Research');
    expect(entryOf(pubmed)?.type).toBe('article'); // PNAS: "Proceedings", but a journal
    expect(entryOf(crowd)?.type).toBe('article');
    expect(entryOf(bare)?.type).toBe('misc');
    expect(entryOf(biorxiv)?.type).toBe('misc');
    expect(entryOf(biorxiv)?.fields.howpublished).toBe('bioRxiv');
  });

  it('writes an arXiv preprint as @misc with eprint and archivePrefix, and primaryClass only when the id names it', () => {
    const preprint = rawOf(loneDollar);
    expect(preprint?.type).toBe('misc');
    expect(preprint?.fields.eprint).toBe('2402.00001');
    expect(preprint?.fields.archiveprefix).toBe('arXiv');
    expect(preprint?.fields.primaryclass).toBeUndefined();
    expect(rawOf(oldStyle)?.fields.primaryclass).toBe('hep-th');
    expect(rawOf(oldStyle)?.fields.eprint).toBe('hep-th/9711200');
  });

  it('links the DOI, else the arXiv abstract, else the OpenReview forum', () => {
    expect(entryOf(crowd)?.fields.url).toBe('https://doi.org/10.1016/j.physletb.2012.08.020');
    expect(entryOf(vaswani)?.fields.url).toBe('https://arxiv.org/abs/1706.03762');
    expect(entryOf(script)?.fields.url).toBe('https://openreview.net/forum?id=abc123XYZ');
  });

  it('keeps tags as keywords and the abstract, but never the private note', () => {
    // The parser returns keywords sorted.
    expect(entryOf(vaswani)?.fields.keywords).toEqual(['to read', 'transformers']);
    expect(entryOf(vaswani)?.fields.abstract).toBe(
      'The dominant sequence transduction models are based on complex recurrent networks. We propose 100% attention & nothing else.',
    );
    expect(bib).not.toContain('private thoughts');
    expect(entryOf(pubmed)?.fields.note).toBeUndefined();
  });

  it('keeps paired $…$ math verbatim, in titles and abstracts', () => {
    expect(rawOf(math)?.fields.title).toBe('Learning $x^2$ with $\\mathcal{O}(n)$ Samples from Kernels');
    // `%` would end LaTeX's line even in math; it is the one thing escaped there.
    expect(rawOf(math)?.fields.abstract).toBe('We show that $\\sum_i x_i^2$ converges; 50\\% of $f$ is fine.');
  });

  it('escapes LaTeX specials in titles and venues, and writes keywords and DOIs verbatim', () => {
    expect(rawOf(specials)?.fields.title).toBe(
      '100\\% Accuracy \\& Beyond: \\#1 Method for snake\\_case {\\textasciitilde} {\\textasciicircum} {\\textbackslash} {\\textbar} Names',
    );
    expect(entryOf(specials)?.fields.journal).toBe('Journal of Special Characters & Friends');
    // Keywords are a verbatim list to biber and to Zotero's importer: written as they are.
    expect(entryOf(specials)?.fields.keywords).toEqual(['a_b', 'c++']);
    expect(makeTagged(['x, y; z', '{odd}\\'])?.fields.keywords).toEqual(['odd', 'x y z']);
    // A DOI is a verbatim field: written as it is.
    expect(entryOf(specials)?.fields.doi).toBe('10.1000/abc_def%20x');
    expect(bib).toContain('doi = {10.1000/abc_def%20x}');
  });

  function makeTagged(tags: string[]) {
    const paper = makePaper({ title: 'Tagged', authors: ['Ann Lee'], year: 2020, tags });
    return readBack(toBibtex([paper])).rawByKey.get(citeKeys([paper])[0] ?? '');
  }

  it('keeps a title with unbalanced braces readable and the entry balanced', () => {
    expect(rawOf(unbalanced)?.fields.title).toBe('Unbalanced \\{ Brace and \\} Other {\\textbraceright} Braces {\\textbraceleft}');
    expect(entryOf(unbalanced)?.fields.title).toBe(unbalanced.title);
  });

  it('protects the capitals of acronyms, and only those', () => {
    expect(rawOf(braces)?.fields.title).toBe('On \\{0,1\\}-Matrices and the \\{{BERT}\\} Model for {ImageNet}');
    expect(rawOf(vaswani)?.fields.title).toBe('Attention Is All You Need');
  });

  it('keeps non-ASCII as UTF-8', () => {
    expect(bib).toContain('Schölkopf, Bernhard');
    expect(bib).toContain('Kaiser, Łukasz');
  });

  it('balances braces in every entry', () => {
    for (const entry of bib.split(/\n(?=@)/)) expect(bracesBalanced(entry), entry).toBe(true);
  });

  it('writes a valid entry for a paper with no authors and no year', () => {
    const entry = entryOf(bare);
    expect(entry?.fields.author).toBeUndefined();
    expect(entry?.fields.year).toBeUndefined();
    expect(entry?.fields.title).toBe(bare.title);
    expect(toBibtex([makePaper({ title: 'Untitled Notes' })])).toMatch(/^@misc\{anon.*,\n {2}title = \{Untitled Notes\}\n\}\n$/);
  });

  it('writes nothing for no papers', () => {
    expect(toBibtex([])).toBe('');
  });

  it('protects a name containing "and" from being split', () => {
    const paper = makePaper({ title: 'T', authors: ['Procter and Gamble', 'Ann Smith'], year: 2020 });
    const authors = authorsOf(readBack(toBibtex([paper])).byKey.get(citeKeys([paper])[0] ?? ''));
    expect(authors).toHaveLength(2);
  });

  it('parses back any title and author name made of LaTeX-significant characters (property)', () => {
    const text = fc.stringMatching(/^[A-Za-z0-9 &%#_{}~^<>|\\ößŁ@,."=]{1,40}$/).filter((s) => s.trim() !== '' && !/\band\b/i.test(s));
    fc.assert(
      fc.property(text, text, (title, author) => {
        const paper = makePaper({ title, authors: [`Ann ${author.replace(/,/g, '')}`], year: 2021 });
        const out = toBibtex([paper]);
        expect(bracesBalanced(out)).toBe(true);
        const { library } = readBack(out);
        expect(library.errors).toEqual([]);
        expect(library.entries).toHaveLength(1);
        expect(library.entries[0]?.fields.title).toBe(title.replace(/\s+/g, ' ').trim());
      }),
      { numRuns: 300 },
    );
  });
  it('parses back any title mixing math, dollars and braces (property)', () => {
    const text = fc.stringMatching(/^[a-z $^_{}\\%&\n]{1,30}$/).filter((s) => s.trim() !== '');
    fc.assert(
      fc.property(text, (title) => {
        const out = toBibtex([makePaper({ title, abstract: title, authors: ['Ann Lee'], year: 2021 })]);
        expect(bracesBalanced(out)).toBe(true);
        const { library } = readBack(out);
        expect(library.errors).toEqual([]);
        expect(library.entries).toHaveLength(1);
      }),
      { numRuns: 300 },
    );
  });
});

describe('escapeLatex', () => {
  it('escapes the LaTeX specials outside math', () => {
    expect(escapeLatex('100% & #1 snake_case', false)).toBe('100\\% \\& \\#1 snake\\_case');
    expect(escapeLatex('a ~ b ^ c \\ d', false)).toBe('a {\\textasciitilde} b {\\textasciicircum} c {\\textbackslash} d');
  });

  it('keeps paired math and escapes a lone $', () => {
    expect(escapeLatex('Learning $x^2$ fast', true)).toBe('Learning $x^2$ fast');
    expect(escapeLatex('A Lone $ Sign', true)).toBe('A Lone \\$ Sign');
    expect(escapeLatex('Costs $5 and $10', false)).toBe('Costs \\$5 and \\$10');
    expect(escapeLatex('$$E = mc^2$$ display', false)).toBe('$$E = mc^2$$ display');
    expect(escapeLatex('odd $x$ and $ one', false)).toBe('odd $x$ and \\$ one');
  });

  it('ends math where LaTeX would, at the next unescaped $', () => {
    for (const title of ['$$$&$$', '$\\\\$$', '$\\{{}}$', '$a \\$ b$', '$a $b$ c', '$$']) {
      const out = toBibtex([makePaper({ title, authors: ['Ann Lee'], year: 2021 })]);
      expect(bracesBalanced(out), title).toBe(true);
      expect(readBack(out).library.errors, title).toEqual([]);
    }
    expect(escapeLatex('$a \\$ b$', false)).toBe('$a \\$ b$');
  });

  it('does not keep as math a span whose braces do not balance', () => {
    const out = escapeLatex('Broken $\\frac{a$ math', false);
    expect(bracesBalanced(out)).toBe(true);
    expect(out).toBe('Broken \\${\\textbackslash}frac{\\textbraceleft}a\\$ math');
  });

  it('escapes paired braces as \\{ \\} and lone ones as commands', () => {
    expect(escapeLatex('A {pair}', false)).toBe('A \\{pair\\}');
    expect(escapeLatex('Unbalanced { here', false)).toBe('Unbalanced {\\textbraceleft} here');
    expect(escapeLatex('} first', false)).toBe('{\\textbraceright} first');
  });

  it('writes < and > as text commands, not HTML entities', () => {
    expect(escapeLatex('<script>alert(1)</script>', false)).toBe('{\\textless}script{\\textgreater}alert(1){\\textless}/script{\\textgreater}');
  });

  it('braces words whose capitals matter, and only those', () => {
    expect(escapeLatex('Pre-training BERT on ImageNet in 3D with T5', true)).toBe('Pre-training {BERT} on {ImageNet} in {3D} with {T5}');
    expect(escapeLatex('Attention Is All You Need', true)).toBe('Attention Is All You Need');
    expect(escapeLatex('BERT', false)).toBe('BERT');
  });

  it('keeps non-ASCII letters as they are', () => {
    expect(escapeLatex('Schölkopf and Łukasz über Æsir', true)).toBe('Schölkopf and Łukasz über Æsir');
  });

  it('collapses line breaks', () => {
    expect(escapeLatex('two\nlines\r\n here', false)).toBe('two lines here');
  });

  it('always balances braces (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('{', '}', '$', '\\', 'a', 'B', ' ', '%', '^', '_') }), fc.boolean(), (s, protect) => {
        expect(bracesBalanced(escapeLatex(s, protect))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('biber', () => {
  /** Runs biber in tool mode on the file: it reads the .bib and checks every entry against biblatex's data model. */
  function biberValidate(bib: string): { status: number | null; warnings: string[]; errors: string[]; output: string } {
    const dir = mkdtempSync(join(tmpdir(), 'sift-biber-'));
    try {
      writeFileSync(join(dir, 'export.bib'), bib);
      const run = spawnSync('biber', ['--tool', '--validate-datamodel', '--nolog', '--output-directory', dir, '--output-file', 'checked.bib', 'export.bib'], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 60_000,
      });
      if (run.error) throw new Error(`biber could not run (${run.error.message}). Install it: apt-get install --no-install-recommends biber (as .ci/run does).`);
      // biber names the file by its full path in the temporary directory.
      const output = `${run.stdout}\n${run.stderr}`.replaceAll(`${dir}/`, '');
      const lines = output.split('\n');
      return {
        status: run.status,
        warnings: lines.filter((l) => l.startsWith('WARN')),
        errors: lines.filter((l) => l.startsWith('ERROR')),
        output: output + readFileSync(join(dir, 'checked.bib'), 'utf8'),
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('reads the export with no errors, and warns only about data Sift does not have', () => {
    const noAuthorsNoYear = makePaper({ id: 'zz-anonymous', title: 'An Editorial Without Authors', venue: 'Nature' });
    const papers = [...trickyPapers, noAuthorsNoYear];
    const keys = citeKeys(papers);
    const keyOf = (p: PaperRecord) => keys[papers.indexOf(p)];
    const result = biberValidate(toBibtex(papers));
    expect(result.errors, result.output).toEqual([]);
    expect(result.status, result.output).toBe(0);
    // biblatex wants a date on every entry and an author on an article: a paper stored without them is still exported.
    expect(result.warnings.sort()).toEqual(
      [
        `WARN - Datamodel: Entry '${keyOf(bare)}' (export.bib): Missing mandatory field - one of 'date, year' must be defined`,
        `WARN - Datamodel: Entry '${keyOf(noAuthorsNoYear)}' (export.bib): Missing mandatory field - one of 'date, year' must be defined`,
        `WARN - Datamodel: Entry '${keyOf(noAuthorsNoYear)}' (export.bib): Missing mandatory field 'author'`,
      ].sort(),
    );
    // Every entry came through.
    for (const key of keys) expect(result.output).toContain(`{${key},`);
  });

  it('reads a complete library with no warnings at all', () => {
    const complete = trickyPapers.filter((p) => p.year !== undefined);
    const result = biberValidate(toBibtex(complete));
    expect(result.errors, result.output).toEqual([]);
    expect(result.warnings, result.output).toEqual([]);
  });
});
