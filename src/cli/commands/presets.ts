/**
 * `orbitdc presets`: the built-in scenarios (name and description, one per line).
 * `orbitdc schema [--out FILE]`: the scenario JSON Schema (draft 2020-12) for editors.
 */
import type { Command } from 'commander';
import { listPresets, PRESET_PREFIX, scenarioJsonSchema } from '../../twin/scenario/index.js';
import { writeFileAtomic } from '../output.js';

export function registerPresets(program: Command): void {
  program
    .command('presets')
    .description('List the built-in scenarios (run one with `orbitdc run preset:NAME`).')
    .option('--json', 'print name, description and path as JSON')
    .action((o: { json?: boolean }) => {
      const presets = listPresets();
      if (o.json) {
        process.stdout.write(`${JSON.stringify(presets, null, 2)}\n`);
        return;
      }
      const width = Math.max(...presets.map((p) => p.name.length + PRESET_PREFIX.length));
      for (const p of presets) process.stdout.write(`${`${PRESET_PREFIX}${p.name}`.padEnd(width)}  ${p.description}\n`);
    });
}

export function registerSchema(program: Command): void {
  program
    .command('schema')
    .description('Print the scenario JSON Schema (draft 2020-12), for editors and validators.')
    .option('--out <file>', 'write to a file (atomically) instead of standard output')
    .addHelpText('after', `
Example (VS Code with the YAML extension): put
  # yaml-language-server: $schema=./orbitdc-scenario.schema.json
at the top of a scenario after
  $ orbitdc schema --out orbitdc-scenario.schema.json`)
    .action(async (o: { out?: string }) => {
      await writeFileAtomic(o.out, JSON.stringify(scenarioJsonSchema(), null, 2));
    });
}
