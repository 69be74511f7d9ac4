// Loaded by popup.html as a classic script before its React code: starts reading the library's
// counts at once, so the popup's first frame can show the inbox count (see `lib/library-counts.ts`).
import { startEarlyCounts } from '@/lib/library-counts';

export default defineUnlistedScript(() => startEarlyCounts());
