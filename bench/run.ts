/**
 * `npm run bench -- NAME [--json] [args...]`: runs bench/NAME.ts (compiled to dist/bench/NAME.js).
 * `npm run bench -- list` lists them.
 */
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { printResult, type BenchResult } from './harness.js';

const here = dirname(fileURLToPath(import.meta.url));

function available(): string[] {
  return readdirSync(here)
    .filter((f) => f.endsWith('.js') && !['run.js', 'harness.js'].includes(f) && !f.endsWith('.test.js'))
    .map((f) => f.slice(0, -3))
    .sort();
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const json = argv.includes('--json');
  const rest = argv.filter((a) => a !== '--json');
  const name = rest.shift();
  const names = available();
  if (!name || name === 'list') {
    process.stdout.write(`benchmarks: ${names.join(', ')}\nusage: npm run bench -- NAME [--json]\n`);
    return name ? 0 : 2;
  }
  if (!names.includes(name)) {
    process.stderr.write(`bench: no benchmark "${name}" (expected one of: ${names.join(', ')})\n`);
    return 2;
  }
  const mod = (await import(`./${name}.js`)) as { run: (o: { json: boolean; args: string[] }) => Promise<BenchResult> };
  const result = await mod.run({ json, args: rest });
  printResult(result, json);
  return 0;
}

main().then((c) => { process.exitCode = c; }, (e: unknown) => {
  process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
