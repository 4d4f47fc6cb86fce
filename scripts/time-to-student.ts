/**
 * `npm run time-to-student`: wall time from Start to a student within one point of its best
 * joint accuracy, for setting (a) with the studio's default config, on the Node wasm backend
 * (issue 15; docs/performance.md, "Time to student"). `npm run bench -- --time-to-student`
 * measures the same after its step table; the browser's figure is e2e/bench/timeToStudent.spec.ts.
 */
import { useNodeBackend } from '../src/node/wasmBackend';
import { parseArgs, UsageError } from './cli/args';
import { timeToStudentCli, type TimeToStudentOptions } from './bench/timeToStudentCli';

const usage = `usage: npm run time-to-student -- [--every 50] [--transfer-limit 0] [--out runs/bench] [--tag name]
  --every           evaluate on the test split every this many steps (the studio's default: 50)
  --transfer-limit  transfer images (0 = all, the default config; smaller only to try it out)`;

function whole(value: string | undefined, fallback: number, name: string, min: number): number {
  const n = Number(value ?? fallback);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name}: ${value} is not a whole number of at least ${min}`);
  return n;
}

export function timeToStudentOptions(argv: string[], command: string[]): TimeToStudentOptions | 'help' {
  if (argv.includes('--help')) return 'help';
  const { flags, positionals } = parseArgs(argv, { every: 'value', 'transfer-limit': 'value', out: 'value', tag: 'value' });
  if (positionals.length > 0) throw new UsageError(`unexpected ${positionals.join(' ')}`);
  return {
    every: whole(flags.get('every'), 50, 'every', 1),
    transferLimit: whole(flags.get('transfer-limit'), 0, 'transfer-limit', 0),
    out: flags.get('out') ?? 'runs/bench',
    tag: flags.get('tag') ?? null,
    command,
  };
}

const argv = process.argv.slice(2);
try {
  const o = timeToStudentOptions(argv, ['npm', 'run', 'time-to-student', '--', ...argv]);
  if (o === 'help') console.log(usage);
  else {
    await useNodeBackend('wasm');
    await timeToStudentCli(o);
  }
} catch (err) {
  if (err instanceof UsageError) {
    console.error(`time-to-student: ${err.message}\n${usage}`);
    process.exit(2);
  }
  throw err;
}
