import { readDoc } from './doc-reader';
import { readDocx } from './docx-reader';
import { fileSignature, isEncryptedOfficePackage, looksBinary, type FileSignature } from './file-signature';
import { ImportFileError } from './import-file-error';
import type { ImportSource } from './import-source';
import { readDelimitedTable } from './table-parser';
import { decodeText } from './text-decoding';
import { readXlsx } from './xlsx-reader';

/** The file types an import accepts, by extension. */
export const IMPORT_FILE_TYPES = ['.docx', '.doc', '.xlsx', '.csv', '.tsv', '.txt'] as const;
type ImportFileType = (typeof IMPORT_FILE_TYPES)[number];

const WHAT_IT_IS: Record<FileSignature, string> = {
  zip: '新版 Office 文档（.docx/.xlsx）或压缩包',
  ole: '旧版 Office 文件（.doc/.xls）',
  pdf: 'PDF 文件',
  other: '无法识别的文件',
};

const fileTypeOf = (fileName: string): string => /\.[^.]+$/.exec(fileName.trim().toLowerCase())?.[0] ?? '';

function unsupported(fileName: string, type: string): ImportFileError {
  const hint = type === '.xls' || type === '.et' ? '请在 Excel 或 WPS 中另存为 .xlsx 后再导入' : `请上传 ${IMPORT_FILE_TYPES.join('、')} 文件`;
  return new ImportFileError(400, 'FILE_TYPE_UNSUPPORTED', `不支持导入“${fileName}”这种文件：${hint}`, [
    { field: 'file', reason: `不支持的文件类型 ${type || '（无扩展名）'}` },
  ]);
}

function mismatch(fileName: string, signature: FileSignature, advice: string): ImportFileError {
  return new ImportFileError(
    400,
    'FILE_TYPE_MISMATCH',
    `“${fileName}”的内容与扩展名不符：它实际是${WHAT_IT_IS[signature]}。${advice}`,
    [{ field: 'file', reason: `文件内容是${WHAT_IT_IS[signature]}` }],
  );
}

function encrypted(fileName: string): ImportFileError {
  return new ImportFileError(
    422,
    'FILE_ENCRYPTED',
    `“${fileName}”设置了打开密码（已加密），无法读取：请在 Excel、Word 或 WPS 中取消密码后另存，再导入`,
  );
}

/** A Word file by what its bytes are: a .docx zip, or an old binary .doc (whichever extension it was given). */
function readWord(bytes: Buffer, fileName: string): Promise<ImportSource> {
  const signature = fileSignature(bytes);
  if (signature === 'zip') return readDocx(bytes, fileName);
  if (isEncryptedOfficePackage(bytes)) throw encrypted(fileName);
  if (signature === 'ole') return readDoc(bytes, fileName);
  throw mismatch(fileName, signature, '请上传原始的 Word 文档（.docx 或 .doc）');
}

async function readWorkbook(bytes: Buffer, fileName: string): Promise<ImportSource> {
  const signature = fileSignature(bytes);
  if (isEncryptedOfficePackage(bytes)) throw encrypted(fileName);
  if (signature !== 'zip') throw mismatch(fileName, signature, '请上传 .xlsx 工作簿（旧版 .xls 请在 Excel 或 WPS 中另存为 .xlsx）');
  return { kind: 'tables', fileName, tables: await readXlsx(bytes, fileName) };
}

function readText(bytes: Buffer, fileName: string): string {
  if (looksBinary(bytes)) throw mismatch(fileName, fileSignature(bytes), '请上传纯文本文件，或按实际类型上传');
  const text = decodeText(bytes);
  if (!text.trim()) throw new ImportFileError(422, 'FILE_EMPTY', `“${fileName}”是空文件`);
  return text;
}

/**
 * Reads an uploaded file into what the import parses: tables from Word, Excel, CSV and TSV files (each row
 * located where a person finds it), text from a .txt or a Word file without tables. The type is checked from
 * the bytes, so a renamed PDF or a password-protected workbook is a clear Chinese error, never a 500.
 */
export async function readImportFile(bytes: Buffer, fileName: string): Promise<ImportSource> {
  const type = fileTypeOf(fileName);
  if (!(IMPORT_FILE_TYPES as readonly string[]).includes(type)) throw unsupported(fileName, type);
  if (bytes.length === 0) throw new ImportFileError(422, 'FILE_EMPTY', `“${fileName}”是空文件`);
  switch (type as ImportFileType) {
    case '.docx':
    case '.doc':
      return readWord(bytes, fileName);
    case '.xlsx':
      return readWorkbook(bytes, fileName);
    case '.csv':
    case '.tsv':
      return { kind: 'tables', fileName, tables: [readDelimitedTable(readText(bytes, fileName), fileName)] };
    case '.txt':
      return { kind: 'text', text: readText(bytes, fileName) };
  }
}
