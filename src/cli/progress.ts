/**
 * A progress bar on stderr with rate and ETA. It stays silent for the first second (quick
 * commands print nothing extra), redraws at most 10 times a second on a terminal, and on a
 * non-terminal (CI logs, pipes) prints a plain line at each 10 % instead of carriage returns.
 */
import type { ProgressSink } from '../core/progress.js';

export interface ProgressOptions {
  label: string;
  /** Set false for --quiet. */
  enabled?: boolean;
  stream?: NodeJS.WriteStream;
  /** Delay before the first draw [ms]. */
  delay_ms?: number;
}

export class ProgressBar {
  private readonly t0 = Date.now();
  private lastDraw = 0;
  private lastDecile = -1;
  private drawn = false;
  private readonly stream: NodeJS.WriteStream;
  private readonly tty: boolean;
  private readonly enabled: boolean;
  private readonly delay_ms: number;

  constructor(private readonly opts: ProgressOptions) {
    this.stream = opts.stream ?? process.stderr;
    this.tty = Boolean(this.stream.isTTY);
    this.enabled = opts.enabled ?? true;
    this.delay_ms = opts.delay_ms ?? 1000;
  }

  /** The sink to hand to library functions. */
  readonly sink: ProgressSink = (done, total) => this.update(done, total);

  update(done: number, total: number): void {
    if (!this.enabled) return;
    const now = Date.now();
    const elapsed_ms = now - this.t0;
    if (elapsed_ms < this.delay_ms) return;
    const frac = total > 0 ? Math.min(1, done / total) : 0;
    if (this.tty) {
      if (now - this.lastDraw < 100 && done < total) return;
      this.lastDraw = now;
      const width = 30;
      const fill = Math.round(frac * width);
      const eta_s = frac > 0 ? (elapsed_ms / 1000) * (1 - frac) / frac : NaN;
      const line = `${this.opts.label} [${'#'.repeat(fill)}${'-'.repeat(width - fill)}] ${(frac * 100).toFixed(1).padStart(5)}%  ${formatDuration(elapsed_ms / 1000)} elapsed, ETA ${Number.isFinite(eta_s) ? formatDuration(eta_s) : '?'}`;
      this.stream.write(`\r${line}\x1b[K`);
      this.drawn = true;
    } else {
      const decile = Math.floor(frac * 10);
      if (decile === this.lastDecile) return;
      this.lastDecile = decile;
      this.stream.write(`${this.opts.label}: ${(frac * 100).toFixed(0)}% after ${formatDuration(elapsed_ms / 1000)}\n`);
    }
  }

  /** Clear the bar (terminal) so that what follows starts on a clean line. */
  finish(): void {
    if (this.drawn && this.tty) this.stream.write('\r\x1b[K');
    this.drawn = false;
  }
}

export function formatDuration(s: number): string {
  if (s < 60) return `${s.toFixed(1)}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(Math.round(s - m * 60)).padStart(2, '0')}s`;
  const h = Math.floor(m / 60);
  return `${h}h${String(m - h * 60).padStart(2, '0')}m`;
}
