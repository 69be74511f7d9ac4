import { bibtexNames, latexToText, parseBibtex } from '../../../lib/import/bibtex';
import type { ImportEntry, ParsedImport } from '../../../lib/import/import';

function read(text: string): Extract<ParsedImport, { ok: true }> {
  const parsed = parseBibtex(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed;
}
const only = (text: string): ImportEntry => {
  const { entries, problems } = read(text);
  expect(problems).toEqual([]);
  expect(entries).toHaveLength(1);
  return entries[0]!;
};

describe('latexToText', () => {
  it.each([
    ['{Attention} Is {All} You Need', 'Attention Is All You Need'],
    ['Sch{\\"o}lkopf', 'Schölkopf'],
    ['Sch\\"{o}lkopf', 'Schölkopf'],
    ['Sch\\"olkopf', 'Schölkopf'],
    ["{\\'E}cole", 'École'],
    ["\\'{\\i}", 'í'],
    ['\\c{C}a\\u{g}r\\i', 'Çağrı'],
    ['\\v{S}koda \\v Zi\\v zek', 'Škoda Žižek'],
    ['Stra\\ss e \\o{} \\AA{}ngstr\\"om', 'Straße ø Ångström'],
    ['Erd\\H{o}s \\L{}ukasiewicz', 'Erdős Łukasiewicz'],
    ['Fast \\& Furious: 100\\% \\$ \\# a\\_b', 'Fast & Furious: 100% $ # a_b'],
    ['Learning $x^2$ and $\\mathcal{O}(n \\log n)$ {\\"u}ber', 'Learning $x^2$ and $\\mathcal{O}(n \\log n)$ über'],
    ['$$E = mc^2$$ in display', '$$E = mc^2$$ in display'],
    ['Price \\$5 $x$', 'Price $5 $x$'],
    ['pages 1--10 --- and ``quoted\'\'', 'pages 1–10 — and “quoted”'],
    ['\\emph{Drosophila} and \\textbf{{BERT}}', 'Drosophila and BERT'],
    ['see \\url{https://x.org/a_b~c} or \\href{https://y.org}{this}', 'see https://x.org/a_b~c or this'],
    ['non~breaking\\ space\\,thin', 'non breaking space thin'],
    ['<script>alert(1)</script>', '<script>alert(1)</script>'],
    ['\\constructor{x} \\toString \\__proto__', 'x __proto__'],
    ['\\^{} and \\~{}', '^ and ~'],
    ['  many\n   lines\t here ', 'many lines here'],
    ['Ünïcödé kept 日本語 😀', 'Ünïcödé kept 日本語 😀'],
  ])('%s', (input, expected) => {
    expect(latexToText(input)).toBe(expected);
  });

  it('survives 100,000 nested braces', () => {
    expect(latexToText('{'.repeat(100_000) + 'deep' + '}'.repeat(100_000))).toBe('deep');
  });
});

describe('bibtexNames', () => {
  it.each([
    ['Vaswani, Ashish and Shazeer, Noam', ['Ashish Vaswani', 'Noam Shazeer'], false],
    ['Ashish Vaswani and\n                  Noam Shazeer', ['Ashish Vaswani', 'Noam Shazeer'], false],
    ['Vaswani, Ashish and Shazeer, Noam and others', ['Ashish Vaswani', 'Noam Shazeer'], true],
    ['Sch{\\"o}lkopf, Bernhard and M{\\"u}ller, Klaus-Robert', ['Bernhard Schölkopf', 'Klaus-Robert Müller'], false],
    ['van der Maaten, Laurens and Hinton, Geoffrey', ['Laurens van der Maaten', 'Geoffrey Hinton'], false],
    ['King, Jr, Martin Luther', ['Martin Luther King Jr'], false],
    ['{Google Research, Brain Team} and {Barnes and Noble}', ['Google Research, Brain Team', 'Barnes and Noble'], false],
    ['Anderson AND Andrews, Ann', ['Anderson', 'Ann Andrews'], false],
    ['', [], false],
  ])('%s', (field, names, truncated) => {
    expect(bibtexNames(field)).toEqual({ names, truncated });
  });
});

describe('parseBibtex', () => {
  it('reads Google Scholar entries: lowercase titles, "and others", "arXiv preprint" journals', () => {
    const { entries, problems } = read(`@article{vaswani2017attention,
  title={Attention is all you need},
  author={Vaswani, Ashish and Shazeer, Noam and Parmar, Niki and Uszkoreit, Jakob and Jones, Llion and Gomez, Aidan N and Kaiser, {\\L}ukasz and Polosukhin, Illia},
  journal={Advances in neural information processing systems},
  volume={30},
  year={2017}
}

@article{devlin2018bert,
  title={Bert: Pre-training of deep bidirectional transformers for language understanding},
  author={Devlin, Jacob and Chang, Ming-Wei and Lee, Kenton and others},
  journal={arXiv preprint arXiv:1810.04805},
  year={2018}
}`);
    expect(problems).toEqual([]);
    expect(entries).toEqual([
      {
        title: 'Attention is all you need',
        authors: ['Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar', 'Jakob Uszkoreit', 'Llion Jones', 'Aidan N Gomez', 'Łukasz Kaiser', 'Illia Polosukhin'],
        ids: {},
        year: 2017,
        venue: 'Advances in neural information processing systems',
        where: 'entry 1 (line 1)',
      },
      {
        title: 'Bert: Pre-training of deep bidirectional transformers for language understanding',
        authors: ['Jacob Devlin', 'Ming-Wei Chang', 'Kenton Lee'],
        authorsTruncated: true,
        ids: { arxiv: '1810.04805' },
        year: 2018,
        where: 'entry 2 (line 9)',
      },
    ]);
  });

  it('reads dblp entries: eprint, CoRR volumes, the dblp key, crossref volumes', () => {
    const { entries, problems } = read(`@article{DBLP:journals/corr/VaswaniSPUJGKP17,
  author       = {Ashish Vaswani and
                  Noam Shazeer and
                  Niki Parmar},
  title        = {Attention Is All You Need},
  journal      = {CoRR},
  volume       = {abs/1706.03762},
  year         = {2017},
  url          = {http://arxiv.org/abs/1706.03762},
  eprinttype    = {arXiv},
  eprint       = {1706.03762},
  timestamp    = {Sat, 23 Jan 2021 01:20:40 +0100},
  biburl       = {https://dblp.org/rec/journals/corr/VaswaniSPUJGKP17.bib},
  bibsource    = {dblp computer science bibliography, https://dblp.org}
}

@inproceedings{DBLP:conf/nips/VaswaniSPUJGKP17,
  author       = {Ashish Vaswani and Noam Shazeer},
  title        = {Attention is All you Need},
  pages        = {5998--6008},
  crossref     = {DBLP:conf/nips/2017},
  url          = {https://proceedings.neurips.cc/paper/2017/hash/3f5ee243547dee91fbd053c1c4a845aa-Abstract.html},
}

@proceedings{DBLP:conf/nips/2017,
  editor       = {Isabelle Guyon},
  title        = {Advances in Neural Information Processing Systems 30: Annual Conference on Neural Information Processing Systems 2017},
  year         = {2017},
}`);
    expect(entries).toEqual([
      {
        title: 'Attention Is All You Need',
        authors: ['Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar'],
        ids: { arxiv: '1706.03762', dblp: 'journals/corr/VaswaniSPUJGKP17' },
        year: 2017,
        url: 'http://arxiv.org/abs/1706.03762',
        where: 'entry 1 (line 1)',
      },
      {
        title: 'Attention is All you Need',
        authors: ['Ashish Vaswani', 'Noam Shazeer'],
        ids: { dblp: 'conf/nips/VaswaniSPUJGKP17' },
        year: 2017,
        venue: 'Advances in Neural Information Processing Systems 30: Annual Conference on Neural Information Processing Systems 2017',
        url: 'https://proceedings.neurips.cc/paper/2017/hash/3f5ee243547dee91fbd053c1c4a845aa-Abstract.html',
        where: 'entry 2 (line 17)',
      },
    ]);
    expect(problems).toEqual([{ entry: 3, line: 25, key: 'DBLP:conf/nips/2017', error: 'entry 3 (line 25): a proceedings volume, not a paper' }]);
  });

  it('reads Zotero entries: accents, DOI, keywords, abstract, local files ignored', () => {
    const entry = only(`
@inproceedings{scholkopf_kernel_1997,
\taddress = {Berlin, Heidelberg},
\ttitle = {Kernel principal component analysis},
\tisbn = {978-3-540-69620-9},
\turl = {https://link.springer.com/chapter/10.1007/BFb0020217},
\tdoi = {10.1007/BFb0020217},
\tabstract = {A new method for performing a nonlinear form of {Principal} {Component} {Analysis} is proposed.},
\tbooktitle = {Artificial {Neural} {Networks} — {ICANN}'97},
\tpublisher = {Springer},
\tauthor = {Sch{\\"o}lkopf, Bernhard and Smola, Alexander and M{\\"u}ller, Klaus-Robert},
\teditor = {Gerstner, Wulfram},
\tyear = {1997},
\tkeywords = {kernel methods, PCA; Support Vector Machines},
\tpages = {583--588},
\tfile = {Full Text PDF:/home/ann/Zotero/storage/ABCD1234/Schölkopf et al. - 1997.pdf:application/pdf},
}
`);
    expect(entry).toEqual({
      title: 'Kernel principal component analysis',
      authors: ['Bernhard Schölkopf', 'Alexander Smola', 'Klaus-Robert Müller'],
      ids: { doi: '10.1007/bfb0020217' },
      year: 1997,
      venue: "Artificial Neural Networks — ICANN'97",
      abstract: 'A new method for performing a nonlinear form of Principal Component Analysis is proposed.',
      url: 'https://link.springer.com/chapter/10.1007/BFb0020217',
      tags: ['kernel methods', 'PCA', 'Support Vector Machines'],
      where: 'entry 1 (line 2)',
    });
  });

  it('reads Zotero preprints: eprint with archivePrefix, arXiv DOI, PDF links', () => {
    const entry = only(`@misc{radford2021learning,
  title = {Learning Transferable Visual Models From Natural Language Supervision},
  author = {Radford, Alec and Kim, Jong Wook},
  year = {2021},
  eprint = {2103.00020v1},
  archivePrefix = {arXiv},
  primaryClass = {cs.CV},
  doi = {10.48550/arXiv.2103.00020},
  url = {https://arxiv.org/pdf/2103.00020.pdf},
  note = {arXiv:2103.00020 [cs]}
}`);
    expect(entry).toMatchObject({ ids: { arxiv: '2103.00020', doi: '10.48550/arxiv.2103.00020' }, pdfUrl: 'https://arxiv.org/pdf/2103.00020.pdf', url: 'https://arxiv.org/pdf/2103.00020.pdf' });
  });

  it('reads identifiers from links: OpenReview, ACL Anthology, PubMed, doi.org', () => {
    const { entries } = read(`
@inproceedings{a, title={A}, author={Ann Smith}, url={https://openreview.net/forum?id=YicbFdNTTy}}
@inproceedings{b, title={B}, author={Bo Li}, url={https://aclanthology.org/2020.acl-main.1.pdf}}
@article{c, title={C}, author={Cy Wu}, url={https://pubmed.ncbi.nlm.nih.gov/31234567/}, pmcid={PMC6543210}}
@article{d, title={D}, author={Dee Ng}, doi={https://doi.org/10.1000/ABC\\_def}}
@article{e, title={E}, author={Ed Oh}, howpublished={\\url{https://example.org/paper\\_1.pdf}}}
`);
    expect(entries.map((e) => [e.ids, e.pdfUrl])).toEqual([
      [{ openreview: 'YicbFdNTTy' }, undefined],
      [{ acl: '2020.acl-main.1' }, 'https://aclanthology.org/2020.acl-main.1.pdf'],
      [{ pmid: '31234567', pmcid: 'PMC6543210' }, undefined],
      [{ doi: '10.1000/abc_def' }, undefined],
      [{}, 'https://example.org/paper_1.pdf'],
    ]);
  });

  it('expands @string macros, month names and # concatenation; skips @comment and @preamble', () => {
    const { entries, problems } = read(`
This text between entries is a comment, even with an e-mail: ann@example.org.
@comment{jabref-meta: databaseType:bibtex; @article{not, title={Not an entry}}}
@preamble{ "\\newcommand{\\noop}[1]{}" # "more" }
@string{ neurips = "Advances in Neural Information Processing Systems" }
@STRING(conf = {Proc. of })
@inproceedings{m1,
  title = "Quoted {Title} with \\"{o} and {"}quotes{"}",
  author = "Ann Smith",
  booktitle = conf # neurips # { 30},
  month = may,
  year = 2017,
}
@Article(m2,
  title = {Parenthesised entry},
  author = {Li, Bo},
  journal = undefinedmacro # {Journal},
)`);
    expect(problems).toEqual([]);
    expect(entries.map(({ where: _w, ...e }) => e)).toEqual([
      { title: 'Quoted Title with ö and "quotes"', authors: ['Ann Smith'], ids: {}, year: 2017, venue: 'Proc. of Advances in Neural Information Processing Systems 30' },
      { title: 'Parenthesised entry', authors: ['Bo Li'], ids: {}, venue: 'Journal' },
    ]);
  });

  it('keeps math and script text in titles as written', () => {
    expect(only('@misc{x, title={{$\\alpha$-Divergence} for <script>alert(1)</script> \\& $O(n^{2})$}, author={Ann Smith}}').title).toBe(
      '$\\alpha$-Divergence for <script>alert(1)</script> & $O(n^{2})$',
    );
  });

  it('reports broken entries with their number and line, and reads the rest', () => {
    const { entries, problems } = read(`@article{ok1, title={First}, author={Ann Smith}}

@article{notitle,
  author = {Bo Li},
  year = 2020
}
@article{unclosed,
  title = {Never closed,
  author = {Cy Wu}

@article{ok2, title={Second}, author={Dee Ng}}
@article{noauthor, title={Only a title}}
@article{badsyntax, title={T} author={Ed Oh}}
@article{ok3, title={Third}, author={Flo Ma}}
@article{cut, title={Truncated at the end of the fi`);
    expect(entries.map((e) => [e.title, e.where])).toEqual([
      ['First', 'entry 1 (line 1)'],
      ['Second', 'entry 4 (line 11)'],
      // No authors: for importEntries to refuse (it has no identifier either).
      ['Only a title', 'entry 5 (line 12)'],
      ['Third', 'entry 7 (line 14)'],
    ]);
    expect(problems.map((p) => p.error)).toEqual([
      'entry 2 (line 3): missing title',
      'entry 3 (line 7): a brace opened on line 8 is never closed',
      'entry 6 (line 13): expected "," or "}" after the field "title", found "a" on line 13',
      'entry 8 (line 15): a brace opened on line 15 is never closed',
    ]);
  });

  it('says when a file holds no BibTeX', () => {
    expect(parseBibtex('just some notes')).toEqual({ ok: false, error: 'no BibTeX entries found' });
    expect(parseBibtex('[{"title": "x"}]')).toEqual({ ok: false, error: 'no BibTeX entries found (the file looks like JSON: CSL-JSON or a Sift backup?)' });
  });

  it('rejects a file over the size limit', () => {
    expect(parseBibtex(' '.repeat(257 * 1024 * 1024))).toEqual({ ok: false, error: 'file is too large (257 MB; the limit is 256 MB)' });
  });

  it('reads 5,000 broken entries in one pass (no entry swallows the next)', () => {
    const text = Array.from({ length: 5_000 }, (_, i) => `@article{k${i},\n  title = {Unclosed ${i},\n  author = {A B}\n`).join('\n');
    const { entries, problems } = read(text);
    expect(entries).toEqual([]);
    expect(problems).toHaveLength(5_000);
    expect(problems[4_999]!.error).toBe('entry 5000 (line 19997): a brace opened on line 19998 is never closed');
  });
});
