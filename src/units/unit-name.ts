/**
 * The form names are compared in: notices mix full- and half-width brackets and stray spaces,
 * but 市场监督管理局 written either way is one unit.
 */
export function normalizeUnitName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .trim();
}

export function uniqueNames(names: Iterable<string>): string[] {
  return [...new Set([...names].map(normalizeUnitName).filter((n) => n.length > 0))];
}
