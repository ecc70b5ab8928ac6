import type { ComponentChildren } from 'preact';

/** A column heading; a `num` column (figures) is right-aligned. */
export type Column = string | { label: string; num: true };
export const num = (label: string): Column => ({ label, num: true });

interface Props {
  caption: string;
  /** For screen readers only, when a visible heading already names the table. */
  hideCaption?: boolean;
  columns: Column[];
  /** The rows, each `<tr>` with its `<th scope="row">`. */
  children: ComponentChildren;
}

/** The console's data table: scrolls sideways on narrow screens, with a caption and column headings. */
export function DataTable({ caption, hideCaption = false, columns, children }: Props) {
  return (
    <div class="scroll">
      <table class="data">
        <caption class={hideCaption ? 'sr-only' : undefined}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) =>
              typeof c === 'string' ? (
                <th key={c} scope="col">
                  {c}
                </th>
              ) : (
                <th key={c.label} scope="col" class="num">
                  {c.label}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
