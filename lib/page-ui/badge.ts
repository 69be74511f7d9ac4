// One `<sift-badge>` per entry: a closed shadow root, and nothing about the paper on the host.
import type { PaperBrief } from '../paper';
import { badgeLabel, briefState } from '../paper-state';
import { BADGE_CSS } from './styles';
import { shadowHost } from './dom';

const sheets = new Map<string, CSSStyleSheet | null>();

export class Badge {
  // What the button shows, kept here so that an unchanged badge costs no DOM writes.
  private shown = { className: '', label: '', title: '' };

  private constructor(
    readonly host: HTMLElement,
    private readonly button: HTMLButtonElement,
  ) {}

  /** Clicks are handled by one listener for all badges (see PageTriage), not one per badge. */
  static create(): Badge | undefined {
    const made = shadowHost('sift-badge', BADGE_CSS, sheets);
    if (!made) return undefined;
    const button = document.createElement('button');
    button.type = 'button';
    made.root.appendChild(button);
    return new Badge(made.host, button);
  }

  show(brief: PaperBrief, focused: boolean, now = Date.now()): void {
    const label = badgeLabel(brief, now);
    const className = focused ? `${briefState(brief)} focused` : briefState(brief);
    const title = brief.tags.length ? `Tags: ${brief.tags.join(', ')}` : '';
    const shown = this.shown;
    if (className !== shown.className) this.button.className = shown.className = className;
    if (label !== shown.label) {
      this.button.textContent = shown.label = label;
      this.button.ariaLabel = `Sift: ${label}`;
    }
    if (title !== shown.title) this.button.title = shown.title = title;
  }

  focusButton(): void {
    this.button.focus({ preventScroll: true });
  }

  /** Where the menu opens. */
  rect(): DOMRect {
    return this.host.getBoundingClientRect();
  }
}

/** Put the badge right after the title: inside a heading or block, after a title link. */
export function placeBadge(host: Element, row: Element, title: Element | undefined): void {
  if (!title) {
    row.prepend(host);
    return;
  }
  // appendChild / insertBefore: cheaper than append / after for 2,000 badges.
  const link = title.localName === 'a' ? title : title.closest('a');
  // A link around the title (not around the whole row): the badge goes after it, outside the link.
  if (link && link !== row && row.contains(link) && !link.contains(row)) link.parentNode!.insertBefore(host, link.nextSibling);
  else title.appendChild(host);
}

/** The elements that show one entry: arXiv splits it over a `dt` and its `dd`. */
export function rowParts(row: Element): Element[] {
  if (row.localName === 'dd' && row.previousElementSibling?.localName === 'dt') return [row.previousElementSibling, row];
  if (row.localName === 'dt' && row.nextElementSibling?.localName === 'dd') return [row, row.nextElementSibling];
  return [row];
}
