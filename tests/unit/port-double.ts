// Two ends of a runtime port, in memory, for tests of lib/transfer.ts and the pages that use it.
import { TRANSFER_PORT, type PortLike, type PortSender } from '../../lib/transfer';

// Two ends of a runtime port, in memory, with Chrome's semantics: messages arrive asynchronously
// (as copies), in order; disconnect() fires onDisconnect on the other end only, after the messages
// already sent; posting on a disconnected end throws.

export class PortEnd implements PortLike {
  other!: PortEnd;
  open = true;
  /** Everything this end posted, as the other end received it. */
  readonly sent: unknown[] = [];
  /** True once this end called disconnect(). */
  disconnectCalled = false;
  /** True once the other end disconnected this one. */
  disconnectedByOther = false;
  private readonly messageListeners = new Set<(message: unknown) => void>();
  private readonly disconnectListeners: (() => void)[] = [];

  constructor(
    readonly name: string,
    readonly sender?: PortSender,
  ) {}

  postMessage(message: unknown): void {
    if (!this.open) throw new Error('Attempting to use a disconnected port object');
    const copy: unknown = JSON.parse(JSON.stringify(message));
    this.sent.push(copy);
    const to = this.other;
    queueMicrotask(() => {
      if (to.open) for (const listener of [...to.messageListeners]) listener(copy);
    });
  }

  onMessage = {
    addListener: (listener: (message: unknown) => void) => void this.messageListeners.add(listener),
    removeListener: (listener: (message: unknown) => void) => void this.messageListeners.delete(listener),
  };

  onDisconnect = { addListener: (listener: () => void) => void this.disconnectListeners.push(listener) };

  disconnect(): void {
    this.disconnectCalled = true;
    if (!this.open) return;
    this.open = false;
    const to = this.other;
    queueMicrotask(() => {
      if (!to.open) return;
      to.open = false;
      to.disconnectedByOther = true;
      for (const listener of to.disconnectListeners) listener();
    });
  }
}

/** runtime.connect from a page with this sender: the page's end and the background's. */
export function connect(sender: PortSender): { page: PortEnd; background: PortEnd } {
  const page = new PortEnd(TRANSFER_PORT);
  const background = new PortEnd(TRANSFER_PORT, sender);
  page.other = background;
  background.other = page;
  return { page, background };
}

