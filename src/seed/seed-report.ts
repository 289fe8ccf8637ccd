import path from 'node:path';
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
  ].join('\n');
}

export function formatProgress(p: LoadProgress, dryRun = false): string {
  const rate = p.elapsedMs > 0 ? Math.round((p.records / p.elapsedMs) * 1000) : 0;
  const done = p.phase === 'validate' ? 'validated' : dryRun ? 'compared' : 'written';
  return `seed: ${done} ${p.records} records (${(p.elapsedMs / 1000).toFixed(1)} s, ${rate}/s)`;
}
