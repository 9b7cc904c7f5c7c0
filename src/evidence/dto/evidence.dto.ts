import { ApiProperty } from '@nestjs/swagger';
import { ReporterDto } from '../../progress/dto/progress.dto';

export const EVIDENCE_TARGETS = ['progress_report', 'completion_request', 'extension_request'] as const;
export type EvidenceTarget = (typeof EVIDENCE_TARGETS)[number];

export class EvidenceAttachmentDto {
  @ApiProperty({ enum: EVIDENCE_TARGETS }) kind!: EvidenceTarget;
  @ApiProperty({ format: 'uuid', description: 'The progress report, completion request or extension request' }) id!: string;
  @ApiProperty({ format: 'date-time', description: 'When it was submitted (the instant of the task history step it came with)' }) at!: string;
}

export class EvidenceFileDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) taskId!: string;
  @ApiProperty({ example: '现场照片.jpg' }) fileName!: string;
  @ApiProperty({ example: 'image/jpeg', description: 'Detected from the bytes, not from the name' }) contentType!: string;
  @ApiProperty({ example: 183422 }) size!: number;
  @ApiProperty({ example: 'e3b0c442…', description: 'SHA-256 of the bytes, hex; checked again on every download' }) sha256!: string;
  @ApiProperty({ description: 'An image or PDF the browser can show' }) previewable!: boolean;
  @ApiProperty({ type: ReporterDto }) uploadedBy!: ReporterDto;
  @ApiProperty({ format: 'date-time' }) uploadedAt!: string;
  @ApiProperty({
    type: EvidenceAttachmentDto,
    nullable: true,
    description: 'What it was submitted with; null: uploaded, not yet submitted (only its uploader sees it, and may delete it)',
  })
  attachedTo!: EvidenceAttachmentDto | null;
}

/** The multipart form of an upload, as documented in OpenAPI. */
export class EvidenceUploadDto {
  @ApiProperty({
    type: 'array',
    items: { type: 'string', format: 'binary' },
    description: 'One or more `file` parts: images, PDF, Word, Excel (at most EVIDENCE_MAX_FILES, each at most EVIDENCE_MAX_BYTES)',
  })
  file!: unknown[];
}
