import { exec, one, returning, rows, type Db } from '../database/sql';
import type { EvidenceFileDto, EvidenceTarget } from './dto/evidence.dto';
import { PREVIEWABLE_TYPES } from './evidence-type';

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

/** A file as users see it, and where its bytes are kept. */
export interface EvidenceRecord {
  file: EvidenceFileDto;
  storageKey: string;
}

export interface NewEvidence {
  taskId: string;
  storageKey: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string | null;
}

const SELECT_FILES = `
  SELECT f.*, u.username, u.display_name
    FROM evidence_file f JOIN app_user u ON u.id = f.uploaded_by`;

function toRecord(row: EvidenceRow): EvidenceRecord {
  return {
    storageKey: row.storage_key,
    file: {
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
    },
  };
}

/** 佐证材料 metadata (evidence_file); the bytes are in the object store. */
export class EvidenceRepository {
  constructor(private readonly db: Db) {}

  async insert(file: NewEvidence): Promise<string> {
    const [created] = await returning<{ id: string }>(
      this.db,
      // clock_timestamp(), not now(): files of one upload keep the order they were sent in.
      `INSERT INTO evidence_file (task_id, storage_key, file_name, content_type, size_bytes, sha256, uploaded_by, uploaded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, clock_timestamp()) RETURNING id`,
      [file.taskId, file.storageKey, file.fileName, file.contentType, file.sizeBytes, file.sha256, file.uploadedBy],
    );
    return created!.id;
  }

  /** The task's submitted files and the given user's own unsubmitted ones, in upload order. */
  async visibleOnTask(taskId: string, userId: string | null): Promise<EvidenceRecord[]> {
    const found = await rows<EvidenceRow>(
      this.db,
      `${SELECT_FILES} WHERE f.task_id = $1 AND (f.attached_id IS NOT NULL OR f.uploaded_by = $2) ORDER BY f.uploaded_at, f.id`,
      [taskId, userId],
    );
    return found.map(toRecord);
  }

  async byId(id: string, options: { lock?: boolean } = {}): Promise<EvidenceRecord | null> {
    const row = await one<EvidenceRow>(this.db, `${SELECT_FILES} WHERE f.id = $1${options.lock ? ' FOR UPDATE OF f' : ''}`, [id]);
    return row && toRecord(row);
  }

  /** The files with these ids, in upload order (locked when asked). */
  async byIds(ids: string[], options: { lock?: boolean } = {}): Promise<EvidenceRecord[]> {
    const found = await rows<EvidenceRow>(
      this.db,
      `${SELECT_FILES} WHERE f.id = ANY($1::uuid[]) ORDER BY f.uploaded_at, f.id${options.lock ? ' FOR UPDATE OF f' : ''}`,
      [ids],
    );
    return found.map(toRecord);
  }

  async delete(id: string): Promise<void> {
    await exec(this.db, `DELETE FROM evidence_file WHERE id = $1`, [id]);
  }

  async attach(ids: string[], target: { kind: EvidenceTarget; id: string }): Promise<void> {
    await exec(
      this.db,
      `UPDATE evidence_file SET attached_kind = $2, attached_id = $3, attached_at = now() WHERE id = ANY($1::uuid[])`,
      [ids, target.kind, target.id],
    );
  }

  /** Whether the plan requires 佐证材料 for 销号 (false when there is no such plan). */
  async completionEvidenceRequired(planId: string): Promise<boolean> {
    const plan = await one<{ required: boolean }>(this.db, `SELECT completion_evidence_required AS required FROM plan WHERE id = $1`, [planId]);
    return plan?.required ?? false;
  }

  /** The units assigned to the task, or null when there is no such task. */
  async assignedUnits(taskId: string): Promise<string[] | null> {
    const task = await one<{ units: string[] }>(
      this.db,
      `SELECT array(SELECT unit_id FROM task_assignment a WHERE a.task_id = t.id) AS units FROM task t WHERE t.id = $1`,
      [taskId],
    );
    return task?.units ?? null;
  }
}
