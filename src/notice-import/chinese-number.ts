const DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** Reads 一..九十九 (the range of heading ordinals and months); null for anything else. */
export function parseChineseNumber(text: string): number | null {
  const match = /^([一二两三四五六七八九]?)(十?)([一二三四五六七八九]?)$/.exec(text);
  if (!match || text === '') return null;
  const [, tens = '', ten, units = ''] = match;
  if (!ten) return tens && !units ? (DIGITS[tens] ?? null) : null;
  return (tens ? (DIGITS[tens] ?? 0) : 1) * 10 + (units ? (DIGITS[units] ?? 0) : 0);
}

/** Reads an Arabic (half- or full-width) or Chinese number. */
export function parseNumber(text: string): number | null {
  const ascii = toHalfWidth(text);
  return /^\d+$/.test(ascii) ? Number(ascii) : parseChineseNumber(text);
}

/** Full-width ASCII forms and the ideographic space to their half-width twins; keeps string length. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000]/g, (ch) =>
    ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}
