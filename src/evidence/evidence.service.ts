import { createHash, randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AccessService } from '../access/access.service';
import { currentActor } from '../access/permissions';
import type { Actor } from '../access/actor';
import { BadRequestError, ConflictError, DomainError, NotFoundError } from '../common/domain-errors';
import { Env } from '../config/env';
import { exec, one, rows } from '../database/sql';
import type { EvidenceFileDto, EvidenceTarget } from './dto/evidence.dto';
import { EVIDENCE_KINDS_TEXT, PREVIEWABLE_TYPES, detectEvidenceType } from './evidence-type';
import { ObjectStore } from './storage/object-store';

export interface UploadedFile {
  name: string;
  bytes: Buffer;
}

interface EvidenceRow {
  id: string;
  task_id: string;
  storage_key: string;
  file_name: string;
  content_type: string;
  size_bytes: string;
  sha256: string;
  uploaded_by: string;
  username: string;
  display_name: string;
  uploaded_at: Date;
  attached_kind: EvidenceTarget | null;
  attached_id: string | null;
  attached_at: Date | null;
}

const SELECT_FILES = `
  SELECT f.*, u.username, u.display_name
    FROM evidence_file f JOIN app_user u ON u.id = f.uploaded_by`;

/**
 * 佐证材料: files uploaded to a task, then submitted with a progress report, a 销号 request or a 延期 request by
 * id. The bytes go to the object store first and the row after, so no row ever points at a missing object;
 * a submission checks that its files are still in the store. Once submitted a file is never deleted.
 */
@Injectable()
export class EvidenceService {
  private readonly logger = new Logger(EvidenceService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: ObjectStore,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly env: Env,
  ) {}

  /** By a user who may write the task: a user of an assigned unit, or a supervisor. */
  async upload(taskId: string, files: UploadedFile[]): Promise<EvidenceFileDto[]> {
    const actor = await this.access.requireWriteTask(taskId);
    if (files.length === 0) {
      throw new BadRequestError('VALIDATION_FAILED', '请求参数无效：file', [{ field: 'file', reason: '请至少选择一个文件' }]);
    }
    const prepared = files.map((file) => {
      const contentType = detectEvidenceType(file.bytes);
      if (!contentType) {
        throw new DomainError(415, 'UNSUPPORTED_FILE_TYPE', `文件“${file.name}”的内容不是可接受的佐证材料类型（按文件内容识别，与文件名无关）；可上传：${EVIDENCE_KINDS_TEXT}`, [
          { field: 'file', reason: `${file.name}: unsupported content` },
        ]);
      }
      return {
        ...file,
        contentType,
        key: `${taskId}/${randomUUID()}`,
        sha256: createHash('sha256').update(file.bytes).digest('hex'),
      };
    });

    const stored: string[] = [];
    try {
      for (const file of prepared) {
        await this.store.put(file.key, file.bytes, file.contentType);
        stored.push(file.key);
      }
      const ids = await this.dataSource.transaction(async (manager) => {
        const created: string[] = [];
        for (const file of prepared) {
          const [{ id }] = await manager.query(
            // clock_timestamp(), not now(): files of one upload keep the order they were sent in.
            `INSERT INTO evidence_file (task_id, storage_key, file_name, content_type, size_bytes, sha256, uploaded_by, uploaded_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, clock_timestamp()) RETURNING id`,
            [taskId, file.key, file.name, file.contentType, file.bytes.length, file.sha256, actor.userId],
          );
          created.push(id);
        }
        await this.audit.record(
          { action: 'evidence.upload', entity: 'task', entityId: taskId, after: { files: prepared.map((f, i) => ({ id: created[i], name: f.name, sha256: f.sha256 })) } },
          manager,
        );
        return created;
      });
      return this.byIds(ids);
    } catch (error) {
      await this.discard(stored);
      throw error;
    }
  }

  /** The task's submitted files, and the caller's own files not yet submitted; same read access as the task. */
  async listForTask(taskId: string): Promise<EvidenceFileDto[]> {
    await this.access.requireReadTask(taskId);
    const actor = currentActor();
    const found = await rows<EvidenceRow>(
      this.dataSource,
      `${SELECT_FILES} WHERE f.task_id = $1 AND (f.attached_id IS NOT NULL OR f.uploaded_by = $2) ORDER BY f.uploaded_at, f.id`,
      [taskId, actor.userId],
    );
    return found.map(toDto);
  }

  /** The bytes, after the task read check and a checksum check: what was stored is what is served. */
  async content(id: string): Promise<{ file: EvidenceFileDto; bytes: Buffer }> {
    const row = await this.findOrFail(id);
    await this.access.requireReadEvidence({ taskId: row.task_id, submitted: row.attached_id !== null, uploadedBy: row.uploaded_by });
    const bytes = await this.store.get(row.storage_key);
    if (!bytes) {
      this.logger.error(`evidence ${id}: object ${row.storage_key} is missing from the store`);
      throw new DomainError(500, 'EVIDENCE_MISSING', '文件在存储中不存在，请联系系统管理员');
    }
    if (createHash('sha256').update(bytes).digest('hex') !== row.sha256) {
      this.logger.error(`evidence ${id}: object ${row.storage_key} does not match its sha256`);
      throw new DomainError(500, 'EVIDENCE_CHECKSUM_MISMATCH', '文件校验失败（内容与上传时不一致），请联系系统管理员');
    }
    return { file: toDto(row), bytes };
  }

  /** Only an upload never submitted, and only by its uploader: a submitted file is part of the record. */
  async remove(id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const row = await one<EvidenceRow>(manager, `${SELECT_FILES} WHERE f.id = $1 FOR UPDATE OF f`, [id]);
      if (!row) throw new NotFoundError('佐证材料', id);
      this.access.requireDiscardEvidence({ submitted: row.attached_id !== null, uploadedBy: row.uploaded_by });
      if (row.attached_id) throw new ConflictError('EVIDENCE_SUBMITTED', '该佐证材料已随报送提交，不能删除；如需更正请重新报送');
      await exec(manager, `DELETE FROM evidence_file WHERE id = $1`, [id]);
      await this.audit.record({ action: 'evidence.delete', entity: 'task', entityId: row.task_id, before: toDto(row) }, manager);
      // Inside the transaction: when the store cannot delete, the row stays too.
      await this.store.delete(row.storage_key);
    });
  }

  /**
   * Submits files with a report or request, in the caller's transaction (which has locked the task): each must
   * be the actor's own upload to this task, not yet submitted, and still in the store. Any failure rolls the
   * report back with it, so nothing refers to a missing file.
   */
  async attach(manager: EntityManager, actor: Actor, taskId: string, target: { kind: EvidenceTarget; id: string }, ids: string[] = []): Promise<number> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return 0;
    if (unique.length > this.env.EVIDENCE_MAX_FILES) {
      throw new BadRequestError('VALIDATION_FAILED', '请求参数无效：evidenceIds', [
        { field: 'evidenceIds', reason: `每次最多提交 ${this.env.EVIDENCE_MAX_FILES} 个佐证材料` },
      ]);
    }
    const found = await rows<EvidenceRow>(manager, `${SELECT_FILES} WHERE f.id = ANY($1) FOR UPDATE OF f`, [unique]);
    const problems = unique.flatMap((id) => {
      const row = found.find((r) => r.id === id);
      if (!row || row.task_id !== taskId) return [{ field: 'evidenceIds', reason: `${id}：不是本任务上传的佐证材料` }];
      if (row.uploaded_by !== actor.userId) return [{ field: 'evidenceIds', reason: `${id}：只能提交本人上传的佐证材料` }];
      if (row.attached_id) return [{ field: 'evidenceIds', reason: `${id}：已随其他报送提交过` }];
      return [];
    });
    if (problems.length > 0) throw new BadRequestError('VALIDATION_FAILED', '请求参数无效：evidenceIds', problems);
    for (const row of found) {
      if (!(await this.store.exists(row.storage_key))) {
        throw new BadRequestError('VALIDATION_FAILED', '请求参数无效：evidenceIds', [
          { field: 'evidenceIds', reason: `${row.id}：文件已不在存储中，请重新上传` },
        ]);
      }
    }
    await exec(
      manager,
      `UPDATE evidence_file SET attached_kind = $2, attached_id = $3, attached_at = now() WHERE id = ANY($1)`,
      [unique, target.kind, target.id],
    );
    return unique.length;
  }

  /** A plan may require 佐证材料 for 销号 (plan.completionEvidenceRequired): then a request without any is 422. */
  async assertCompletionEvidence(manager: EntityManager, planId: string, attached: number): Promise<void> {
    if (attached > 0) return;
    const plan = await one<{ required: boolean }>(manager, `SELECT completion_evidence_required AS required FROM plan WHERE id = $1`, [planId]);
    if (plan?.required) {
      throw new DomainError(422, 'EVIDENCE_REQUIRED', '本计划要求申请销号时提交佐证材料，请先上传佐证材料（evidenceIds）再申请', [
        { field: 'evidenceIds', reason: '至少提交一个佐证材料' },
      ]);
    }
  }

  private async findOrFail(id: string): Promise<EvidenceRow> {
    const row = await one<EvidenceRow>(this.dataSource, `${SELECT_FILES} WHERE f.id = $1`, [id]);
    if (!row) throw new NotFoundError('佐证材料', id);
    return row;
  }

  private async byIds(ids: string[]): Promise<EvidenceFileDto[]> {
    const found = await rows<EvidenceRow>(this.dataSource, `${SELECT_FILES} WHERE f.id = ANY($1) ORDER BY f.uploaded_at, f.id`, [ids]);
    return found.map(toDto);
  }

  /** Objects whose rows were never written: removed when the store lets us, else only logged (no row points at them). */
  private async discard(keys: string[]): Promise<void> {
    for (const key of keys) {
      await this.store.delete(key).catch((error) => this.logger.warn(`could not remove orphan object ${key}: ${String(error)}`));
    }
  }
}

function toDto(row: EvidenceRow): EvidenceFileDto {
  return {
    id: row.id,
    taskId: row.task_id,
    fileName: row.file_name,
    contentType: row.content_type,
    size: Number(row.size_bytes),
    sha256: row.sha256,
    previewable: PREVIEWABLE_TYPES.has(row.content_type),
    uploadedBy: { id: row.uploaded_by, username: row.username, displayName: row.display_name },
    uploadedAt: new Date(row.uploaded_at).toISOString(),
    attachedTo:
      row.attached_kind && row.attached_id && row.attached_at
        ? { kind: row.attached_kind, id: row.attached_id, at: new Date(row.attached_at).toISOString() }
        : null,
  };
}
