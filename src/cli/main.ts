/**
 * The `orbitdc` command. Each sub-command lives in commands/<name>.ts and registers itself on the
 * commander program; this file owns what they share: error handling (one clear line and a
 * non-zero exit for bad input, never a stack trace), Ctrl-C (partial files are removed), and
 * the exit codes: 0 ok, 1 failure while working, 2 bad input or usage, 70 a bug in orbitdc,
 * 130 interrupted.
 */
import { Command, CommanderError } from 'commander';
import { InputError, OrbitdcError } from '../core/errors.js';
import { PipeClosed } from './output.js';
import { onInterrupt } from './interrupt.js';
import { registerPropagate } from './commands/propagate.js';
import { registerEclipse } from './commands/eclipse.js';
import { registerConstellation } from './commands/constellation.js';
import { registerDemo } from './commands/demo.js';
import { registerRun } from './commands/run.js';
import { registerPresets, registerSchema } from './commands/presets.js';
import { registerCost, registerRamp } from './commands/cost.js';
import { registerLinks, registerRoute } from './commands/network.js';
import { registerScreen } from './commands/screen.js';
import { registerReplay } from './commands/replay.js';


export function buildProgram(): Command {
  const program = new Command();
  program
    .name('orbitdc')
    .description('Digital twin of orbital AI data centers: orbits, sunlight, power, heat, radiation, links, debris and cost per delivered compute.')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeErr: (s) => process.stderr.write(s),
      outputError: (s, write) => write(`orbitdc: ${s.replace(/^error: /, '')}`),
    });
  registerRun(program);
  registerPresets(program);
  registerSchema(program);
  registerDemo(program);
  registerPropagate(program);
  registerEclipse(program);
  registerConstellation(program);
  registerCost(program);
  registerRamp(program);
  registerLinks(program);
  registerRoute(program);
  registerScreen(program);
  registerReplay(program);
  for (const c of program.commands) c.exitOverride();
  return program;
}

let stdoutGuarded = false;

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  const sigint = () => {
    for (const f of onInterrupt) f();
    process.stderr.write('\norbitdc: interrupted\n');
    process.exit(130);
  };
  process.once('SIGINT', sigint);
  // A reader that closes early (`orbitdc presets | head`) is not an error for a CLI: stop quietly
  // instead of letting Node print an unhandled EPIPE stack trace.
  if (!stdoutGuarded) {
    stdoutGuarded = true;
    process.stdout.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(0);
      process.stderr.write(`orbitdc: cannot write standard output: ${e.message}\n`);
      process.exit(1);
    });
  }
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (e) {
    return reportError(e);
  } finally {
    process.off('SIGINT', sigint);
  }
}

export function reportError(e: unknown): number {
  if (e instanceof CommanderError) {
    // Commander has already printed its one-line message; help and version exit 0.
    return e.exitCode === 0 || e.code === 'commander.helpDisplayed' || e.code === 'commander.version' ? 0 : 2;
  }
  if (e instanceof PipeClosed) return 0;
  if (e instanceof InputError) {
    process.stderr.write(`orbitdc: ${e.toLine()}\n`);
    return 2;
  }
  if (e instanceof OrbitdcError) {
    process.stderr.write(`orbitdc: ${e.toLine()}\n`);
    return e.code === 'E_INTERNAL' ? 70 : 1;
  }
  const msg = e instanceof Error ? e.message : String(e);
  process.stderr.write(`orbitdc: internal error: ${msg}\n`);
  if (process.env.ORBITDC_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
  return 70;
}
