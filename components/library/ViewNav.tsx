import { STATUS_VIEWS, tagView, viewLabel, viewStatus, type ViewId } from '@/lib/library-view';
import type { LibraryCounts } from '@/lib/library-counts';

/** The library's views with their counts. */
export function ViewNav({ current, counts, onSelect }: { current: ViewId; counts?: LibraryCounts; onSelect: (view: ViewId) => void }) {
  const views: { view: ViewId; count?: number }[] = [
    ...STATUS_VIEWS.map((view) => ({ view: view as ViewId, count: counts?.status[viewStatus(view)!] })),
    { view: 'all', count: counts?.all },
    ...(counts?.tags ?? []).map(({ tag, count }) => ({ view: tagView(tag), count })),
  ];
  return (
    <nav className="lib-nav" aria-label="Library views">
      <ul>
        {views.map(({ view, count }) => (
          <li key={view} className={view.startsWith('tag:') ? 'tag' : undefined}>
            <button
              type="button"
              aria-current={view === current ? 'page' : undefined}
              onClick={() => onSelect(view)}
              data-view={view}
            >
              <span className="label">{viewLabel(view)}</span> <span className="count" data-testid={`count-${view}`}>{count ?? '…'}</span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
