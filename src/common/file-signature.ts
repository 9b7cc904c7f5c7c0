/**
 * What a file's first bytes say it is, whatever its name claims: the magic numbers of the formats people
 * upload or import (images, PDF, Office). The one rule for both the notice import and 佐证材料. `file-type` would
 * do this, but it is ESM-only and our CommonJS build and jest cannot load it; these few signatures are all we need.
 */
export type FileSignature = 'jpeg' | 'png' | 'gif' | 'webp' | 'heic' | 'pdf' | 'zip' | 'ole' | 'other';

const ascii = (text: string) => [...Buffer.from(text, 'latin1')];

/** [signature, offset, bytes]: a match needs every byte at its offset. */
const SIGNATURES: Array<[FileSignature, number, number[]]> = [
  ['jpeg', 0, [0xff, 0xd8, 0xff]],
  ['png', 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['gif', 0, ascii('GIF87a')],
  ['gif', 0, ascii('GIF89a')],
  ['webp', 8, ascii('WEBP')],
  // HEIC/HEIF (phone cameras): an ISO box "ftyp" with a HEIF brand.
  ['heic', 4, ascii('ftypheic')],
  ['heic', 4, ascii('ftypheix')],
  ['heic', 4, ascii('ftypmif1')],
  ['pdf', 0, ascii('%PDF-')],
  ['zip', 0, [0x50, 0x4b, 0x03, 0x04]],
  // An empty zip (no entries) starts with its end-of-central-directory record.
  ['zip', 0, [0x50, 0x4b, 0x05, 0x06]],
  // OLE compound file: old .doc/.xls (and password-protected .docx/.xlsx).
  ['ole', 0, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]],
];

export function fileSignature(bytes: Buffer): FileSignature {
  const match = SIGNATURES.find(
    ([signature, offset, magic]) =>
      (signature !== 'webp' || bytes.subarray(0, 4).equals(Buffer.from('RIFF'))) && magic.every((byte, i) => bytes[offset + i] === byte),
  );
  return match ? match[0] : 'other';
}

/** An OLE container holding an encrypted Office (OOXML) package: what a password-protected .docx/.xlsx is. */
export function isEncryptedOfficePackage(bytes: Buffer): boolean {
  return fileSignature(bytes) === 'ole' && bytes.includes(Buffer.from('EncryptedPackage', 'utf16le'));
}

/** Text files have no NUL bytes (UTF-16 aside, which announces itself with a BOM). */
export function looksBinary(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 8192);
  const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  return !utf16 && (fileSignature(bytes) !== 'other' || head.includes(0));
}
