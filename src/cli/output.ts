/**
 * Output for the CLI: a line writer that respects back-pressure (so a 20-million-row
 * propagation streams in constant memory) and writes files atomically: rows go to a temporary
 * file beside the target, renamed into place only when complete, so an interrupted run never
 * leaves a half-written result under the real name.
 */
import { createWriteStream, renameSync, rmSync, type WriteStream } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { OrbitdcError } from '../core/errors.js';

export class LineWriter {
  private buf: string[] = [];
  private bufLen = 0;
  private readonly tmpPath: string | undefined;
  private readonly stream: NodeJS.WritableStream;
  private closed = false;
  private failure: Error | undefined;

  /** `path` undefined or '-' writes to stdout. */
  constructor(private readonly path?: string) {
    if (path === undefined || path === '-') {
      this.stream = process.stdout;
    } else {
      this.tmpPath = join(dirname(path), `.${basename(path)}.${process.pid}.partial`);
      this.stream = createWriteStream(this.tmpPath) as unknown as NodeJS.WritableStream;
    }
    this.stream.on('error', (e: Error) => { this.failure = e; });
  }

  /** Queue a line (a newline is added); flushes in 64 KiB chunks, awaiting drain when needed. */
  async line(s: string): Promise<void> {
    this.buf.push(s);
    this.bufLen += s.length + 1;
    if (this.bufLen >= 65_536) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.failure) throw this.wrap(this.failure);
    if (this.buf.length === 0) return;
    const chunk = `${this.buf.join('\n')}\n`;
    this.buf = [];
    this.bufLen = 0;
    if (!this.stream.write(chunk)) {
      await new Promise<void>((resolve, reject) => {
        const onDrain = () => { cleanup(); resolve(); };
        const onError = (e: Error) => { cleanup(); reject(this.wrap(e)); };
        const cleanup = () => { this.stream.off('drain', onDrain); this.stream.off('error', onError); };
        this.stream.once('drain', onDrain);
        this.stream.once('error', onError);
      });
    }
  }

  /** Flush, close and (for files) move the finished file into place. */
  async commit(): Promise<void> {
    await this.flush();
    if (this.closed) return;
    this.closed = true;
    if (this.tmpPath !== undefined && this.path !== undefined) {
      const ws = this.stream as unknown as WriteStream;
      await new Promise<void>((resolve, reject) => ws.end((e?: Error | null) => (e ? reject(this.wrap(e)) : resolve())));
      renameSync(this.tmpPath, this.path);
    }
  }

  /** Drop a partial file (on error or Ctrl-C). */
  abort(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.tmpPath !== undefined) {
      (this.stream as unknown as WriteStream).destroy();
      rmSync(this.tmpPath, { force: true });
    }
  }

  private wrap(e: Error): Error {
    if ((e as NodeJS.ErrnoException).code === 'EPIPE') return new PipeClosed();
    return new OrbitdcError('E_FILE', `cannot write ${this.path ?? 'standard output'}: ${e.message}`, { file: this.path ?? '-' }, { cause: e });
  }
}

/** Standard output was closed by the reader (e.g. `| head`): not an error for a CLI. */
export class PipeClosed extends Error {
  constructor() { super('output pipe closed'); this.name = 'PipeClosed'; }
}

/** Write a whole small file atomically (JSON, TLE, ...). */
export async function writeFileAtomic(path: string | undefined, text: string): Promise<void> {
  const w = new LineWriter(path);
  try {
    await w.line(text.endsWith('\n') ? text.slice(0, -1) : text);
    await w.commit();
  } catch (e) {
    w.abort();
    throw e;
  }
}
