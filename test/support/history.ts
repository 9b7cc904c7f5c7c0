import type { TestApp } from './test-app';

/**
 * Runs `act` (calls to the API) and dates what it recorded — status changes, progress reports — to `day`, from
 * 10:00 Beijing time on, in the order it happened. The lights and the reminder scan read a task as it stood at
 * the end of a day, while the server stamps history with the real clock (CLOCK_TODAY moves only "today").
 */
export async function onDay<T>(t: TestApp, day: string, act: () => Promise<T>): Promise<T> {
  const [{ since }] = await t.dataSource.query(`SELECT clock_timestamp() AS since`);
  const result = await act();
  const at = `${day} 10:00+08`;
  await t.dataSource.query(`UPDATE task_event SET at = $2::timestamptz + (at - $1) WHERE at >= $1`, [since, at]);
  await t.dataSource.query(`UPDATE progress_report SET created_at = $2::timestamptz + (created_at - $1) WHERE created_at >= $1`, [since, at]);
  return result;
}
