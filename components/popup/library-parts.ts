// The popup's parts that read the library, loaded with Dexie after the popup's first frame.
export { TabPapers } from './TabPapers';
export { QueueHead } from './QueueHead';
