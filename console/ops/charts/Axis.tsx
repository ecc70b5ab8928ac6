import { FRAME, PLOT } from './scale';

interface Props {
  top: number;
  /** The lowest value of the axis (0 unless a scale goes negative, as NPS does). */
  bottom?: number;
  format: (n: number) => string;
  /** Centre x of each slot and its label; empty labels are skipped. */
  ticks: Array<{ x: number; label: string }>;
}

/** 0, half and top; the half line goes when its label would repeat another (a count axis up to 1). */
export function gridValues(top: number, format: (n: number) => string, bottom = 0): number[] {
  const half = format((top + bottom) / 2);
  return half === format(bottom) || half === format(top) ? [bottom, top] : [bottom, (top + bottom) / 2, top];
}

/** Value gridlines (0, half, top) and category labels below the plot; decoration for sighted users. */
export function Axis({ top, bottom = 0, format, ticks }: Props) {
  const y = (v: number) => FRAME.top + PLOT.height - ((v - bottom) / (top - bottom)) * PLOT.height;
  return (
    <g class="axis" aria-hidden="true">
      {gridValues(top, format, bottom).map((v) => (
        <g key={v}>
          <line x1={FRAME.left} x2={FRAME.width - FRAME.right} y1={y(v)} y2={y(v)} class={v === 0 ? 'baseline' : 'grid'} />
          <text x={FRAME.left - 6} y={y(v) + 4} text-anchor="end">
            {format(v)}
          </text>
        </g>
      ))}
      {ticks.map((t, i) =>
        t.label ? (
          <text key={i} x={t.x} y={FRAME.height - 8} text-anchor="middle">
            {t.label}
          </text>
        ) : null,
      )}
    </g>
  );
}
