import argon2 from 'argon2';
import { DEFAULT_ORGANIZATION_ID } from '../../src/access/organizations';
import type { Client } from 'pg';
import {
  AS_OF,
  ADMIN,
  BENCH_PASSWORD,
  LAST_REPORT_MONTH,
  SUBSECTIONS,
  SUPERVISOR,
  YEAR,
  benchId,
  benchIdSql as id,
  userName,
  type BenchShape,
} from './bench-shape';

/**
 * The national data set, written by a handful of set-based statements (generate_series, INSERT … SELECT). Every
 * "random" choice is hashint8extended(n, salt) of the task's global number n, so two runs write the same rows.
 * Only the columns the data needs are written; defaults fill the rest (including columns added later).
 */

/** A deterministic number in [0, 2^31) from an integer SQL expression and a salt. */
const h = (expr: string, salt: number) => `(hashint8extended((${expr})::bigint, ${salt}) & 2147483647)`;

/** Percent of non-first months a unit reports in, and of tasks with one 'edited' event: tuned to 3.3 and 2.6 per task. */
const REPORT_PERCENT = 62;
const EDITED_PERCENT = 58;

const CONTENTS = [
  '推进重大项目建设，确保年度投资计划按期完成',
  '深化“放管服”改革，压减企业开办和项目审批时间',
  '实施城市更新行动，完成老旧小区改造任务',
  '加强生态环境保护，持续改善空气和水环境质量',
  '推进乡村振兴，巩固拓展脱贫攻坚成果',
  '扩大有效投资，组织实施一批补短板项目',
  '稳定和扩大就业，落实援企稳岗各项政策',
  '提升基本公共服务水平，推进教育医疗资源均衡配置',
  '加快数字政府建设，推动政务服务“一网通办”',
  '强化安全生产，开展重点行业领域专项整治',
  '培育壮大新兴产业，推动制造业高质量发展',
  '加强粮食生产，稳定粮食播种面积和产量',
  '推进科技创新平台建设，提高研发投入强度',
  '完善社会保障体系，扩大养老保险覆盖面',
  '加强基础设施建设，推进交通路网互联互通',
  '优化营商环境，开展营商环境评价整改',
  '推动消费扩容提质，培育新型消费业态',
  '推进节能降碳，完成能耗双控年度目标',
  '加强基层治理，完善网格化管理服务',
  '防范化解重大风险，守住不发生系统性风险底线',
];

const SUMMARIES = [
  '已完成阶段性目标，正按计划推进。',
  '项目前期手续基本办结，正在组织施工。',
  '已召开专题会议研究部署，细化任务分工。',
  '受资金到位影响，进度略有滞后，正在协调解决。',
  '已完成年度任务的大部分，剩余工作正在收尾。',
];

const UNIT_KINDS = ['department', 'department', 'department', 'department', 'town', 'subdistrict', 'institution', 'enterprise', 'vertical'];

export interface Step {
  name: string;
  ms: number;
}

export interface GenerateResult {
  steps: Step[];
  foreignKeysChecked: boolean;
}

/**
 * Writes the data set into an empty, migrated database. `client` must be connected; the statements run
 * autocommitted one by one (a failure leaves a partial set: reset and run again).
 */
export async function generateBenchData(client: Client, shape: BenchShape, log: (line: string) => void = () => undefined): Promise<GenerateResult> {
  const steps: Step[] = [];
  const step = async (name: string, sql: string, params: unknown[] = []) => {
    const start = performance.now();
    const result = await client.query(sql, params);
    const ms = performance.now() - start;
    steps.push({ name, ms });
    log(`  ${name.padEnd(34)} ${String(result.rowCount ?? '').padStart(10)} rows  ${(ms / 1000).toFixed(1).padStart(7)} s`);
  };

  await client.query(`SET work_mem = '256MB'`);
  await client.query(`SET maintenance_work_mem = '512MB'`);
  await client.query(`SET synchronous_commit = off`);
  // The rows are consistent by construction: a superuser skips the per-row foreign-key triggers (minutes at
  // full scale); anyone else gets them checked. Skipped triggers fill no organization_id: every row names its own.
  const foreignKeysChecked = !(await client.query(`SET session_replication_role = replica`).then(
    () => true,
    () => false,
  ));

  const units = shape.units;
  const others = units - shape.heavyUnits;
  const spread = Math.floor(others / 2) - 1;

  await step(
    'unit',
    `INSERT INTO unit (id, organization_id, name, kind)
     SELECT ${id(`'unit:' || i`)}, $3, '基准单位' || lpad(i::text, 5, '0'), ($2::text[])[1 + ${h('i', 1)} % cardinality($2::text[])]
       FROM generate_series(1, $1::int) i`,
    [units, UNIT_KINDS, DEFAULT_ORGANIZATION_ID],
  );

  const hash = await argon2.hash(BENCH_PASSWORD, {
    type: argon2.argon2id,
    memoryCost: 19_456,
    timeCost: 2,
    parallelism: 1,
    // A fixed salt keeps the data set identical run to run; these are benchmark logins, never real ones.
    salt: Buffer.from('duban-bench-salt'),
  });
  const users = [
    { id: benchId('user:supervisor'), username: SUPERVISOR, name: '督查室（基准）', role: 'supervisor', unit: null },
    { id: benchId('user:admin'), username: ADMIN, name: '管理员（基准）', role: 'admin', unit: null },
    { id: benchId('user:leader'), username: 'bench-leader', name: '领导（基准）', role: 'leader', unit: null },
    ...Array.from({ length: shape.unitUsers }, (_, i) => ({
      id: benchId(`user:${i + 1}`),
      username: userName(i + 1),
      name: `基准单位${String(i + 1).padStart(5, '0')}联络员`,
      role: 'unit_user',
      unit: benchId(`unit:${i + 1}`),
    })),
  ];
  await step(
    'app_user',
    `INSERT INTO app_user (id, username, display_name, password_hash, role, unit_id, organization_id)
     SELECT u.id, u.username, u.name, $6, u.role, u.unit, $7
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[]) AS u(id, username, name, role, unit)`,
    [users.map((u) => u.id), users.map((u) => u.username), users.map((u) => u.name), users.map((u) => u.role), users.map((u) => u.unit), hash, DEFAULT_ORGANIZATION_ID],
  );

  await step(
    'plan',
    `INSERT INTO plan (id, organization_id, title, year, start_date, end_date)
     SELECT ${id(`'plan:' || p`)}, $4,
            CASE WHEN p = 0 THEN format('全国重点工作基准计划（%s项）', $2::int) ELSE format('基准计划%s', lpad(p::text, 4, '0')) END,
            $3, make_date($3, 1, 1), make_date($3, 12, 31)
       FROM generate_series(0, $1::int) p`,
    [shape.smallPlans, shape.bigPlanTasks, YEAR, DEFAULT_ORGANIZATION_ID],
  );

  const sectionsOf = `CASE WHEN p = 0 THEN $2::int ELSE $3::int END`;
  await step(
    'plan_section (sections)',
    `INSERT INTO plan_section (id, plan_id, parent_id, level, ordinal, code, title, organization_id)
     SELECT ${id(`'section:' || p || ':' || s`)}, ${id(`'plan:' || p`)}, NULL, 1, s, s::text,
            ($4::text[])[1 + (s - 1) % cardinality($4::text[])], $5::uuid
       FROM generate_series(0, $1::int) p, generate_series(1, ${sectionsOf}) s`,
    [shape.smallPlans, shape.bigPlanSections, shape.smallPlanSections, CONTENTS.map((c) => c.slice(0, c.indexOf('，'))), DEFAULT_ORGANIZATION_ID],
  );
  await step(
    'plan_section (subsections)',
    `INSERT INTO plan_section (id, plan_id, parent_id, level, ordinal, code, title, organization_id)
     SELECT ${id(`'section:' || p || ':' || s || '.' || j`)}, ${id(`'plan:' || p`)}, ${id(`'section:' || p || ':' || s`)}, 2, j,
            s || '.' || j, format('第%s项重点任务', j), $5::uuid
       FROM generate_series(0, $1::int) p, generate_series(1, ${sectionsOf}) s, generate_series(1, $4::int) j`,
    [shape.smallPlans, shape.bigPlanSections, shape.smallPlanSections, SUBSECTIONS, DEFAULT_ORGANIZATION_ID],
  );

  // One row per task with every derived choice, so tasks, assignments, reports and events agree.
  await client.query(`DROP TABLE IF EXISTS bench_spec`);
  await client.query(`
    CREATE TEMP TABLE bench_spec (n int, p int, k int, due date, status text, sm int, em int, lead int, resp int, coop int, sec int, sub int)`);
  await step(
    'bench_spec (temporary)',
    `WITH t AS (
       SELECT p, k, CASE WHEN p = 0 THEN k ELSE $2::int + (p - 1) * $3::int + k END AS n,
              CASE WHEN p = 0 THEN $2::int ELSE $3::int END AS tasks, CASE WHEN p = 0 THEN $4::int ELSE $5::int END AS sections
         FROM generate_series(0, $1::int) p, generate_series(1, CASE WHEN p = 0 THEN $2::int ELSE $3::int END) k
     ), d AS (
       SELECT t.*, make_date($9::int, 1, 20) + (${h('n', 2)} % 340)::int AS due, ${h('n', 3)} % 100 AS r,
              1 + ${h('n', 4)} % 3 AS sm, (k - 1) * sections * $10::int / tasks AS slot,
              ${h('n', 5)} % 20 = 0 AS heavy, 1 + ${h('n', 9)} % $11::int AS heavy_unit,
              ${h('n', 6)} % $7::int AS base, 1 + ${h('n', 7)} % $8::int AS d1, 1 + ${h('n', 8)} % $8::int AS d2
         FROM t
     )
     INSERT INTO bench_spec
     SELECT n, p, k, due,
            CASE WHEN due < $6::date
                 THEN CASE WHEN r < 65 THEN 'completed' WHEN r < 90 THEN 'in_progress' WHEN r < 95 THEN 'not_started'
                           WHEN r < 97 THEN 'completion_requested' WHEN r < 99 THEN 'suspended' ELSE 'cancelled' END
                 ELSE CASE WHEN r < 10 THEN 'completed' WHEN r < 70 THEN 'in_progress' WHEN r < 90 THEN 'not_started'
                           WHEN r < 95 THEN 'completion_requested' WHEN r < 98 THEN 'suspended' ELSE 'cancelled' END END,
            sm, greatest(sm, least(extract(month FROM due)::int, $12::int)),
            CASE WHEN heavy THEN heavy_unit ELSE $11::int + 1 + base END,
            $11::int + 1 + (base + d1) % $7::int, $11::int + 1 + (base + d1 + d2) % $7::int,
            1 + slot / $10::int, 1 + slot % $10::int
       FROM d`,
    [
      shape.smallPlans, shape.bigPlanTasks, shape.smallPlanTasks, shape.bigPlanSections, shape.smallPlanSections, AS_OF,
      others, spread, YEAR, SUBSECTIONS, shape.heavyUnits, LAST_REPORT_MONTH,
    ],
  );
  await client.query(`ANALYZE bench_spec`);

  await step(
    'task',
    `INSERT INTO task (id, plan_id, section_id, number, content, kind, due_date, status, deadline_text, organization_id)
     SELECT ${id(`'task:' || n`)}, ${id(`'plan:' || p`)}, ${id(`'section:' || p || ':' || sec || '.' || sub`)}, k,
            format('%s（第%s项）', ($1::text[])[1 + ${h('n', 10)} % cardinality($1::text[])], k),
            CASE WHEN ${h('n', 11)} % 20 = 0 THEN 'indicator' ELSE 'task' END, due, status,
            to_char(due, 'FMMM月FMDD日前'), $2::uuid
       FROM bench_spec`,
    [CONTENTS, DEFAULT_ORGANIZATION_ID],
  );

  await step(
    'task_assignment',
    `INSERT INTO task_assignment (id, task_id, unit_id, role, position, organization_id)
     SELECT ${id(`'assignment:' || s.n || ':' || a.role`)}, ${id(`'task:' || s.n`)}, ${id(`'unit:' || a.unit`)}, a.role, 0, $1::uuid
       FROM bench_spec s
      CROSS JOIN LATERAL (VALUES ('lead', s.lead), ('responsible', s.resp), ('cooperating', s.coop)) AS a(role, unit)`,
    [DEFAULT_ORGANIZATION_ID],
  );

  const reportAt = (month: string, salt: number) =>
    `make_timestamptz($1::int, ${month}, (18 + ${h(`s.n * 16 + ${month}`, salt)} % 7)::int, (9 + ${h(`s.n * 16 + ${month}`, salt + 1)} % 9)::int,
                      (${h(`s.n * 16 + ${month}`, salt + 2)} % 60)::int, 0, 'Asia/Shanghai')`;
  await step(
    'progress_report',
    `INSERT INTO progress_report (id, task_id, unit_id, period, summary, percent, reported_by, on_behalf, created_at, organization_id)
     SELECT ${id(`'report:' || s.n || ':' || m`)}, ${id(`'task:' || s.n`)}, ${id(`'unit:' || w.unit`)},
            format('%s-%s', $1::int, lpad(m::text, 2, '0')), ($4::text[])[1 + ${h('s.n * 16 + m', 20)} % cardinality($4::text[])],
            CASE WHEN s.status = 'completed' AND m = s.em THEN 100 ELSE (95 * (m - s.sm + 1)) / (s.em - s.sm + 2) END,
            CASE WHEN w.unit <= $2 THEN ${id(`'user:' || w.unit`)} ELSE ${id(`'user:supervisor'`)} END, w.unit > $2,
            ${reportAt('m', 12)}, $5::uuid
       FROM bench_spec s
      CROSS JOIN LATERAL generate_series(s.sm, s.em) m
      CROSS JOIN LATERAL (SELECT CASE WHEN ${h('s.n', 15)} % 5 = 0 THEN s.resp ELSE s.lead END AS unit) w
      WHERE s.status NOT IN ('not_started', 'cancelled') AND (m = s.sm OR ${h('s.n * 16 + m', 16)} % 100 < $3)`,
    [YEAR, shape.unitUsers, REPORT_PERCENT, SUMMARIES, DEFAULT_ORGANIZATION_ID],
  );

  // Each task's status history, ending at its current status (the first report starts it, as the service does).
  const at = (month: string, day: number) => `make_timestamptz($1::int, ${month}, ${day}, 10, 0, 0, 'Asia/Shanghai')`;
  await step(
    'task_event',
    `INSERT INTO task_event (id, task_id, at, actor_id, actor_username, action, from_status, to_status, comment, organization_id)
     SELECT ${id(`'event:' || s.n || ':' || e.action`)}, ${id(`'task:' || s.n`)}, e.at, ${id(`'user:supervisor'`)}, $2,
            e.action, e.from_status, e.to_status, e.comment, $4::uuid
       FROM bench_spec s
      CROSS JOIN LATERAL (VALUES
        ('edited', ${at('s.sm', 5)}, NULL, NULL, '调整任务表述', ${h('s.n', 17)} % 100 < $3),
        ('first_report', ${reportAt('s.sm', 12)}, 'not_started', 'in_progress', NULL,
          s.status IN ('in_progress', 'completion_requested', 'completed', 'suspended')),
        ('completion_requested', ${at('s.em', 26)}, 'in_progress', 'completion_requested', '申请销号',
          s.status IN ('completion_requested', 'completed')),
        ('completion_approved', ${at('s.em', 28)}, 'completion_requested', 'completed', NULL, s.status = 'completed'),
        ('suspended', ${at('s.em', 27)}, 'in_progress', 'suspended', '因政策调整暂缓实施', s.status = 'suspended'),
        ('cancelled', ${at('s.sm', 10)}, 'not_started', 'cancelled', '任务已由上级调整取消', s.status = 'cancelled')
      ) AS e(action, at, from_status, to_status, comment, keep)
      WHERE e.keep`,
    [YEAR, SUPERVISOR, EDITED_PERCENT, DEFAULT_ORGANIZATION_ID],
  );
  await client.query(`DROP TABLE bench_spec`);
  await client.query(`RESET session_replication_role`).catch(() => undefined);

  for (const table of BENCH_TABLES) await step(`vacuum analyze ${table}`, `VACUUM (ANALYZE) ${table}`);
  return { steps, foreignKeysChecked };
}

export const BENCH_TABLES = ['unit', 'app_user', 'plan', 'plan_section', 'task', 'task_assignment', 'progress_report', 'task_event'] as const;

export async function countRows(client: Client): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of BENCH_TABLES) {
    // Table names come from the constant list above, never from input.
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
    counts[table] = Number(rows[0]!.n);
  }
  return counts;
}

/** The columns the generator decides (not now() defaults): equal checksums mean equal data sets. */
const CHECKED_COLUMNS: Record<(typeof BENCH_TABLES)[number], string> = {
  unit: 'id, name, kind',
  app_user: 'id, username, display_name, password_hash, role, unit_id',
  plan: 'id, title, year, start_date, end_date',
  plan_section: 'id, plan_id, parent_id, level, ordinal, code, title',
  task: 'id, plan_id, section_id, number, content, kind, due_date, status, deadline_text',
  task_assignment: 'id, task_id, unit_id, role, position',
  progress_report: 'id, task_id, unit_id, period, summary, percent, reported_by, on_behalf, created_at',
  task_event: 'id, task_id, at, actor_id, actor_username, action, from_status, to_status, comment',
};

/** An order-independent checksum of each bench table (a sum of row hashes, so no table is held in memory). */
export async function checksums(client: Client): Promise<Record<string, string>> {
  const sums: Record<string, string> = {};
  for (const table of BENCH_TABLES) {
    const { rows } = await client.query<{ sum: string }>(
      `SELECT count(*) || ':' || coalesce(sum(('x' || substr(md5(ROW(${CHECKED_COLUMNS[table]})::text), 1, 15))::bit(60)::bigint), 0) AS sum
         FROM ${table}`,
    );
    sums[table] = rows[0]!.sum;
  }
  return sums;
}
