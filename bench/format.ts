/** A measured figure for a table: three significant digits or so (1.23, 12.3, 123). */
export function fmt(n: number): string {
  return n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2);
}
