/**
 * Rows per bulk statement. A bulk write goes in statements of this many rows, so that each one stays far inside the
 * statement timeout (REQUEST_TIMEOUT_MS) however large the whole write is: a 10,000-item notice's 20,000
 * assignments in one statement took over 5 s on a loaded 2-core machine.
 */
export const ROWS_PER_STATEMENT = 1000;

/** The items in consecutive slices of at most `size`. */
export function chunks<T>(items: readonly T[], size = ROWS_PER_STATEMENT): T[][] {
  const slices: T[][] = [];
  for (let start = 0; start < items.length; start += size) slices.push(items.slice(start, start + size));
  return slices;
}
