/** Statement texts sent as named prepared statements, with their names. */
const NAMES = new Map<string, string>();

/**
 * Marks `text` to be sent as the named prepared statement `name` (BoundedClient): each pooled connection parses it
 * once, and PostgreSQL may keep its plan, so the hot writes are not parsed and planned again on every request.
 * Only for fixed texts (no per-call SQL) whose parameters do not call for different plans, on the tables' columns
 * of the running schema (a prepared `SELECT *` fails once a migration changes the table under a running process).
 * Answers `text`, so the constant that holds it is the marked text itself.
 */
export function prepared(name: string, text: string): string {
  const earlier = NAMES.get(text);
  if (earlier !== undefined && earlier !== name) throw new Error(`statement already prepared as ${earlier}`);
  NAMES.set(text, name);
  return text;
}

/** The prepared statement name of `text`, if it was marked. */
export function preparedName(text: string): string | undefined {
  return NAMES.get(text);
}
