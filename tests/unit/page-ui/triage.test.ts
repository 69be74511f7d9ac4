// PageTriage on a small arXiv-like listing, with a real PageSession and an in-memory "background".
import type { DetectedPaper, PaperBrief, PaperPatch, Status } from '../../../lib/paper';
import type { EditResponse, Request, StoreDetectedResponse } from '../../../lib/messages';
import { PageSession } from '../../../lib/page-session';
import { PageTriage, paperUrl, type TriageDeps } from '../../../lib/page-ui/triage';
import { DEFAULT_KEYS, DEFAULT_SETTINGS, type Settings } from '../../../lib/settings';

const URL_NEW = 'https://arxiv.org/list/cs.LG/new';
const DAY = 86_400_000;

const ids = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `2404.${String(10000 + from + i)}`);
const rec = (arxiv: string) => `rec-${arxiv}`;

/** The listing markup the arXiv adapter reads; the dt/dd of each entry carry a page style of their own. */
function listingHtml(arxivIds: string[]): string {
  const rows = arxivIds
    .map(
      (id) => `<dt style="color: red;"><a name="item1">[1]</a> <a href="/abs/${id}" title="Abstract" id="${id}">arXiv:${id}</a> [<a href="/pdf/${id}" id="pdf-${id}">pdf</a>]</dt>
      <dd style="margin-left: 2px;"><div class="meta"><div class="list-title mathjax"><span class="descriptor">Title:</span> Paper ${id}</div>
      <div class="list-authors"><a href="https://arxiv.org/a/x">Ann Smith</a></div>
      <p class="mathjax">Abstract of ${id}.</p></div></dd>`,
    )
    .join('');
  return `<div id="dlpage"><h3>Showing new listings for Monday, 1 April 2024</h3><dl id="articles"><h3>New submissions</h3>${rows}</dl></div>`;
}

interface Rec {
  status: Status;
  statusChangedAt?: number;
  tags: string[];
  note?: string;
}

/** The background: stores entries, and answers edits like lib/handlers.ts does (before = the changed records as they were). */
function fakeBackground(seenBefore: Record<string, number> = {}) {
  const records = new Map<string, Rec>();
  const requests: Request[] = [];
  let clock = 1000;
  const failures: (() => unknown)[] = [];

  const briefOf = (id: string): PaperBrief => {
    const r = records.get(id)!;
    const b: PaperBrief = { id, status: r.status, tags: [...r.tags] };
    if (r.note !== undefined) b.note = r.note;
    return b;
  };
  const patchOf = (id: string): PaperPatch => {
    const r = records.get(id)!;
    const p: PaperPatch = { id, status: r.status, tags: [...r.tags] };
    if (r.statusChangedAt !== undefined) p.statusChangedAt = r.statusChangedAt;
    if (r.note !== undefined) p.note = r.note;
    return p;
  };
  const editRecords = (paperIds: string[], edit: (r: Rec, id: string) => Rec | undefined): EditResponse => {
    const before: PaperPatch[] = [];
    const changed: string[] = [];
    for (const id of new Set(paperIds)) {
      const r = records.get(id);
      if (!r) continue;
      const next = edit(r, id);
      if (!next) continue;
      before.push(patchOf(id));
      records.set(id, next);
      changed.push(id);
    }
    return { ok: true, changed: changed.length, before, briefs: changed.map(briefOf) };
  };

  const send = async (_url: string, entries: DetectedPaper[]): Promise<StoreDetectedResponse> => {
    const recordIds = entries.map((e) => rec(e.ids.arxiv!));
    for (const id of recordIds) if (!records.has(id)) records.set(id, { status: 'inbox', tags: [] });
    const briefs = recordIds.map((id, i) => {
      const seen = seenBefore[entries[i]!.ids.arxiv!];
      return seen === undefined ? briefOf(id) : { ...briefOf(id), seenBefore: seen };
    });
    return { ok: true, recordIds, briefs, added: entries.length, known: 0 };
  };

  const request = async (msg: Request): Promise<unknown> => {
    requests.push(structuredClone(msg));
    const fail = failures.shift();
    if (fail) return fail();
    switch (msg.type) {
      case 'set-status':
        clock++;
        return editRecords(msg.paperIds, (r) => (r.status === msg.status ? undefined : { ...r, status: msg.status, statusChangedAt: clock }));
      case 'edit-tags':
        return editRecords(msg.paperIds, (r) => {
          const tags = [...new Set([...r.tags.filter((t) => !msg.remove.includes(t)), ...msg.add])];
          return tags.length === r.tags.length && tags.every((t, i) => t === r.tags[i]) ? undefined : { ...r, tags };
        });
      case 'set-note':
        return editRecords([msg.paperId], (r) => ((r.note ?? '') === msg.note ? undefined : { ...r, note: msg.note || undefined }));
      case 'restore': {
        const byId = new Map(msg.patches.map((p) => [p.id, p]));
        return editRecords([...byId.keys()], (_r, id) => {
          const p = byId.get(id)!;
          const next: Rec = { status: p.status, tags: [...p.tags] };
          if (p.statusChangedAt !== undefined) next.statusChangedAt = p.statusChangedAt;
          if (p.note !== undefined) next.note = p.note;
          return next;
        });
      }
      case 'list-tags':
        return { ok: true, tags: [...new Set([...records.values()].flatMap((r) => r.tags))] };
      case 'open-library':
        return { ok: true };
      default:
        return { ok: false, error: `unexpected ${msg.type}` };
    }
  };

  return {
    records,
    requests,
    send,
    request,
    /** The next request answers `{ ok: false, error }`. */
    failNext: (error: string) => failures.push(() => ({ ok: false, error })),
    /** The next request rejects (the extension was reloaded, say). */
    /** The next request gets no answer (undefined), as when no listener responds. */
    silentNext: () => failures.push(() => undefined),
    throwNext: (error: string) =>
      failures.push(() => {
        throw new Error(error);
      }),
    edits: () => requests.filter((r) => r.type !== 'list-tags'),
  };
}

// ---- shadow roots: captured as they are made, so the tests can read closed roots ----------------

const roots = new Map<Element, ShadowRoot>();
let triages: PageTriage[] = [];

beforeEach(() => {
  const original = Element.prototype.attachShadow;
  vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init: ShadowRootInit) {
    const root = original.call(this, init);
    roots.set(this, root);
    return root;
  });
  layOut(100_000);
});

/**
 * happy-dom has no layout: give the listing's dt and dd a stacked one (20 px each, in page order),
 * the view `viewHeight` tall and scrolled down by `scrollY`. By default every row is in view, so j
 * and k start at the ends as on a short page.
 */
function layOut(viewHeight: number, scrollY = 0) {
  vi.spyOn(window, 'innerHeight', 'get').mockReturnValue(viewHeight);
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
    const parts = [...document.querySelectorAll('#articles > dt, #articles > dd')];
    const i = parts.indexOf(this);
    return i < 0 || (this as HTMLElement).style.display === 'none' ? new DOMRect(0, 0, 0, 0) : new DOMRect(0, i * 20 - scrollY, 800, 20);
  });
}

afterEach(() => {
  for (const t of triages) t.destroy();
  triages = [];
  roots.clear();
  vi.restoreAllMocks();
  document.body.replaceChildren();
  for (const el of document.querySelectorAll('sift-toolbar')) el.remove();
});

const dts = () => [...document.querySelectorAll('#articles > dt')] as HTMLElement[];
const dds = () => [...document.querySelectorAll('#articles > dd')] as HTMLElement[];
const hosts = () => [...document.querySelectorAll('sift-badge')];

function badgeButton(i: number): HTMLButtonElement {
  const host = dds()[i]!.querySelector('sift-badge');
  expect(host).not.toBeNull();
  return roots.get(host!)!.querySelector('button')!;
}
const badgeText = (i: number) => badgeButton(i).textContent;
const badgeTexts = () => dds().map((_, i) => badgeText(i));
const focusedIndex = () => dds().findIndex((_, i) => badgeButton(i).classList.contains('focused'));

function toolbarRoot(): ShadowRoot {
  const host = document.querySelector('sift-toolbar');
  expect(host).not.toBeNull();
  return roots.get(host!)!;
}
const toast = () => toolbarRoot().querySelector<HTMLElement>('.toast')!;
const counts = () => toolbarRoot().querySelector('.counts')!.textContent;
function toolbarButton(label: string, scope: ParentNode = toolbarRoot()): HTMLButtonElement {
  const b = [...scope.querySelectorAll('button')].find((x) => x.textContent === label);
  expect(b, `button "${label}"`).toBeDefined();
  return b!;
}
const menu = () => toolbarRoot().querySelector<HTMLElement>('.menu');

/** A key press as the page sees it: dispatched at `target`, bubbling to window. */
function press(key: string, target: EventTarget = document.body, init: KeyboardEventInit = {}): KeyboardEvent {
  const e = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, composed: true, ...init });
  target.dispatchEvent(e);
  return e;
}

/** Let pending promise chains and zero-delay timers run (no assertion on time). */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
}

/** A PageTriage on `session`, talking to `request`, registered for clean-up. */
function newTriage(session: () => PageSession, request: TriageDeps['request'], over: Partial<TriageDeps> = {}): PageTriage {
  const triage = new PageTriage({
    session,
    request,
    settings: DEFAULT_SETTINGS,
    toolbarPosition: {},
    saveToolbarPosition: vi.fn(),
    saveTriagedRows: vi.fn(),
    open: vi.fn(),
    ...over,
  });
  triages.push(triage);
  return triage;
}

async function setup(
  opts: { ids?: string[]; settings?: Partial<Settings>; seenBefore?: Record<string, number>; extraHtml?: string; wrapIn?: string } = {},
) {
  const arxivIds = opts.ids ?? ids(4);
  document.body.innerHTML = (opts.wrapIn ?? '') + (opts.extraHtml ?? '');
  const wrapper = opts.wrapIn ? document.body.firstElementChild! : document.body;
  wrapper.insertAdjacentHTML('afterbegin', listingHtml(arxivIds));
  const bg = fakeBackground(opts.seenBefore);
  const session = new PageSession(URL_NEW, bg.send);
  const settings: Settings = { ...DEFAULT_SETTINGS, keys: { ...DEFAULT_KEYS }, ...opts.settings };
  const deps: TriageDeps = {
    session: () => session,
    request: bg.request,
    settings,
    toolbarPosition: {},
    saveToolbarPosition: vi.fn(),
    saveTriagedRows: vi.fn(),
    open: vi.fn(),
  };
  const triage = new PageTriage(deps);
  triages.push(triage);
  const result = await session.sync(document);
  expect(result.failed).toBe(0);
  triage.addRows(result.newRows);
  triage.stored();
  await vi.waitFor(() => expect(hosts()).toHaveLength(result.newRows.length), { timeout: 20_000 });
  return { bg, session, triage, deps, arxivIds, rows: result.newRows };
}

// ---- tests ---------------------------------------------------------------------------------------

describe('PageTriage: badges', () => {
  it('puts one badge in each entry title, saying what the paper is', async () => {
    const arxivIds = ids(4);
    await setup({ ids: arxivIds, seenBefore: { [arxivIds[2]!]: Date.now() - 3 * DAY } });
    expect(hosts()).toHaveLength(4);
    dds().forEach((dd) => {
      expect(dd.querySelectorAll('sift-badge')).toHaveLength(1);
      expect(dd.querySelector('.list-title')!.lastElementChild!.localName).toBe('sift-badge');
    });
    for (const dt of dts()) expect(dt.querySelector('sift-badge')).toBeNull();
    expect(badgeTexts()).toEqual(['New', 'New', 'Seen 3 d ago', 'New']);
    expect(counts()).toBe('4 papers · 3 new · 0 in library');
    // The page learns nothing from the badges themselves.
    for (const h of hosts()) {
      expect(h.attributes).toHaveLength(0);
      expect(h.textContent).toBe('');
    }
    expect(dds()[0]!.querySelector('.list-title')!.textContent).toBe(`Title: Paper ${arxivIds[0]}`);
  });

  it('places badges in slices, never all at once, and ends with every row badged in page order', async () => {
    const arxivIds = ids(60);
    document.body.innerHTML = listingHtml(arxivIds);
    const bg = fakeBackground();
    const session = new PageSession(URL_NEW, bg.send);
    const result = await session.sync(document);
    // A clock that moves on each time it is read: a slice runs out after a few rows, however fast the machine.
    let clock = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => ++clock);
    const triage = newTriage(() => session, bg.request);
    const decorated = vi.fn();
    triage.onDecorated = decorated;
    triage.addRows(result.newRows);
    triage.stored();
    expect(hosts()).toHaveLength(0); // nothing happens synchronously
    await new Promise((r) => setTimeout(r, 0));
    const afterOneSlice = hosts().length;
    expect(afterOneSlice).toBeGreaterThan(0);
    expect(afterOneSlice).toBeLessThan(60);
    expect(decorated).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(hosts()).toHaveLength(60));
    expect(decorated).toHaveBeenCalledTimes(1);
    expect(decorated.mock.calls[0]![0]).toBe(60);
    expect(counts()).toBe('60 papers · 60 new · 0 in library');
    // Each entry has its own badge, and k from nowhere picks the last entry: rows are known in page order.
    expect(dds().every((dd) => dd.querySelectorAll('sift-badge').length === 1)).toBe(true);
    await triage.run('previous');
    expect(focusedIndex()).toBe(59);
    await triage.run('next');
    expect(focusedIndex()).toBe(59);
  });

  it('keeps rows in page order when later rows are badged before earlier ones', async () => {
    const arxivIds = ids(4);
    const { triage, session, bg } = await setup({ ids: arxivIds.slice(2) });
    // Two entries appear above the ones already badged (a "load newer" on top).
    const list = document.querySelector('#articles')!;
    const tmp = document.createElement('div');
    tmp.innerHTML = listingHtml(arxivIds.slice(0, 2));
    list.querySelector('dt')!.before(...tmp.querySelectorAll('#articles > dt, #articles > dd'));
    const more = await session.sync(document);
    expect(more.newRows).toHaveLength(2);
    triage.addRows(more.newRows);
    triage.stored();
    await vi.waitFor(() => expect(hosts()).toHaveLength(4));
    press('j');
    expect(focusedIndex()).toBe(0);
    press('s');
    await vi.waitFor(() => expect(badgeText(0)).toBe('Saved'));
    expect(bg.edits()).toEqual([{ type: 'set-status', paperIds: [rec(arxivIds[0]!)], status: 'saved' }]);
  });

  it('waits for entries to be stored before badging them', async () => {
    document.body.innerHTML = listingHtml(ids(3));
    const bg = fakeBackground();
    let fail = true;
    const session = new PageSession(URL_NEW, async (url, entries) => {
      if (fail) throw new Error('Receiving end does not exist.');
      return bg.send(url, entries);
    });
    const triage = newTriage(() => session, bg.request);
    const first = await session.sync(document);
    expect(first.failed).toBe(3);
    triage.addRows(first.newRows);
    triage.stored();
    await settle();
    expect(hosts()).toHaveLength(0);
    expect(document.querySelector('sift-toolbar')).toBeNull();

    fail = false;
    const second = await session.sync(document);
    expect(second.sent).toBe(3);
    expect(second.newRows).toHaveLength(0);
    triage.stored();
    await vi.waitFor(() => expect(hosts()).toHaveLength(3));
    expect(badgeTexts()).toEqual(['New', 'New', 'New']);
  });

  it('skips rows that left the page before their badge was placed', async () => {
    const arxivIds = ids(3);
    document.body.innerHTML = listingHtml(arxivIds);
    const bg = fakeBackground();
    const session = new PageSession(URL_NEW, bg.send);
    const triage = newTriage(() => session, bg.request);
    const result = await session.sync(document);
    triage.addRows(result.newRows);
    triage.stored();
    // The page drops the second entry before the first slice runs.
    const gone = dds()[1]!;
    gone.previousElementSibling!.remove();
    gone.remove();
    await vi.waitFor(() => expect(hosts()).toHaveLength(2));
    await settle();
    expect(gone.querySelector('sift-badge')).toBeNull();
    expect(counts()).toBe('2 papers · 2 new · 0 in library');
    press('j');
    press('j');
    press('s');
    await vi.waitFor(() => expect(bg.edits()).toHaveLength(1));
    expect(bg.edits()[0]).toEqual({ type: 'set-status', paperIds: [rec(arxivIds[2]!)], status: 'saved' });
  });

  it('gives both rows of a paper listed twice a badge, and keeps them in step', async () => {
    const [a, b] = ids(2);
    const { bg } = await setup({ ids: [a!, b!, a!] });
    expect(hosts()).toHaveLength(3);
    expect(counts()).toBe('2 papers · 2 new · 0 in library');
    press('j');
    press('s');
    await vi.waitFor(() => expect(badgeTexts()).toEqual(['Saved', 'New', 'Saved']));
    expect(bg.edits()).toEqual([{ type: 'set-status', paperIds: [rec(a!)], status: 'saved' }]);
    expect(counts()).toBe('2 papers · 1 new · 1 in library');
  });

  it('updates a badge on refresh(briefs) from an edit elsewhere, ignoring papers not on this page', async () => {
    const arxivIds = ids(3);
    const { session, triage } = await setup({ ids: arxivIds, seenBefore: { [arxivIds[1]!]: Date.now() - 2 * DAY } });
    const mine = session.update([
      { id: rec(arxivIds[0]!), status: 'read', tags: ['ml', 'rl'] },
      { id: 'rec-elsewhere', status: 'saved', tags: [] },
      // An untriaged brief from elsewhere does not make a seen paper new.
      { id: rec(arxivIds[1]!), status: 'inbox', tags: ['later'] },
    ]);
    expect(mine.map((b) => b.id)).toEqual([rec(arxivIds[0]!), rec(arxivIds[1]!)]);
    triage.refresh(mine);
    expect(badgeTexts()).toEqual(['Read · #ml +1', 'Seen 2 d ago · #later', 'New']);
    expect(counts()).toBe('3 papers · 1 new · 1 in library');
  });

  it('a badge click opens the menu without following a link around it or reaching the page; other clicks are left alone', async () => {
    const arxivIds = ids(2);
    // A page that wraps its whole listing in a link: the badge (inside the title) is inside the link.
    const { deps } = await setup({ ids: arxivIds, wrapIn: '<a id="wrap" href="https://example.org/elsewhere"></a>' });
    const link = document.querySelector<HTMLAnchorElement>('#wrap')!;
    expect(link.contains(hosts()[0]!)).toBe(true);
    const pageHandler = vi.fn();
    link.addEventListener('click', pageHandler);
    dds()[1]!.addEventListener('click', pageHandler);
    document.body.addEventListener('click', pageHandler);
    const hrefBefore = window.location.href;

    const click = new MouseEvent('click', { bubbles: true, cancelable: true, composed: true });
    badgeButton(1).dispatchEvent(click);
    expect(click.defaultPrevented).toBe(true);
    expect(pageHandler).not.toHaveBeenCalled();
    expect(window.location.href).toBe(hrefBefore);
    expect(menu()).not.toBeNull();
    expect(menu()!.querySelector('.title')!.textContent).toBe(`Paper ${arxivIds[1]}`);
    expect(focusedIndex()).toBe(1);

    // A click on the page itself is the page's: not prevented, not stopped, no menu.
    toolbarRoot().querySelector('.menu')!.remove();
    const own = new MouseEvent('click', { bubbles: true, cancelable: true, composed: true });
    dds()[0]!.querySelector('p.mathjax')!.dispatchEvent(own);
    expect(own.defaultPrevented).toBe(false);
    expect(pageHandler).toHaveBeenCalledTimes(2); // link and body: the dd clicked was the first one
    expect(menu()).toBeNull();
    expect(deps.open).not.toHaveBeenCalled();
  });

  it('after destroy(), a click where a badge was goes to the page again', async () => {
    const { triage } = await setup({ ids: ids(1) });
    const button = badgeButton(0);
    const host = hosts()[0]!;
    triage.destroy();
    document.querySelector('.list-title')!.append(host); // even if the page kept the element
    const click = new MouseEvent('click', { bubbles: true, cancelable: true, composed: true });
    button.dispatchEvent(click);
    expect(click.defaultPrevented).toBe(false);
    expect(document.querySelector('sift-toolbar')).toBeNull();
  });

  it('clicking a badge opens its menu; the menu saves, tags and notes that paper', async () => {
    const arxivIds = ids(3);
    const { bg } = await setup({ ids: arxivIds });
    badgeButton(1).click();
    expect(menu()).not.toBeNull();
    expect(menu()!.querySelector('.title')!.textContent).toBe(`Paper ${arxivIds[1]}`);
    expect(focusedIndex()).toBe(1);
    await vi.waitFor(() => expect(bg.requests.some((r) => r.type === 'list-tags')).toBe(true));

    // Tag it.
    const input = menu()!.querySelector('input')!;
    input.value = '  ml  ';
    menu()!.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await vi.waitFor(() => expect(badgeText(1)).toBe('New · #ml'));
    expect(bg.edits().at(-1)).toEqual({ type: 'edit-tags', paperIds: [rec(arxivIds[1]!)], add: ['ml'], remove: [] });
    // The menu opens again with the new tag as a chip.
    await vi.waitFor(() => expect(menu()?.querySelector('.chip')?.textContent).toBe('#ml ×'));

    // Note it.
    menu()!.querySelector('textarea')!.value = 'read the appendix';
    toolbarButton('Save note', menu()!).click();
    await vi.waitFor(() => expect(menu()).toBeNull());
    expect(bg.edits().at(-1)).toEqual({ type: 'set-note', paperId: rec(arxivIds[1]!), note: 'read the appendix' });
    expect(bg.records.get(rec(arxivIds[1]!))!.note).toBe('read the appendix');
    // The note is never shown on the badge.
    expect(badgeText(1)).toBe('New · #ml');

    // Save it from the menu.
    badgeButton(1).click();
    toolbarButton('Save', menu()!).click();
    await vi.waitFor(() => expect(badgeText(1)).toBe('Saved · #ml'));
    await vi.waitFor(() => expect(menu()).toBeNull());
    expect(bg.edits().at(-1)).toEqual({ type: 'set-status', paperIds: [rec(arxivIds[1]!)], status: 'saved' });
  });
});

describe('PageTriage: keyboard', () => {
  it('j j s saves the second entry', async () => {
    const arxivIds = ids(4);
    const { bg } = await setup({ ids: arxivIds });
    press('j');
    expect(focusedIndex()).toBe(0);
    press('j');
    expect(focusedIndex()).toBe(1);
    const e = press('s');
    expect(e.defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(badgeText(1)).toBe('Saved'));
    expect(bg.edits()).toEqual([{ type: 'set-status', paperIds: [rec(arxivIds[1]!)], status: 'saved' }]);
    expect(bg.records.get(rec(arxivIds[1]!))!.status).toBe('saved');
    expect(badgeTexts()).toEqual(['New', 'Saved', 'New', 'New']);
    expect(focusedIndex()).toBe(1);
    expect(counts()).toBe('4 papers · 3 new · 1 in library');
    expect(toast().hidden).toBe(false);
    expect(toast().querySelector('span')!.textContent).toBe('Saved: 1 paper');
    expect(toolbarButton('Undo', toast()).type).toBe('button');
  });

  it('x skips, q queues, r marks read the focused entry', async () => {
    const arxivIds = ids(4);
    const { bg } = await setup({ ids: arxivIds });
    press('j');
    press('x');
    await vi.waitFor(() => expect(badgeText(0)).toBe('Skipped'));
    press('j');
    press('q');
    await vi.waitFor(() => expect(badgeText(1)).toBe('Queued'));
    press('j');
    press('r');
    await vi.waitFor(() => expect(badgeText(2)).toBe('Read'));
    expect(bg.edits()).toEqual([
      { type: 'set-status', paperIds: [rec(arxivIds[0]!)], status: 'skipped' },
      { type: 'set-status', paperIds: [rec(arxivIds[1]!)], status: 'queued' },
      { type: 'set-status', paperIds: [rec(arxivIds[2]!)], status: 'read' },
    ]);
    expect(badgeText(3)).toBe('New');
    // Skipped is not "in library"; queued and read are.
    expect(counts()).toBe('4 papers · 1 new · 2 in library');
  });

  it('j and k move the focus and stop at the ends', async () => {
    await setup({ ids: ids(3) });
    expect(focusedIndex()).toBe(-1);
    press('j');
    press('j');
    press('j');
    press('j');
    expect(focusedIndex()).toBe(2);
    press('k');
    expect(focusedIndex()).toBe(1);
    press('k');
    press('k');
    expect(focusedIndex()).toBe(0);
    // Exactly one badge is focused at a time.
    expect(dds().filter((_, i) => badgeButton(i).classList.contains('focused'))).toHaveLength(1);
  });

  it('with nothing focused, or the focused entry scrolled out of view, j and k start from the entries in view', async () => {
    await setup({ ids: ids(20) });
    // Rows are 40 px (dt + dd); a 90 px view scrolled to 200 px shows rows 5 and 6 whole, a quarter of 7.
    layOut(90, 200);
    press('j');
    expect(focusedIndex()).toBe(5);
    press('j'); // row 5 is in view: go on from it
    expect(focusedIndex()).toBe(6);
    layOut(90, 600); // scrolled down to row 15
    press('j');
    expect(focusedIndex()).toBe(15);
    layOut(90, 200);
    press('k');
    expect(focusedIndex()).toBe(6);
  });

  it('u restores the previous status, one step at a time, via restore requests', async () => {
    const arxivIds = ids(3);
    const { bg } = await setup({ ids: arxivIds });
    const id0 = rec(arxivIds[0]!);
    press('j');
    press('s');
    await vi.waitFor(() => expect(badgeText(0)).toBe('Saved'));
    const savedAt = bg.records.get(id0)!.statusChangedAt;
    expect(savedAt).toBeDefined();
    press('q');
    await vi.waitFor(() => expect(badgeText(0)).toBe('Queued'));

    press('u');
    await vi.waitFor(() => expect(badgeText(0)).toBe('Saved'));
    expect(bg.edits().at(-1)).toEqual({ type: 'restore', patches: [{ id: id0, status: 'saved', statusChangedAt: savedAt, tags: [] }] });
    expect(bg.records.get(id0)).toEqual({ status: 'saved', statusChangedAt: savedAt, tags: [] });
    expect(toast().textContent).toBe('Undone: Queued: 1 paper');

    press('u');
    await vi.waitFor(() => expect(badgeText(0)).toBe('New'));
    expect(bg.edits().at(-1)).toEqual({ type: 'restore', patches: [{ id: id0, status: 'inbox', tags: [] }] });
    expect(bg.records.get(id0)).toEqual({ status: 'inbox', tags: [] });

    const before = bg.requests.length;
    press('u');
    await settle();
    expect(bg.requests).toHaveLength(before);
    expect(toast().textContent).toBe('Nothing to undo');
  });

  it('keeps the last 50 steps', async () => {
    const arxivIds = ids(1);
    const { bg, triage } = await setup({ ids: arxivIds });
    press('j');
    // 51 edits that each change something: saved, skipped, saved, ...
    for (let i = 0; i < 51; i++) await triage.run(i % 2 === 0 ? 'save' : 'skip');
    expect(bg.edits()).toHaveLength(51);
    for (let i = 0; i < 50; i++) await triage.undo();
    // The oldest step (inbox → saved) fell off: 50 undos end at "Saved", and a 51st has nothing to undo.
    expect(badgeText(0)).toBe('Saved');
    expect(bg.records.get(rec(arxivIds[0]!))!.status).toBe('saved');
    const n = bg.requests.length;
    await triage.undo();
    expect(bg.requests).toHaveLength(n);
    expect(toast().textContent).toBe('Nothing to undo');
  });

  it('the toast Undo button undoes the last action', async () => {
    const arxivIds = ids(2);
    const { bg } = await setup({ ids: arxivIds });
    press('j');
    press('x');
    await vi.waitFor(() => expect(badgeText(0)).toBe('Skipped'));
    toolbarButton('Undo', toast()).click();
    await vi.waitFor(() => expect(badgeText(0)).toBe('New'));
    expect(bg.edits().map((r) => r.type)).toEqual(['set-status', 'restore']);
  });

  it('an edit that changes nothing pushes no undo step', async () => {
    const arxivIds = ids(2);
    const { bg } = await setup({ ids: arxivIds });
    press('j');
    press('s');
    await vi.waitFor(() => expect(badgeText(0)).toBe('Saved'));
    press('s'); // already saved: the background changes nothing
    await vi.waitFor(() => expect(bg.edits()).toHaveLength(2));
    await settle();
    press('u');
    await vi.waitFor(() => expect(badgeText(0)).toBe('New'));
    press('u');
    await settle();
    expect(toast().textContent).toBe('Nothing to undo');
    expect(bg.edits().map((r) => r.type)).toEqual(['set-status', 'set-status', 'restore']);
  });

  it('asks for an entry first when none is focused', async () => {
    const { bg } = await setup({ ids: ids(2) });
    press('s');
    await settle();
    expect(bg.edits()).toEqual([]);
    expect(toast().textContent).toBe('Press j to pick an entry first');
  });

  it('o opens the focused paper; ? shows the keys', async () => {
    const arxivIds = ids(2);
    const { deps } = await setup({ ids: arxivIds, settings: { keys: { ...DEFAULT_KEYS, open: 'g' } } });
    press('j');
    press('j');
    press('o');
    expect(deps.open).not.toHaveBeenCalled();
    press('g');
    expect(deps.open).toHaveBeenCalledWith(`https://arxiv.org/abs/${arxivIds[1]}`);

    const help = toolbarRoot().querySelector<HTMLElement>('.help')!;
    expect(help.hidden).toBe(true);
    press('?', document.body, { shiftKey: true });
    expect(help.hidden).toBe(false);
    const kbds = [...help.querySelectorAll('kbd')].map((k) => k.textContent);
    expect(kbds).toContain('g');
    expect(kbds).not.toContain('o');
    press('Escape');
    expect(help.hidden).toBe(true);
  });

  it('t opens the menu with the cursor in the tag field; keys typed there do not triage', async () => {
    const arxivIds = ids(2);
    const { bg } = await setup({ ids: arxivIds });
    press('j');
    press('t');
    expect(menu()).not.toBeNull();
    const input = menu()!.querySelector('input')!;
    expect(toolbarRoot().activeElement).toBe(input);
    const e = press('s', input);
    press('j', input);
    await settle();
    expect(e.defaultPrevented).toBe(false);
    expect(bg.edits()).toEqual([]);
    expect(focusedIndex()).toBe(0);
    // Escape closes the menu; then keys work again.
    press('Escape', input);
    expect(menu()).toBeNull();
    press('s');
    await vi.waitFor(() => expect(badgeText(0)).toBe('Saved'));
  });

  it('leaves keys to the menu while it is open, wherever the focus is', async () => {
    const { bg } = await setup({ ids: ids(2) });
    badgeButton(0).click();
    expect(menu()).not.toBeNull();
    const e = press('x'); // at the page, not in the menu
    press('j');
    await settle();
    expect(e.defaultPrevented).toBe(false);
    expect(bg.edits()).toEqual([]);
    expect(focusedIndex()).toBe(0);
    // Escape closes it; the keys work again.
    press('Escape');
    expect(menu()).toBeNull();
    press('x');
    await vi.waitFor(() => expect(badgeText(0)).toBe('Skipped'));
  });

  it('ignores keys typed into a page input, and keys with modifiers or already handled', async () => {
    const { bg } = await setup({ ids: ids(2), extraHtml: '<input id="search"><textarea id="t"></textarea><div id="ce" contenteditable="true"></div>' });
    for (const sel of ['#search', '#t', '#ce']) {
      const field = document.querySelector(sel)!;
      const e = press('j', field);
      press('s', field);
      expect(e.defaultPrevented).toBe(false);
    }
    press('j', document.body, { ctrlKey: true });
    press('j', document.body, { metaKey: true });
    press('j', document.body, { altKey: true });
    const handled = new KeyboardEvent('keydown', { key: 'j', bubbles: true, cancelable: true });
    handled.preventDefault();
    document.body.dispatchEvent(handled);
    await settle();
    expect(focusedIndex()).toBe(-1);
    expect(bg.edits()).toEqual([]);
    // The same key on the page itself works.
    press('j');
    expect(focusedIndex()).toBe(0);
  });

  it('follows new settings: keyboard off, then custom keys', async () => {
    const arxivIds = ids(2);
    const { triage, bg } = await setup({ ids: arxivIds });
    triage.setSettings({ ...DEFAULT_SETTINGS, keyboard: false });
    press('j');
    expect(focusedIndex()).toBe(-1);
    triage.setSettings({ ...DEFAULT_SETTINGS, keys: { ...DEFAULT_KEYS, next: 'n', save: '' } });
    press('j');
    expect(focusedIndex()).toBe(-1);
    press('n');
    expect(focusedIndex()).toBe(0);
    const e = press('s');
    await settle();
    expect(e.defaultPrevented).toBe(false);
    expect(bg.edits()).toEqual([]);
  });

  it('stops listening after destroy(), and removes its badges and toolbar', async () => {
    const { triage } = await setup({ ids: ids(2) });
    triage.destroy();
    expect(hosts()).toHaveLength(0);
    expect(document.querySelector('sift-toolbar')).toBeNull();
    const e = press('j');
    expect(e.defaultPrevented).toBe(false);
  });
});

describe('PageTriage: bulk actions', () => {
  it('"Save all new" saves only the untriaged rows, and one undo puts them back', async () => {
    const arxivIds = ids(4);
    const { bg } = await setup({ ids: arxivIds });
    press('j');
    press('j');
    press('x');
    await vi.waitFor(() => expect(badgeText(1)).toBe('Skipped'));

    toolbarButton('Save all new').click();
    await vi.waitFor(() => expect(badgeTexts()).toEqual(['Saved', 'Skipped', 'Saved', 'Saved']));
    expect(bg.edits().at(-1)).toEqual({
      type: 'set-status',
      paperIds: [rec(arxivIds[0]!), rec(arxivIds[2]!), rec(arxivIds[3]!)],
      status: 'saved',
    });
    expect(toast().querySelector('span')!.textContent).toBe('Saved: 3 papers');
    expect(counts()).toBe('4 papers · 0 new · 3 in library');
    // Nothing is left to triage: the bulk buttons are off.
    for (const label of ['Save all new', 'Queue all new', 'Skip all new']) expect(toolbarButton(label).disabled).toBe(true);

    press('u');
    await vi.waitFor(() => expect(badgeTexts()).toEqual(['New', 'Skipped', 'New', 'New']));
    const restore = bg.edits().at(-1) as Extract<Request, { type: 'restore' }>;
    expect(restore.type).toBe('restore');
    expect(restore.patches.map((p) => [p.id, p.status])).toEqual([
      [rec(arxivIds[0]!), 'inbox'],
      [rec(arxivIds[2]!), 'inbox'],
      [rec(arxivIds[3]!), 'inbox'],
    ]);
    expect(toolbarButton('Save all new').disabled).toBe(false);
  });

  it('"Queue all new" and "Skip all new" send one request for the untriaged papers only', async () => {
    const arxivIds = ids(3);
    const { bg } = await setup({ ids: arxivIds });
    press('j');
    press('s');
    await vi.waitFor(() => expect(badgeText(0)).toBe('Saved'));
    toolbarButton('Queue all new').click();
    await vi.waitFor(() => expect(badgeTexts()).toEqual(['Saved', 'Queued', 'Queued']));
    expect(bg.edits().at(-1)).toEqual({ type: 'set-status', paperIds: [rec(arxivIds[1]!), rec(arxivIds[2]!)], status: 'queued' });
    const n = bg.requests.length;
    toolbarButton('Skip all new').click();
    await settle();
    // Nothing untriaged: no request at all.
    expect(bg.requests).toHaveLength(n);
  });
});

describe('PageTriage: triaged rows', () => {
  const styleOf = (el: HTMLElement) => el.getAttribute('style');

  it('hide mode hides exactly the triaged rows (dt and dd); show puts the page style back', async () => {
    const arxivIds = ids(4);
    const { triage } = await setup({ ids: arxivIds, settings: { triagedRows: 'hide' } });
    const dtStyle = styleOf(dts()[0]!);
    const ddStyle = styleOf(dds()[0]!);
    // Nothing triaged yet: nothing hidden.
    for (const el of [...dts(), ...dds()]) expect(el.style.display).toBe('');

    press('j');
    press('j');
    press('s');
    await vi.waitFor(() => expect(badgeText(1)).toBe('Saved'));
    const hidden = (el: HTMLElement) => el.style.display === 'none';
    expect(dts().map(hidden)).toEqual([false, true, false, false]);
    expect(dds().map(hidden)).toEqual([false, true, false, false]);
    expect(dds()[1]!.style.getPropertyPriority('display')).toBe('important');
    // The other rows keep their own style, untouched.
    expect(styleOf(dts()[0]!)).toBe(dtStyle);
    expect(styleOf(dds()[2]!)).toBe(ddStyle);

    triage.setSettings({ ...DEFAULT_SETTINGS, triagedRows: 'show' });
    for (const el of dts()) expect(styleOf(el)).toBe(dtStyle);
    for (const el of dds()) expect(styleOf(el)).toBe(ddStyle);
    expect(dts()[1]!.style.color).toBe('red');
    expect(dds()[1]!.style.marginLeft).toBe('2px');
  });

  it('dim mode fades the triaged rows without hiding them', async () => {
    const { triage } = await setup({ ids: ids(3) });
    press('j');
    press('x');
    await vi.waitFor(() => expect(badgeText(0)).toBe('Skipped'));
    for (const el of [...dts(), ...dds()]) expect(el.style.opacity).toBe('');
    triage.setSettings({ ...DEFAULT_SETTINGS, triagedRows: 'dim' });
    expect(dts().map((el) => el.style.opacity)).toEqual(['0.45', '', '']);
    expect(dds().map((el) => el.style.opacity)).toEqual(['0.45', '', '']);
    expect(dds()[0]!.style.display).toBe('');
    // Dim → hide → show: every step from the page's own style, which comes back in the end.
    triage.setSettings({ ...DEFAULT_SETTINGS, triagedRows: 'hide' });
    expect(dds()[0]!.style.display).toBe('none');
    expect(dds()[0]!.style.opacity).toBe('');
    triage.setSettings({ ...DEFAULT_SETTINGS, triagedRows: 'show' });
    expect(dds()[0]!.getAttribute('style')).toBe(dds()[1]!.getAttribute('style'));
    expect(dts()[0]!.getAttribute('style')).toBe(dts()[1]!.getAttribute('style'));
  });

  it('a row comes back when undo makes it untriaged again', async () => {
    await setup({ ids: ids(2), settings: { triagedRows: 'hide' } });
    const ddStyle = dds()[0]!.getAttribute('style');
    press('j');
    press('s');
    await vi.waitFor(() => expect(dds()[0]!.style.display).toBe('none'));
    press('u');
    await vi.waitFor(() => expect(badgeText(0)).toBe('New'));
    expect(dds()[0]!.getAttribute('style')).toBe(ddStyle);
    expect(dts()[0]!.style.display).toBe('');
  });

  it('the toolbar select switches the mode and saves it', async () => {
    const { deps } = await setup({ ids: ids(3) });
    press('j');
    press('s');
    await vi.waitFor(() => expect(badgeText(0)).toBe('Saved'));
    const select = toolbarRoot().querySelector('select')!;
    expect(select.value).toBe('show');
    select.value = 'hide';
    select.dispatchEvent(new Event('change'));
    expect(deps.saveTriagedRows).toHaveBeenCalledWith('hide');
    expect(dds().map((el) => el.style.display === 'none')).toEqual([true, false, false]);
    expect(dts().map((el) => el.style.display === 'none')).toEqual([true, false, false]);
  });

  it('in hide mode, j skips hidden rows', async () => {
    const { bg, arxivIds } = await setup({ ids: ids(4), settings: { triagedRows: 'hide' } });
    press('j');
    press('s');
    await vi.waitFor(() => expect(badgeText(0)).toBe('Saved'));
    press('j');
    press('s');
    await vi.waitFor(() => expect(badgeText(1)).toBe('Saved'));
    press('k'); // row 0 is hidden: the focus stays on row 1
    expect(focusedIndex()).toBe(1);
    press('j');
    expect(focusedIndex()).toBe(2);
    press('u');
    press('u');
    await vi.waitFor(() => expect(badgeTexts()).toEqual(['New', 'New', 'New', 'New']));
    press('k');
    expect(focusedIndex()).toBe(1);
    expect(bg.edits().filter((r) => r.type === 'set-status').map((r) => (r as { paperIds: string[] }).paperIds)).toEqual([
      [rec(arxivIds[0]!)],
      [rec(arxivIds[1]!)],
    ]);
  });

  it('refresh from elsewhere hides a row that became triaged', async () => {
    const arxivIds = ids(3);
    const { session, triage } = await setup({ ids: arxivIds, settings: { triagedRows: 'hide' } });
    triage.refresh(session.update([{ id: rec(arxivIds[2]!), status: 'read', tags: [] }]));
    expect(dds().map((el) => el.style.display === 'none')).toEqual([false, false, true]);
    expect(dts().map((el) => el.style.display === 'none')).toEqual([false, false, true]);
    expect(badgeText(2)).toBe('Read');
  });
});

describe('PageTriage: in-app navigation (reset)', () => {
  /** Like entrypoints/content.ts: on a location change the session is replaced, then reset() is called. */
  async function setupNavigable(settings: Partial<Settings> = {}) {
    const arxivIds = ids(3);
    document.body.innerHTML = listingHtml(arxivIds);
    const bg = fakeBackground();
    let session = new PageSession(URL_NEW, bg.send);
    const saveTriagedRows = vi.fn();
    const triage = newTriage(() => session, bg.request, { settings: { ...DEFAULT_SETTINGS, ...settings }, saveTriagedRows });
    const sync = async () => {
      const result = await session.sync(document);
      triage.addRows(result.newRows);
      triage.stored();
      return result;
    };
    await sync();
    await vi.waitFor(() => expect(hosts()).toHaveLength(3));
    const navigate = async (url: string) => {
      session = new PageSession(url, bg.send);
      triage.reset();
    };
    return { arxivIds, bg, triage, sync, navigate, saveTriagedRows };
  }

  it('removes the badges, and puts back the style of rows it hid', async () => {
    const { navigate } = await setupNavigable({ triagedRows: 'hide' });
    const dtStyle = dts()[2]!.getAttribute('style');
    const ddStyle = dds()[2]!.getAttribute('style');
    press('j');
    press('s');
    await vi.waitFor(() => expect(dds()[0]!.style.display).toBe('none'));
    await navigate('https://arxiv.org/list/cs.LG/new?skip=0');
    expect(hosts()).toHaveLength(0);
    // No badge on the row any more: nothing may stay hidden or dimmed by Sift.
    for (const el of dts()) expect(el.getAttribute('style')).toBe(dtStyle);
    for (const el of dds()) expect(el.getAttribute('style')).toBe(ddStyle);
    // The keys do nothing until the new page's rows have badges.
    const e = press('j');
    expect(e.defaultPrevented).toBe(false);
  });

  it('keeps the mode chosen since the page loaded, for the rows of the next page', async () => {
    const { navigate, sync, saveTriagedRows } = await setupNavigable({ triagedRows: 'show' });
    press('j');
    press('s');
    await vi.waitFor(() => expect(badgeText(0)).toBe('Saved'));
    const select = toolbarRoot().querySelector('select')!;
    select.value = 'hide';
    select.dispatchEvent(new Event('change'));
    expect(saveTriagedRows).toHaveBeenCalledWith('hide');
    expect(dds()[0]!.style.display).toBe('none');

    await navigate('https://arxiv.org/list/cs.LG/new?skip=0');
    expect(select.value).toBe('hide');
    await sync();
    await vi.waitFor(() => expect(hosts()).toHaveLength(3));
    expect(badgeTexts()).toEqual(['Saved', 'New', 'New']);
    expect(dds().map((el) => el.style.display === 'none')).toEqual([true, false, false]);
  });
});

describe('PageTriage: failures', () => {
  it('a failed edit shows the error and pushes no undo step', async () => {
    const arxivIds = ids(2);
    const { bg } = await setup({ ids: arxivIds });
    press('j');
    bg.failNext('a page may edit only papers it showed');
    press('s');
    await vi.waitFor(() => expect(toast().textContent).toBe('Sift could not do that: a page may edit only papers it showed'));
    expect(badgeText(0)).toBe('New');
    expect(bg.records.get(rec(arxivIds[0]!))!.status).toBe('inbox');
    expect(toast().querySelector('button')).toBeNull();

    press('u');
    await settle();
    expect(toast().textContent).toBe('Nothing to undo');
    expect(bg.edits().map((r) => r.type)).toEqual(['set-status']);
  });

  it('a rejected request (extension reloaded) shows the error and pushes no undo step', async () => {
    const { bg } = await setup({ ids: ids(2) });
    press('j');
    bg.throwNext('Extension context invalidated.');
    press('s');
    await vi.waitFor(() => expect(toast().textContent).toBe('Sift could not do that: Extension context invalidated.'));
    expect(badgeText(0)).toBe('New');
    press('u');
    await settle();
    expect(toast().textContent).toBe('Nothing to undo');
  });

  it('no answer at all is an error too', async () => {
    const { bg } = await setup({ ids: ids(2) });
    press('j');
    bg.silentNext();
    press('s');
    await vi.waitFor(() => expect(toast().textContent).toBe('Sift could not do that: no answer from the extension'));
    expect(badgeText(0)).toBe('New');
    press('u');
    await settle();
    expect(toast().textContent).toBe('Nothing to undo');
  });

  it('a failed undo keeps the step, so the next undo can retry it', async () => {
    const arxivIds = ids(2);
    const { bg } = await setup({ ids: arxivIds });
    press('j');
    press('s');
    await vi.waitFor(() => expect(badgeText(0)).toBe('Saved'));
    bg.failNext('database is busy');
    press('u');
    await vi.waitFor(() => expect(toast().textContent).toBe('Sift could not undo: database is busy'));
    expect(badgeText(0)).toBe('Saved');
    press('u');
    await vi.waitFor(() => expect(badgeText(0)).toBe('New'));
    expect(bg.edits().map((r) => r.type)).toEqual(['set-status', 'restore', 'restore']);
  });
});

describe('paperUrl', () => {
  it('prefers the arXiv abstract page, then the title link, then identifiers, then the PDF', () => {
    const a = document.createElement('a');
    a.href = 'https://example.org/paper/1';
    const span = document.createElement('span');
    a.append(span);
    const row = (paper: Partial<DetectedPaper>, title?: Element) => ({ key: 'k', element: document.body, title, paper: { title: 'T', authors: [], ids: {}, ...paper } });
    expect(paperUrl(row({ ids: { arxiv: '2404.10000', doi: '10.1/x' } }, a))).toBe('https://arxiv.org/abs/2404.10000');
    expect(paperUrl(row({ ids: { doi: '10.1/x' } }, a))).toBe('https://example.org/paper/1');
    expect(paperUrl(row({ ids: { doi: '10.1/x' } }, span))).toBe('https://example.org/paper/1');
    expect(paperUrl(row({ ids: { doi: '10.1/x' } }))).toBe('https://doi.org/10.1/x');
    expect(paperUrl(row({ ids: { openreview: 'a b' } }))).toBe('https://openreview.net/forum?id=a%20b');
    expect(paperUrl(row({ ids: { pmid: '123' } }))).toBe('https://pubmed.ncbi.nlm.nih.gov/123/');
    expect(paperUrl(row({ ids: {}, pdfUrl: 'https://x.org/a.pdf' }))).toBe('https://x.org/a.pdf');
    expect(paperUrl(row({ ids: {} }))).toBeUndefined();
    const js = document.createElement('a');
    js.setAttribute('href', 'javascript:alert(1)');
    expect(paperUrl(row({ ids: { pmid: '9' } }, js))).toBe('https://pubmed.ncbi.nlm.nih.gov/9/');
  });
});
