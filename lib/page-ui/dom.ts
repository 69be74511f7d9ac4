// Small DOM builders for Sift's shadow roots. Text is always set as text, never parsed as HTML.
type Attrs = Record<string, string | boolean | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? '' : value);
  }
  el.append(...children);
  return el;
}

/** A closed shadow root on a new `<sift-*>` host, styled with `css`; undefined if the page blocks it. */
export function shadowHost(tag: string, css: string, sheets: Map<string, CSSStyleSheet | null>): { host: HTMLElement; root: ShadowRoot } | undefined {
  try {
    const host = document.createElement(tag);
    const root = host.attachShadow({ mode: 'closed' });
    let sheet = sheets.get(css);
    if (sheet === undefined) {
      try {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(css);
      } catch {
        sheet = null;
      }
      sheets.set(css, sheet);
    }
    let adopted = false;
    if (sheet) {
      try {
        // One shared sheet for 2,000 badges; Firefox content scripts may refuse it.
        root.adoptedStyleSheets = [sheet];
        adopted = true;
      } catch {
        adopted = false;
      }
    }
    if (!adopted) root.append(h('style', {}, css));
    return { host, root };
  } catch {
    // The page defined its own <sift-*> element (and took its shadow root): no UI there.
    return undefined;
  }
}
