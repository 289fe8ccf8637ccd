import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Legend,
  LinearScale,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import type { Bucket, Facet } from './queries.js';

/** The dashboard's charts, drawn by Chart.js (bundled by Vite: nothing is fetched at run time). */

// Only what these charts use, so the bundle stays small.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, DoughnutController, ArcElement, Legend, Tooltip);

const PALETTE = ['#0369a1', '#c2410c', '#15803d', '#7c3aed', '#be123c', '#0f766e', '#a16207', '#4338ca', '#64748b'];
const OTHER_COLOR = '#cbd5e1';

export interface YearSeries {
  label: string;
  /** Facts of this series per year, in the order of the chart's years. */
  counts: number[];
}

export interface YearsData {
  years: string[];
  series: YearSeries[];
}

/**
 * Facts per year, by type: a series for each given type, and one for the other types (a year's total less the
 * given types' counts), so that the bars add up to the year's facts.
 */
export function yearsData(all: Facet, byType: Map<string, Facet>): YearsData {
  const years = yearRange(all.buckets.map((b) => b.value));
  const countIn = (facet: Facet, year: string): number => facet.buckets.find((b) => b.value === year)?.count ?? 0;
  const series = [...byType]
    .map(([type, facet]) => ({ label: type, counts: years.map((y) => countIn(facet, y)) }))
    // Types whose facts are all undated have no bar.
    .filter((s) => s.counts.some((n) => n > 0));
  const rest = years.map((y, i) => countIn(all, y) - series.reduce((sum, s) => sum + s.counts[i]!, 0));
  if (rest.some((n) => n > 0)) series.push({ label: 'other types', counts: rest });
  return { years, series };
}

/** Every year from the first to the last with facts, so that gaps show as gaps. */
function yearRange(values: string[]): string[] {
  const years = values.map(Number).filter(Number.isInteger);
  if (years.length === 0) return [];
  const [first, last] = [Math.min(...years), Math.max(...years)];
  return Array.from({ length: last - first + 1 }, (_, i) => String(first + i).padStart(4, '0'));
}

const BASE = { responsive: true, maintainAspectRatio: false, animation: false } as const;

/** Charts by canvas: each is made once and given new data on every update. */
export class Charts {
  readonly years: Chart<'bar', number[], string>;
  readonly status: Chart<'doughnut', number[], string>;
  readonly kinds: Chart<'doughnut', number[], string>;

  constructor(canvases: { years: HTMLCanvasElement; status: HTMLCanvasElement; kinds: HTMLCanvasElement }) {
    const bar: ChartConfiguration<'bar', number[], string> = {
      type: 'bar',
      data: { labels: [], datasets: [] },
      options: {
        ...BASE,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { position: 'bottom' } },
      },
    };
    this.years = new Chart(canvases.years, bar);
    this.status = new Chart(canvases.status, doughnut());
    this.kinds = new Chart(canvases.kinds, doughnut());
  }

  drawYears(data: YearsData): void {
    this.years.data.labels = data.years;
    this.years.data.datasets = data.series.map((s, i) => ({
      label: s.label,
      data: s.counts,
      backgroundColor: s.label === 'other types' ? OTHER_COLOR : PALETTE[i % PALETTE.length]!,
    }));
    this.years.update();
  }

  drawStatus(facet: Facet): void {
    drawBuckets(this.status, facet.buckets, [...extra('other statuses', facet.otherCount), ...extra('no status', facet.missingCount)]);
  }

  drawKinds(facet: Facet): void {
    drawBuckets(this.kinds, facet.buckets, extra('other kinds', facet.otherCount));
  }
}

function doughnut(): ChartConfiguration<'doughnut', number[], string> {
  return { type: 'doughnut', data: { labels: [], datasets: [] }, options: { ...BASE, plugins: { legend: { position: 'right' } } } };
}

function extra(label: string, count: number): Bucket[] {
  return count > 0 ? [{ value: label, label, count }] : [];
}

/** The buckets in colours, then what falls outside them in grey. */
function drawBuckets(chart: Chart<'doughnut', number[], string>, buckets: Bucket[], rest: Bucket[]): void {
  const all = [...buckets, ...rest];
  chart.data.labels = all.map((b) => b.label ?? b.value);
  chart.data.datasets = [
    {
      data: all.map((b) => b.count),
      backgroundColor: all.map((_, i) => (i < buckets.length ? PALETTE[i % PALETTE.length]! : OTHER_COLOR)),
    },
  ];
  chart.update();
}
