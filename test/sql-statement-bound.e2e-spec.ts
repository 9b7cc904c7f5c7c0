import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source';
import { one, withStatementBound } from '../src/database/sql';
import { createTestDatabase } from './support/test-database';

/** A batch job's longer bound per statement, on a data source bounded as the app's is (here: 1 s). */
describe('src/database/sql: withStatementBound', () => {
  let db: DataSource;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const database = await createTestDatabase();
    drop = database.drop;
    db = new DataSource(dataSourceOptions(database.url, 1000));
    await db.initialize();
  });
  afterAll(async () => {
    await db?.destroy();
    await drop?.();
  });

  it('lets a statement outlast the request bound inside the transaction, and only there', async () => {
    await expect(one(db, `SELECT pg_sleep(1.5)`)).rejects.toThrow(/statement timeout/);
    const inside = await db.transaction((manager) =>
      withStatementBound(manager, 20_000, async () => {
        await one(manager, `SELECT pg_sleep(1.5)`);
        return one<{ statement_timeout: string }>(manager, `SHOW statement_timeout`);
      }),
    );
    expect(inside).toEqual({ statement_timeout: '20s' });
    // The bound ends with the transaction, on the server and in the client.
    await expect(db.transaction((manager) => one(manager, `SELECT pg_sleep(1.5)`))).rejects.toThrow(/statement timeout/);
  });

  it('refuses to run outside a transaction', async () => {
    await expect(withStatementBound(db.manager, 20_000, async () => 1)).rejects.toThrow(/inside a transaction/);
  });
});
