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
import type { EvidenceFileDto, EvidenceTarget } from './dto/evidence.dto';
import { EvidenceRepository } from './evidence.repository';
import { EVIDENCE_KINDS_TEXT, detectEvidenceType } from './evidence-type';
import { ObjectStore } from './storage/object-store';

export interface UploadedFile {
  name: string;
  bytes: Buffer;
}

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
        const evidence = new EvidenceRepository(manager);
        const created: string[] = [];
        for (const file of prepared) {
          created.push(
            await evidence.insert({
              taskId,
              storageKey: file.key,
              fileName: file.name,
              contentType: file.contentType,
              sizeBytes: file.bytes.length,
              sha256: file.sha256,
              uploadedBy: actor.userId,
            }),
          );
        }
        await this.audit.record(
          { action: 'evidence.upload', entity: 'task', entityId: taskId, after: { files: prepared.map((f, i) => ({ id: created[i], name: f.name, sha256: f.sha256 })) } },
          manager,
        );
        return created;
      });
      return (await new EvidenceRepository(this.dataSource).byIds(ids)).map((r) => r.file);
    } catch (error) {
      await this.discard(stored);
      throw error;
    }
  }

  /** The task's submitted files, and the caller's own files not yet submitted; same read access as the task. */
  async listForTask(taskId: string): Promise<EvidenceFileDto[]> {
    await this.access.requireReadTask(taskId);
    const actor = currentActor();
    return (await new EvidenceRepository(this.dataSource).visibleOnTask(taskId, actor.userId)).map((r) => r.file);
  }

  /** The bytes, after the task read check and a checksum check: what was stored is what is served. */
  async content(id: string): Promise<{ file: EvidenceFileDto; bytes: Buffer }> {
    const record = await new EvidenceRepository(this.dataSource).byId(id);
    if (!record) throw new NotFoundError('佐证材料', id);
    const { file, storageKey } = record;
    await this.access.requireReadEvidence({ taskId: file.taskId, submitted: file.attachedTo !== null, uploadedBy: file.uploadedBy.id });
    const bytes = await this.store.get(storageKey);
    if (!bytes) {
      this.logger.error(`evidence ${id}: object ${storageKey} is missing from the store`);
      throw new DomainError(500, 'EVIDENCE_MISSING', '文件在存储中不存在，请联系系统管理员');
    }
    if (createHash('sha256').update(bytes).digest('hex') !== file.sha256) {
      this.logger.error(`evidence ${id}: object ${storageKey} does not match its sha256`);
      throw new DomainError(500, 'EVIDENCE_CHECKSUM_MISMATCH', '文件校验失败（内容与上传时不一致），请联系系统管理员');
    }
    return { file, bytes };
  }

  /** Only an upload never submitted, and only by its uploader: a submitted file is part of the record. */
  async remove(id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const evidence = new EvidenceRepository(manager);
      const record = await evidence.byId(id, { lock: true });
      if (!record) throw new NotFoundError('佐证材料', id);
      const { file } = record;
      // Another organization's file is as unknown as its task.
      await this.access.requireReadTask(file.taskId);
      this.access.requireDiscardEvidence({ submitted: file.attachedTo !== null, uploadedBy: file.uploadedBy.id });
      if (file.attachedTo) throw new ConflictError('EVIDENCE_SUBMITTED', '该佐证材料已随报送提交，不能删除；如需更正请重新报送');
      await evidence.delete(id);
      await this.audit.record({ action: 'evidence.delete', entity: 'task', entityId: file.taskId, before: file }, manager);
      // Inside the transaction: when the store cannot delete, the row stays too.
      await this.store.delete(record.storageKey);
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
    const evidence = new EvidenceRepository(manager);
    const found = await evidence.byIds(unique, { lock: true });
    const problems = unique.flatMap((id) => {
      const file = found.find((r) => r.file.id === id)?.file;
      if (!file || file.taskId !== taskId) return [{ field: 'evidenceIds', reason: `${id}：不是本任务上传的佐证材料` }];
      if (file.uploadedBy.id !== actor.userId) return [{ field: 'evidenceIds', reason: `${id}：只能提交本人上传的佐证材料` }];
      if (file.attachedTo) return [{ field: 'evidenceIds', reason: `${id}：已随其他报送提交过` }];
      return [];
    });
    if (problems.length > 0) throw new BadRequestError('VALIDATION_FAILED', '请求参数无效：evidenceIds', problems);
    for (const { file, storageKey } of found) {
      if (!(await this.store.exists(storageKey))) {
        throw new BadRequestError('VALIDATION_FAILED', '请求参数无效：evidenceIds', [
          { field: 'evidenceIds', reason: `${file.id}：文件已不在存储中，请重新上传` },
        ]);
      }
    }
    await evidence.attach(unique, target);
    return unique.length;
  }

  /** A plan may require 佐证材料 for 销号 (plan.completionEvidenceRequired): then a request without any is 422. */
  async assertCompletionEvidence(manager: EntityManager, planId: string, attached: number): Promise<void> {
    if (attached > 0) return;
    if (await new EvidenceRepository(manager).completionEvidenceRequired(planId)) {
      throw new DomainError(422, 'EVIDENCE_REQUIRED', '本计划要求申请销号时提交佐证材料，请先上传佐证材料（evidenceIds）再申请', [
        { field: 'evidenceIds', reason: '至少提交一个佐证材料' },
      ]);
    }
  }

  /** Objects whose rows were never written: removed when the store lets us, else only logged (no row points at them). */
  private async discard(keys: string[]): Promise<void> {
    for (const key of keys) {
      await this.store.delete(key).catch((error) => this.logger.warn(`could not remove orphan object ${key}: ${String(error)}`));
    }
  }
}
