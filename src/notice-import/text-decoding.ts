/**
 * Text as a Chinese office sends it: UTF-8 (with or without a BOM), UTF-16 with a BOM (Excel's "Unicode text"),
 * or GBK/GB18030 (what Chinese Excel and WPS save CSV in), tried in that order. GB18030 decodes any byte
 * sequence, so it is the fallback once the bytes are not valid UTF-8.
 */
export function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}
