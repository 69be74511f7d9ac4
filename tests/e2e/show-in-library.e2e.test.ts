// A badge's "Show in library" in real Chromium: the library opens in the side panel, on that paper.
import type { Page } from 'playwright-core';
import { badgeTexts, fixturePage, inShadow, launch, storedPapers, waitFor } from './browser.mjs';

let s: Awaited<ReturnType<typeof launch>>;
beforeAll(async () => {
  s = await launch();
});
afterAll(async () => {
  await s?.close();
});

type Point = { x: number; y: number };

/** The centre of the button of the page's `n`th `<sift-badge>`, scrolled into view (CDP sees into closed shadow roots). */
async function badgeCentre(page: Page, n: number): Promise<Point> {
  const cdp = await s.context.newCDPSession(page);
  try {
    type Node = { nodeName: string; backendNodeId: number; children?: Node[]; shadowRoots?: Node[] };
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: Node };
    const hosts: Node[] = [];
    const visit = (node: Node) => {
      if (node.nodeName === 'SIFT-BADGE') hosts.push(node);
      else for (const c of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) visit(c);
    };
    visit(root);
    const button = hosts[n]?.shadowRoots?.[0]?.children?.find((c) => c.nodeName === 'BUTTON');
    if (!button) throw new Error(`no badge ${n}`);
    await cdp.send('DOM.scrollIntoViewIfNeeded', { backendNodeId: button.backendNodeId });
    const { quads } = await cdp.send('DOM.getContentQuads', { backendNodeId: button.backendNodeId });
    const [x1, y1, , , x3, y3] = quads[0]!;
    return { x: (x1! + x3!) / 2, y: (y1! + y3!) / 2 };
  } finally {
    await cdp.detach();
  }
}

/** The open badge menu: its paper's title and where its "Show in library" button is. */
async function badgeMenu(page: Page) {
  return inShadow(s.context, page, 'sift-toolbar', (root) => {
    const menu = root.querySelector('.menu');
    const button = [...(menu?.querySelectorAll('button') ?? [])].find((b) => b.textContent === 'Show in library');
    if (!menu || !button) return null;
    const r = button.getBoundingClientRect();
    return { title: menu.querySelector('.title')?.textContent ?? '', show: { x: r.x + r.width / 2, y: r.y + r.height / 2 } };
  }) as Promise<{ title: string; show: Point } | null>;
}

/** The extension's documents as Chrome classes them (SIDE_PANEL, TAB…), and every tab's URL, asked from the service worker. */
async function libraryDocuments(panelUrl: string) {
  return s.worker.evaluate(async (url) => {
    const contexts = await chrome.runtime.getContexts({});
    const tabs = await chrome.tabs.query({});
    return {
      sidePanels: contexts.filter((c) => c.contextType === 'SIDE_PANEL').map((c) => c.documentUrl ?? ''),
      tabs: [...contexts.filter((c) => c.contextType === 'TAB').map((c) => c.documentUrl ?? ''), ...tabs.map((t) => t.url ?? '')].filter((u) =>
        u.startsWith(url),
      ),
    };
  }, panelUrl);
}

describe('a badge menu’s Show in library', () => {
  it('opens the side panel (not a tab) on that paper, and moves it to the next paper asked for', async () => {
    const fixture = fixturePage('arxiv-listing/list-hep-ph-new.html');
    s.serve(fixture);
    const page = await s.context.newPage();
    await page.goto(fixture.url);
    await waitFor(() => badgeTexts(s.context, page), (t) => t.length > 1);
    const papers = await waitFor(() => storedPapers(s.worker), (p) => p.length > 1);
    const panelUrl = `chrome-extension://${s.extensionId}/sidepanel.html`;
    const paperUrl = (id: string) => `${panelUrl}#paper=${encodeURIComponent(id)}`;
    expect(await libraryDocuments(panelUrl)).toEqual({ sidePanels: [], tabs: [] });

    /** Real mouse clicks on a badge, then on its menu's Show in library: the browser opens a side panel only in answer to a user gesture. */
    const showInLibrary = async (n: number) => {
      const badge = await badgeCentre(page, n);
      await page.mouse.click(badge.x, badge.y);
      const menu = await waitFor(() => badgeMenu(page), (m) => m !== null, 5_000);
      expect(menu, 'the badge menu is open').not.toBeNull();
      const paper = papers.find((p) => p.title === menu!.title);
      expect(paper, `a stored paper titled ${menu!.title}`).toBeDefined();
      await page.mouse.click(menu!.show.x, menu!.show.y);
      return paper!;
    };

    const first = await showInLibrary(0);
    const opened = await waitFor(() => libraryDocuments(panelUrl), (d) => d.sidePanels.length > 0 || d.tabs.length > 0, 10_000);
    expect(opened).toEqual({ sidePanels: [paperUrl(first.id)], tabs: [] });

    // With the panel open, another paper's Show in library shows that paper in the same panel.
    const second = await showInLibrary(1);
    expect(second.id).not.toBe(first.id);
    const moved = await waitFor(() => libraryDocuments(panelUrl), (d) => !d.sidePanels.includes(paperUrl(first.id)), 10_000);
    expect(moved).toEqual({ sidePanels: [paperUrl(second.id)], tabs: [] });

    // What the panel shows, read through an extension page (Playwright lists no side panel among its pages).
    const probe = await s.context.newPage();
    await probe.goto(`chrome-extension://${s.extensionId}/options.html`);
    const shownTitle = () =>
      probe.evaluate(
        (url) => chrome.extension.getViews().find((v) => v.location.href === url)?.document.querySelector('.detail-title')?.textContent ?? null,
        paperUrl(second.id),
      );
    await expect.poll(shownTitle, { timeout: 10_000 }).toBe(second.title);
    await probe.close();
    await page.close();
  });
});
