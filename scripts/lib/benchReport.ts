/** What every benchmark prints its figures with. */

/** Nearest-rank percentile (`p` from 0 to 1) of the samples; NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
}

/**
 * Prints a table: the first row is the header, underlined; the first `leftColumns` columns are
 * aligned left (names), the others right (figures).
 */
export function printTable(table: readonly (readonly string[])[], leftColumns = 1): void {
  const widths = (table[0] ?? []).map((_, i) => Math.max(...table.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, i) => (i < leftColumns ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
  console.log(line(table[0] ?? []));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of table.slice(1)) console.log(line(row));
}
