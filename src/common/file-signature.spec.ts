import { fileSignature, isEncryptedOfficePackage, looksBinary } from './file-signature';

const bytes = (...parts: Array<string | number[]>) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('fileSignature', () => {
  it.each([
    ['jpeg', bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF')],
    ['png', bytes([0x89], 'PNG\r\n\x1a\n', 'IHDR')],
    ['gif', bytes('GIF89a', [1, 0])],
    ['webp', bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 ')],
    ['heic', bytes([0, 0, 0, 0x18], 'ftypheic', [0, 0])],
    ['pdf', bytes('%PDF-1.7\n')],
    ['zip', bytes('PK', [3, 4, 20, 0])],
    ['ole', bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0])],
  ])('%s by its magic number', (expected, content) => {
    expect(fileSignature(content)).toBe(expected);
  });

  it('a Windows program is "other", whatever it is called; so are RIFF files that are not WebP and empty files', () => {
    expect(fileSignature(bytes('MZ', [0x90, 0, 3, 0]))).toBe('other');
    expect(fileSignature(bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt '))).toBe('other');
    expect(fileSignature(Buffer.alloc(0))).toBe('other');
  });
});

describe('isEncryptedOfficePackage and looksBinary', () => {
  const ole = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

  it('an OLE file with an EncryptedPackage stream is a password-protected .docx/.xlsx; a plain OLE file is not', () => {
    expect(isEncryptedOfficePackage(Buffer.concat([bytes(ole, [0, 0]), Buffer.from('EncryptedPackage', 'utf16le')]))).toBe(true);
    expect(isEncryptedOfficePackage(Buffer.concat([bytes(ole, [0, 0]), Buffer.from('WordDocument', 'utf16le')]))).toBe(false);
  });

  it('text, UTF-16 text with its BOM included, is not binary; a known format or a NUL byte is', () => {
    expect(looksBinary(Buffer.from('序号,任务\r\n1,推进改革', 'utf8'))).toBe(false);
    expect(looksBinary(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('序号', 'utf16le')]))).toBe(false);
    expect(looksBinary(bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF'))).toBe(true);
    expect(looksBinary(bytes('abc', [0], 'def'))).toBe(true);
  });
});
