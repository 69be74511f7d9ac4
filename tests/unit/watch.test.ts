import { addsEntries, commonAncestor, isNewPage } from '../../lib/watch';

function page() {
  document.body.replaceChildren();
  const header = document.createElement('header');
  const list = document.createElement('ol');
  const a = document.createElement('li');
  const b = document.createElement('li');
  list.append(a, b);
  document.body.append(header, list);
  return { header, list, a, b };
}

/** Run `change`, return the mutation records it caused on body. */
async function recordsOf(change: () => void): Promise<MutationRecord[]> {
  const records: MutationRecord[] = [];
  const observer = new MutationObserver((r) => records.push(...r));
  observer.observe(document.body, { childList: true, subtree: true });
  change();
  await new Promise((r) => setTimeout(r, 0));
  observer.disconnect();
  return records;
}

describe('commonAncestor', () => {
  it('finds the listing that holds two rows', () => {
    const { list, a, b } = page();
    expect(commonAncestor(a, b)).toBe(list);
    expect(commonAncestor(list, a)).toBe(list);
    expect(commonAncestor(a, document.createElement('li'))).toBeNull();
  });
});

describe('addsEntries', () => {
  it('is true for rows added to the listing, false for changes elsewhere', async () => {
    const { header, list } = page();
    expect(addsEntries(await recordsOf(() => list.append(document.createElement('li'))), list)).toBe(true);
    expect(addsEntries(await recordsOf(() => header.append(document.createElement('span'))), list)).toBe(false);
  });

  it('ignores text-only changes and Sift’s own elements', async () => {
    const { list } = page();
    expect(addsEntries(await recordsOf(() => list.append('text')), list)).toBe(false);
    expect(addsEntries(await recordsOf(() => list.append(document.createElement('sift-badge'))), list)).toBe(false);
  });

  it('looks everywhere while no listing is known, or once the listing left the page', async () => {
    const { header, list } = page();
    expect(addsEntries(await recordsOf(() => header.append(document.createElement('div'))), null)).toBe(true);
    list.remove();
    expect(addsEntries(await recordsOf(() => header.append(document.createElement('div'))), list)).toBe(true);
  });

  it('is true when the listing is wrapped in a new element', async () => {
    const { list } = page();
    const wrapper = document.createElement('section');
    expect(addsEntries(await recordsOf(() => { document.body.append(wrapper); wrapper.append(list); }), list)).toBe(true);
  });
});

describe('isNewPage', () => {
  const listing = 'https://arxiv.org/list/hep-ph/new';
  it('a change of the fragment alone is the same page', () => {
    expect(isNewPage(listing, `${listing}#item9`)).toBe(false);
    expect(isNewPage(`${listing}#item9`, `${listing}#content`)).toBe(false);
    expect(isNewPage(`${listing}#content`, listing)).toBe(false);
    expect(isNewPage('https://openreview.net/group?id=ICLR.cc/2021/Conference', 'https://openreview.net/group?id=ICLR.cc/2021/Conference#tab-accept-oral')).toBe(false);
  });
  it('another path or query is another page', () => {
    expect(isNewPage(listing, 'https://arxiv.org/list/hep-ph/pastweek')).toBe(true);
    expect(isNewPage('https://dblp.org/search?q=llm', 'https://dblp.org/search?q=vit')).toBe(true);
    expect(isNewPage(`${listing}#item9`, 'https://arxiv.org/list/cs.LG/new#item9')).toBe(true);
  });
  it('a hash route of a single-page app is a page of its own', () => {
    expect(isNewPage('https://example.org/app#/papers/1', 'https://example.org/app#/papers/2')).toBe(true);
    expect(isNewPage('https://example.org/app#!/a', 'https://example.org/app#!/b')).toBe(true);
    expect(isNewPage('https://example.org/app', 'https://example.org/app#/a')).toBe(true);
  });
});
