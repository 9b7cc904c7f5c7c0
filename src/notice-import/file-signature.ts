/** What a file's first bytes say it is, whatever its name claims. */
export type FileSignature = 'zip' | 'ole' | 'pdf' | 'other';

const SIGNATURES: Array<[FileSignature, number[]]> = [
  ['zip', [0x50, 0x4b, 0x03, 0x04]],
  // An empty zip (no entries) starts with its end-of-central-directory record.
  ['zip', [0x50, 0x4b, 0x05, 0x06]],
  // OLE compound file: old .doc/.xls, and also password-protected .docx/.xlsx (an EncryptedPackage inside).
  ['ole', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]],
  ['pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]],
];

export function fileSignature(bytes: Buffer): FileSignature {
  const match = SIGNATURES.find(([, magic]) => magic.every((byte, i) => bytes[i] === byte));
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
