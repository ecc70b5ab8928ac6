/** CSV for the dashboard's tables (RFC 4180), safe to open in a spreadsheet. */

export type Cell = string | number | boolean | null | undefined;

/**
 * Visitor text ends up in these files (gap examples, CSAT comments): a cell that starts like a
 * formula is prefixed with `'` so a spreadsheet shows it instead of running it.
 */
function cell(value: Cell): string {
  if (value === null || value === undefined) return '';
  let s = typeof value === 'number' ? (Number.isFinite(value) ? String(Math.round(value * 10_000) / 10_000) : '') : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly Cell[]>): string {
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
