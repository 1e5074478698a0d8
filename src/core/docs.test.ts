/** README's status-code table stays in step with the Status enum (as Fastify tests its error docs). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { packagePath } from './package-files.js';
import { Status } from './status.js';

describe('README status table', () => {
  it('lists every status code with its name, and no other', () => {
    const readme = readFileSync(packagePath('README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Status codes'));
    const rows = [...section.matchAll(/^\| (\d+) \| `(\w+)` \|/gm)].map((m) => [Number(m[1]), m[2]] as const);
    const expected = Object.entries(Status).map(([name, code]) => [code, name] as const).sort((a, b) => a[0] - b[0]);
    expect(rows).toEqual(expected);
  });
});
