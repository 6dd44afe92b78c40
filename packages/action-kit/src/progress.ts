import { formatDuration } from './parse.js';

/**
 * A progress line for long waits: printed when it changes, and repeated at least every
 * `heartbeatMs` so a quiet wait still shows it is alive. The elapsed time leads each line.
 */
export class ProgressReporter {
  private last: string | undefined;
  private lastAt = Number.NEGATIVE_INFINITY;
  private readonly started: number;

  constructor(
    private readonly print: (line: string) => void,
    private readonly now: () => number,
    private readonly heartbeatMs = 30_000,
  ) {
    this.started = now();
  }

  /** Reports the current state; prints only when it changed or the heartbeat is due. */
  report(state: string): boolean {
    const at = this.now();
    if (state === this.last && at - this.lastAt < this.heartbeatMs) return false;
    this.last = state;
    this.lastAt = at;
    this.print(`[${formatDuration(at - this.started)}] ${state}`);
    return true;
  }
}
