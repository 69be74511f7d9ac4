import { forwardRef } from 'react';
import { NATURAL_ORDER, SORT_KEYS, SORT_LABELS, type SortKey, type SortOrder } from '@/lib/library-filters';

/** The search field, the sort, and the button that shows the filters. */
export const SearchBar = forwardRef<
  HTMLInputElement,
  {
    q: string;
    sort: SortKey;
    order: SortOrder;
    filtersOpen: boolean;
    filterCount: number;
    onQuery: (q: string) => void;
    onSort: (sort: SortKey, order: SortOrder) => void;
    onToggleFilters: () => void;
    /** Leave the field for the list (Enter, ↓, or Esc on an empty field). */
    onLeave: () => void;
  }
>(function SearchBar({ q, sort, order, filtersOpen, filterCount, onQuery, onSort, onToggleFilters, onLeave }, ref) {
  const sorts = q.trim() ? SORT_KEYS : SORT_KEYS.filter((k) => k !== 'relevance');
  return (
    <div className="lib-search" role="search">
      <input
        ref={ref}
        type="search"
        aria-label="Search library"
        placeholder="Search titles, authors, abstracts, tags, notes, ids  (/)"
        value={q}
        maxLength={500}
        autoComplete="off"
        spellCheck={false}
        data-testid="search"
        onChange={(e) => {
          // For `npm run bench`: when each keystroke came (results are timed from it).
          if (import.meta.env.MODE === 'bench') performance.mark('sift:key', { detail: e.target.value });
          onQuery(e.target.value);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === 'ArrowDown' || (e.key === 'Escape' && !q)) {
            e.preventDefault();
            onLeave();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            onQuery('');
          }
        }}
      />
      <div className="lib-search-row">
        <label className="lib-sort">
          <span>Sort</span>
          <select value={sort} onChange={(e) => onSort(e.target.value as SortKey, NATURAL_ORDER[e.target.value as SortKey])}>
            {sorts.map((k) => (
              <option key={k} value={k}>
                {SORT_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          onClick={() => onSort(sort, order === 'asc' ? 'desc' : 'asc')}
          aria-label={order === 'asc' ? 'Ascending order; reverse' : 'Descending order; reverse'}
          title="Reverse the order"
        >
          {order === 'asc' ? '↑' : '↓'}
        </button>
        <button type="button" aria-expanded={filtersOpen} aria-controls="lib-filters" onClick={onToggleFilters}>
          Filters{filterCount > 0 ? ` (${filterCount})` : ''}
        </button>
      </div>
    </div>
  );
});
