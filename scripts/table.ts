import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { defaultGroupBy, groupKeys, groupRuns, parseRunRecord, type GroupKey, type StoredRunRecord } from '../src/node/runRecords';
import { parseArgs, UsageError } from './cli/args';
import { renderResultsTable, tableLegend } from './cli/resultsTable';
import { errorMessage } from '../src/protocol/errors';

const usage = `usage: npm run table -- [files or directories ...] [--group-by ${groupKeys.join(',')}] [--out docs/results-table.md]
  reads run records (default: runs/) and prints a Markdown table of mean ± std over seeds`;

function jsonFiles(inputs: string[]): string[] {
  return inputs.flatMap((p) => {
    if (!statSync(p, { throwIfNoEntry: false })) throw new UsageError(`${p} does not exist`);
    if (!statSync(p).isDirectory()) return [p];
    return readdirSync(p).filter((f) => f.endsWith('.json')).sort().map((f) => path.join(p, f));
  });
}

/** Files that are not run records are skipped with a warning: runs/ may hold other JSON. */
function readRecords(files: string[]): StoredRunRecord[] {
  return files.flatMap((file) => {
    try {
      return [parseRunRecord(JSON.parse(readFileSync(file, 'utf8')))];
    } catch (err) {
      console.warn(`table: skipping ${file}: ${errorMessage(err)}`);
      return [];
    }
  });
}

function parseGroupBy(raw: string | undefined): GroupKey[] {
  if (raw === undefined) return defaultGroupBy;
  const keys = raw.split(',').map((k) => (k.trim() === 'task-mode' ? 'taskMode' : k.trim()));
  const bad = keys.find((k) => !groupKeys.includes(k as GroupKey));
  if (bad !== undefined) throw new UsageError(`--group-by: "${bad}" is not one of ${groupKeys.join(', ')}`);
  return keys as GroupKey[];
}

function warnRepeatedSeeds(groups: ReturnType<typeof groupRuns>): void {
  for (const g of groups) {
    if (new Set(g.seeds).size < g.seeds.length) console.warn(`table: ${[g.key.preset, g.key.variant].filter(Boolean).join(' ')} on ${g.key.teachers} repeats a seed (${g.seeds.join(', ')}); n counts runs, not seeds`);
  }
}

function main(argv: string[]): void {
  const { flags, positionals } = parseArgs(argv, { 'group-by': 'value', out: 'value', help: 'switch' });
  if (flags.has('help')) return console.log(usage);
  const groupBy = parseGroupBy(flags.get('group-by'));
  const files = jsonFiles(positionals.length ? positionals : ['runs']);
  const records = readRecords(files);
  if (records.length === 0) throw new UsageError(`no run records among ${files.length} JSON files`);
  const groups = groupRuns(records, groupBy);
  warnRepeatedSeeds(groups);
  const markdown = `${renderResultsTable(groups, groupBy)}\n\n${tableLegend(records.length, groupBy)}\n`;
  console.log(markdown);
  const out = flags.get('out');
  if (out) {
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, markdown);
    console.warn(`table: wrote ${out}`);
  }
}

try {
  main(process.argv.slice(2));
} catch (err) {
  if (!(err instanceof UsageError)) throw err;
  console.error(`table: ${err.message}`);
  process.exit(2);
}
