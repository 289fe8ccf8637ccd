import { readFileSync } from 'node:fs';
import { formatTable, type BenchResults } from './run.js';

/** `tsx bench/table.ts bench/results/<file>.json`: the Markdown table of a results file (as in BENCHMARKS.md). */
const results = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as BenchResults;
console.log(formatTable(results));
