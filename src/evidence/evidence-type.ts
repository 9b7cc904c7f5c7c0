import { fileSignature } from '../common/file-signature';

/** Images and PDFs open in the browser (inline); everything else is downloaded. */
export const PREVIEWABLE_TYPES: ReadonlySet<string> = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'application/pdf']);

/** The kinds of 佐证材料 accepted, as users are told when a file is refused. */
export const EVIDENCE_KINDS_TEXT = '图片（JPG、PNG、GIF、WebP、HEIC）、PDF、Word（.doc/.docx）、Excel（.xls/.xlsx）';

const utf16 = (text: string) => Buffer.from(text, 'utf16le');

/**
 * The content type of an uploaded file from its bytes (never from its name or the browser's word): a renamed program
 * is refused. Office files are told apart by what the container holds: a zip with word/ or xl/ parts, an OLE
 * file with a WordDocument or Workbook stream. Null when the file is none of the accepted kinds.
 */
export function detectEvidenceType(bytes: Buffer): string | null {
  switch (fileSignature(bytes)) {
    case 'jpeg':
      return 'image/jpeg';
    case 'png':
      return 'image/png';
    case 'gif':
      return 'image/gif';
    case 'webp':
      return 'image/webp';
    case 'heic':
      // Browsers other than Safari cannot show HEIC: it is kept and downloaded.
      return 'image/heic';
    case 'pdf':
      return 'application/pdf';
    case 'zip':
      if (bytes.includes('word/')) {
        return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
      }
      if (bytes.includes('xl/')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      return null;
    case 'ole':
      if (bytes.includes(utf16('WordDocument'))) return 'application/msword';
      if (bytes.includes(utf16('Workbook')) || bytes.includes(utf16('Book'))) return 'application/vnd.ms-excel';
      return null;
    default:
      return null;
  }
}
