import { createHash } from 'node:crypto';

/**
 * The national data set's shape and the fixed facts the load benchmark relies on. Every id is derived from a
 * name (md5 → uuid), so both tools and the tests can address rows without looking them up.
 */
export interface BenchShape {
  scale: number;
  units: number;
  /** Units 1..heavyUnits each lead one task in twenty: 5,000 tasks each at full scale. */
  heavyUnits: number;
  /** Units 1..unitUsers have a login (bench-unit-NN). */
  unitUsers: number;
  smallPlans: number;
  smallPlanTasks: number;
  bigPlanTasks: number;
  /** Sections per plan; each has SUBSECTIONS subsections, which hold the tasks. */
  smallPlanSections: number;
  bigPlanSections: number;
}

export const YEAR = 2025;
/** The day the data set describes: tasks due before it are overdue unless closed; reports run up to the month before. */
export const AS_OF = '2025-10-15';
/** The last month with reports (period 2025-09 closed on the 25th). */
export const LAST_REPORT_MONTH = 9;
export const SUBSECTIONS = 3;
export const BENCH_PASSWORD = 'bench-password-2025';
export const SUPERVISOR = 'bench-supervisor';
export const ADMIN = 'bench-admin';

export function benchShape(scale: number): BenchShape {
  if (!(scale > 0 && scale <= 1)) throw new Error(`BENCH_SCALE must be in (0, 1], got ${scale}`);
  return {
    scale,
    units: Math.max(40, Math.round(20_000 * scale)),
    heavyUnits: 10,
    unitUsers: 20,
    smallPlans: Math.max(1, Math.round(3_000 * scale)),
    smallPlanTasks: 330,
    bigPlanTasks: Math.max(100, Math.round(10_000 * scale)),
    smallPlanSections: 10,
    bigPlanSections: 30,
  };
}

/** BENCH_BIG_PLAN_TASKS keeps the big plan at a given size in a smaller set (10000: the 10,000-task plan at any scale). */
export function shapeFromEnv(env: NodeJS.ProcessEnv = process.env): BenchShape {
  const shape = benchShape(env.BENCH_SCALE === undefined || env.BENCH_SCALE === '' ? 1 : Number(env.BENCH_SCALE));
  if (env.BENCH_BIG_PLAN_TASKS === undefined || env.BENCH_BIG_PLAN_TASKS === '') return shape;
  const bigPlanTasks = Number(env.BENCH_BIG_PLAN_TASKS);
  if (!Number.isInteger(bigPlanTasks) || bigPlanTasks < 100) throw new Error(`BENCH_BIG_PLAN_TASKS must be an integer ≥ 100, got ${env.BENCH_BIG_PLAN_TASKS}`);
  return { ...shape, bigPlanTasks };
}

/**
 * SQL: the uuid of a bench row, e.g. benchIdSql("'task:' || n"): md5 of the name with the version (3, name-based)
 * and variant digits set, so validators take it for the uuid it is. The same formula as benchId below.
 */
export const benchIdSql = (name: string) => `overlay(overlay(md5('bench-' || ${name}) placing '3' from 13 for 1) placing '8' from 17 for 1)::uuid`;

/** Plan 0 is the big plan; 1..smallPlans hold smallPlanTasks tasks each. */
export const planName = (plan: number) => `plan:${plan}`;
export const unitName = (unit: number) => `unit:${unit}`;
export const userName = (unit: number) => `bench-unit-${String(unit).padStart(2, '0')}`;

/** The uuid formula of benchIdSql, in Node. */
export function benchId(name: string): string {
  const hex = createHash('md5').update(`bench-${name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-3${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20)}`;
}
