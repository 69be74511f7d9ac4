// In-page triage: a badge on every stored entry, the floating toolbar, keyboard triage and undo.
// The content script owns one PageTriage per page; every write goes through the background.
import type { PaperBrief, PaperPatch, Status } from '../paper';
import type { EditResponse, ListTagsResponse, Request } from '../messages';
import type { PageRow, PageSession } from '../page-session';
import { briefState, STATE_LABELS } from '../paper-state';
import type { KeyAction, Settings, TriagedRows } from '../settings';
import { Badge, placeBadge, rowParts } from './badge';
import { Toolbar, type ToolbarPosition } from './toolbar';
import { actionForKey } from './keys';
import { inView, startRow, type Span } from './start-row';

export interface TriageDeps {
  session: () => PageSession;
  request: (msg: Request) => Promise<unknown>;
  settings: Settings;
  toolbarPosition: ToolbarPosition;
  saveToolbarPosition: (p: ToolbarPosition) => void;
  saveTriagedRows: (mode: TriagedRows) => void;
  open: (url: string) => void;
}

interface UndoStep {
  label: string;
  before: PaperPatch[];
}

const SLICE_MS = 8;
const COUNTS_EVERY_MS = 200;
const MAX_UNDO = 50;
const KEPT: readonly Status[] = ['saved', 'queued', 'reading', 'read'];

const plural = (n: number) => (n === 1 ? '1 paper' : `${n} papers`);

/** Where `o` goes: the paper's page, as the entry links it, else by its identifiers. */
export function paperUrl(row: PageRow): string | undefined {
  const { ids, pdfUrl } = row.paper;
  if (ids.arxiv) return `https://arxiv.org/abs/${ids.arxiv}`;
  const link = row.title?.localName === 'a' ? row.title : row.title?.closest('a');
  const href = (link as HTMLAnchorElement | null | undefined)?.href;
  if (href && /^https?:/.test(href)) return href;
  if (ids.doi) return `https://doi.org/${ids.doi}`;
  if (ids.openreview) return `https://openreview.net/forum?id=${encodeURIComponent(ids.openreview)}`;
  if (ids.pmid) return `https://pubmed.ncbi.nlm.nih.gov/${ids.pmid}/`;
  return pdfUrl;
}

export class PageTriage {
  /** Rows with a badge, in page order. */
  private rows: PageRow[] = [];
  private waiting: PageRow[] = [];
  private badges = new Map<PageRow, Badge>();
  /** The row of each badge host, for the one click listener. */
  private rowByHost = new Map<Element, PageRow>();
  private byRecord = new Map<string, PageRow[]>();
  private focus = -1;
  private undoSteps: UndoStep[] = [];
  private toolbar: Toolbar | undefined;
  private knownTags: string[] = [];
  private settings: Settings;
  private scheduled = false;
  private countedAt = -Infinity;
  private toolbarScheduled = false;
  private destroyed = false;
  private restyled = new Map<HTMLElement, { display: string; opacity: string }>();
  /** Milliseconds spent placing badges, summed over slices (for `npm run bench`). */
  decorateMs = 0;
  onDecorated: ((rows: number, ms: number) => void) | undefined;
  onSlice: ((start: number, ms: number) => void) | undefined;

  constructor(private readonly deps: TriageDeps) {
    this.settings = deps.settings;
    window.addEventListener('keydown', this.onKey);
    document.addEventListener('pointerdown', this.onPointerDown, true);
    document.addEventListener('click', this.onClick, true);
    window.addEventListener('scroll', this.onScroll, { passive: true, capture: true });
    window.addEventListener('resize', this.onScroll, { passive: true });
  }

  destroy(): void {
    this.destroyed = true;
    window.removeEventListener('keydown', this.onKey);
    document.removeEventListener('pointerdown', this.onPointerDown, true);
    document.removeEventListener('click', this.onClick, true);
    window.removeEventListener('scroll', this.onScroll, { capture: true });
    window.removeEventListener('resize', this.onScroll);
    for (const badge of this.badges.values()) badge.host.remove();
    this.toolbar?.host.remove();
    this.setTriagedMode('show', false);
  }

  /** A new page in the same tab (in-app navigation): forget the old rows and their badges. */
  reset(): void {
    for (const badge of this.badges.values()) badge.host.remove();
    // Put back every row this page dimmed or hid. Not via showRow: the session may already be the
    // next page's, which knows none of these rows. The current mode stays for the next page's rows.
    for (const [el, was] of this.restyled) {
      el.style.display = was.display;
      el.style.opacity = was.opacity;
    }
    this.restyled.clear();
    this.rows = [];
    this.waiting = [];
    this.badges.clear();
    this.rowByHost.clear();
    this.byRecord.clear();
    this.focus = -1;
    this.toolbar?.setFocusRect(undefined);
    this.updateCounts();
  }

  setSettings(settings: Settings): void {
    const modeChanged = settings.triagedRows !== this.settings.triagedRows;
    this.settings = settings;
    if (modeChanged) this.setTriagedMode(settings.triagedRows, false);
  }

  /** Rows read on the latest pass; they get badges once their papers are stored. */
  addRows(rows: readonly PageRow[]): void {
    this.waiting.push(...rows);
    this.schedule();
  }

  /** After a store: rows waiting for their record get badges now. */
  stored(): void {
    this.schedule();
  }

  /** Newer states (an edit here, or elsewhere): badges, hidden rows and counts follow. */
  refresh(briefs: readonly PaperBrief[]): void {
    for (const b of briefs) for (const row of this.byRecord.get(b.id) ?? []) this.showRow(row);
    this.updateCounts();
  }

  /** Badges are placed in slices of a few milliseconds, so a 2,000-row page never blocks. */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setTimeout(() => this.decorateSlice(), 0);
  }

  private decorateSlice(): void {
    this.scheduled = false;
    const session = this.deps.session();
    const start = performance.now();
    const deadline = start + SLICE_MS;
    const now = Date.now();
    const later: PageRow[] = [];
    const placed: PageRow[] = [];
    let i = 0;
    // The clock is read every few rows: a row takes tens of microseconds, a clock read one.
    for (; i < this.waiting.length && (i % 8 !== 0 || performance.now() < deadline); i++) {
      const row = this.waiting[i]!;
      if (!row.element.isConnected) continue;
      const id = session.recordIdOf(row.key);
      const brief = id ? session.brief(id) : undefined;
      if (!id || !brief) {
        later.push(row); // not stored yet: after the next store
        continue;
      }
      const badge = Badge.create();
      if (!badge) {
        this.waiting = [];
        return; // the page took <sift-badge> for itself: no badges here
      }
      placeBadge(badge.host, row.element, row.title);
      this.badges.set(row, badge);
      this.rowByHost.set(badge.host, row);
      const list = this.byRecord.get(id);
      if (list) list.push(row);
      else this.byRecord.set(id, [row]);
      placed.push(row);
      this.showRow(row, brief, now);
    }
    this.waiting = [...later, ...this.waiting.slice(i)];
    if (placed.length) this.insertInOrder(placed);
    this.scheduleToolbar();
    const more = this.waiting.length > later.length;
    // Counting walks every row: while a long page is still being badged, a few times a second is enough.
    if (!more || start - this.countedAt > COUNTS_EVERY_MS) this.updateCounts();
    const ms = performance.now() - start;
    this.decorateMs += ms;
    this.onSlice?.(start, ms);
    if (more) this.schedule();
    else if (placed.length) this.onDecorated?.(this.rows.length, this.decorateMs);
  }

  private insertInOrder(placed: PageRow[]): void {
    const last = this.rows[this.rows.length - 1];
    this.rows.push(...placed);
    // Usually rows arrive in page order after the ones known; re-sort only when they did not.
    if (last && placed[0] && last.element.compareDocumentPosition(placed[0].element) & Node.DOCUMENT_POSITION_PRECEDING) {
      this.rows.sort((a, b) => (a.element.compareDocumentPosition(b.element) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    }
  }

  private briefOf(row: PageRow): PaperBrief | undefined {
    const session = this.deps.session();
    const id = session.recordIdOf(row.key);
    return id ? session.brief(id) : undefined;
  }

  private showRow(row: PageRow, brief = this.briefOf(row), now = Date.now()): void {
    const badge = this.badges.get(row);
    if (!brief || !badge) return;
    badge.show(brief, this.focus >= 0 && this.rows[this.focus] === row, now);
    // Rows are restyled only when the user asked for it, and put back when they no longer are.
    if (this.settings.triagedRows !== 'show' || this.restyled.size > 0) this.styleRow(row, brief);
  }

  /** Dim or hide a triaged row. This restyles the page's own elements: the README's privacy notes say so. */
  private styleRow(row: PageRow, brief: PaperBrief): void {
    const mode = this.settings.triagedRows;
    const triaged = brief.status !== 'inbox';
    for (const part of rowParts(row.element)) {
      const el = part as HTMLElement;
      if (!el.style) continue;
      if (mode === 'show' || !triaged) {
        const was = this.restyled.get(el);
        if (was) {
          el.style.display = was.display;
          el.style.opacity = was.opacity;
          this.restyled.delete(el);
        }
        continue;
      }
      if (!this.restyled.has(el)) this.restyled.set(el, { display: el.style.display, opacity: el.style.opacity });
      const was = this.restyled.get(el)!;
      if (mode === 'hide') {
        el.style.setProperty('display', 'none', 'important');
        el.style.opacity = was.opacity;
      } else {
        el.style.display = was.display;
        el.style.setProperty('opacity', '0.45', 'important');
      }
    }
  }

  private setTriagedMode(mode: TriagedRows, save: boolean): void {
    this.settings = { ...this.settings, triagedRows: mode };
    this.toolbar?.setTriagedRows(mode);
    for (const row of this.rows) this.showRow(row);
    if (save) this.deps.saveTriagedRows(mode);
    this.placeFocusRing();
  }

  /** The toolbar is built in a task of its own, not in a slice that places badges. */
  private scheduleToolbar(): void {
    if (this.toolbar || this.toolbarScheduled || this.rows.length === 0) return;
    this.toolbarScheduled = true;
    setTimeout(() => {
      this.toolbarScheduled = false;
      if (this.destroyed) return;
      const start = performance.now();
      this.ensureToolbar();
      this.updateCounts();
      this.onSlice?.(start, performance.now() - start);
    }, 0);
  }

  private ensureToolbar(): void {
    if (this.toolbar || this.rows.length === 0) return;
    this.toolbar = Toolbar.create(this.deps.toolbarPosition, {
      bulk: (status) => void this.bulk(status),
      triagedRows: (mode) => this.setTriagedMode(mode, true),
      undo: () => void this.undo(),
      moved: (p) => this.deps.saveToolbarPosition(p),
    });
    if (!this.toolbar) return;
    this.toolbar.setTriagedRows(this.settings.triagedRows);
    document.documentElement.append(this.toolbar.host);
  }

  private updateCounts(): void {
    if (!this.toolbar) return;
    this.countedAt = performance.now();
    const seen = new Set<string>();
    let fresh = 0;
    let kept = 0;
    let untriaged = 0;
    for (const row of this.rows) {
      const brief = this.briefOf(row);
      if (!brief || seen.has(brief.id)) continue;
      seen.add(brief.id);
      const state = briefState(brief);
      if (state === 'new') fresh++;
      if (brief.status === 'inbox') untriaged++;
      if (KEPT.includes(brief.status)) kept++;
    }
    this.toolbar.setCounts(seen.size, fresh, kept, untriaged);
  }

  // ---- actions -------------------------------------------------------------------------------

  private async edit(msg: Request, label: string): Promise<boolean> {
    let res: EditResponse;
    try {
      res = (await this.deps.request(msg)) as EditResponse;
    } catch (err) {
      res = { ok: false, error: err instanceof Error ? err.message : String(err) };
    }
    if (!res?.ok) {
      this.toolbar?.showToast(`Sift could not do that: ${res?.error ?? 'no answer from the extension'}`);
      return false;
    }
    this.refresh(this.deps.session().update(res.briefs));
    if (res.before.length) {
      this.undoSteps.push({ label, before: res.before });
      if (this.undoSteps.length > MAX_UNDO) this.undoSteps.shift();
      this.toolbar?.showToast(label, () => void this.undo());
    }
    return true;
  }

  private idsOf(rows: readonly PageRow[]): string[] {
    const session = this.deps.session();
    return [...new Set(rows.map((r) => session.recordIdOf(r.key)).filter((id): id is string => !!id))];
  }

  setStatus(rows: readonly PageRow[], status: Status): Promise<boolean> {
    const ids = this.idsOf(rows);
    if (ids.length === 0) return Promise.resolve(false);
    return this.edit({ type: 'set-status', paperIds: ids, status }, `${status === 'inbox' ? 'Back to inbox' : STATE_LABELS[status]}: ${plural(ids.length)}`);
  }

  /** Save / Queue / Skip every paper on the page not triaged yet. */
  bulk(status: Status): Promise<boolean> {
    return this.setStatus(
      this.rows.filter((r) => this.briefOf(r)?.status === 'inbox'),
      status,
    );
  }

  async undo(): Promise<void> {
    const step = this.undoSteps.pop();
    if (!step) {
      this.toolbar?.showToast('Nothing to undo');
      return;
    }
    let res: EditResponse;
    try {
      res = (await this.deps.request({ type: 'restore', patches: step.before })) as EditResponse;
    } catch (err) {
      res = { ok: false, error: err instanceof Error ? err.message : String(err) };
    }
    if (!res?.ok) {
      this.undoSteps.push(step);
      this.toolbar?.showToast(`Sift could not undo: ${res?.error ?? 'no answer from the extension'}`);
      return;
    }
    this.refresh(this.deps.session().update(res.briefs));
    this.toolbar?.showToast(`Undone: ${step.label}`);
  }

  // ---- focus and keys ------------------------------------------------------------------------

  private visible(row: PageRow): boolean {
    return !(this.settings.triagedRows === 'hide' && this.briefOf(row)?.status !== 'inbox');
  }

  move(step: 1 | -1): void {
    if (this.rows.length === 0) return;
    if (this.focus < 0 || this.scrolledAway(this.rows[this.focus]!)) {
      // Nothing focused, or the user jumped or scrolled away from it: start from what is in view.
      const start = startRow(
        this.rows.length,
        (n) => {
          const row = this.rows[n]!;
          return row.element.isConnected && this.visible(row) ? this.spanOf(row) : undefined;
        },
        window.innerHeight,
        step,
      );
      if (start !== undefined) this.setFocus(start);
      return;
    }
    let i = this.focus;
    for (let n = 0; n < this.rows.length; n++) {
      i = i < 0 ? (step > 0 ? 0 : this.rows.length - 1) : i + step;
      if (i < 0 || i >= this.rows.length) return; // stay at the ends
      if (this.rows[i]!.element.isConnected && this.visible(this.rows[i]!)) break;
    }
    this.setFocus(i);
  }

  private setFocus(i: number): void {
    const old = this.rows[this.focus];
    this.focus = i;
    if (old) this.showRow(old);
    const row = this.rows[i];
    if (!row) return;
    this.showRow(row);
    const parts = rowParts(row.element);
    parts[0]!.scrollIntoView({ block: 'nearest' });
    this.placeFocusRing();
  }

  private placeFocusRing(): void {
    const row = this.rows[this.focus];
    if (!row || !this.toolbar) return;
    this.toolbar.setFocusRect(this.rectOf(row));
  }

  /** The box around all of a row's parts (arXiv's dt and dd), in view coordinates. */
  private rectOf(row: PageRow): DOMRect {
    const rects = rowParts(row.element).map((p) => p.getBoundingClientRect());
    const top = Math.min(...rects.map((r) => r.top));
    const bottom = Math.max(...rects.map((r) => r.bottom));
    const left = Math.min(...rects.map((r) => r.left));
    const right = Math.max(...rects.map((r) => r.right));
    return new DOMRect(left, top, right - left, bottom - top);
  }

  /** A focused row still shown but out of view. One hidden by its own triage or gone is not: j goes on from where it was. */
  private scrolledAway(row: PageRow): boolean {
    if (!row.element.isConnected) return false;
    const span = this.spanOf(row);
    return span.bottom > span.top && !inView(span, window.innerHeight);
  }

  private spanOf(row: PageRow): Span {
    const { top, bottom } = this.rectOf(row);
    return { top, bottom };
  }

  private focused(): PageRow | undefined {
    return this.rows[this.focus];
  }

  private readonly onScroll = () => this.placeFocusRing();

  private readonly onPointerDown = (e: Event) => {
    if (this.toolbar?.menuOpen() && !this.toolbar.owns(e.target)) this.toolbar.closeMenu();
  };

  /** One listener for every badge. The title is often a link: a badge click must not follow it, nor reach the page. */
  private readonly onClick = (e: Event) => {
    // Outside the closed root the target is the host; composedPath finds it either way.
    let row: PageRow | undefined;
    for (const node of e.composedPath()) if ((row = this.rowByHost.get(node as Element))) break;
    if (!row) return;
    e.preventDefault();
    e.stopPropagation();
    this.openMenuFor(row);
  };

  private readonly onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && this.toolbar?.closeOverlays()) return;
    if (this.rows.length === 0 || this.toolbar?.menuOpen()) return;
    const action = actionForKey(e, this.settings);
    if (!action) return;
    e.preventDefault();
    e.stopPropagation();
    void this.run(action);
  };

  async run(action: KeyAction): Promise<void> {
    const row = this.focused();
    switch (action) {
      case 'next':
        return this.move(1);
      case 'previous':
        return this.move(-1);
      case 'undo':
        return this.undo();
      case 'help':
        return this.toolbar?.toggleHelp(this.settings.keys);
    }
    if (!row) {
      this.toolbar?.showToast(`Press ${this.settings.keys.next || 'j'} to pick an entry first`);
      return;
    }
    switch (action) {
      case 'save':
        await this.setStatus([row], 'saved');
        return;
      case 'queue':
        await this.setStatus([row], 'queued');
        return;
      case 'skip':
        await this.setStatus([row], 'skipped');
        return;
      case 'read':
        await this.setStatus([row], 'read');
        return;
      case 'tag':
        return this.openMenuFor(row, true);
      case 'open': {
        const url = paperUrl(row);
        if (url) this.deps.open(url);
      }
    }
  }

  private openMenuFor(row: PageRow, focusTags = false): void {
    const badge = this.badges.get(row);
    const brief = this.briefOf(row);
    if (!badge || !brief || !this.toolbar) return;
    const i = this.rows.indexOf(row);
    if (i >= 0 && i !== this.focus) this.setFocus(i);
    const reopen = () => this.openMenuFor(row);
    const pdfUrl = row.paper.pdfUrl;
    this.toolbar.openMenu(
      badge.rect(),
      { title: row.paper.title, status: brief.status, tags: brief.tags, note: brief.note, pdfUrl },
      this.knownTags,
      {
        status: (status) => void this.setStatus([row], status).then(() => this.toolbar?.closeMenu()),
        addTag: (tag) => void this.edit({ type: 'edit-tags', paperIds: [brief.id], add: [tag], remove: [] }, `Tagged #${tag}`).then(reopen),
        removeTag: (tag) => void this.edit({ type: 'edit-tags', paperIds: [brief.id], add: [], remove: [tag] }, `Removed #${tag}`).then(reopen),
        saveNote: (note) => void this.edit({ type: 'set-note', paperId: brief.id, note }, 'Note saved').then(() => this.toolbar?.closeMenu()),
        openPdf: pdfUrl ? () => this.deps.open(pdfUrl) : undefined,
        showInLibrary: () => void this.deps.request({ type: 'open-library', paperId: brief.id }),
      },
      focusTags,
    );
    // Tags for autocomplete, fresh for the next time the menu opens (and this one, if it is quick).
    void this.deps.request({ type: 'list-tags' }).then((res) => {
      const r = res as ListTagsResponse | undefined;
      if (r?.ok) this.knownTags = r.tags;
    });
  }
}
