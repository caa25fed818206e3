// The lines of one Proxmox task log as the live stream delivers them: in order, without the repeats a reconnect
// brings (the server starts again from line 0 for a new subscription), and bounded so a long task cannot grow the
// page without limit: the oldest lines are dropped and counted.
export const DEFAULT_MAX_LINES = 3000;

export class LogBuffer {
  private lines: string[] = [];
  private dropped = 0;

  constructor(readonly max = DEFAULT_MAX_LINES) {
    if (!(max > 0)) throw new Error('max must be positive');
  }

  /** Lines received so far, counting the dropped ones: the next line's index in the task log. */
  get total(): number {
    return this.dropped + this.lines.length;
  }

  /** How many of the oldest lines are no longer kept. */
  get droppedLines(): number {
    return this.dropped;
  }

  get visible(): readonly string[] {
    return this.lines;
  }

  /**
   * Adds lines that start at line `from` of the task log. Lines already received are skipped; a gap (lines that
   * never arrived) is accepted as it is. Returns how many lines were added.
   */
  append(from: number, lines: readonly string[]): number {
    const start = Math.max(0, this.total - from);
    if (start >= lines.length) return 0;
    const fresh = lines.slice(start);
    if (from > this.total) this.dropped += from - this.total; // a gap: count the missing lines as not kept
    this.lines.push(...fresh);
    const excess = this.lines.length - this.max;
    if (excess > 0) {
      this.lines.splice(0, excess);
      this.dropped += excess;
    }
    return fresh.length;
  }

  /** Replaces the content with a complete log (the one the run's detail holds once the task ended). */
  reset(lines: readonly string[]): void {
    this.lines = [];
    this.dropped = 0;
    this.append(0, lines);
  }
}
