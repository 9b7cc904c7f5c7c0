import type { DataSource } from 'typeorm';
import { createDataSource } from '../src/database/data-source';
import { exec, one, returning, rows } from '../src/database/sql';
import { createTestDatabase } from './support/test-database';

/** The typed SQL helper against the real PostgreSQL, for every statement kind, outside and inside a transaction. */
describe('src/database/sql: one reading of every statement kind', () => {
  let db: DataSource;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const database = await createTestDatabase();
    drop = database.drop;
    db = createDataSource(database.url);
    await db.initialize();
    await db.query(`CREATE TABLE sql_probe (id int PRIMARY KEY, name text NOT NULL)`);
  });
  afterAll(async () => {
    await db?.destroy();
    await drop?.();
  });
  beforeEach(() => db.query(`TRUNCATE sql_probe`));

  const seed = () => exec(db, `INSERT INTO sql_probe (id, name) VALUES (1, 'a'), (2, 'b'), (3, 'c')`);

  it("pins why the helper exists: plain query() answers UPDATE/DELETE … RETURNING with [rows, rowCount]", async () => {
    await seed();
    expect(await db.query(`UPDATE sql_probe SET name = 'z' WHERE id = 99 RETURNING id`)).toEqual([[], 0]);
    expect(await db.query(`DELETE FROM sql_probe WHERE id = 99 RETURNING id`)).toEqual([[], 0]);
    expect(await db.query(`INSERT INTO sql_probe VALUES (9, 'i') RETURNING id`)).toEqual([{ id: 9 }]);
    expect(await db.query(`SELECT id FROM sql_probe WHERE id = 9`)).toEqual([{ id: 9 }]);
  });

  it('SELECT: rows, and one (the first row or null)', async () => {
    await seed();
    expect(await rows<{ id: number }>(db, `SELECT id FROM sql_probe WHERE id >= $1 ORDER BY id`, [2])).toEqual([{ id: 2 }, { id: 3 }]);
    expect(await rows(db, `SELECT id FROM sql_probe WHERE id > 9`)).toEqual([]);
    expect(await one<{ name: string }>(db, `SELECT name FROM sql_probe ORDER BY id DESC`)).toEqual({ name: 'c' });
    expect(await one(db, `SELECT name FROM sql_probe WHERE id = $1`, [42])).toBeNull();
  });

  it('INSERT: the count without RETURNING (ON CONFLICT DO NOTHING counts only new rows), the rows with it', async () => {
    expect(await seed()).toBe(3);
    expect(await exec(db, `INSERT INTO sql_probe VALUES (3, 'c'), (4, 'd') ON CONFLICT (id) DO NOTHING`)).toBe(1);
    expect(await returning(db, `INSERT INTO sql_probe VALUES (5, 'e') RETURNING id, name`)).toEqual([{ id: 5, name: 'e' }]);
    expect(await returning(db, `INSERT INTO sql_probe VALUES (5, 'e') ON CONFLICT (id) DO NOTHING RETURNING id`)).toEqual([]);
  });

  it('UPDATE: the count, and with RETURNING the rows (empty, not [[], 0], when nothing matched)', async () => {
    await seed();
    expect(await exec(db, `UPDATE sql_probe SET name = upper(name) WHERE id <= $1`, [2])).toBe(2);
    expect(await exec(db, `UPDATE sql_probe SET name = 'x' WHERE id = $1`, [99])).toBe(0);
    expect(await returning(db, `UPDATE sql_probe SET name = 'y' WHERE id = $1 RETURNING id, name`, [3])).toEqual([{ id: 3, name: 'y' }]);
    expect(await returning(db, `UPDATE sql_probe SET name = 'y' WHERE id = $1 RETURNING id`, [99])).toEqual([]);
    expect(await one(db, `UPDATE sql_probe SET name = 'w' WHERE id = $1 RETURNING id`, [99])).toBeNull();
  });

  it('DELETE: the count, and with RETURNING the rows', async () => {
    await seed();
    expect(await exec(db, `DELETE FROM sql_probe WHERE id = $1`, [1])).toBe(1);
    const deleted = await returning<{ id: number }>(db, `DELETE FROM sql_probe WHERE id >= $1 RETURNING id`, [2]);
    expect(deleted.map((r) => r.id).sort()).toEqual([2, 3]);
    expect(await returning(db, `DELETE FROM sql_probe WHERE id = $1 RETURNING id`, [1])).toEqual([]);
    expect(await exec(db, `DELETE FROM sql_probe`)).toBe(0);
  });

  it('a write inside a CTE reads as a SELECT: its rows', async () => {
    await seed();
    const done = await rows<{ id: number }>(db, `WITH u AS (UPDATE sql_probe SET name = 'q' WHERE id = $1 RETURNING id) SELECT id FROM u`, [2]);
    expect(done).toEqual([{ id: 2 }]);
  });

  it("inside a transaction: runs on the transaction's connection (a rollback undoes it)", async () => {
    await seed();
    await expect(
      db.transaction(async (manager) => {
        expect(await exec(manager, `DELETE FROM sql_probe WHERE id = $1`, [1])).toBe(1);
        expect(await returning(manager, `UPDATE sql_probe SET name = 't' WHERE id = $1 RETURNING name`, [2])).toEqual([{ name: 't' }]);
        expect(await rows(manager, `SELECT id FROM sql_probe ORDER BY id`)).toEqual([{ id: 2 }, { id: 3 }]);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await rows(db, `SELECT id, name FROM sql_probe ORDER BY id`)).toEqual([
      { id: 1, name: 'a' },
      { id: 2, name: 'b' },
      { id: 3, name: 'c' },
    ]);
  });

  it("a DATE reads as its 'YYYY-MM-DD' text, whatever the process's time zone; timestamps stay Dates", async () => {
    const zone = process.env.TZ;
    try {
      for (const tz of ['Asia/Shanghai', 'America/Los_Angeles', 'UTC']) {
        process.env.TZ = tz;
        const row = await one<{ day: unknown; days: unknown; at: unknown }>(
          db,
          `SELECT DATE '2021-06-30' AS day, ARRAY[DATE '2021-01-01'] AS days, TIMESTAMPTZ '2021-06-30T16:00:00Z' AS at`,
        );
        expect(row!.day).toBe('2021-06-30');
        expect(row!.days).toEqual(['2021-01-01']);
        expect(row!.at).toEqual(new Date('2021-06-30T16:00:00Z'));
      }
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});
