// The floating `<sift-toolbar>` (closed shadow root): counts, bulk actions, the triaged-rows toggle,
// and the pieces of in-page UI that float: the badge menu, the undo toast, the keys help, the focus ring.
import type { Status } from '../paper';
import { KEY_ACTIONS, KEY_ACTION_LABELS, type KeyAction, type TriagedRows } from '../settings';
import { TOOLBAR_CSS } from './styles';
import { h, shadowHost } from './dom';

export interface ToolbarPosition {
  x?: number;
  y?: number;
  collapsed?: boolean;
}

export interface MenuPaper {
  title: string;
  status: Status;
  tags: string[];
  note?: string;
  pdfUrl?: string;
}

export interface MenuActions {
  status(status: Status): void;
  addTag(tag: string): void;
  removeTag(tag: string): void;
  saveNote(note: string): void;
  openPdf?: () => void;
  showInLibrary(): void;
}

export interface ToolbarActions {
  bulk(status: Status): void;
  triagedRows(mode: TriagedRows): void;
  undo(): void;
  moved(position: ToolbarPosition): void;
}

const sheets = new Map<string, CSSStyleSheet | null>();
const TOAST_MS = 6_000;

export class Toolbar {
  readonly host: HTMLElement;
  private readonly root: ShadowRoot;
  private readonly panel = h('div', { class: 'panel', role: 'region', 'aria-label': 'Sift' });
  private readonly counts = h('span', { class: 'counts', 'aria-live': 'polite' });
  private readonly triaged = h(
    'select',
    { 'aria-label': 'Rows already triaged' },
    h('option', { value: 'show' }, 'Show triaged'),
    h('option', { value: 'dim' }, 'Dim triaged'),
    h('option', { value: 'hide' }, 'Hide triaged'),
  );
  private readonly bulkButtons: HTMLButtonElement[] = [];
  private readonly toast = h('div', { class: 'toast', role: 'status', hidden: true });
  private readonly help = h('div', { class: 'help', role: 'dialog', 'aria-label': 'Sift keys', hidden: true });
  private readonly focusRing = h('div', { class: 'focus', hidden: true });
  private menu: HTMLElement | undefined;
  private toastTimer: ReturnType<typeof setTimeout> | undefined;
  private position: ToolbarPosition;

  private constructor(host: HTMLElement, root: ShadowRoot, position: ToolbarPosition, private readonly actions: ToolbarActions) {
    this.host = host;
    this.root = root;
    this.position = { ...position };
    const grip = h('span', { class: 'grip', title: 'Drag to move' }, 'Sift');
    const collapse = h('button', { type: 'button', 'aria-expanded': 'true', title: 'Collapse' }, '–');
    collapse.addEventListener('click', () => {
      this.position.collapsed = !this.position.collapsed;
      this.applyPosition();
      this.actions.moved(this.position);
    });
    const bulk = h('div', { class: 'row' });
    for (const [status, label] of [
      ['saved', 'Save all new'],
      ['queued', 'Queue all new'],
      ['skipped', 'Skip all new'],
    ] as const) {
      const b = h('button', { type: 'button' }, label);
      b.addEventListener('click', () => this.actions.bulk(status));
      this.bulkButtons.push(b);
      bulk.append(b);
    }
    this.triaged.addEventListener('change', () => this.actions.triagedRows(this.triaged.value as TriagedRows));
    bulk.append(this.triaged);
    this.panel.append(h('div', { class: 'head' }, grip, this.counts, collapse), bulk);
    root.append(this.panel, this.focusRing, this.toast, this.help);
    this.makeDraggable(grip);
    this.applyPosition();
  }

  static create(position: ToolbarPosition, actions: ToolbarActions): Toolbar | undefined {
    const made = shadowHost('sift-toolbar', TOOLBAR_CSS, sheets);
    if (!made) return undefined;
    return new Toolbar(made.host, made.root, position, actions);
  }

  setCounts(total: number, fresh: number, kept: number, untriaged: number): void {
    this.counts.textContent = `${total} papers · ${fresh} new · ${kept} in library`;
    for (const b of this.bulkButtons) b.disabled = untriaged === 0;
  }

  setTriagedRows(mode: TriagedRows): void {
    this.triaged.value = mode;
  }

  /** A message, with an Undo button when `undo` is given. */
  showToast(message: string, undo?: () => void): void {
    this.toast.replaceChildren(h('span', {}, message));
    if (undo) {
      const b = h('button', { type: 'button' }, 'Undo');
      b.addEventListener('click', () => {
        this.toast.hidden = true;
        undo();
      });
      this.toast.append(b);
    }
    this.toast.hidden = false;
    clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(() => (this.toast.hidden = true), TOAST_MS);
  }

  toggleHelp(keys: Record<KeyAction, string>): void {
    if (!this.help.hidden) {
      this.help.hidden = true;
      return;
    }
    const rows = KEY_ACTIONS.filter((a) => keys[a]).map((a) => h('tr', {}, h('td', {}, h('kbd', {}, keys[a])), h('td', {}, KEY_ACTION_LABELS[a])));
    const close = h('button', { type: 'button' }, 'Close');
    close.addEventListener('click', () => (this.help.hidden = true));
    this.help.replaceChildren(h('strong', {}, 'Sift keys'), h('table', {}, h('tbody', {}, ...rows)), h('p', {}, 'Change them in Sift’s settings. '), close);
    this.help.hidden = false;
  }

  /** Outline the focused entry (an overlay: the page's own elements are not restyled). */
  setFocusRect(rect: DOMRect | undefined): void {
    if (!rect || (rect.width === 0 && rect.height === 0)) {
      this.focusRing.hidden = true;
      return;
    }
    Object.assign(this.focusRing.style, { left: `${rect.left - 4}px`, top: `${rect.top - 2}px`, width: `${rect.width + 8}px`, height: `${rect.height + 4}px` });
    this.focusRing.hidden = false;
  }

  /** Escape closes whatever floats; true if something was open. */
  closeOverlays(): boolean {
    const open = !!this.menu || !this.help.hidden;
    this.closeMenu();
    this.help.hidden = true;
    return open;
  }

  closeMenu(): void {
    this.menu?.remove();
    this.menu = undefined;
  }

  menuOpen(): boolean {
    return !!this.menu;
  }

  /** The badge menu, under the badge at `anchor`. `focusTags` puts the cursor in the tag field. */
  openMenu(anchor: DOMRect, paper: MenuPaper, knownTags: string[], actions: MenuActions, focusTags = false): void {
    this.closeMenu();
    const menu = h('div', { class: 'menu', role: 'dialog', 'aria-label': 'Sift: this paper' });
    menu.append(h('div', { class: 'title', title: paper.title }, paper.title));
    const grid = h('div', { class: 'grid' });
    for (const [status, label] of [
      ['saved', 'Save'],
      ['queued', 'Queue'],
      ['skipped', 'Skip'],
      ['read', 'Mark read'],
    ] as const) {
      const b = h('button', { type: 'button', 'aria-pressed': String(paper.status === status) }, label);
      b.addEventListener('click', () => actions.status(status));
      grid.append(b);
    }
    menu.append(grid);

    const chips = h('div', { class: 'chips', 'aria-label': 'Tags' });
    for (const tag of paper.tags) {
      const chip = h('button', { type: 'button', class: 'chip', title: `Remove tag ${tag}` }, `#${tag} ×`);
      chip.addEventListener('click', () => actions.removeTag(tag));
      chips.append(chip);
    }
    const listId = 'sift-tags';
    const input = h('input', { type: 'text', list: listId, placeholder: 'Add a tag…', 'aria-label': 'Add a tag', maxlength: '100' });
    const datalist = h('datalist', { id: listId }, ...knownTags.filter((t) => !paper.tags.includes(t)).map((t) => h('option', { value: t })));
    const form = h('form', { class: 'row' }, input, datalist, h('button', { type: 'submit' }, 'Add'));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const tag = input.value.trim();
      if (tag) actions.addTag(tag);
    });
    menu.append(chips, form);

    const note = h('textarea', { 'aria-label': 'Note', placeholder: 'Note…', maxlength: '100000' });
    note.value = paper.note ?? '';
    const saveNote = h('button', { type: 'button' }, 'Save note');
    saveNote.addEventListener('click', () => actions.saveNote(note.value));
    menu.append(note, saveNote);

    const links = h('div', { class: 'row' });
    if (actions.openPdf) {
      const pdf = h('button', { type: 'button' }, 'Open PDF');
      pdf.addEventListener('click', () => actions.openPdf?.());
      links.append(pdf);
    }
    const lib = h('button', { type: 'button' }, 'Show in library');
    lib.addEventListener('click', () => actions.showInLibrary());
    links.append(lib);
    menu.append(links);

    menu.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        this.closeMenu();
      }
    });
    const top = Math.min(anchor.bottom + 4, Math.max(4, window.innerHeight - 360));
    const left = Math.min(Math.max(4, anchor.left), Math.max(4, window.innerWidth - 270));
    Object.assign(menu.style, { top: `${top}px`, left: `${left}px` });
    this.root.append(menu);
    this.menu = menu;
    (focusTags ? input : (grid.firstElementChild as HTMLElement)).focus({ preventScroll: true });
  }

  /** True when `target` (from a page event) is this toolbar. */
  owns(target: EventTarget | null): boolean {
    return target === this.host;
  }

  private applyPosition(): void {
    const { x, y, collapsed } = this.position;
    this.panel.classList.toggle('collapsed', !!collapsed);
    Object.assign(this.panel.style, x === undefined || y === undefined ? { right: '16px', bottom: '16px', left: '', top: '' } : { left: `${x}px`, top: `${y}px`, right: '', bottom: '' });
  }

  private makeDraggable(grip: HTMLElement): void {
    grip.addEventListener('pointerdown', (down) => {
      const start = this.panel.getBoundingClientRect();
      const dx = down.clientX - start.left;
      const dy = down.clientY - start.top;
      grip.setPointerCapture(down.pointerId);
      const move = (e: PointerEvent) => {
        this.position.x = Math.round(Math.min(Math.max(0, e.clientX - dx), window.innerWidth - 60));
        this.position.y = Math.round(Math.min(Math.max(0, e.clientY - dy), window.innerHeight - 30));
        this.applyPosition();
      };
      const up = () => {
        grip.removeEventListener('pointermove', move);
        grip.removeEventListener('pointerup', up);
        this.actions.moved(this.position);
      };
      grip.addEventListener('pointermove', move);
      grip.addEventListener('pointerup', up);
    });
  }
}
