import { useEffect, useRef, type ReactNode } from 'react';
import type { Chart } from 'chart.js';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../format';

// chart.js is loaded only when a chart is first drawn, keeping it out of the first download.
let chartJs: Promise<typeof Chart> | null = null;
function loadChartJs(): Promise<typeof Chart> {
  chartJs ??= import('chart.js').then((m) => {
    m.Chart.register(m.BarController, m.BarElement, m.CategoryScale, m.LinearScale, m.Legend, m.Tooltip);
    m.Chart.defaults.font.family = "'Source Sans 3', 'Helvetica Neue', Arial, sans-serif";
    m.Chart.defaults.font.size = 14;
    m.Chart.defaults.color = '#212121';
    return m.Chart;
  });
  return chartJs;
}

export interface Series { label: string; values: (number | null)[]; color?: string }

const PALETTE = ['#2a6ebb', '#1a9988', '#e97025', '#6b4bb4'];

/**
 * A bar chart drawn on a canvas, with its figures always beside it in a table (`table`),
 * so that the chart is never the only way to read them.
 */
export function BarChartFigure(props: {
  title: string;
  labels: string[];
  series: Series[];
  table: ReactNode;
  decimals?: boolean;
  horizontal?: boolean;
  headingLevel?: 'h2' | 'h3';
  id?: string;
  /** Shown instead of the chart when there is nothing to draw (every figure null or 0): no empty axis. */
  emptyText?: string;
}) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart | null>(null);
  const format = props.decimals ? fmt.dec : fmt.int;
  const Heading = props.headingLevel ?? 'h2';

  const dataKey = JSON.stringify([props.labels, props.series]);
  const empty = props.emptyText !== undefined && props.series.every((s) => s.values.every((v) => !v));

  useEffect(() => {
    const el = canvas.current;
    // No 2D context (e.g. jsdom): the table carries the figures alone.
    const ctx = el?.getContext?.('2d');
    if (empty || !el || !ctx) return;
    let cancelled = false;
    const axis = props.horizontal ? 'x' : 'y';
    void loadChartJs().then((ChartJs) => {
      if (cancelled) return;
      chart.current?.destroy();
      chart.current = new ChartJs(ctx, {
        type: 'bar',
        data: {
          labels: props.labels,
          datasets: props.series.map((s, i) => ({
            label: s.label,
            data: s.values,
            backgroundColor: s.color ?? PALETTE[i % PALETTE.length],
          })),
        },
        options: {
          indexAxis: props.horizontal ? 'y' : 'x',
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          locale: i18n.language,
          plugins: {
            legend: { display: props.series.length > 1 },
            tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${format(c.parsed[axis])}` } },
          },
          // Whole-number figures get whole-number steps: otherwise 0.5 steps print as "1, 1, 2, 2".
          scales: {
            [axis]: { beginAtZero: true, ticks: { precision: props.decimals ? undefined : 0, callback: (v: string | number) => format(Number(v)) } },
          },
        },
      });
    });
    return () => {
      cancelled = true;
      chart.current?.destroy();
      chart.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dataKey, empty, props.horizontal, format, i18n.language]);

  return (
    <section className="chart-section" aria-labelledby={props.id}>
      <Heading id={props.id}>{props.title}</Heading>
      <div className="chart-and-table">
        {empty ? (
          <p className="chart-empty">{props.emptyText}</p>
        ) : (
          <div className="chart-canvas">
            <canvas ref={canvas} role="img" aria-label={t('chart.alt', { title: props.title })} />
          </div>
        )}
        <div className="chart-table">{props.table}</div>
      </div>
    </section>
  );
}
