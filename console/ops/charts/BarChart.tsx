import { useId } from 'preact/hooks';
import { Axis } from './Axis';
import { DataTable } from './DataTable';
import { FRAME, PLOT, labelEvery, niceMax } from './scale';

export interface Bar {
  /** Full label, for the tooltip and the data table ("3 Mar 2025"). */
  label: string;
  /** Short label under the axis ("3 Mar"). */
  tick: string;
  value: number;
  /** A part of `value` drawn darker inside the bar (e.g. escalated of started). */
  part?: number;
}

interface Props {
  title: string;
  /** A sentence summing up the chart for screen readers. */
  desc: string;
  bars: Bar[];
  /** Column headers of the data table: the category, the value, the part. */
  columns: [string, string] | [string, string, string];
  format?: (n: number) => string;
}

/**
 * A light SVG bar chart: bar heights are proportional to the values against a rounded axis top.
 * The picture is one image with a title and description; the numbers are in a visually hidden table.
 */
export function BarChart({ title, desc, bars, columns, format = String }: Props) {
  const id = useId();
  const top = niceMax(Math.max(0, ...bars.map((b) => b.value)));
  const slot = PLOT.width / Math.max(1, bars.length);
  const width = Math.max(1, Math.min(slot * 0.7, 48));
  const every = labelEvery(bars.length);
  const h = (v: number) => (v / top) * PLOT.height;
  const base = FRAME.top + PLOT.height;
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${FRAME.width} ${FRAME.height}`} role="img" aria-labelledby={`${id}-t ${id}-d`}>
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{desc}</desc>
        <Axis top={top} format={format} ticks={bars.map((b, i) => ({ x: FRAME.left + slot * (i + 0.5), label: i % every === 0 ? b.tick : '' }))} />
        {bars.map((b, i) => {
          const x = FRAME.left + slot * (i + 0.5) - width / 2;
          return (
            <g key={i} class="bar">
              <rect class="bar-value" x={x} y={base - h(b.value)} width={width} height={h(b.value)} data-value={b.value} />
              {b.part ? <rect class="bar-part" x={x} y={base - h(b.part)} width={width} height={h(b.part)} data-value={b.part} /> : null}
            </g>
          );
        })}
      </svg>
      <DataTable caption={title} columns={columns} rows={bars.map((b) => [b.label, format(b.value), ...(columns.length === 3 ? [format(b.part ?? 0)] : [])])} />
    </figure>
  );
}
