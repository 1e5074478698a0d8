/**
 * Test kit for the CLI tests: captures standard output and error around each test so that a
 * test can read what a command printed. `out` and `err` are live bindings: importers see the
 * text as it accumulates. Not part of the build (tsconfig.build.json excludes *.test-kit.ts).
 */
import { Command } from 'commander';
import { afterEach, beforeEach } from 'vitest';
import { reportError } from './main.js';

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

/**
 * An in-process `orbitdc` with only the given commands registered (main.ts registers them all):
 * returns the exit code main() would give, printing errors as main() does (reportError).
 */
export function inProcessCli(...register: ((program: Command) => void)[]): (...args: string[]) => Promise<number> {
  return async (...args) => {
    const program = new Command().name('orbitdc').exitOverride().configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) });
    for (const r of register) r(program);
    for (const c of program.commands) c.exitOverride();
    try {
      await program.parseAsync(['node', 'orbitdc', ...args]);
      return 0;
    } catch (e) {
      return reportError(e);
    }
  };
}
