/**
 * Counts the open visitor sockets on this node, per visitor. With several nodes a visitor's socket
 * may be on another one; then a "you have a reply" notice can go to someone still on the page,
 * which is harmless (the mail repeats what the widget shows), never the other way round.
 */
export class VisitorSockets {
  private readonly open = new Map<string, number>();

  opened(visitorId: string): void {
    this.open.set(visitorId, (this.open.get(visitorId) ?? 0) + 1);
  }

  closed(visitorId: string): void {
    const n = (this.open.get(visitorId) ?? 0) - 1;
    if (n > 0) this.open.set(visitorId, n);
    else this.open.delete(visitorId);
  }

  isConnected(visitorId: string): boolean {
    return this.open.has(visitorId);
  }
}
