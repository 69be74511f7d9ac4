import { afterEach, describe, expect, it, vi } from 'vitest';
import { adapterFor, detectPapers, detectRows } from '../../../lib/sites';
import { huggingface } from '../../../lib/sites/huggingface';
import { expectFixture, fixtureNames, loadFixture, parseHtml } from '../fixtures';
import { knownFixturePass, knownRows, readsInside, recordReads } from './known-rows';

// ---------------------------------------------------------------------------------------------
// Builders for synthetic pages (the markup follows site-guide §4).

interface Entry {
  id?: unknown;
  title?: unknown;
  summary?: unknown;
  authors?: unknown;
}

/** Attribute-escape like the server does (`&quot;` etc.). */
function attr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
function text(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function dailyEntry(e: Entry): unknown {
  return {
    paper: { id: e.id, title: e.title, summary: e.summary, authors: e.authors, upvotes: 3, discussionId: 'x' },
    title: e.title,
    summary: e.summary,
    numComments: 0,
    submittedBy: { fullname: 'AK', name: 'akhaliq' },
  };
}

function card(id: string, title: string, opts: { abstract?: string; avatars?: string[]; count?: number } = {}): string {
  const avatars = (opts.avatars ?? [])
    .slice()
    .reverse() // HF renders the avatar list reversed inside a flex-row-reverse <ul>
    .map((n) => `<li title="${attr(n)}" class="-mr-2 h-4 w-4 rounded-full"></li>`)
    .join('');
  return `<article class="relative flex flex-col overflow-hidden rounded-xl border">
    <a href="/papers/${id}" class="peer relative block h-56"><img src="https://cdn.example/${id}.png" alt=""></a>
    <div class="from-gray-50-to-white -mt-2 flex bg-gradient-to-b px-6 pb-6 pt-8">
      <div class="shadow-alternate"><div class="leading-none">12</div></div>
      <div class="w-full">
        <h3 class="mb-1 text-lg/6 font-semibold"><a href="/papers/${id}" class="line-clamp-3 cursor-pointer text-balance">${text(title)}</a></h3>
        ${opts.abstract ? `<p class="line-clamp-2 text-sm">${text(opts.abstract)}</p>` : ''}
        <div class="flex items-center justify-between"><a href="/akhaliq" class="text-sm">Submitted by akhaliq</a></div>
        <div class="mt-2 flex items-center gap-2">
          ${avatars ? `<ul class="flex items-center flex-row-reverse text-sm">${avatars}</ul>` : ''}
          ${opts.count !== undefined ? `<span class="text-gray-500">&middot; ${opts.count} authors</span>` : ''}
          <a href="/papers/${id}#community" class="ml-auto">0</a>
        </div>
      </div>
    </div>
  </article>`;
}

/** A listing page: chrome + the DailyPapers hydrater with `props` (raw attribute text) + cards. */
function listingPage(propsAttr: string | null, cards: string[]): string {
  const props = propsAttr === null ? '' : ` data-props="${propsAttr}"`;
  return `<!doctype html><html><head><title>Daily Papers - Hugging Face</title></head><body>
  <div class="SVELTE_HYDRATER contents" data-target="MainHeader" data-props="{&quot;isWide&quot;:false}">
    <header><a href="/">Hugging Face</a><a href="/papers/2401.99999">A paper linked from the header</a>
    <article><h3><a href="/papers/2402.99999">Header promo card</a></h3></article></header>
  </div>
  <main class="flex flex-1 flex-col">
    <div class="SVELTE_HYDRATER contents" data-target="DailyPapers"${props}>
      <section class="container"><h1>Daily Papers</h1>
        <div class="relative grid grid-cols-1 gap-14 lg:grid-cols-2">${cards.join('\n')}</div>
      </section>
    </div>
  </main>
  <footer><a href="/models">Models</a><a href="/papers/2403.99999">Footer paper link</a></footer>
  </body></html>`;
}

function propsOf(entries: unknown[], extra: Record<string, unknown> = {}): string {
  return attr(JSON.stringify({ dailyPapers: entries, dateString: '2025-01-15', periodType: 'day', ...extra }));
}

const DAILY = 'https://huggingface.co/papers/date/2025-01-15';

const A = {
  id: '2501.00001',
  title: 'Alpha: a "quoted" title & more',
  summary: 'Alpha abstract,\n  over two lines.',
  authors: [{ name: 'Ada Lovelace', hidden: false }, { name: 'Alan Turing', hidden: true }, { name: 'Grace Hopper' }],
};
const B = {
  id: '2501.00002v2',
  title: 'Beta  title',
  summary: 'Beta abstract.',
  authors: [{ name: 'Barbara Liskov' }],
};

afterEach(() => {
  vi.restoreAllMocks();
});

// ---------------------------------------------------------------------------------------------

describe('huggingface fixtures', () => {
  const names = fixtureNames('huggingface');

  it('has the developer fixtures', () => {
    expect(names).toEqual(expect.arrayContaining(['paper-2303.06865', 'papers-trending']));
  });

  for (const name of names) {
    it(`${name} matches its expected entries`, () => {
      const got = expectFixture('huggingface', name);
      expect(got.length).toBeGreaterThan(0);
    });
  }

  it('trending: one row per card article, in page order, and the page is left untouched', () => {
    const { html, expected } = loadFixture('huggingface', 'papers-trending');
    const doc = parseHtml(html);
    const before = doc.documentElement.outerHTML;
    const res = detectRows(doc, expected.url);
    expect(res?.site).toBe('huggingface');
    const rows = res!.rows;
    const articles = [...doc.querySelectorAll('[data-target="DailyPapers"] article')];
    expect(rows).toHaveLength(expected.entryCount);
    expect(rows.map((r) => r.element)).toEqual(articles);
    expect(rows.map((r) => r.paper.ids.arxiv)).toEqual(expected.entries.map((e) => e.ids.arxiv));
    expect(doc.documentElement.outerHTML).toBe(before);
  });

  it('paper page: one row whose element is the heading container', () => {
    const { html, expected } = loadFixture('huggingface', 'paper-2303.06865');
    const doc = parseHtml(html);
    const rows = detectRows(doc, expected.url)!.rows;
    expect(rows).toHaveLength(1);
    const h1 = doc.querySelector('h1')!;
    expect(rows[0]!.element).toBe(h1.parentElement);
    expect(rows[0]!.element.contains(h1)).toBe(true);
    // the "Abstract" heading is not part of the abstract
    expect(rows[0]!.paper.abstract!.startsWith('The high computational')).toBe(true);
  });
});

describe('huggingface URLs', () => {
  const claimed = [
    'https://huggingface.co/papers',
    'https://huggingface.co/papers/',
    'https://huggingface.co/papers?q=speculative+decoding',
    'https://huggingface.co/papers?date=2025-01-15',
    'https://huggingface.co/papers/date/2025-01-15',
    'https://huggingface.co/papers/week/2025-W03',
    'https://huggingface.co/papers/month/2025-01',
    'https://huggingface.co/papers/trending',
    'https://huggingface.co/papers/trending?q=llm',
    'https://huggingface.co/papers/2303.06865',
    'https://huggingface.co/papers/2303.06865?utm=x',
    'https://huggingface.co/papers/2303.06865#community',
    'https://huggingface.co/papers/2401.12345v2',
  ];
  const refused = [
    'https://huggingface.co/models',
    'https://huggingface.co/',
    'https://huggingface.co/datasets/foo/bar',
    'https://huggingface.co/spaces/papers/2303.06865',
    'https://huggingface.co/papers/not-a-paper',
    'https://huggingface.co/papers/2303.06865/extra',
    'https://huggingface.co/papersfoo',
    'http://huggingface.co/papers/trending',
    'https://huggingface.co.evil.com/papers/trending',
    'https://evil.example/?u=https://huggingface.co/papers/trending',
  ];

  it.each(claimed)('claims %s', (url) => {
    expect(huggingface.urls.some((re) => re.test(url))).toBe(true);
    expect(adapterFor(url)?.site).toBe('huggingface');
  });

  it.each(refused)('does not claim %s', (url) => {
    expect(huggingface.urls.some((re) => re.test(url))).toBe(false);
  });

  it('yields nothing on a non-paper HF page, even one that carries paper data', () => {
    const doc = parseHtml(listingPage(propsOf([dailyEntry(A)]), [card(A.id, A.title)]));
    expect(detectRows(doc, 'https://huggingface.co/models')?.rows ?? []).toEqual([]);
    expect(detectPapers(doc, 'https://huggingface.co/models')).toEqual([]);
    expect(huggingface.detect(doc, new URL('https://huggingface.co/models'))).toEqual([]);
  });
});

describe('huggingface listing (synthetic)', () => {
  it('daily page: JSON supplies authors and abstract, rows follow the cards in page order', () => {
    // JSON order differs from card order: the cards are the page order, JSON is matched by id.
    const html = listingPage(propsOf([dailyEntry(B), dailyEntry(A)]), [card('2501.00001', 'Alpha'), card('2501.00002', 'Beta')]);
    const doc = parseHtml(html);
    const rows = detectRows(doc, DAILY)!.rows;
    const articles = [...doc.querySelectorAll('[data-target="DailyPapers"] article')];
    expect(rows.map((r) => r.element)).toEqual(articles);
    expect(rows.map((r) => r.paper)).toEqual([
      {
        title: 'Alpha: a "quoted" title & more',
        authors: ['Ada Lovelace', 'Alan Turing', 'Grace Hopper'],
        ids: { arxiv: '2501.00001' },
        abstract: 'Alpha abstract, over two lines.',
        pdfUrl: 'https://arxiv.org/pdf/2501.00001',
      },
      {
        title: 'Beta title',
        authors: ['Barbara Liskov'],
        ids: { arxiv: '2501.00002' },
        abstract: 'Beta abstract.',
        pdfUrl: 'https://arxiv.org/pdf/2501.00002',
      },
    ]);
  });

  it('week, month, trending and search pages are read the same way', () => {
    const html = listingPage(propsOf([dailyEntry(A)]), [card(A.id, 'Alpha')]);
    for (const url of [
      'https://huggingface.co/papers/week/2025-W03',
      'https://huggingface.co/papers/month/2025-01',
      'https://huggingface.co/papers/trending',
      'https://huggingface.co/papers?q=alpha',
    ]) {
      expect(detectPapers(parseHtml(html), url).map((p) => p.ids.arxiv)).toEqual(['2501.00001']);
    }
  });

  it('detects cards the client added beyond the JSON, from their DOM', () => {
    const html = listingPage(propsOf([dailyEntry(A)]), [
      card(A.id, 'Alpha'),
      // lazy-loaded: not in data-props
      card('2501.00003', 'Gamma, loaded on scroll', {
        abstract: 'Gamma abstract.',
        avatars: ['Carol First', 'Dan Second', 'Eve Third'],
        count: 5,
      }),
      card('2501.00004', 'Delta, no avatars'),
      card('2501.00005', 'Epsilon, every author shown', { avatars: ['Fay Only', 'Gus Too'], count: 2 }),
    ]);
    const doc = parseHtml(html);
    const rows = detectRows(doc, DAILY)!.rows;
    const articles = [...doc.querySelectorAll('article')].filter((a) => a.closest('main'));
    expect(rows.map((r) => r.element)).toEqual(articles);
    expect(rows.map((r) => r.paper.ids.arxiv)).toEqual(['2501.00001', '2501.00003', '2501.00004', '2501.00005']);
    expect(rows[0]!.paper.authors).toEqual(['Ada Lovelace', 'Alan Turing', 'Grace Hopper']);
    expect(rows[1]!.paper).toEqual({
      title: 'Gamma, loaded on scroll',
      authors: ['Carol First', 'Dan Second', 'Eve Third'], // visual order, not the reversed DOM order
      authorsTruncated: true, // "· 5 authors", 3 shown
      ids: { arxiv: '2501.00003' },
      abstract: 'Gamma abstract.',
      pdfUrl: 'https://arxiv.org/pdf/2501.00003',
    });
    expect(rows[2]!.paper).toEqual({
      title: 'Delta, no avatars',
      authors: [],
      ids: { arxiv: '2501.00004' },
      pdfUrl: 'https://arxiv.org/pdf/2501.00004',
    });
    expect(rows[3]!.paper.authors).toEqual(['Fay Only', 'Gus Too']);
    expect(rows[3]!.paper.authorsTruncated).toBeUndefined();
  });

  it('JSON entries whose card is gone are stale and not reported', () => {
    const html = listingPage(propsOf([dailyEntry(A), dailyEntry(B)]), [card('2501.00002', 'Beta')]);
    expect(detectPapers(parseHtml(html), DAILY).map((p) => p.ids.arxiv)).toEqual(['2501.00002']);
  });

  it('before the cards render, the JSON alone is read and anchored on the hydrater', () => {
    const doc = parseHtml(listingPage(propsOf([dailyEntry(A), dailyEntry(B)]), []));
    const rows = detectRows(doc, DAILY)!.rows;
    expect(rows.map((r) => r.paper.ids.arxiv)).toEqual(['2501.00001', '2501.00002']);
    expect(rows[0]!.paper.authors).toHaveLength(3);
    expect(rows.every((r) => r.element === doc.querySelector('[data-target="DailyPapers"]'))).toBe(true);
    // The titles are only in the JSON: nothing on the page shows them yet.
    expect(rows.map((r) => r.title)).toEqual([undefined, undefined]);
  });

  it('a card names its title link as the element showing the title', () => {
    const doc = parseHtml(listingPage(propsOf([dailyEntry(A)]), [card(A.id, 'Alpha'), card('2501.00002', 'Beta')]));
    const rows = detectRows(doc, DAILY)!.rows;
    expect(rows.map((r) => r.title)).toEqual([...doc.querySelectorAll('main article h3 a')]);
  });

  it('page chrome outside the hydrater produces no entries', () => {
    const papers = detectPapers(parseHtml(listingPage(propsOf([]), [card(A.id, 'Alpha')])), DAILY);
    expect(papers.map((p) => p.ids.arxiv)).toEqual(['2501.00001']);
  });

  it('invalid JSON falls back to the cards: title, id, abstract', () => {
    const broken = attr('{"dailyPapers": [{"paper": {"id": "2501.00001", "title": "Alpha"');
    const html = listingPage(broken, [
      card('2501.00001', 'Alpha from the card', { abstract: 'Alpha card abstract.' }),
      card('2501.00002v3', 'Beta from the card'),
    ]);
    const doc = parseHtml(html);
    const rows = detectRows(doc, DAILY)!.rows;
    expect(rows.map((r) => r.paper)).toEqual([
      {
        title: 'Alpha from the card',
        authors: [],
        ids: { arxiv: '2501.00001' },
        abstract: 'Alpha card abstract.',
        pdfUrl: 'https://arxiv.org/pdf/2501.00001',
      },
      { title: 'Beta from the card', authors: [], ids: { arxiv: '2501.00002' }, pdfUrl: 'https://arxiv.org/pdf/2501.00002' },
    ]);
    expect(rows.map((r) => r.element.tagName)).toEqual(['ARTICLE', 'ARTICLE']);
  });

  it('missing data-props and a hydrater-less page still read the cards', () => {
    expect(detectPapers(parseHtml(listingPage(null, [card(A.id, 'Alpha')])), DAILY).map((p) => p.title)).toEqual(['Alpha']);
    const bare = `<html><body><main><article><h3><a href="/papers/2501.00009">Bare card</a></h3></article></main></body></html>`;
    expect(detectPapers(parseHtml(bare), DAILY)).toEqual([
      { title: 'Bare card', authors: [], ids: { arxiv: '2501.00009' }, pdfUrl: 'https://arxiv.org/pdf/2501.00009' },
    ]);
  });

  it('survives hostile data-props shapes without throwing', () => {
    const shapes: string[] = [
      attr('null'),
      attr('[]'),
      attr('"a string"'),
      attr('{"dailyPapers": {"0": {"paper": {"id": "2501.00001"}}}}'),
      attr('{"dailyPapers": "nope"}'),
      attr('{"dailyPapers": [null, 1, "x", [], {"paper": null}, {"paper": 5}, {"paper": {"id": 2501.00001}}]}'),
      attr(JSON.stringify({ dailyPapers: [{ paper: { id: '2501.00001', title: 42, summary: {}, authors: 'Ada Lovelace' } }] })),
      attr(JSON.stringify({ dailyPapers: [{ paper: { id: '2501.00001', authors: [null, 7, { name: 12 }, { name: '  ' }] } }] })),
      attr(JSON.stringify({ dailyPapers: [{ paper: { id: '../../etc', title: 'x' } }] })),
    ];
    for (const props of shapes) {
      const doc = parseHtml(listingPage(props, [card('2501.00001', 'Alpha from the card', { avatars: ['Ada Lovelace'] })]));
      let papers: ReturnType<typeof detectPapers> = [];
      expect(() => {
        papers = detectPapers(doc, DAILY);
      }).not.toThrow();
      expect(() => huggingface.detect(doc, new URL(DAILY))).not.toThrow();
      // The card is still there: title from the card when the JSON one is unusable.
      expect(papers).toHaveLength(1);
      expect(papers[0]!.ids).toEqual({ arxiv: '2501.00001' });
      expect(papers[0]!.title).toBe('Alpha from the card');
      expect(papers[0]!.authors).toEqual(['Ada Lovelace']);
    }
  });

  it('a title containing markup comes back as literal text and creates no element', () => {
    const evil = '<img src=x onerror=alert(1)> Evil';
    const html = listingPage(propsOf([dailyEntry({ id: '2501.00001', title: evil, summary: '<b>bold</b>', authors: [{ name: '<i>Mallory</i>' }] })]), [
      card('2501.00001', evil),
      card('2501.00002', evil), // DOM-only card with the same text in its title
    ]);
    const doc = parseHtml(html);
    const imgsBefore = doc.querySelectorAll('img').length;
    const rows = detectRows(doc, DAILY)!.rows;
    expect(rows.map((r) => r.paper.title)).toEqual([evil, evil]);
    expect(rows[0]!.paper.abstract).toBe('<b>bold</b>');
    expect(rows[0]!.paper.authors).toEqual(['<i>Mallory</i>']);
    expect(doc.querySelectorAll('img').length).toBe(imgsBefore);
    expect(doc.querySelector('img[src="x"]')).toBeNull();
    expect(doc.querySelector('b, i')).toBeNull();
  });

  it('cards without a title, or without a paper link, are skipped', () => {
    const noTitle = `<article><a href="/papers/2501.00007"><img src="t.png" alt=""></a><h3></h3></article>`;
    const noLink = `<article><h3><a href="/collections/foo">A collection</a></h3><ul><li title="Someone"></li></ul></article>`;
    const papers = detectPapers(parseHtml(listingPage(propsOf([]), [noTitle, noLink, card(A.id, 'Alpha')])), DAILY);
    expect(papers.map((p) => p.title)).toEqual(['Alpha']);
  });

  it('a card without a title of its own takes the JSON title', () => {
    const noTitle = `<article><a href="/papers/2501.00001"><img src="t.png" alt=""></a></article>`;
    const rows = detectRows(parseHtml(listingPage(propsOf([dailyEntry(A)]), [noTitle])), DAILY)!.rows;
    expect(rows.map((r) => r.paper.title)).toEqual(['Alpha: a "quoted" title & more']);
    expect(rows[0]!.title).toBeUndefined(); // the card shows no title
  });

  it('2,000 cards: linear, with a fixed number of document-wide queries', () => {
    const n = 2000;
    const entries: unknown[] = [];
    const cards: string[] = [];
    for (let i = 0; i < n; i++) {
      const id = `2502.${String(10000 + i)}`;
      if (i % 2 === 0) entries.push(dailyEntry({ id, title: `Paper ${i}`, summary: `Abstract ${i}`, authors: [{ name: `Author ${i}` }] }));
      cards.push(card(id, `Paper ${i}`));
    }
    const doc = parseHtml(listingPage(propsOf(entries), cards));
    const qsa = vi.spyOn(doc, 'querySelectorAll');
    const qs = vi.spyOn(doc, 'querySelector');
    const rows = detectRows(doc, DAILY)!.rows;
    expect(rows).toHaveLength(n);
    expect(rows[0]!.paper.authors).toEqual(['Author 0']);
    expect(rows[1]!.paper.authors).toEqual([]);
    expect(rows[n - 2]!.paper.abstract).toBe(`Abstract ${n - 2}`);
    expect(qsa.mock.calls.length + qs.mock.calls.length).toBeLessThanOrEqual(5);
  });
});

describe('huggingface paper page (synthetic)', () => {
  const URL_1 = 'https://huggingface.co/papers/2501.00001';

  function paperPage(opts: { props?: string; head?: boolean; body?: string } = {}): string {
    const hydrater = opts.props !== undefined ? `<div class="SVELTE_HYDRATER contents" data-target="PaperContent" data-props="${opts.props}">` : '<div>';
    return `<!doctype html><html><head>${opts.head === false ? '<title>Hugging Face</title>' : '<title>Paper page - Alpha (DOM)</title>'}</head><body>
    <header><a href="/papers/2401.99999">Header link to another paper</a></header>
    <main>${hydrater}
      <section class="pt-8"><div class="container">
        <h1 class="mb-2 text-2xl">Alpha (DOM)</h1>
        <div class="mb-6 flex flex-wrap"><h2>Authors:</h2>
          <span class="author"><span class="contents"><a href="/ada">Ada Lovelace</a></span>,</span>
          <span class="author"><button>Alan Turing</button>,</span>
          <span class="author">Grace Hopper</span>
        </div>
        <div class="flex flex-wrap gap-2"><a href="https://arxiv.org/pdf/2501.00001" class="btn">View PDF</a><a href="https://arxiv.org/abs/2501.00001" class="btn">View arXiv page</a></div>
      </div></section>
      <section class="container"><div class="md:col-span-7">
        <div class="pb-8 pr-4 md:pr-16"><h2>Abstract</h2>
          <div class="rounded-xl border border-blue-200 bg-blue-50"><p>AI-generated summary</p><p>A machine summary.</p></div>
          <p class="text-gray-600">The DOM abstract.</p></div>
        <div id="community"><h2>Community</h2>
          <div class="comment"><p>Librarian bot found similar papers:</p>
            <article><h3><a href="/papers/2402.00002">Similar paper one</a></h3></article>
            <a href="/papers/2402.00003">Similar paper two</a></div></div>
      </div>
      <div class="md:col-span-5"><h3>Models citing this paper</h3>
        <article><h3><a href="/papers/2402.00004">Related paper</a></h3><ul><li title="Someone"></li></ul></article></div>
      </section>
      ${opts.body ?? ''}
    </div></main></body></html>`;
  }

  it('reads the DOM: h1, authors, abstract without the heading or the AI summary, PDF link', () => {
    const doc = parseHtml(paperPage());
    const rows = detectRows(doc, URL_1)!.rows;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.paper).toEqual({
      title: 'Alpha (DOM)',
      authors: ['Ada Lovelace', 'Alan Turing', 'Grace Hopper'],
      ids: { arxiv: '2501.00001' },
      abstract: 'The DOM abstract.',
      pdfUrl: 'https://arxiv.org/pdf/2501.00001',
    });
    expect(rows[0]!.element).toBe(doc.querySelector('h1')!.parentElement);
  });

  it('prefers the PaperContent hydration JSON over page text', () => {
    const props = attr(
      JSON.stringify({
        paper: { id: '2501.00001', title: 'Alpha (JSON)', summary: 'The JSON abstract.', authors: [{ name: 'Ada Lovelace' }, { name: 'Charles Babbage', hidden: true }] },
        comments: [{ type: 'comment', data: { latest: { raw: 'see https://huggingface.co/papers/2402.00002' } } }],
      }),
    );
    const papers = detectPapers(parseHtml(paperPage({ props })), URL_1);
    expect(papers).toEqual([
      {
        title: 'Alpha (JSON)',
        authors: ['Ada Lovelace', 'Charles Babbage'],
        ids: { arxiv: '2501.00001' },
        abstract: 'The JSON abstract.',
        pdfUrl: 'https://arxiv.org/pdf/2501.00001',
      },
    ]);
  });

  it('ignores hydration JSON about another paper, or broken JSON', () => {
    const other = attr(JSON.stringify({ paper: { id: '2402.00002', title: 'Other paper', authors: [{ name: 'Someone Else' }] } }));
    for (const props of [other, attr('{"paper": '), attr('{"paper": null}'), attr('{"paper": {"title": 7, "authors": 7}}')]) {
      const papers = detectPapers(parseHtml(paperPage({ props })), URL_1);
      expect(papers).toHaveLength(1);
      expect(papers[0]!.title).toBe('Alpha (DOM)');
      expect(papers[0]!.authors).toEqual(['Ada Lovelace', 'Alan Turing', 'Grace Hopper']);
    }
  });

  it('the version in the URL is dropped; a hash or query does not matter', () => {
    for (const url of ['https://huggingface.co/papers/2501.00001v2', 'https://huggingface.co/papers/2501.00001?x=1#community']) {
      expect(detectPapers(parseHtml(paperPage()), url).map((p) => p.ids)).toEqual([{ arxiv: '2501.00001' }]);
    }
  });

  it('an error page at a paper URL yields nothing', () => {
    const notFound = `<html><head><title>Hugging Face</title></head><body><main><h1>404</h1><p>Sorry, we can't find the page you are looking for.</p></main></body></html>`;
    expect(detectPapers(parseHtml(notFound), URL_1)).toEqual([]);
  });

  it('re-detection: a known paper page is not read again', () => {
    const doc = parseHtml(paperPage());
    const first = detectRows(doc, URL_1)!.rows;
    expect(first).toHaveLength(1);
    const seen = new Set(first.map((r) => r.element));
    const known = knownRows(seen);
    doc.querySelector('h1')!.textContent = 'Rewritten title';
    const reads = recordReads(() => ({
      rows: detectRows(doc, URL_1, { known })!.rows,
      raw: huggingface.detect(doc, new URL(URL_1), { known }),
    }));
    expect(reads.result.rows).toEqual([]);
    expect(reads.result.raw).toEqual([]);
    expect(readsInside(reads, seen)).toEqual([]);
    // Without `known`, the page is read again (and the rewrite shows).
    expect(huggingface.detect(doc, new URL(URL_1))[0]!.paper.title).toBe('Rewritten title');
  });
});

describe('huggingface listing: re-detection with known rows', () => {
  const C = { id: '2501.00003', title: 'Gamma', summary: 'Gamma abstract.', authors: [{ name: 'Carol First' }] };

  it('the fixture pages with every row of a first pass known yield no rows and read none of them', () => {
    for (const name of fixtureNames('huggingface')) {
      const { seen, reads, doc } = knownFixturePass('huggingface', name, huggingface);
      expect(readsInside(reads, seen), name).toEqual([]);
      // Nothing new on the listing: its JSON is not even parsed.
      const hydrater = doc.querySelector('[data-target="DailyPapers"]');
      if (hydrater) expect(reads.attrs).not.toContain(hydrater);
    }
  });

  it('after cards are added, a second pass yields exactly the new ones, in page order, with their JSON data', () => {
    // The JSON knows A, B and C; the first render shows only A and C.
    const doc = parseHtml(listingPage(propsOf([dailyEntry(A), dailyEntry(B), dailyEntry(C)]), [card(A.id, 'Alpha'), card(C.id, 'Gamma')]));
    const first = detectRows(doc, DAILY)!.rows;
    expect(first.map((r) => r.paper.ids.arxiv)).toEqual(['2501.00001', '2501.00003']);
    const seen = new Set(first.map((r) => r.element));
    const known = knownRows(seen);

    const [cardA, cardC] = [...seen];
    cardA!.insertAdjacentHTML('afterend', card('2501.00002', 'Beta')); // between A and C, in the JSON
    cardC!.insertAdjacentHTML('afterend', card('2501.00004', 'Delta, lazy-loaded', { abstract: 'Delta abstract.', avatars: ['Dan Fourth'] }));
    const second = detectRows(doc, DAILY, { known })!.rows;
    const articles = [...doc.querySelectorAll('[data-target="DailyPapers"] article')];
    expect(second.map((r) => r.element)).toEqual([articles[1], articles[3]]);
    // The adapter itself skips the known cards (the registry would drop them anyway).
    expect(huggingface.detect(doc, new URL(DAILY), { known }).map((r) => r.element)).toEqual(second.map((r) => r.element));
    expect(second.map((r) => r.paper)).toEqual([
      {
        title: 'Beta title',
        authors: ['Barbara Liskov'],
        ids: { arxiv: '2501.00002' },
        abstract: 'Beta abstract.',
        pdfUrl: 'https://arxiv.org/pdf/2501.00002',
      },
      {
        title: 'Delta, lazy-loaded',
        authors: ['Dan Fourth'],
        ids: { arxiv: '2501.00004' },
        abstract: 'Delta abstract.',
        pdfUrl: 'https://arxiv.org/pdf/2501.00004',
      },
    ]);
  });

  it('does not read the text of known cards', () => {
    const doc = parseHtml(listingPage(propsOf([]), [card(A.id, 'Alpha', { avatars: ['Ada Lovelace'] }), card(C.id, 'Gamma')]));
    const seen = new Set(detectRows(doc, DAILY)!.rows.map((r) => r.element));
    const known = knownRows(seen);
    doc.querySelector('.grid')!.insertAdjacentHTML('beforeend', card('2501.00005', 'Epsilon', { avatars: ['Eve Fifth'] }));
    // Known cards now say something else: reading them would change the adapter's own output.
    for (const article of seen) {
      article.querySelector('h3 a')!.textContent = 'Rewritten title';
      for (const a of article.querySelectorAll('a[href^="/papers/"]')) a.setAttribute('href', '/papers/2599.99999');
    }
    const reads = recordReads(() => huggingface.detect(doc, new URL(DAILY), { known }));
    expect(reads.result.map((r) => [r.paper.title, r.paper.ids.arxiv, r.paper.authors])).toEqual([['Epsilon', '2501.00005', ['Eve Fifth']]]);
    expect(readsInside(reads, seen)).toEqual([]);
    // The spy does see reads: the new card was read.
    expect(reads.text.some((n) => reads.result[0]!.element.contains(n))).toBe(true);
  });

  it('rows anchored on the hydrater before the cards render: known, then the rendered cards are new', () => {
    const doc = parseHtml(listingPage(propsOf([dailyEntry(A), dailyEntry(B)]), []));
    const first = detectRows(doc, DAILY)!.rows;
    expect(first.map((r) => r.paper.ids.arxiv)).toEqual(['2501.00001', '2501.00002']);
    const seen = new Set(first.map((r) => r.element));
    const known = knownRows(seen);
    expect(huggingface.detect(doc, new URL(DAILY), { known })).toEqual([]);
    doc.querySelector('.grid')!.insertAdjacentHTML('beforeend', card(A.id, 'Alpha') + card('2501.00002', 'Beta'));
    const second = detectRows(doc, DAILY, { known })!.rows;
    expect(second.map((r) => r.element.tagName)).toEqual(['ARTICLE', 'ARTICLE']);
    expect(second.map((r) => r.paper.authors)).toEqual([['Ada Lovelace', 'Alan Turing', 'Grace Hopper'], ['Barbara Liskov']]);
  });
});
