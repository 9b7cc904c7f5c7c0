import type { FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart';
import { DomainError } from '../common/domain-errors';
import type { UploadedFile } from './evidence.service';

const megabytes = (bytes: number) => `${Math.round((bytes / 1_048_576) * 10) / 10} MB`;

/** Browsers send UTF-8 file names, which the multipart parser reads as Latin-1: read them back as UTF-8. */
function fileName(raw: string): string {
  const bytes = Buffer.from(raw, 'latin1');
  const utf8 = /^[\x00-\xff]*$/.test(raw) ? bytes.toString('utf8') : raw;
  const name = (utf8.includes('\ufffd') ? raw : utf8).replace(/[\x00-\x1f\x7f/\\]/g, '').trim();
  return name.slice(-200) || '未命名文件';
}

/**
 * Reads an upload's `file` parts, each at most `maxBytes` and at most `maxFiles` of them: a larger file or one
 * file too many is a 413 saying the limit; a body that is not multipart, or is cut off, a 400.
 */
export async function readEvidenceUpload(request: FastifyRequest, maxBytes: number, maxFiles: number): Promise<UploadedFile[]> {
  if (!request.isMultipart()) {
    throw new DomainError(400, 'VALIDATION_FAILED', '请求参数无效：file', [
      { field: 'file', reason: '请以 multipart/form-data 上传文件 (send the files as multipart/form-data)' },
    ]);
  }
  const files: UploadedFile[] = [];
  try {
    // One text field gets through, so that the answer can name it; the check below refuses it.
    for await (const part of request.parts({ limits: { fileSize: maxBytes, files: maxFiles, fields: 1 } })) {
      if (part.type !== 'file' || part.fieldname !== 'file') {
        throw new DomainError(400, 'VALIDATION_FAILED', `请求参数无效：${part.fieldname}`, [
          { field: part.fieldname, reason: '只接受名为 file 的文件字段' },
        ]);
      }
      files.push({ name: fileName(part.filename), bytes: await part.toBuffer() });
    }
  } catch (error) {
    if (error instanceof DomainError) throw error;
    const errors = request.server.multipartErrors;
    if (error instanceof errors.RequestFileTooLargeError) {
      throw new DomainError(413, 'FILE_TOO_LARGE', `文件太大：每个佐证材料不能超过 ${megabytes(maxBytes)}，请压缩后再上传`);
    }
    if (error instanceof errors.FilesLimitError) {
      throw new DomainError(413, 'TOO_MANY_FILES', `文件太多：一次最多上传 ${maxFiles} 个佐证材料`);
    }
    if (error instanceof errors.FieldsLimitError) {
      throw new DomainError(400, 'VALIDATION_FAILED', '请求参数无效：file', [{ field: 'file', reason: '只接受名为 file 的文件字段' }]);
    }
    throw new DomainError(400, 'MULTIPART_INVALID', '上传的内容不完整或格式不正确（multipart/form-data 无法解析），请重新上传');
  }
  return files;
}
