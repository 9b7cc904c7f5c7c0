import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source';
import { createTestDatabase } from './support/test-database';

/** The migration that brings in 签收, run over a database that already has tasks, reports and 销号 requests. */
describe('migration 1764000500000-Acknowledgements', () => {
  let drop: () => Promise<void>;
  let ds: DataSource;

  beforeAll(async () => {
    const db = await createTestDatabase();
    drop = db.drop;
    ds = new DataSource(dataSourceOptions(db.url));
    await ds.initialize();
    await undoThroughAcknowledgements();
  });
  afterAll(async () => {
    await ds.destroy();
    await drop();
  });

  const one = async (sql: string, params: unknown[] = []) => (await ds.query(sql, params))[0];
  /** Undoes the migrations that came after this one, then this one. */
  const undoThroughAcknowledgements = async () => {
    const applied = async () => (await ds.query(`SELECT 1 FROM schema_migration WHERE name = 'Acknowledgements1764000500000'`)).length > 0;
    while (await applied()) await ds.undoLastMigration();
  };
  const hash = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA';

  it('dates existing assignments from their task and counts a unit’s own earlier work as its 签收; down() undoes it', async () => {
    const units = await ds.query(`INSERT INTO unit (name) VALUES ('甲局'), ('乙局'), ('丙局') RETURNING id, name`);
    const id = (name: string) => units.find((u: any) => u.name === name).id;
    const user = async (username: string, role: string, unitId: string | null) =>
      (await one(`INSERT INTO app_user (username, display_name, password_hash, role, unit_id) VALUES ($1, $1, $2, $3, $4) RETURNING id`, [
        username,
        hash,
        role,
        unitId,
      ])).id;
    const jia = await user('jia', 'unit_user', id('甲局'));
    const bing = await user('bing', 'unit_user', id('丙局'));
    const office = await user('office', 'supervisor', null);
    const plan = (await one(`INSERT INTO plan (title, year, start_date, end_date) VALUES ('计划', 2021, '2021-01-01', '2021-12-31') RETURNING id`)).id;
    const task = (
      await one(
        `INSERT INTO task (plan_id, number, content, due_date, created_at) VALUES ($1, 1, '任务', '2021-12-31', '2021-03-01 09:00+08') RETURNING id`,
        [plan],
      )
    ).id;
    await ds.query(
      `INSERT INTO task_assignment (task_id, unit_id, role, position) VALUES ($1, $2, 'lead', 0), ($1, $3, 'responsible', 0), ($1, $4, 'responsible', 1)`,
      [task, id('甲局'), id('乙局'), id('丙局')],
    );
    // 甲局 reported twice itself; the office reported for 乙局; 丙局 asked for 销号 itself.
    const report = `INSERT INTO progress_report (task_id, unit_id, period, summary, percent, reported_by, on_behalf, created_at)
                    VALUES ($1, $2, '2021-03', '进展', 10, $3, $4, $5)`;
    await ds.query(report, [task, id('甲局'), jia, false, '2021-03-10 10:00+08']);
    await ds.query(report, [task, id('甲局'), jia, false, '2021-03-05 10:00+08']);
    await ds.query(report, [task, id('乙局'), office, true, '2021-03-06 10:00+08']);
    await ds.query(`INSERT INTO completion_request (task_id, unit_id, summary, requested_by, requested_at) VALUES ($1, $2, '完成', $3, '2021-03-20 10:00+08')`, [
      task,
      id('丙局'),
      bing,
    ]);

    await ds.runMigrations();
    const rows = await ds.query(
      `SELECT u.name, a.assigned_at, a.acknowledged_at, a.acknowledged_by, a.acknowledged_via
         FROM task_assignment a JOIN unit u ON u.id = a.unit_id ORDER BY u.name`,
    );
    const byName = Object.fromEntries(rows.map((r: any) => [r.name, r]));
    for (const row of rows) expect(row.assigned_at.toISOString()).toBe('2021-03-01T01:00:00.000Z');
    expect(byName['甲局']).toMatchObject({ acknowledged_by: jia, acknowledged_via: 'progress' });
    expect(byName['甲局'].acknowledged_at.toISOString()).toBe('2021-03-05T02:00:00.000Z');
    expect(byName['乙局']).toMatchObject({ acknowledged_at: null, acknowledged_by: null, acknowledged_via: null });
    expect(byName['丙局']).toMatchObject({ acknowledged_by: bing, acknowledged_via: 'completion_request' });
    expect((await one(`SELECT column_default FROM information_schema.columns WHERE table_name = 'task_assignment' AND column_name = 'assigned_at'`)).column_default).toBe('now()');

    await undoThroughAcknowledgements();
    const columns = (await ds.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'task_assignment'`)).map((c: any) => c.column_name);
    expect(columns).not.toContain('assigned_at');
    expect(columns).not.toContain('acknowledged_at');
    await expect(
      ds.query(`INSERT INTO reminder (unique_key, plan_id, task_id, unit_id, kind, due_date, message) VALUES ('k', $1, $2, $3, 'unacknowledged', '2021-12-31', '签收')`, [
        plan,
        task,
        id('甲局'),
      ]),
    ).rejects.toThrow(/ck_reminder_kind/);
    await ds.runMigrations();
  });
});
