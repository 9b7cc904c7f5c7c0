import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessService } from '../access/access.service';
import { NotFoundError } from '../common/domain-errors';
import { assignmentAcknowledgements, toAcknowledgement } from './acknowledgements';
import type { ListTasksQueryDto, PendingAcknowledgementDto, SectionRefDto, TaskDetailDto, TaskDto, TaskPageDto } from './dto/task.dto';
import type { AssignmentRole, SourceKind, TaskKind, TaskOrigin, TaskStatus } from './task-status';

interface TaskRow {
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
  t.id, t.plan_id, t.number, t.content, t.kind, to_char(t.due_date, 'YYYY-MM-DD') AS due_date, t.status, t.version,
  t.includes_other_units, t.leaders, t.deadline_text, t.source_line, t.extra_fields,
  t.origin, t.source_kind, t.source_document_number, to_char(t.source_date, 'YYYY-MM-DD') AS source_date,
  s.id AS s_id, s.code AS s_code, s.title AS s_title, s.level AS s_level,
  p.id AS p_id, p.code AS p_code, p.title AS p_title`;

const TASK_FROM = `
  FROM task t
  LEFT JOIN plan_section s ON s.id = t.section_id
  LEFT JOIN plan_section p ON p.id = s.parent_id`;

/** Builds a WHERE clause with numbered parameters: values never enter the SQL text. */
class Filter {
  readonly clauses: string[] = [];
  readonly params: unknown[] = [];

  bind(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  get sql(): string {
    return this.clauses.length ? `WHERE ${this.clauses.join(' AND ')}` : '';
  }
}

@Injectable()
export class TasksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
  ) {}

  async list(query: ListTasksQueryDto): Promise<TaskPageDto> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const filter = new Filter();
    const scopeUnit = this.access.readScope();
    if (scopeUnit) filter.clauses.push(this.access.taskScopeSql('t', filter.bind(scopeUnit)));
    if (query.planId) filter.clauses.push(`t.plan_id = ${filter.bind(query.planId)}`);
    if (query.status) filter.clauses.push(`t.status = ${filter.bind(query.status)}`);
    if (query.sourceKind) filter.clauses.push(`t.source_kind = ${filter.bind(query.sourceKind)}`);
    if (query.sectionId) {
      const section = filter.bind(query.sectionId);
      filter.clauses.push(`(s.id = ${section} OR s.parent_id = ${section})`);
    }
    if (query.unitId || query.role) {
      const conditions = [
        query.unitId ? `a.unit_id = ${filter.bind(query.unitId)}` : null,
        query.role ? `a.role = ${filter.bind(query.role)}` : null,
      ].filter(Boolean);
      filter.clauses.push(`EXISTS (SELECT 1 FROM task_assignment a WHERE a.task_id = t.id AND ${conditions.join(' AND ')})`);
    }
    if (query.acknowledged !== undefined) {
      // Whose 签收: the unit asked for; a unit user's own unit; otherwise any (false) or every (true) assigned unit.
      const unit = query.unitId ?? scopeUnit;
      const ofUnit = unit ? ` AND k.unit_id = ${filter.bind(unit)}` : '';
      const assignment = (signed: boolean) =>
        `EXISTS (SELECT 1 FROM task_assignment k WHERE k.task_id = t.id AND k.acknowledged_at IS ${signed ? 'NOT ' : ''}NULL${ofUnit})`;
      filter.clauses.push(!query.acknowledged ? assignment(false) : unit ? assignment(true) : `NOT ${assignment(false)}`);
    }
    if (query.q) {
      const text = query.q.trim();
      const like = filter.bind(`%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      filter.clauses.push(
        /^\d{1,9}$/.test(text) ? `(t.content ILIKE ${like} OR t.number = ${filter.bind(Number(text))})` : `t.content ILIKE ${like}`,
      );
    }

    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total ${TASK_FROM} ${filter.sql}`, filter.params);
    const rows: TaskRow[] = await this.dataSource.query(
      `SELECT ${TASK_COLUMNS} ${TASK_FROM} ${filter.sql}
        ORDER BY t.plan_id, t.number
        LIMIT ${filter.bind(pageSize)} OFFSET ${filter.bind((page - 1) * pageSize)}`,
      filter.params,
    );
    return { items: await this.withUnits(rows), total, page, pageSize };
  }

  async get(id: string): Promise<TaskDetailDto> {
    await this.access.requireReadTask(id);
    const rows: TaskRow[] = await this.dataSource.query(`SELECT ${TASK_COLUMNS} ${TASK_FROM} WHERE t.id = $1`, [id]);
    if (rows.length === 0) throw new NotFoundError('任务', id);
    const [task] = await this.withUnits(rows);
    const acknowledgements = (await assignmentAcknowledgements(this.dataSource.manager, [id]))
      .filter((a) => a.acknowledged_at !== null)
      .map(toAcknowledgement);
    return { ...task!, sourceLine: rows[0]!.source_line, extraFields: rows[0]!.extra_fields, acknowledgements };
  }

  /** The register's view of the given tasks, in the given order; no access check (the caller has made it). */
  async byIds(ids: string[]): Promise<TaskDto[]> {
    if (ids.length === 0) return [];
    const rows: TaskRow[] = await this.dataSource.query(`SELECT ${TASK_COLUMNS} ${TASK_FROM} WHERE t.id = ANY($1)`, [ids]);
    const byId = new Map((await this.withUnits(rows)).map((task) => [task.id, task]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  private async withUnits(rows: TaskRow[]): Promise<TaskDto[]> {
    if (rows.length === 0) return [];
    const assignments: Array<{ task_id: string; role: AssignmentRole; id: string; name: string; assigned_at: Date; signed: boolean }> =
      await this.dataSource.query(
      `SELECT a.task_id, a.role, u.id, u.name, a.assigned_at, a.acknowledged_at IS NOT NULL AS signed
         FROM task_assignment a JOIN unit u ON u.id = a.unit_id
        WHERE a.task_id = ANY($1)
        ORDER BY a.task_id, array_position(ARRAY['lead', 'responsible', 'cooperating'], a.role), a.position`,
      [rows.map((r) => r.id)],
    );
    const units = new Map<string, Record<AssignmentRole, Array<{ id: string; name: string }>>>();
    const unsigned = new Map<string, PendingAcknowledgementDto[]>();
    for (const a of assignments) {
      const byRole = units.get(a.task_id) ?? { lead: [], responsible: [], cooperating: [] };
      byRole[a.role].push({ id: a.id, name: a.name });
      units.set(a.task_id, byRole);
      if (!a.signed) {
        const pending = { id: a.id, name: a.name, assignedAt: new Date(a.assigned_at).toISOString() };
        unsigned.set(a.task_id, [...(unsigned.get(a.task_id) ?? []), pending]);
      }
    }
    return rows.map((row) => {
      const byRole = units.get(row.id) ?? { lead: [], responsible: [], cooperating: [] };
      return {
        id: row.id,
        planId: row.plan_id,
        number: row.number,
        content: row.content,
        kind: row.kind,
        ...this.sections(row),
        dueDate: row.due_date,
        status: row.status,
        version: row.version,
        lead: byRole.lead,
        responsible: byRole.responsible,
        cooperating: byRole.cooperating,
        includesOtherUnits: row.includes_other_units,
        leaders: row.leaders,
        deadlineText: row.deadline_text,
        source: { kind: row.source_kind, documentNumber: row.source_document_number, date: row.source_date },
        origin: row.origin,
        unacknowledged: unsigned.get(row.id) ?? [],
      };
    });
  }

  /** A task hangs off its deepest heading; split that into section and subsection for the client. */
  private sections(row: TaskRow): { section: SectionRefDto | null; subsection: SectionRefDto | null } {
    if (!row.s_id) return { section: null, subsection: null };
    const own = { id: row.s_id, code: row.s_code!, title: row.s_title! };
    if (row.s_level === 1 || !row.p_id) return { section: own, subsection: null };
    return { section: { id: row.p_id, code: row.p_code!, title: row.p_title! }, subsection: own };
  }
}
