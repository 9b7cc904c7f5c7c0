import type { FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DomainError } from '../common/domain-errors';
import { createValidationPipe } from '../common/validation';
import { ImportFileError } from './import-file-error';
import { IMPORT_FILE_TYPES, readImportFile } from './import-file-reader';
import type { ImportSource } from './import-source';
import type { ImportOptions } from './notice-import.service';

/** Form fields are strings: "true"/"false" (and 1/0, on/off, as HTML forms send them) become booleans. */
const formBoolean = ({ value }: { value: unknown }) =>
  ['true', '1', 'on'].includes(String(value)) ? true : ['false', '0', 'off', ''].includes(String(value)) ? false : value;

/** The fields of a multipart import besides the file, validated like the JSON body. */
export class ImportUploadFieldsDto {
  @ApiPropertyOptional({ default: false, description: 'Report what would change and write nothing' })
  @IsOptional()
  @Transform(formBoolean)
  @IsBoolean()
  dryRun?: boolean;

  @ApiPropertyOptional({ default: false, description: 'Create units the registry does not know instead of failing' })
  @IsOptional()
  @Transform(formBoolean)
  @IsBoolean()
  createMissingUnits?: boolean;
}

/** The multipart form as documented in OpenAPI. */
export class ImportUploadDto extends ImportUploadFieldsDto {
  @ApiProperty({ type: 'string', format: 'binary', description: `The notice or task table: ${IMPORT_FILE_TYPES.join(', ')}` })
  file!: unknown;
}

const megabytes = (bytes: number) => `${Math.round((bytes / 1_048_576) * 10) / 10} MB`;

function tooLarge(limit: number): ImportFileError {
  return new ImportFileError(413, 'FILE_TOO_LARGE', `文件太大：导入的文件不能超过 ${megabytes(limit)}，请拆分后分批导入`);
}

/**
 * Reads a multipart import: one `file` part (at most `limit` bytes) and the fields dryRun and createMissingUnits.
 * A missing file, a second file or an unknown field is a 400 naming the field; a larger file a 413.
 */
export async function readImportUpload(request: FastifyRequest, limit: number): Promise<{ source: ImportSource; options: ImportOptions }> {
  const fields: Record<string, string> = {};
  let file: { name: string; bytes: Buffer } | undefined;
  try {
    for await (const part of request.parts({ limits: { fileSize: limit, files: 1, fields: 10 } })) {
      if (part.type === 'field') {
        fields[part.fieldname] = String(part.value);
      } else if (part.fieldname !== 'file') {
        await part.toBuffer();
        fields[part.fieldname] = '';
      } else {
        file = { name: part.filename, bytes: await part.toBuffer() };
      }
    }
  } catch (error) {
    if (error instanceof request.server.multipartErrors.RequestFileTooLargeError) throw tooLarge(limit);
    if (error instanceof request.server.multipartErrors.FilesLimitError) {
      throw new DomainError(400, 'VALIDATION_FAILED', '请求参数无效：file', [{ field: 'file', reason: '一次只能导入一个文件' }]);
    }
    // Everything else here is the body failing to parse (no boundary, cut off): the client's fault, not ours.
    throw new DomainError(400, 'MULTIPART_INVALID', '上传的内容不完整或格式不正确（multipart/form-data 无法解析），请重新上传');
  }
  const options = (await createValidationPipe().transform(fields, { type: 'body', metatype: ImportUploadFieldsDto })) as ImportUploadFieldsDto;
  if (!file) throw new DomainError(400, 'VALIDATION_FAILED', '请求参数无效：file', [{ field: 'file', reason: '必须提供（要导入的文件）' }]);
  return { source: await readImportFile(file.bytes, file.name), options };
}
