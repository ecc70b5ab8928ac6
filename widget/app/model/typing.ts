import { guard } from '../../shared/guard';

const REPEAT_MS = 3_000;
const IDLE_MS = 4_000;

/**
 * Turns keystrokes into few `visitor.typing` frames: `true` at most every few seconds while typing,
 * `false` once after a pause or a send. `write` returns false when the socket is not ready.
 */
export class TypingSignal {
  private sentAt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly write: (typing: boolean) => boolean,
    private readonly now: () => number,
  ) {}

  update(active: boolean): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!active) {
      if (this.sentAt > 0) this.write(false);
      this.sentAt = 0;
      return;
    }
    if (this.now() - this.sentAt > REPEAT_MS && this.write(true)) this.sentAt = this.now();
    this.timer = setTimeout(guard(() => this.update(false)), IDLE_MS);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
