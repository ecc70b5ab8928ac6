import { useId } from 'preact/hooks';

export interface HeatCell {
  /** Row (1–7) and column (0–23). */
  row: number;
  col: number;
  value: number;
}

interface Props {
  title: string;
  desc: string;
  /** Row labels, full (table, tooltip) and short (beside the grid), in row order 1…n. */
  rows: Array<{ label: string; short: string }>;
  /** Column labels (hours), in order 0…n−1. */
  cols: string[];
  cells: HeatCell[];
  format: (n: number) => string;
  tableLabel: string;
  cornerHeader: string;
}

const CELL = 26;
const LEFT = 40;
const TOP = 18;
/** Five steps from empty to busiest; colour alone is never the only carrier: every cell has a title and the table has the numbers. */
const SHADES = ['#f1f4f9', '#c9d8f7', '#93b1ef', '#4f7fe0', '#1f4fbf'];

/** Empty cells get the lightest shade; the rest one of four steps of value / max, the busiest the darkest. */
export const shade = (v: number, max: number) => (v <= 0 || max <= 0 ? SHADES[0]! : SHADES[Math.min(4, Math.ceil((v / max) * 4))]!);

/** A rows × columns grid of counts (weekday × hour), as one image with a description and its numbers in a table. */
export function Heatmap({ title, desc, rows, cols, cells, format, tableLabel, cornerHeader }: Props) {
  const id = useId();
  const max = Math.max(0, ...cells.map((c) => c.value));
  const value = (r: number, c: number) => cells.find((x) => x.row === r && x.col === c)?.value ?? 0;
  const width = LEFT + cols.length * CELL;
  const height = TOP + rows.length * CELL;
  return (
    <figure class="chart heatmap">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-t ${id}-d`}>
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{desc}</desc>
        {cols.map((c, i) => (i % 3 === 0 ? <text key={c} x={LEFT + i * CELL + CELL / 2} y={12} text-anchor="middle">{c}</text> : null))}
        {rows.map((r, ri) => (
          <g key={r.label}>
            <text x={LEFT - 6} y={TOP + ri * CELL + CELL / 2 + 4} text-anchor="end">{r.short}</text>
            {cols.map((c, ci) => {
              const v = value(ri + 1, ci);
              return (
                <rect key={c} class="cell" x={LEFT + ci * CELL} y={TOP + ri * CELL} width={CELL} height={CELL} rx={3} fill={shade(v, max)}>
                  <title>{`${r.label} ${c}: ${format(v)}`}</title>
                </rect>
              );
            })}
          </g>
        ))}
      </svg>
      <p class="heatmap-scale" aria-hidden="true">
        {SHADES.map((s) => <span key={s} class="swatch" style={{ background: s }} />)}
        <span>0 – {format(max)}</span>
      </p>
      <details class="as-table">
        <summary>{tableLabel}</summary>
        {/* Focusable so a keyboard can scroll the 24 columns sideways. */}
        <div class="scroll" tabIndex={0} role="region" aria-label={title}>
          <table class="data">
            <caption>{title}</caption>
            <thead>
              <tr>
                <th scope="col">{cornerHeader}</th>
                {cols.map((c) => <th key={c} scope="col" class="num">{c}</th>)}
              </tr>
            </thead>
            <tbody>
              {rows.map((r, ri) => (
                <tr key={r.label}>
                  <th scope="row">{r.label}</th>
                  {cols.map((c, ci) => <td key={c} class="num">{format(value(ri + 1, ci))}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
