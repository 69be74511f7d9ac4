import { useEffect, useState } from 'react';
import { earlyCounts, watchCounts, type LibraryCounts } from '@/lib/library-counts';

/** The library's counts as the background last stored them; undefined until known. */
export function useLibraryCounts(): LibraryCounts | undefined {
  const [counts, setCounts] = useState<LibraryCounts | undefined>(earlyCounts);
  useEffect(() => watchCounts(setCounts), []);
  return counts;
}
