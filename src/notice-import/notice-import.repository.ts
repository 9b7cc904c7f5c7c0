import { chunks } from '../common/chunks';
import { isoDate } from '../common/sql-dates';
import { exec, returning, rows, type Db } from '../database/sql';
import type { AssignmentInput } from '../tasks/task.repository';
import type { TaskKind } from '../tasks/task-status';

/** A task row as the import writes it (the fields a notice sets). */
export interface ImportedTaskFields {
  sectionId: string | null;
  content: string;
  kind: TaskKind;
  dueDate: string;
  includesOtherUnits: boolean;
  leaders: string[];
  deadlineText: string | null;
  sourceLine: string | null;
  extraFields: Record<string, string>;
}

/** A task an earlier import made, with its units. */
export interface ImportedTask extends ImportedTaskFields {
  id: string;
  number: number;
  assignments: AssignmentInput[];
}

interface ImportedTaskRow {
  id: string;
  number: number;
  section_id: string | null;
  content: string;
  kind: TaskKind;
  due_date: string;
  includes_other_units: boolean;
  leaders: string[];
  deadline_text: string | null;
  source_line: string | null;
  extra_fields: Record<string, string>;
  assignments: AssignmentInput[];
}

/**
 * The import's writes to a plan's tasks and headings. Bulk writes are statements over arrays (unnest), a fixed
 * number of parameters whatever the rows (PostgreSQL allows 65,535 per statement, which a row-per-value insert of
 * ~6,000 items already exceeds), in chunks of ROWS_PER_STATEMENT rows so that each statement stays short.
 * Arrays of arrays (leaders) and objects travel as jsonb.
 */
export class NoticeImportRepository {
  constructor(private readonly db: Db) {}

  /** One import per plan at a time: the second waits for the first and then sees its tasks. */
  async lockPlan(planId: string): Promise<void> {
    await rows(this.db, `SELECT 1 FROM plan WHERE id = $1 FOR UPDATE`, [planId]);
  }

  /** The plan's tasks that imports made (not those added by hand), each with its assignments. */
  async importedTasks(planId: string): Promise<ImportedTask[]> {
    const found = await rows<ImportedTaskRow>(
      this.db,
      `SELECT t.id, t.number, t.section_id, t.content, t.kind, ${isoDate('t.due_date')} AS due_date, t.includes_other_units,
              t.leaders, t.deadline_text, t.source_line, t.extra_fields,
              coalesce((SELECT json_agg(json_build_object('unitId', a.unit_id, 'role', a.role, 'position', a.position,
                                                          'viaGroupId', a.via_group_id))
                          FROM task_assignment a WHERE a.task_id = t.id), '[]') AS assignments
         FROM task t WHERE t.plan_id = $1 AND t.origin = 'import'`,
      [planId],
    );
    return found.map((r) => ({
      id: r.id,
      number: r.number,
      sectionId: r.section_id,
      content: r.content,
      kind: r.kind,
      dueDate: r.due_date,
      includesOtherUnits: r.includes_other_units,
      leaders: r.leaders,
      deadlineText: r.deadline_text,
      sourceLine: r.source_line,
      extraFields: r.extra_fields,
      assignments: r.assignments,
    }));
  }

  /** Inserts the tasks; answers each new task's id by its number. */
  async insertTasks(planId: string, tasks: Array<ImportedTaskFields & { number: number }>): Promise<Map<number, string>> {
    const ids = new Map<number, string>();
    for (const chunk of chunks(tasks)) {
      for (const row of await this.insertChunk(planId, chunk)) ids.set(row.number, row.id);
    }
    return ids;
  }

  private async insertChunk(planId: string, tasks: Array<ImportedTaskFields & { number: number }>) {
    return returning<{ id: string; number: number }>(
      this.db,
      `INSERT INTO task (plan_id, number, section_id, content, kind, due_date, includes_other_units, leaders,
                         deadline_text, source_line, extra_fields)
       SELECT $1, n.number, n.section_id, n.content, n.kind, n.due_date, n.includes_other_units,
              ARRAY(SELECT jsonb_array_elements_text(n.leaders)), n.deadline_text, n.source_line, n.extra_fields
         FROM unnest($2::int[], $3::uuid[], $4::text[], $5::text[], $6::date[], $7::boolean[], $8::jsonb[], $9::text[],
                     $10::text[], $11::jsonb[])
              AS n(number, section_id, content, kind, due_date, includes_other_units, leaders, deadline_text, source_line,
                   extra_fields)
       RETURNING id, number`,
      [planId, tasks.map((t) => t.number), ...taskColumns(tasks)],
    );
  }

  /** Rewrites the given tasks' notice fields; each one's version moves on. */
  async updateTasks(tasks: Array<ImportedTaskFields & { id: string }>): Promise<void> {
    for (const chunk of chunks(tasks)) await this.updateChunk(chunk);
  }

  private async updateChunk(tasks: Array<ImportedTaskFields & { id: string }>): Promise<void> {
    await exec(
      this.db,
      `UPDATE task t
          SET section_id = n.section_id, content = n.content, kind = n.kind, due_date = n.due_date,
              includes_other_units = n.includes_other_units, leaders = ARRAY(SELECT jsonb_array_elements_text(n.leaders)),
              deadline_text = n.deadline_text, source_line = n.source_line, extra_fields = n.extra_fields,
              version = t.version + 1, updated_at = now()
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::date[], $6::boolean[], $7::jsonb[], $8::text[],
                     $9::text[], $10::jsonb[])
              AS n(id, section_id, content, kind, due_date, includes_other_units, leaders, deadline_text, source_line,
                   extra_fields)
        WHERE t.id = n.id`,
      [tasks.map((t) => t.id), ...taskColumns(tasks)],
    );
  }

  /**
   * Headings the revised notice dropped go once the tasks have moved to their new headings, unless a task it no
   * longer lists still sits under them or under one of their subsections (deleting the parent would cascade).
   */
  async dropStaleSections(planId: string, keptIds: string[]): Promise<void> {
    await exec(
      this.db,
      `DELETE FROM plan_section s WHERE s.plan_id = $1 AND s.id <> ALL($2::uuid[])
         AND NOT EXISTS (SELECT 1 FROM task t WHERE t.section_id = s.id)
         AND NOT EXISTS (SELECT 1 FROM plan_section c JOIN task t ON t.section_id = c.id WHERE c.parent_id = s.id)`,
      [planId, keptIds],
    );
  }
}

/** The notice fields as parallel arrays, in the column order both statements above name them. */
function taskColumns(tasks: ImportedTaskFields[]): unknown[] {
  return [
    tasks.map((t) => t.sectionId),
    tasks.map((t) => t.content),
    tasks.map((t) => t.kind),
    tasks.map((t) => t.dueDate),
    tasks.map((t) => t.includesOtherUnits),
    tasks.map((t) => JSON.stringify(t.leaders)),
    tasks.map((t) => t.deadlineText),
    tasks.map((t) => t.sourceLine),
    tasks.map((t) => JSON.stringify(t.extraFields)),
  ];
}
