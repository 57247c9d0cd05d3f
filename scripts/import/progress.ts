import type { OutputStream } from './io';

/** On a terminal the bar is redrawn at most this often; in a log, a line every few batches or this many seconds. */
const REDRAW_MS = 100;
const LINE_EVERY_BATCHES = 2;
const LINE_EVERY_MS = 10_000;

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** Terminal columns a text takes: CJK characters are two wide. */
function displayWidth(text: string): number {
  return [...text].reduce((width, character) => width + (character.codePointAt(0)! >= 0x2e80 ? 2 : 1), 0);
}

/**
 * Shows how far a long import has got: rows done, rows per second and the time
 * left. A terminal gets one bar redrawn in place; a pipe or a CI log gets a plain
 * line every few batches, so a 100 000-row import is not silent for minutes.
 */
export class Progress {
  private done = 0;
  private batches = 0;
  private readonly started: number;
  private lastDrawn = -Infinity;
  private lastLine: { batches: number; at: number };

  constructor(
    private readonly stream: OutputStream,
    private readonly total: number,
    private readonly now: () => number,
  ) {
    this.started = now();
    this.lastLine = { batches: 0, at: this.started };
  }

  /** Records a finished batch of `rows` rows. */
  advance(rows: number): void {
    this.done += rows;
    this.batches += 1;
    const at = this.now();
    if (this.stream.isTTY) {
      if (at - this.lastDrawn >= REDRAW_MS || this.done === this.total) this.drawBar(at);
      return;
    }
    if (this.done === this.total || this.batches - this.lastLine.batches >= LINE_EVERY_BATCHES || at - this.lastLine.at >= LINE_EVERY_MS) {
      this.stream.write(`${this.summary(at)}\n`);
      this.lastLine = { batches: this.batches, at };
    }
  }

  /** Ends the bar's line, so what follows starts on a fresh one. */
  finish(): void {
    if (this.stream.isTTY && this.lastDrawn > -Infinity) this.stream.write('\n');
  }

  private summary(at: number): string {
    const seconds = Math.max((at - this.started) / 1000, 0.001);
    const rate = this.done / seconds;
    const left = rate > 0 ? (this.total - this.done) / rate : Infinity;
    const percent = Math.floor((this.done / this.total) * 100);
    return `已导入 ${this.done}/${this.total} 行 ${percent}% · ${Math.round(rate)} 行/秒 · 剩余 ${duration(left)} (${this.done}/${this.total} rows, ${Math.round(rate)} rows/s, ${duration(left)} left)`;
  }

  private drawBar(at: number): void {
    this.lastDrawn = at;
    const seconds = Math.max((at - this.started) / 1000, 0.001);
    const rate = this.done / seconds;
    const left = rate > 0 ? (this.total - this.done) / rate : Infinity;
    const text = ` ${this.done}/${this.total} 行 · ${Math.round(rate)} 行/秒 · 剩余 ${duration(left)}`;
    const width = Math.max(10, Math.min(40, (this.stream.columns ?? 80) - displayWidth(text) - 8));
    const filled = Math.round((this.done / this.total) * width);
    this.stream.write(`\r[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${String(Math.floor((this.done / this.total) * 100)).padStart(3)}%${text}\x1b[K`);
  }
}
