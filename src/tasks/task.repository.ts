import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Actor } from '../access/actor';
import { organizationScopeSql, taskScopeSql } from '../access/access.repository';
import type { ReportingCycle } from '../plans/plan.entity';
import { prepared } from '../database/prepared-statements';
import { exec, one, Params, rows, type Db } from '../database/sql';
import type { AcknowledgedVia, AssignmentRole, SourceKind, TaskKind, TaskOrigin, TaskStatus } from './task-status';

/** A task as the register shows it, without its units. */
export interface TaskRecord {
  id: string;
  planId: string;
  number: number;
  content: string;
  kind: TaskKind;
  dueDate: string;
  status: TaskStatus;
  version: number;
  includesOtherUnits: boolean;
  leaders: string[];
  deadlineText: string | null;
  sourceLine: string | null;
  extraFields: Record<string, string>;
  origin: TaskOrigin;
  source: { kind: SourceKind; documentNumber: string | null; date: string | null };
  section: SectionRef | null;
  subsection: SectionRef | null;
}

export interface SectionRef {
  id: string;
  code: string;
  title: string;
}

/** A task read under a row lock, with what every write on it needs to decide. */
export interface LockedTask {
  id: string;
  organizationId: string;
  planId: string;
  number: number;
  status: TaskStatus;
  version: number;
  dueDate: string;
  reportingCycle: ReportingCycle;
  reportCutoffDay: number;
  /** Each assigned unit, its role, and whether it has signed for the task (签收). */
  units: Array<{ unitId: string; role: AssignmentRole; signed: boolean }>;
}

/** One unit's assignment to a task, in the notice's order (lead, responsible, cooperating; then position). */
export interface AssignedUnit {
  taskId: string;
  role: AssignmentRole;
  unitId: string;
  unitName: string;
  assignedAt: Date;
  signed: boolean;
}

export interface AssignmentAcknowledgementRow {
  task_id: string;
  unit_id: string;
  unit_name: string;
  assigned_at: Date;
  acknowledged_at: Date | null;
  acknowledged_via: AcknowledgedVia | null;
  by_id: string | null;
  by_username: string | null;
  by_display_name: string | null;
}

export interface AssignmentInput {
  unitId: string;
  role: AssignmentRole;
  position: number;
  viaGroupId: string | null;
}

export interface TaskEventInput {
  action: string;
  fromStatus?: TaskStatus | null;
  toStatus?: TaskStatus | null;
  comment?: string | null;
  data?: object | null;
}

export interface TaskEventRecord {
  id: string;
  at: Date;
  actor: string;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  comment: string | null;
  data: object | null;
}

export interface MilestoneRecord {
  id: string;
  taskId: string;
  title: string;
  dueDate: string;
  doneAt: Date | null;
}

/** The register's filters (GET /api/tasks); `scopeUnit`: a unit user's own unit, whose tasks alone it may read. */
export interface TaskFilter {
  /** The organizations whose tasks are listed; null: every one (the system). */
  organizationIds: readonly string[] | null;
  scopeUnit: string | null;
  planId?: string;
  status?: TaskStatus;
  sourceKind?: SourceKind;
  sectionId?: string;
  unitId?: string;
  role?: AssignmentRole;
  acknowledged?: boolean;
  q?: string;
}

/** Where a page starts: after the task with this (plan, number), and/or past `offset` rows. */
export interface TaskPageWindow {
  after?: { planId: string; number: number };
  offset: number;
  limit: number;
}

/** A task row as the register reads it (task columns, then its heading and the heading's parent). */
export interface TaskRow {
  id: string;
  plan_id: string;
  number: number;
  content: string;
  kind: TaskKind;
  due_date: string;
  status: TaskStatus;
  version: number;
  includes_other_units: boolean;
  leaders: string[];
  deadline_text: string | null;
  source_line: string | null;
  extra_fields: Record<string, string>;
  origin: TaskOrigin;
  source_kind: SourceKind;
  source_document_number: string | null;
  source_date: string | null;
  s_id: string | null;
  s_code: string | null;
  s_title: string | null;
  s_level: number | null;
  p_id: string | null;
  p_code: string | null;
  p_title: string | null;
}

const TASK_COLUMNS = `
  t.id, t.plan_id, t.number, t.content, t.kind, t.due_date, t.status, t.version,
  t.includes_other_units, t.leaders, t.deadline_text, t.source_line, t.extra_fields,
  t.origin, t.source_kind, t.source_document_number, t.source_date,
  s.id AS s_id, s.code AS s_code, s.title AS s_title, s.level AS s_level,
  p.id AS p_id, p.code AS p_code, p.title AS p_title`;

const SECTION_JOINS = `
  LEFT JOIN plan_section s ON s.id = t.section_id
  LEFT JOIN plan_section p ON p.id = s.parent_id`;

const MILESTONE_COLUMNS = `id, task_id, title, due_date, done_at`;

const ROLE_ORDER = `array_position(ARRAY['lead', 'responsible', 'cooperating'], a.role), a.position`;

/**
 * The 签收 of one unit's assignment, unless signed already (the placeholders name the task, unit, signer and way);
 * also written inside the progress report's statement, so one text serves both.
 */
export function signAssignmentSql(task: string, unit: string, by: string, via: string): string {
  return `UPDATE task_assignment SET acknowledged_at = now(), acknowledged_by = ${by}, acknowledged_via = ${via}
           WHERE task_id = ${task} AND unit_id = ${unit} AND acknowledged_at IS NULL`;
}

/** A task with what the write rules need: its plan's reporting settings and its units with their 签收. */
const taskForWriteSql = (lock: string) => `
  SELECT t.id, t.organization_id, t.plan_id, t.number, t.status, t.version, t.due_date, p.reporting_cycle, p.report_cutoff_day,
         COALESCE((SELECT json_agg(json_build_object('unit_id', a.unit_id, 'role', a.role, 'signed', a.acknowledged_at IS NOT NULL)
                                   ORDER BY a.role, a.position)
                     FROM task_assignment a WHERE a.task_id = t.id), '[]') AS units
    FROM task t JOIN plan p ON p.id = t.plan_id
   WHERE t.id = $1 ${lock}`;

/** The row lock every write to a task takes first: a prepared statement. */
const LOCK_TASK_SQL = prepared('task.lock', taskForWriteSql('FOR UPDATE OF t'));

/** The same without a lock, for a write that re-checks in its own statement that the task is still as read. */
const READ_TASK_SQL = prepared('task.read', taskForWriteSql(''));

interface TaskForWriteRow {
  id: string;
  organization_id: string;
  plan_id: string;
  number: number;
  status: TaskStatus;
  version: number;
  due_date: string;
  reporting_cycle: ReportingCycle;
  report_cutoff_day: number;
  units: Array<{ unit_id: string; role: AssignmentRole; signed: boolean }>;
}

/**
 * The task aggregate's SQL: the register, the row lock every write takes, its status history, 签收, assignments,
 * milestones and 销号 requests. Bound to the data source, or to a transaction with `in(manager)`.
 */
@Injectable()
export class TaskRepository {
  constructor(@InjectDataSource() private readonly db: Db) {}

  in(db: Db): TaskRepository {
    return new TaskRepository(db);
  }

  /** A page of the register in (plan, number) order; the page's keys first, so only its rows are read in full. */
  async page(filter: TaskFilter, window: TaskPageWindow): Promise<TaskRecord[]> {
    const params = new Params();
    const source = taskSource(filter, params);
    if (window.after) source.where.push(`(t.plan_id, t.number) > (${params.bind(window.after.planId)}::uuid, ${params.bind(window.after.number)}::int)`);
    const found = await rows<TaskRow>(
      this.db,
      `WITH ${source.with}page AS (
         SELECT t.id, t.plan_id, t.number FROM ${source.from} ${whereSql(source.where)}
          ORDER BY t.plan_id, t.number LIMIT ${params.bind(window.limit)} OFFSET ${params.bind(window.offset)})
       SELECT ${TASK_COLUMNS} FROM page JOIN task t ON t.id = page.id ${SECTION_JOINS}
        ORDER BY page.plan_id, page.number`,
      params.values,
    );
    return found.map(toRecord);
  }

  /** How many tasks match, counting no further than `limit` (a count past it would read them all). */
  async countUpTo(filter: TaskFilter, limit: number): Promise<number> {
    const params = new Params();
    const source = taskSource(filter, params);
    const row = await one<{ total: number }>(
      this.db,
      `${withSql(source)} SELECT count(*)::int AS total FROM (SELECT 1 FROM ${source.from} ${whereSql(source.where)} LIMIT ${params.bind(limit)}) matched`,
      params.values,
    );
    return row!.total;
  }

  /** The planner's estimate of how many tasks match, from the table statistics: no rows read. */
  async estimateCount(filter: TaskFilter): Promise<number> {
    const params = new Params();
    const source = taskSource(filter, params);
    const plan = await one<{ 'QUERY PLAN': Array<{ Plan: { 'Plan Rows': number } }> }>(
      this.db,
      `EXPLAIN (FORMAT JSON) ${withSql(source)} SELECT 1 FROM ${source.from} ${whereSql(source.where)}`,
      params.values,
    );
    return Math.round(plan!['QUERY PLAN'][0]!.Plan['Plan Rows']);
  }

  async find(ids: string[]): Promise<TaskRecord[]> {
    if (ids.length === 0) return [];
    const found = await rows<TaskRow>(this.db, `SELECT ${TASK_COLUMNS} FROM task t ${SECTION_JOINS} WHERE t.id = ANY($1)`, [ids]);
    return found.map(toRecord);
  }

  async assignedUnits(taskIds: string[]): Promise<AssignedUnit[]> {
    if (taskIds.length === 0) return [];
    const found = await rows<{ task_id: string; role: AssignmentRole; id: string; name: string; assigned_at: Date; signed: boolean }>(
      this.db,
      `SELECT a.task_id, a.role, u.id, u.name, a.assigned_at, a.acknowledged_at IS NOT NULL AS signed
         FROM task_assignment a JOIN unit u ON u.id = a.unit_id
        WHERE a.task_id = ANY($1)
        ORDER BY a.task_id, ${ROLE_ORDER}`,
      [taskIds],
    );
    return found.map((a) => ({ taskId: a.task_id, role: a.role, unitId: a.id, unitName: a.name, assignedAt: a.assigned_at, signed: a.signed }));
  }

  /** The task under a row lock (FOR UPDATE) with its plan's reporting settings and its units; null when unknown. */
  async lockForUpdate(taskId: string): Promise<LockedTask | null> {
    return toTaskForWrite(await one<TaskForWriteRow>(this.db, LOCK_TASK_SQL, [taskId]));
  }

  /** The same as committed now, without a lock; null when unknown. */
  async readForWrite(taskId: string): Promise<LockedTask | null> {
    return toTaskForWrite(await one<TaskForWriteRow>(this.db, READ_TASK_SQL, [taskId]));
  }

  async setStatus(taskId: string, status: TaskStatus): Promise<void> {
    await exec(this.db, `UPDATE task SET status = $2, version = version + 1, updated_at = now() WHERE id = $1`, [taskId, status]);
  }

  /** A supervisor's edit when `version` is still current; answers how many rows changed (0: stale or unknown). */
  async updateIfVersion(taskId: string, version: number, changes: { dueDate: string | null; content: string | null; kind: TaskKind | null }): Promise<number> {
    return exec(
      this.db,
      `UPDATE task SET due_date = COALESCE($3::date, due_date), content = COALESCE($4, content),
              kind = COALESCE($5, kind), version = version + 1, updated_at = now()
        WHERE id = $1 AND version = $2`,
      [taskId, version, changes.dueDate, changes.content, changes.kind],
    );
  }

  async currentVersion(taskId: string): Promise<number | null> {
    return (await one<{ version: number }>(this.db, `SELECT version FROM task WHERE id = $1`, [taskId]))?.version ?? null;
  }

  async hasProgress(taskId: string): Promise<boolean> {
    return (await one(this.db, `SELECT 1 FROM progress_report WHERE task_id = $1 LIMIT 1`, [taskId])) !== null;
  }

  async addEvent(taskId: string, actor: Actor, event: TaskEventInput): Promise<void> {
    await exec(
      this.db,
      `INSERT INTO task_event (task_id, actor_id, actor_username, action, from_status, to_status, comment, data)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        taskId,
        actor.userId,
        actor.username,
        event.action,
        event.fromStatus ?? null,
        event.toStatus ?? null,
        event.comment ?? null,
        event.data ? JSON.stringify(event.data) : null,
      ],
    );
  }

  async events(taskId: string): Promise<TaskEventRecord[]> {
    const found = await rows<{
      id: string;
      at: Date;
      actor_username: string;
      action: string;
      from_status: string | null;
      to_status: string | null;
      comment: string | null;
      data: object | null;
    }>(this.db, `SELECT id, at, actor_username, action, from_status, to_status, comment, data FROM task_event WHERE task_id = $1 ORDER BY at, id`, [
      taskId,
    ]);
    return found.map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor_username,
      action: r.action,
      fromStatus: r.from_status,
      toStatus: r.to_status,
      comment: r.comment,
      data: r.data,
    }));
  }

  async addCompletionRequest(taskId: string, unitId: string, summary: string, userId: string | null): Promise<string> {
    const row = await one<{ id: string }>(
      this.db,
      `INSERT INTO completion_request (task_id, unit_id, summary, requested_by) VALUES ($1, $2, $3, $4) RETURNING id`,
      [taskId, unitId, summary, userId],
    );
    return row!.id;
  }

  async decideCompletionRequest(taskId: string, decision: 'approve' | 'return', comment: string | null, userId: string | null): Promise<void> {
    await exec(
      this.db,
      `UPDATE completion_request SET decision = $2, comment = $3, decided_by = $4, decided_at = now()
        WHERE task_id = $1 AND decision IS NULL`,
      [taskId, decision, comment, userId],
    );
  }

  /** Signs the unit's assignment unless it is signed already; answers whether this call signed it. */
  async acknowledge(taskId: string, unitId: string, userId: string | null, via: AcknowledgedVia): Promise<boolean> {
    const signed = await exec(this.db, signAssignmentSql('$1', '$2', '$3', '$4'), [taskId, unitId, userId, via]);
    return signed > 0;
  }

  /** Every assignment of the given tasks with its 签收 (or none), in the notice's order. */
  async acknowledgements(taskIds: string[]): Promise<AssignmentAcknowledgementRow[]> {
    return rows<AssignmentAcknowledgementRow>(
      this.db,
      `SELECT a.task_id, a.unit_id, u.name AS unit_name, a.assigned_at, a.acknowledged_at, a.acknowledged_via,
              au.id AS by_id, au.username AS by_username, au.display_name AS by_display_name
         FROM task_assignment a
         JOIN unit u ON u.id = a.unit_id
         LEFT JOIN app_user au ON au.id = a.acknowledged_by
        WHERE a.task_id = ANY($1)
        ORDER BY a.task_id, ${ROLE_ORDER}`,
      [taskIds],
    );
  }

  /** Makes each task's assignments exactly the given ones; a unit that stays keeps its row (assigned_at, 签收). */
  async syncAssignments(replacements: Array<{ taskId: string; assignments: AssignmentInput[] }>): Promise<void> {
    if (replacements.length === 0) return;
    const all = replacements.flatMap(({ taskId, assignments }) => assignments.map((a) => ({ taskId, ...a })));
    const column = <K extends keyof (typeof all)[number]>(key: K) => all.map((row) => row[key]);
    await exec(
      this.db,
      `DELETE FROM task_assignment a
        WHERE a.task_id = ANY($1::uuid[])
          AND NOT EXISTS (SELECT 1 FROM unnest($2::uuid[], $3::uuid[]) AS w(task_id, unit_id)
                           WHERE w.task_id = a.task_id AND w.unit_id = a.unit_id)`,
      [replacements.map((r) => r.taskId), column('taskId'), column('unitId')],
    );
    if (all.length === 0) return;
    await exec(
      this.db,
      `INSERT INTO task_assignment (task_id, unit_id, role, position, via_group_id)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::smallint[], $5::uuid[])
       ON CONFLICT (task_id, unit_id) DO UPDATE
         SET role = EXCLUDED.role, position = EXCLUDED.position, via_group_id = EXCLUDED.via_group_id`,
      [column('taskId'), column('unitId'), column('role'), column('position'), column('viaGroupId')],
    );
  }

  /** A task added by hand, numbered after the plan's last one (the caller holds the plan's row lock). */
  async insertManual(
    planId: string,
    task: { content: string; dueDate: string; sourceKind: SourceKind; documentNumber: string | null; sourceDate: string | null },
  ): Promise<{ id: string; number: number }> {
    const row = await one<{ id: string; number: number }>(
      this.db,
      `INSERT INTO task (plan_id, number, content, due_date, origin, source_kind, source_document_number, source_date)
       SELECT $1, coalesce(max(number), 0) + 1, $2, $3, 'manual', $4, $5, $6 FROM task WHERE plan_id = $1
       RETURNING id, number`,
      [planId, task.content, task.dueDate, task.sourceKind, task.documentNumber, task.sourceDate],
    );
    return row!;
  }

  async addAssignment(taskId: string, unitId: string, role: AssignmentRole, position: number): Promise<void> {
    await exec(this.db, `INSERT INTO task_assignment (task_id, unit_id, role, position) VALUES ($1, $2, $3, $4)`, [taskId, unitId, role, position]);
  }

  async addMilestone(taskId: string, title: string, dueDate: string, userId: string | null): Promise<MilestoneRecord> {
    const row = await one<MilestoneRow>(
      this.db,
      `INSERT INTO milestone (task_id, title, due_date, created_by) VALUES ($1, $2, $3, $4) RETURNING ${MILESTONE_COLUMNS}`,
      [taskId, title, dueDate, userId],
    );
    return toMilestone(row!);
  }

  async milestoneTask(milestoneId: string): Promise<string | null> {
    return (await one<{ task_id: string }>(this.db, `SELECT task_id FROM milestone WHERE id = $1`, [milestoneId]))?.task_id ?? null;
  }

  /** Marks an open milestone done; null when it was done already. */
  async markMilestoneDone(milestoneId: string): Promise<MilestoneRecord | null> {
    const row = await one<MilestoneRow>(
      this.db,
      `UPDATE milestone SET done_at = now() WHERE id = $1 AND done_at IS NULL RETURNING ${MILESTONE_COLUMNS}`,
      [milestoneId],
    );
    return row ? toMilestone(row) : null;
  }

  async milestones(taskId: string): Promise<MilestoneRecord[]> {
    const found = await rows<MilestoneRow>(this.db, `SELECT ${MILESTONE_COLUMNS} FROM milestone WHERE task_id = $1 ORDER BY due_date, created_at`, [
      taskId,
    ]);
    return found.map(toMilestone);
  }
}

interface MilestoneRow {
  id: string;
  task_id: string;
  title: string;
  due_date: string;
  done_at: Date | null;
}

function toMilestone(r: MilestoneRow): MilestoneRecord {
  return { id: r.id, taskId: r.task_id, title: r.title, dueDate: r.due_date, doneAt: r.done_at };
}

/** Where the register's rows come from: `from` (task `t`, maybe joined), its CTEs (`with`, each ending in a comma). */
interface TaskSource {
  with: string;
  from: string;
  where: string[];
}

/**
 * The register's filters as SQL on task `t`, each value bound in `params`. A unit's tasks are gathered from its
 * assignments first (index only), then ordered: walking the whole register in (plan, number) order and probing
 * each task for the unit costs every other unit's task on the way, more the deeper the page.
 */
function taskSource(filter: TaskFilter, params: Params): TaskSource {
  const where: string[] = [];
  let cte = '';
  let from = 'task t';
  // A unit filter (or a unit user's scope, the same set) starts from the unit's assignments.
  const sourceUnit = filter.unitId ?? filter.scopeUnit;
  if (sourceUnit) {
    const role = filter.unitId && filter.role ? ` AND role = ${params.bind(filter.role)}` : '';
    cte = `unit_tasks AS MATERIALIZED (SELECT task_id FROM task_assignment WHERE unit_id = ${params.bind(sourceUnit)}${role}), `;
    from = 'unit_tasks JOIN task t ON t.id = unit_tasks.task_id';
  }
  if (filter.role && !filter.unitId) where.push(`EXISTS (SELECT 1 FROM task_assignment a WHERE a.task_id = t.id AND a.role = ${params.bind(filter.role)})`);
  // Filtering on another unit than the reader's own: its scope still applies (a filter on its own unit is the scope).
  if (filter.scopeUnit && filter.unitId && filter.unitId !== filter.scopeUnit) where.push(taskScopeSql('t', params.bind(filter.scopeUnit)));
  if (filter.organizationIds) where.push(organizationScopeSql('t.organization_id', params.bind(filter.organizationIds)));
  if (filter.planId) where.push(`t.plan_id = ${params.bind(filter.planId)}`);
  if (filter.status) where.push(`t.status = ${params.bind(filter.status)}`);
  if (filter.sourceKind) where.push(`t.source_kind = ${params.bind(filter.sourceKind)}`);
  if (filter.sectionId) {
    const section = params.bind(filter.sectionId);
    where.push(`t.section_id IN (SELECT id FROM plan_section WHERE id = ${section} OR parent_id = ${section})`);
  }
  if (filter.acknowledged !== undefined) {
    // Whose 签收: the unit asked for; a unit user's own unit; otherwise any (false) or every (true) assigned unit.
    const unit = filter.unitId ?? filter.scopeUnit;
    const ofUnit = unit ? ` AND k.unit_id = ${params.bind(unit)}` : '';
    const assignment = (signed: boolean) =>
      `EXISTS (SELECT 1 FROM task_assignment k WHERE k.task_id = t.id AND k.acknowledged_at IS ${signed ? 'NOT ' : ''}NULL${ofUnit})`;
    where.push(!filter.acknowledged ? assignment(false) : unit ? assignment(true) : `NOT ${assignment(false)}`);
  }
  if (filter.q) {
    const text = filter.q.trim();
    const like = params.bind(`%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(/^\d{1,9}$/.test(text) ? `(t.content ILIKE ${like} OR t.number = ${params.bind(Number(text))})` : `t.content ILIKE ${like}`);
  }
  return { with: cte, from, where };
}

function withSql(source: TaskSource): string {
  return source.with ? `WITH ${source.with.replace(/, $/, '')}` : '';
}

function whereSql(where: string[]): string {
  return where.length ? `WHERE ${where.join(' AND ')}` : '';
}

function toRecord(row: TaskRow): TaskRecord {
  return {
    id: row.id,
    planId: row.plan_id,
    number: row.number,
    content: row.content,
    kind: row.kind,
    dueDate: row.due_date,
    status: row.status,
    version: row.version,
    includesOtherUnits: row.includes_other_units,
    leaders: row.leaders,
    deadlineText: row.deadline_text,
    sourceLine: row.source_line,
    extraFields: row.extra_fields,
    origin: row.origin,
    source: { kind: row.source_kind, documentNumber: row.source_document_number, date: row.source_date },
    ...sections(row),
  };
}

/** A task hangs off its deepest heading; split that into section and subsection for the client. */
function sections(row: TaskRow): { section: SectionRef | null; subsection: SectionRef | null } {
  if (!row.s_id) return { section: null, subsection: null };
  const own = { id: row.s_id, code: row.s_code!, title: row.s_title! };
  if (row.s_level === 1 || !row.p_id) return { section: own, subsection: null };
  return { section: { id: row.p_id, code: row.p_code!, title: row.p_title! }, subsection: own };
}

function toTaskForWrite(row: TaskForWriteRow | null): LockedTask | null {
  if (!row) return null;
  return {
    id: row.id,
    organizationId: row.organization_id,
    planId: row.plan_id,
    number: row.number,
    status: row.status,
    version: row.version,
    dueDate: row.due_date,
    reportingCycle: row.reporting_cycle,
    reportCutoffDay: row.report_cutoff_day,
    units: row.units.map((u) => ({ unitId: u.unit_id, role: u.role, signed: u.signed })),
  };
}
