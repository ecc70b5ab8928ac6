import { useId } from 'preact/hooks';
import { Axis } from './Axis';
import { DataTable } from './DataTable';
import { FRAME, PLOT, labelEvery, niceMax } from './scale';

export interface Series {
  name: string;
  /** One value per category; null leaves a gap in the line. */
  values: Array<number | null>;
  /** Style hook: the line's colour and dash come from CSS. */
  tone: 'primary' | 'secondary';
}

interface Props {
  title: string;
  desc: string;
  /** Category labels: full (table) and short (axis). */
  labels: Array<{ label: string; tick: string }>;
  series: Series[];
  categoryHeader: string;
  format: (n: number) => string;
  /** A fixed value range (e.g. −100…100 for NPS); by default 0 up to a round number above the largest value. */
  domain?: { bottom: number; top: number };
}

/** Lines through the known points of each series, a dot on each, over the same axis as the bar chart. */
export function LineChart({ title, desc, labels, series, categoryHeader, format, domain }: Props) {
  const id = useId();
  const top = domain?.top ?? niceMax(Math.max(0, ...series.flatMap((s) => s.values.filter((v): v is number => v !== null))));
  const bottom = domain?.bottom ?? 0;
  const slot = PLOT.width / Math.max(1, labels.length);
  const every = labelEvery(labels.length);
  const x = (i: number) => FRAME.left + slot * (i + 0.5);
  const y = (v: number) => FRAME.top + PLOT.height - ((v - bottom) / (top - bottom)) * PLOT.height;
  const path = (values: Array<number | null>) => {
    let d = '';
    let pen = false;
    values.forEach((v, i) => {
      if (v === null) pen = false;
      else {
        d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)} ${y(v).toFixed(1)}`;
        pen = true;
      }
    });
    return d;
  };
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${FRAME.width} ${FRAME.height}`} role="img" aria-labelledby={`${id}-t ${id}-d`}>
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{desc}</desc>
        <Axis top={top} bottom={bottom} format={format} ticks={labels.map((l, i) => ({ x: x(i), label: i % every === 0 ? l.tick : '' }))} />
        {series.map((s) => (
          <g key={s.name} class={`line ${s.tone}`}>
            <path d={path(s.values)} />
            {s.values.map((v, i) => (v === null ? null : <circle key={i} cx={x(i)} cy={y(v)} r={3} data-value={v} />))}
          </g>
        ))}
      </svg>
      <DataTable
        caption={title}
        columns={[categoryHeader, ...series.map((s) => s.name)]}
        rows={labels.map((l, i) => [l.label, ...series.map((s) => (s.values[i] === null || s.values[i] === undefined ? '—' : format(s.values[i]!)))])}
      />
    </figure>
  );
}
