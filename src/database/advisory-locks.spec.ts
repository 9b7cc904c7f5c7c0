import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ADVISORY_LOCKS } from './advisory-locks';

const SRC = join(__dirname, '..');

/** The names of the locks that share an id with another one (empty when every id is distinct). */
function duplicateLockIds(locks: Record<string, number>): string[] {
  const byId = new Map<number, string[]>();
  for (const [name, id] of Object.entries(locks)) byId.set(id, [...(byId.get(id) ?? []), name]);
  return [...byId.values()].filter((names) => names.length > 1).flat();
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('advisory locks: one file declares every id', () => {
  it('no two locks share an id', () => {
    expect(duplicateLockIds(ADVISORY_LOCKS)).toEqual([]);
  });

  it('a shared id is caught, naming both locks', () => {
    expect(duplicateLockIds({ calendarYear: 7_160_002, reminderScan: 7_160_002, unitDirectory: 7_160_001 })).toEqual(['calendarYear', 'reminderScan']);
  });

  it('no other file under src/ takes an advisory lock with an id of its own', () => {
    const takers = sourceFiles(SRC)
      .filter((file) => /pg_(try_)?advisory/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(SRC, file));
    expect(takers).toEqual(['database/advisory-locks.ts']);
  });
});
