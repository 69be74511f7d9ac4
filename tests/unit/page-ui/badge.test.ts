import type { PaperBrief, Status } from '../../../lib/paper';
import { badgeLabel } from '../../../lib/paper-state';
import { Badge, placeBadge, rowParts } from '../../../lib/page-ui/badge';
import { shadowHost } from '../../../lib/page-ui/dom';
import { BADGE_CSS } from '../../../lib/page-ui/styles';

const NOW = new Date(2024, 3, 10, 12, 0).getTime();
const DAY = 86_400_000;

/** Every shadow root made from now on, closed ones included (attachShadow still does its work). */
function captureRoots(): ShadowRoot[] {
  const roots: ShadowRoot[] = [];
  const original = Element.prototype.attachShadow;
  vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init: ShadowRootInit) {
    const root = original.call(this, init);
    roots.push(root);
    return root;
  });
  return roots;
}

function make(): { badge: Badge; root: ShadowRoot; button: HTMLButtonElement } {
  const roots = captureRoots();
  const badge = Badge.create();
  vi.restoreAllMocks();
  expect(badge).toBeDefined();
  expect(roots).toHaveLength(1);
  const root = roots[0]!;
  const button = root.querySelector('button')!;
  expect(button).not.toBeNull();
  return { badge: badge!, root, button };
}

function fragment(html: string): HTMLElement {
  const wrap = document.createElement('div');
  wrap.innerHTML = html.trim();
  document.body.append(wrap);
  return wrap;
}

const STATES: { name: string; brief: PaperBrief }[] = [
  { name: 'new', brief: { id: 'p', status: 'inbox', tags: [] } },
  { name: 'seen', brief: { id: 'p', status: 'inbox', tags: [], seenBefore: NOW - 2 * DAY } },
  ...(['saved', 'queued', 'reading', 'read', 'skipped'] as Status[]).map((status) => ({ name: status, brief: { id: 'p', status, tags: [] } })),
  { name: 'saved with tags and a note', brief: { id: 'p', status: 'saved', tags: ['ml', 'secret-project'], note: 'private note' } },
];

afterEach(() => {
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

describe('Badge.create', () => {
  it('makes a <sift-badge> host whose shadow root is closed', () => {
    const roots = captureRoots();
    const badge = Badge.create()!;
    expect(badge.host.localName).toBe('sift-badge');
    expect(roots).toHaveLength(1);
    expect(roots[0]!.mode).toBe('closed');
    expect(badge.host.shadowRoot).toBeNull();
    expect(roots[0]!.host).toBe(badge.host);
  });

  it('shows nothing about the paper on the host, in any state, focused or not', () => {
    const { badge, button } = make();
    const row = fragment('<p class="row">Row text</p>').firstElementChild!;
    row.append(badge.host);
    for (const { brief } of STATES) {
      for (const focused of [false, true]) {
        badge.show(brief, focused, NOW);
        // The page sees an empty element, whatever the badge says.
        expect(badge.host.attributes).toHaveLength(0);
        expect(badge.host.textContent).toBe('');
        expect(badge.host.innerText).toBe('');
        expect(badge.host.childNodes).toHaveLength(0);
        expect(badge.host.outerHTML).toBe('<sift-badge></sift-badge>');
        expect(row.textContent).toBe('Row text');
        // ...while the badge itself does say it.
        expect(button.textContent).toBe(badgeLabel(brief, NOW));
      }
    }
  });

  it.each(STATES)('shows the label, state class, tooltip and accessible name ($name)', ({ brief }) => {
    const { badge, button } = make();
    const label = badgeLabel(brief, NOW);
    badge.show(brief, false, NOW);
    const state = brief.status === 'inbox' ? (brief.seenBefore === undefined ? 'new' : 'seen') : brief.status;
    expect(button.textContent).toBe(label);
    expect(button.className).toBe(state);
    expect(button.ariaLabel).toBe(`Sift: ${label}`);
    expect(button.title).toBe(brief.tags.length ? `Tags: ${brief.tags.join(', ')}` : '');
    expect(button.type).toBe('button');
    badge.show(brief, true, NOW);
    expect(button.classList.contains('focused')).toBe(true);
    expect(button.classList.contains(state)).toBe(true);
    badge.show(brief, false, NOW);
    expect(button.classList.contains('focused')).toBe(false);
  });

  it('never writes the note into the badge', () => {
    const { badge, root } = make();
    badge.show({ id: 'p', status: 'read', tags: [], note: 'my private note' }, false, NOW);
    expect(root.textContent).not.toContain('my private note');
    expect(root.querySelector('button')!.outerHTML).not.toContain('my private note');
  });

  it('clears the tooltip when the last tag goes', () => {
    const { badge, button } = make();
    badge.show({ id: 'p', status: 'saved', tags: ['ml'] }, false, NOW);
    expect(button.title).toBe('Tags: ml');
    badge.show({ id: 'p', status: 'saved', tags: [] }, false, NOW);
    expect(button.title).toBe('');
  });

  it('focusButton focuses the button inside the shadow root', () => {
    const { badge, button } = make();
    document.body.append(badge.host);
    const focus = vi.spyOn(button, 'focus');
    badge.focusButton();
    expect(focus).toHaveBeenCalledWith({ preventScroll: true });
  });
});

describe('shadowHost', () => {
  it('adopts one shared stylesheet, made once per stylesheet text', () => {
    const sheets = new Map<string, CSSStyleSheet | null>();
    const roots = captureRoots();
    const a = shadowHost('sift-x', BADGE_CSS, sheets)!;
    const b = shadowHost('sift-x', BADGE_CSS, sheets)!;
    expect(a.root).toBe(roots[0]);
    expect(b.root).toBe(roots[1]);
    expect(sheets.size).toBe(1);
    const sheet = sheets.get(BADGE_CSS)!;
    expect(sheet).toBeInstanceOf(CSSStyleSheet);
    expect(a.root.adoptedStyleSheets).toEqual([sheet]);
    expect(b.root.adoptedStyleSheets[0]).toBe(sheet);
    expect(a.root.querySelector('style')).toBeNull();
  });

  it('falls back to a <style> element when constructable stylesheets fail', () => {
    vi.spyOn(CSSStyleSheet.prototype, 'replaceSync').mockImplementation(() => {
      throw new Error('not allowed');
    });
    const sheets = new Map<string, CSSStyleSheet | null>();
    const { root } = shadowHost('sift-x', BADGE_CSS, sheets)!;
    expect(sheets.get(BADGE_CSS)).toBeNull();
    expect(root.querySelector('style')!.textContent).toBe(BADGE_CSS);
    // The failure is remembered: later roots go straight to <style>.
    vi.restoreAllMocks();
    const again = shadowHost('sift-x', BADGE_CSS, sheets)!;
    expect(again.root.querySelector('style')!.textContent).toBe(BADGE_CSS);
  });

  it('falls back to a <style> element when the root refuses adopted stylesheets (Firefox content scripts)', () => {
    const roots: ShadowRoot[] = [];
    const sheets = new Map<string, CSSStyleSheet | null>();
    // Make the next root refuse adoptedStyleSheets.
    const original = Element.prototype.attachShadow;
    vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init: ShadowRootInit) {
      const root = original.call(this, init);
      Object.defineProperty(root, 'adoptedStyleSheets', {
        get: () => [],
        set: () => {
          throw new DOMException('refused', 'NotAllowedError');
        },
      });
      roots.push(root);
      return root;
    });
    const { root } = shadowHost('sift-x', BADGE_CSS, sheets)!;
    expect(root).toBe(roots[0]);
    expect(root.querySelector('style')!.textContent).toBe(BADGE_CSS);
  });

  it('gives up (no UI) when the page blocks shadow roots on the tag', () => {
    vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(() => {
      throw new DOMException('Shadow root cannot be created on a host which already hosts a shadow tree.', 'NotSupportedError');
    });
    expect(shadowHost('sift-x', BADGE_CSS, new Map())).toBeUndefined();
    expect(Badge.create()).toBeUndefined();
  });
});

describe('placeBadge', () => {
  const host = () => document.createElement('sift-badge');

  it('puts the badge right after a title link, outside it', () => {
    const wrap = fragment('<li class="row"><a class="t" href="/p/1">Title</a> <span class="authors">A. Author</span></li>');
    const row = wrap.querySelector('li')!;
    const title = wrap.querySelector('a')!;
    const h = host();
    placeBadge(h, row, title);
    expect(title.nextSibling).toBe(h);
    expect(title.contains(h)).toBe(false);
  });

  it('puts the badge after the link when the title is inside a link', () => {
    const wrap = fragment('<li class="row"><h3><a href="/p/1"><span class="t">Title</span></a></h3></li>');
    const row = wrap.querySelector('li')!;
    const link = wrap.querySelector('a')!;
    const h = host();
    placeBadge(h, row, wrap.querySelector('.t')!);
    expect(link.nextSibling).toBe(h);
    expect(h.parentElement!.localName).toBe('h3');
    expect(link.contains(h)).toBe(false);
  });

  it('appends the badge inside a heading title', () => {
    const wrap = fragment('<article><h2 class="t">Title</h2><p>Abstract</p></article>');
    const title = wrap.querySelector('h2')!;
    const h = host();
    placeBadge(h, wrap.querySelector('article')!, title);
    expect(title.lastChild).toBe(h);
  });

  it('appends the badge inside a div title (arXiv listings)', () => {
    const wrap = fragment(
      '<dl><dt>[1]</dt><dd><div class="meta"><div class="list-title"><span class="descriptor">Title:</span> Paper</div></div></dd></dl>',
    );
    const title = wrap.querySelector('.list-title')!;
    const h = host();
    placeBadge(h, wrap.querySelector('dd')!, title);
    expect(title.lastChild).toBe(h);
  });

  it('stays inside the title when the link wraps the whole row', () => {
    const wrap = fragment('<a class="card" href="/p/1"><div class="row"><span class="t">Title</span></div></a>');
    const title = wrap.querySelector('.t')!;
    const h = host();
    placeBadge(h, wrap.querySelector('.row')!, title);
    expect(title.lastChild).toBe(h);

    const wrap2 = fragment('<a class="row" href="/p/1"><h3 class="t">Title</h3></a>');
    const title2 = wrap2.querySelector('.t')!;
    const h2 = host();
    placeBadge(h2, wrap2.querySelector('.row')!, title2);
    expect(title2.lastChild).toBe(h2);
  });

  it('prepends the badge to the row when there is no title', () => {
    const wrap = fragment('<div class="row"><span>first</span><span>second</span></div>');
    const row = wrap.querySelector('.row')!;
    const h = host();
    placeBadge(h, row, undefined);
    expect(row.firstChild).toBe(h);
    expect(row.children).toHaveLength(3);
  });
});

describe('rowParts', () => {
  const dl = () => fragment('<dl><dt id="t1">1</dt><dd id="d1">one</dd><dt id="t2">2</dt><dd id="d2">two</dd><dd id="d3">orphan</dd></dl>');

  it('pairs an arXiv dd with its dt, either way round', () => {
    const wrap = dl();
    const [t1, d1, t2, d2] = ['t1', 'd1', 't2', 'd2'].map((id) => wrap.querySelector(`#${id}`)!);
    expect(rowParts(d1!)).toEqual([t1, d1]);
    expect(rowParts(t1!)).toEqual([t1, d1]);
    expect(rowParts(d2!)).toEqual([t2, d2]);
    expect(rowParts(t2!)).toEqual([t2, d2]);
  });

  it('leaves a dd without its own dt alone', () => {
    const wrap = dl();
    const d3 = wrap.querySelector('#d3')!;
    expect(rowParts(d3)).toEqual([d3]);
    const lone = fragment('<dl><dd id="x">x</dd></dl>').querySelector('dd')!;
    expect(rowParts(lone)).toEqual([lone]);
    const loneDt = fragment('<dl><dt id="y">y</dt></dl>').querySelector('dt')!;
    expect(rowParts(loneDt)).toEqual([loneDt]);
  });

  it('is just the row for other elements', () => {
    const li = fragment('<ul><li>a</li><li>b</li></ul>').querySelector('li')!;
    expect(rowParts(li)).toEqual([li]);
  });
});
