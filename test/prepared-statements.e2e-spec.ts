import type { Client, QueryResultRow } from 'pg';
import { BoundedClient } from '../src/database/bounded-client';
import { prepared } from '../src/database/prepared-statements';
import { createTestDatabase } from './support/test-database';

/** Statements marked by prepared() go to PostgreSQL as named prepared statements; others as before. */
describe('prepared statements through the bounded client', () => {
  let client: BoundedClient;
  let drop: () => Promise<void>;
  const NEXT = prepared('test.next', 'SELECT $1::int + 1 AS n');

  beforeAll(async () => {
    const database = await createTestDatabase();
    drop = database.drop;
    client = new BoundedClient({ connectionString: database.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await drop?.();
  });

  /** pg's own signature (the bounded client's override hides it). */
  const query = <T extends QueryResultRow>(text: string, values?: unknown[]) => (client as unknown as Client).query<T>(text, values);
  const preparedHere = async () =>
    (await query<{ name: string; statement: string }>(`SELECT name, statement FROM pg_prepared_statements ORDER BY name`)).rows;

  it('parses a marked statement once per connection and runs it by name with each call’s values', async () => {
    expect(await preparedHere()).toEqual([]);
    expect((await query(NEXT, [1])).rows).toEqual([{ n: 2 }]);
    expect((await query(NEXT, [41])).rows).toEqual([{ n: 42 }]);
    expect(await preparedHere()).toEqual([{ name: 'test.next', statement: NEXT }]);
  });

  it('sends an unmarked statement unnamed, and refuses one text under two names', async () => {
    expect((await query('SELECT $1::int * 2 AS n', [21])).rows).toEqual([{ n: 42 }]);
    expect((await preparedHere()).map((s) => s.name)).toEqual(['test.next']);
    expect(() => prepared('test.other', NEXT)).toThrow('statement already prepared as test.next');
  });
});
