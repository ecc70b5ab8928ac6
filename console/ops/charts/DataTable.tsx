interface Props {
  caption: string;
  columns: readonly string[];
  /** The first cell of each row names it (a row header). */
  rows: ReadonlyArray<readonly string[]>;
}

/** A chart's numbers as a table that only screen readers get; the chart itself is one image. */
export function DataTable({ caption, columns, rows }: Props) {
  return (
    <table class="sr-only">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map(([head, ...cells], i) => (
          <tr key={i}>
            <th scope="row">{head}</th>
            {cells.map((c, j) => (
              <td key={j}>{c}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
