import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { organizationScopeSql } from '../access/access.repository';
import { exec, one, rows, type Db } from '../database/sql';
import { DEFAULT_POLICY, type Light } from '../supervision/timeliness';
import { planWithPolicy } from '../supervision/supervision-snapshot.repository';
import { taskTimelinessSql, timelinessParams } from '../tasks/task-rules-sql';
import type { TaskStatus } from '../tasks/task-status';
import type { IncomingFilter, IncomingTaskDto } from './dto/incoming-task.dto';

/** The incoming row under lock, for accepting it. */
export interface LockedIncoming {
  id: string;
  organizationId: string;
  parentTaskId: string;
  /** The parent organization's unit standing for this organization. */
  viaUnitId: string;
  acceptedAt: Date | null;
  parent: { content: string; dueDate: string; kind: string; sourceKind: string; sourceDocumentNumber: string | null; sourceDate: string | null };
}

export interface DeliveredTo {
  organizationId: string;
  organizationName: string;
  receivedAt: Date;
  acceptedAt: Date | null;
}

export interface ChildTaskRow {
  id: string;
  organizationId: string;
  planId: string;
  number: number;
  content: string;
  status: TaskStatus;
  dueDate: string;
}

export interface LatestReportRow {
  taskId: string;
  summary: string;
  percent: number;
  reportedAt: Date;
  unitName: string;
}

interface IncomingRow {
  id: string;
  receivedAt: Date;
  acceptedAt: Date | null;
  fromOrganization: IncomingTaskDto['fromOrganization'];
  viaUnit: IncomingTaskDto['viaUnit'];
  parentTask: IncomingTaskDto['parentTask'];
  childTasks: IncomingTaskDto['childTasks'];
}

const INCOMING = `
  SELECT i.id, i.received_at AS "receivedAt", i.accepted_at AS "acceptedAt",
         json_build_object('id', po.id, 'name', po.name) AS "fromOrganization",
         json_build_object('id', vu.id, 'name', vu.name) AS "viaUnit",
         json_build_object('id', t.id, 'number', t.number, 'content', t.content, 'dueDate', t.due_date, 'status', t.status,
                           'planId', p.id, 'planTitle', p.title) AS "parentTask",
         coalesce((SELECT json_agg(json_build_object('id', c.id, 'planId', c.plan_id, 'number', c.number, 'status', c.status)
                                   ORDER BY c.plan_id, c.number)
                     FROM task c WHERE c.parent_task_id = i.parent_task_id AND c.organization_id = i.organization_id), '[]') AS "childTasks"
    FROM incoming_task i
    JOIN task t ON t.id = i.parent_task_id
    JOIN plan p ON p.id = t.plan_id
    JOIN organization po ON po.id = t.organization_id
    JOIN unit vu ON vu.id = i.via_unit_id`;

/** 下达's SQL: the receiving organization's inbox, accepting into child tasks, and what the parent reads of them. */
@Injectable()
export class CascadeRepository {
  constructor(@InjectDataSource() private readonly db: Db) {}

  in(db: Db): CascadeRepository {
    return new CascadeRepository(db);
  }

  /** The organization's incoming tasks, newest first. */
  async inbox(organizationId: string, filter: IncomingFilter): Promise<IncomingTaskDto[]> {
    const found = await rows<IncomingRow>(
      this.db,
      `${INCOMING}
        WHERE i.organization_id = $1 AND ($2 = 'all' OR ($2 = 'pending') = (i.accepted_at IS NULL))
        ORDER BY i.received_at DESC, t.number, i.id`,
      [organizationId, filter],
    );
    return found.map(toIncomingDto);
  }

  async incoming(id: string): Promise<IncomingTaskDto | null> {
    const row = await one<IncomingRow>(this.db, `${INCOMING} WHERE i.id = $1`, [id]);
    return row ? toIncomingDto(row) : null;
  }

  /** The incoming row and what a child task copies of its parent, the row locked until the transaction ends. */
  lockIncoming(id: string): Promise<LockedIncoming | null> {
    return one<LockedIncoming>(
      this.db,
      `SELECT i.id, i.organization_id AS "organizationId", i.parent_task_id AS "parentTaskId", i.via_unit_id AS "viaUnitId",
              i.accepted_at AS "acceptedAt", json_build_object('content', t.content, 'dueDate', t.due_date, 'kind', t.kind, 'sourceKind', t.source_kind,
                                'sourceDocumentNumber', t.source_document_number, 'sourceDate', t.source_date) AS parent
         FROM incoming_task i JOIN task t ON t.id = i.parent_task_id
        WHERE i.id = $1
          FOR UPDATE OF i`,
      [id],
    );
  }

  /** The plan's organization, the plan locked (child numbers are taken under it, as a notice import's are). */
  async lockPlan(planId: string): Promise<string | null> {
    return (await one<{ organization_id: string }>(this.db, `SELECT organization_id FROM plan WHERE id = $1 FOR UPDATE`, [planId]))?.organization_id ?? null;
  }

  /** Which of `unitIds` are units of the organization. */
  async unitsOf(organizationId: string, unitIds: string[]): Promise<Set<string>> {
    const found = await rows<{ id: string }>(this.db, `SELECT id FROM unit WHERE organization_id = $1 AND id = ANY($2::uuid[])`, [organizationId, unitIds]);
    return new Set(found.map((u) => u.id));
  }

  /** A child task numbered after the plan's last, linked to its parent and carrying the parent's source. */
  async insertChild(planId: string, parent: LockedIncoming['parent'], parentTaskId: string, task: { content: string; dueDate: string }): Promise<{ id: string; number: number }> {
    const row = await one<{ id: string; number: number }>(
      this.db,
      `INSERT INTO task (plan_id, number, content, due_date, kind, origin, source_kind, source_document_number, source_date, parent_task_id)
       SELECT $1, coalesce(max(number), 0) + 1, $2, $3, $4, 'manual', $5, $6, $7, $8 FROM task WHERE plan_id = $1
       RETURNING id, number`,
      [planId, task.content, task.dueDate, parent.kind, parent.sourceKind, parent.sourceDocumentNumber, parent.sourceDate, parentTaskId],
    );
    return row!;
  }

  async markAccepted(id: string, userId: string | null): Promise<void> {
    await exec(this.db, `UPDATE incoming_task SET accepted_at = now(), accepted_by = $2 WHERE id = $1`, [id, userId]);
  }

  /** The organizations each task was delivered to, by name, among `readable` (null: every organization). */
  deliveries(taskIds: string[], readable: readonly string[] | null): Promise<Array<DeliveredTo & { parentTaskId: string }>> {
    return rows(
      this.db,
      `SELECT i.parent_task_id AS "parentTaskId", i.organization_id AS "organizationId", o.name AS "organizationName",
              i.received_at AS "receivedAt", i.accepted_at AS "acceptedAt"
         FROM incoming_task i JOIN organization o ON o.id = i.organization_id
        WHERE i.parent_task_id = ANY($1::uuid[]) AND ($2::uuid[] IS NULL OR ${organizationScopeSql('i.organization_id', '$2')})
        ORDER BY o.name, o.id`,
      [taskIds, readable],
    );
  }

  /** The child tasks of each task, in the organizations it was delivered to, among `readable` (null: every one). */
  children(taskIds: string[], readable: readonly string[] | null): Promise<Array<ChildTaskRow & { parentTaskId: string }>> {
    return rows(
      this.db,
      `SELECT c.parent_task_id AS "parentTaskId", c.id, c.organization_id AS "organizationId", c.plan_id AS "planId", c.number,
              c.content, c.status, to_char(c.due_date, 'YYYY-MM-DD') AS "dueDate"
         FROM task c
         JOIN incoming_task i ON i.parent_task_id = c.parent_task_id AND i.organization_id = c.organization_id
        WHERE c.parent_task_id = ANY($1::uuid[]) AND ($2::uuid[] IS NULL OR ${organizationScopeSql('c.organization_id', '$2')})
        ORDER BY c.plan_id, c.number`,
      [taskIds, readable],
    );
  }

  /** Each task's light as of `asOf`, by the plan's own task rules (task_timeliness). */
  async lights(planId: string, taskIds: string[], asOf: string): Promise<Map<string, Light>> {
    const plan = await planWithPolicy(this.db, planId);
    if (!plan) return new Map();
    const found = await rows<{ task_id: string; light: Light }>(
      this.db,
      `SELECT tl.task_id, tl.light FROM ${taskTimelinessSql(1)} tl WHERE tl.task_id = ANY($6::uuid[])`,
      [...timelinessParams(planId, asOf, plan, DEFAULT_POLICY.behindTolerance), taskIds],
    );
    return new Map(found.map((r) => [r.task_id, r.light]));
  }

  latestReports(taskIds: string[]): Promise<LatestReportRow[]> {
    return rows<LatestReportRow>(
      this.db,
      `SELECT DISTINCT ON (r.task_id) r.task_id AS "taskId", r.summary, r.percent, r.created_at AS "reportedAt", u.name AS "unitName"
         FROM progress_report r JOIN unit u ON u.id = r.unit_id
        WHERE r.task_id = ANY($1::uuid[])
        ORDER BY r.task_id, r.created_at DESC, r.id DESC`,
      [taskIds],
    );
  }

  async dueDate(taskId: string): Promise<string | null> {
    return (await one<{ due: string }>(this.db, `SELECT to_char(due_date, 'YYYY-MM-DD') AS due FROM task WHERE id = $1`, [taskId]))?.due ?? null;
  }
}

function toIncomingDto(row: IncomingRow): IncomingTaskDto {
  return {
    id: row.id,
    receivedAt: row.receivedAt.toISOString(),
    acceptedAt: row.acceptedAt?.toISOString() ?? null,
    fromOrganization: row.fromOrganization,
    viaUnit: row.viaUnit,
    parentTask: row.parentTask,
    childTasks: row.childTasks,
  };
}
