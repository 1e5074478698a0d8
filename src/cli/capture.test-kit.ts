/**
 * Test kit for the CLI tests: captures standard output and error around each test so that a
 * test can read what a command printed. `out` and `err` are live bindings: importers see the
 * text as it accumulates. Not part of the build (tsconfig.build.json excludes *.test-kit.ts).
 */
import { afterEach, beforeEach } from 'vitest';

export let out = '';
export let err = '';

export const clearOut = (): void => { out = ''; };
export const clearErr = (): void => { err = ''; };

/** Capture stdout and stderr for every test of the calling file. */
export function captureOutput(): void {
  const realOut = process.stdout.write.bind(process.stdout);
  const realErr = process.stderr.write.bind(process.stderr);
  beforeEach(() => {
    out = ''; err = '';
    process.stdout.write = ((s: string | Uint8Array) => { out += String(s); return true; }) as typeof process.stdout.write;
    process.stderr.write = ((s: string | Uint8Array) => { err += String(s); return true; }) as typeof process.stderr.write;
  });
  afterEach(() => {
    process.stdout.write = realOut;
    process.stderr.write = realErr;
  });
}
