// One `<sift-badge>` per entry: a closed shadow root, and nothing about the paper on the host.
import type { PaperBrief } from '../paper';
import { badgeLabel, briefState } from '../paper-state';
import { BADGE_CSS } from './styles';
import { shadowHost } from './dom';

const sheets = new Map<string, CSSStyleSheet | null>();

export class Badge {
  private constructor(
    readonly host: HTMLElement,
    private readonly button: HTMLButtonElement,
  ) {}

  static create(onActivate: (badge: Badge) => void): Badge | undefined {
    const made = shadowHost('sift-badge', BADGE_CSS, sheets);
    if (!made) return undefined;
    const button = document.createElement('button');
    button.type = 'button';
    made.root.append(button);
    const badge = new Badge(made.host, button);
    button.addEventListener('click', (e) => {
      // The title is often a link: the badge must not follow it, nor feed the page's own handlers.
      e.preventDefault();
      e.stopPropagation();
      onActivate(badge);
    });
    return badge;
  }

  show(brief: PaperBrief, focused: boolean, now = Date.now()): void {
    const label = badgeLabel(brief, now);
    this.button.className = focused ? `${briefState(brief)} focused` : briefState(brief);
    this.button.textContent = label;
    this.button.title = brief.tags.length ? `${label}\nTags: ${brief.tags.join(', ')}` : label;
    this.button.setAttribute('aria-label', `Sift: ${label}. Open the menu`);
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
  const link = title.localName === 'a' ? title : title.closest('a');
  // A link around the title (not around the whole row): the badge goes after it, outside the link.
  if (link && link !== row && row.contains(link) && !link.contains(row)) link.after(host);
  else title.append(host);
}

/** The elements that show one entry: arXiv splits it over a `dt` and its `dd`. */
export function rowParts(row: Element): Element[] {
  if (row.localName === 'dd' && row.previousElementSibling?.localName === 'dt') return [row.previousElementSibling, row];
  if (row.localName === 'dt' && row.nextElementSibling?.localName === 'dd') return [row, row.nextElementSibling];
  return [row];
}
