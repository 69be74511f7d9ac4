// Which triage action a key press asks for, if any. Pure: the content script wires it to the page.
import { KEY_ACTIONS, type KeyAction, type Settings } from '../settings';

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  defaultPrevented: boolean;
  isComposing?: boolean;
  target: EventTarget | null;
}

/** A field the user types into (or Sift's own UI, which handles its keys itself). */
export function isTypingTarget(target: EventTarget | null): boolean {
  const el = target as Element | null;
  if (!el || typeof el.closest !== 'function') return false;
  if (el.localName.startsWith('sift-')) return true;
  if (el.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"], [contenteditable="plaintext-only"]')) return true;
  return (el as HTMLElement).isContentEditable === true;
}

export function actionForKey(e: KeyPress, settings: Settings): KeyAction | undefined {
  if (!settings.keyboard || e.defaultPrevented || e.isComposing) return undefined;
  // Never with a modifier (browser and page shortcuts); Shift is fine: it makes "?".
  if (e.ctrlKey || e.altKey || e.metaKey) return undefined;
  if (isTypingTarget(e.target)) return undefined;
  return KEY_ACTIONS.find((a) => settings.keys[a] !== '' && settings.keys[a] === e.key);
}
