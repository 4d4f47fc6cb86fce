import { formatStat, teacherStats, type GroupKey, type RunGroup, type Stat } from '../../src/node/runRecords';

const pct = (s: Stat) => formatStat(s, 100, 2);
const cell = (s: string) => s.replace(/\|/g, '\\|') || '—';

function perTeacherCell(stats: { id: string; value: Stat }[], withIds: boolean): string {
  return stats.map((t) => (withIds ? `${t.id}: ${pct(t.value)}` : pct(t.value))).join(' / ') || '—';
}

function settingOf(g: RunGroup): string {
  return `${g.key.data} · ${g.key.teachers.replace(/,/g, ' + ')} · ${g.key.taskMode}`;
}

/** Epochs × transfer images; several values when the grouping does not split on them. */
function budgetOf(g: RunGroup): string {
  return g.key.budget.replace(/x/g, ' × ');
}

function studentRow(g: RunGroup, withIds: boolean): string[] {
  const seeds = new Set(g.seeds).size;
  const n = seeds === g.runs.length ? `${seeds}` : `${g.runs.length} (${seeds} seed${seeds === 1 ? '' : 's'})`;
  return [
    settingOf(g),
    g.key.preset,
    g.key.variant,
    n,
    pct(g.joint),
    g.routing.n ? pct(g.routing) : '—',
    perTeacherCell(g.perTeacher.map((t) => ({ id: t.id, value: t.student })), withIds),
    perTeacherCell(g.perTeacher.map((t) => ({ id: t.id, value: t.teacher })), withIds),
    formatStat(g.silhouetteTrue, 1, 3),
    g.medianStepMs.toFixed(0),
    budgetOf(g),
  ];
}

/** The teachers themselves, once per setting, from every run of it. */
function teachersRow(groups: RunGroup[], withIds: boolean): string[] {
  const runs = groups.flatMap((g) => g.runs);
  const stats = teacherStats(runs);
  const teacher = perTeacherCell(stats.map((t) => ({ id: t.id, value: t.teacher })), withIds);
  return [settingOf(groups[0]), 'teachers', '', `${runs.length}`, '—', '—', '—', teacher, '—', '—', '—'];
}

const header = ['setting', 'preset', 'variant', 'n', 'joint acc. %', 'routing alone %', 'student % per teacher', 'teacher % (own classes)', 'silhouette (true labels)', 'median ms/step', 'epochs × transfer images'];

/** A Markdown table, groups already ordered: a teachers row, then one row per group. */
export function renderResultsTable(groups: RunGroup[], groupBy: GroupKey[]): string {
  // Without a split on teachers a row mixes teacher sets, so each value says whose it is.
  const withIds = !groupBy.includes('teachers');
  const rows: string[][] = [];
  let setting = '';
  for (const [i, g] of groups.entries()) {
    if (settingOf(g) !== setting) {
      setting = settingOf(g);
      rows.push(teachersRow(groups.slice(i).filter((h) => settingOf(h) === setting), withIds));
    }
    rows.push(studentRow(g, withIds));
  }
  const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export function tableLegend(files: number, groupBy: GroupKey[]): string {
  return [
    `Mean ± sample standard deviation over seeds. Accuracies in % on the union test set; per teacher, student and teacher are both restricted to that teacher's own classes.`,
    `Silhouette: cosine, student features, fixed probe set (50 test images per class). Median ms/step: median over runs, machine- and backend-dependent.`,
    `${files} run records, grouped by ${groupBy.join(', ')}.`,
  ].join('\n');
}
