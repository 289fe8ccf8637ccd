import path from 'node:path';
import type { LoadRecord } from '../graph/ledger-loads.js';
import type { RevertOutcome } from './revert.js';
import type { Counts, LoadProgress, LoadReport } from './seed-loader.js';

/** Human-readable output of seed loads, for the seed command and npm start. */

function counts(c: Counts): string {
  return `${c.entities} entities, ${c.facts} facts, ${c.sources} sources`;
}

function relative(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}

export function formatReport(report: LoadReport): string {
  const seconds = (report.durationMs / 1000).toFixed(1);
  if (!report.ok) {
    const lines = report.errors.map((e) => `  ${relative(e.file)}: ${e.path}: ${e.message}`);
    const more = report.errorCount > report.errors.length ? [`  … and ${report.errorCount - report.errors.length} more`] : [];
    return [`seed: ${report.errorCount} error(s); nothing was written.`, ...lines, ...more].join('\n');
  }
  const verb = report.dryRun ? 'would be' : 'were';
  const touched = Object.values(report.created).concat(Object.values(report.updated)).some((n) => n > 0);
  const rate = report.durationMs > 0 ? Math.round((report.records / report.durationMs) * 1000) : report.records;
  return [
    `seed: ${report.records} records in ${seconds} s (${rate} records/s)${report.dryRun ? ' — dry run, nothing written' : ''}`,
    `  created ${verb}:   ${counts(report.created)}`,
    `  updated ${verb}:   ${counts(report.updated)}`,
    `  unchanged:      ${counts(report.unchanged)}`,
    ...(touched || report.dryRun ? [] : ['  the graph already held all of this: nothing changed']),
    ...(report.loadId ? [`  load:           ${report.loadId} (npm run seed -- --revert ${report.loadId} puts it back)`] : []),
  ].join('\n');
}

export function formatProgress(p: LoadProgress, dryRun = false): string {
  const rate = p.elapsedMs > 0 ? Math.round((p.records / p.elapsedMs) * 1000) : 0;
  const done = p.phase === 'validate' ? 'validated' : dryRun ? 'compared' : 'written';
  return `seed: ${done} ${p.records} records (${(p.elapsedMs / 1000).toFixed(1)} s, ${rate}/s)`;
}

const total = (c: Counts): number => c.entities + c.facts + c.sources;

/** Recent loads as a table, newest first (`npm run seed -- --loads`). */
export function formatLoads(loads: LoadRecord[]): string {
  if (loads.length === 0) return 'seed: no loads yet';
  const rows = loads.map((l) => [
    l.id,
    l.status,
    l.principal ?? '',
    l.startedAt,
    l.finishedAt ?? '',
    String(total(l.created)),
    String(total(l.updated)),
    String(total(l.unchanged)),
    String(total(l.deleted)),
    l.reverts ? `revert of ${l.reverts}` : l.inputs.map((i) => relative(i.name)).join(', ') + (l.error ? ` — ${l.error}` : ''),
  ]);
  const header = ['load', 'status', 'by', 'started', 'finished', 'created', 'updated', 'unchanged', 'deleted', 'inputs'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

export function formatRevert(report: RevertOutcome): string {
  const lines = [
    report.dryRun
      ? `seed: a revert of ${report.reverted.id} would change ${report.changeCount} records${report.ok ? '' : ', but is refused'}`
      : report.ok
        ? `seed: reverted ${report.reverted.id}: ${report.changeCount} records put back as they were (load ${report.loadId})`
        : `seed: the revert of ${report.reverted.id} was refused; nothing was written`,
    `  re-created:     ${counts(report.created)}`,
    `  put back:       ${counts(report.updated)}`,
    `  deleted:        ${counts(report.deleted)}`,
  ];
  if (report.message) lines.push(`  ${report.message}`);
  for (const c of report.conflicts) lines.push(`  conflict: ${c.category.toLowerCase()} ${c.recordId} changed again by ${c.loads.join(', ')}`);
  if (report.dryRun) for (const c of report.changes.slice(0, 50)) lines.push(`  would ${c.action === 'CREATED' ? 're-create' : c.action === 'DELETED' ? 'delete' : 'restore'} ${c.category.toLowerCase()} ${c.recordId}`);
  return lines.join('\n');
}
