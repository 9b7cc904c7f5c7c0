import { rollUp, type RolledChild } from './rollup';

const child = (status: RolledChild['status'], light: RolledChild['light'], rollup: RolledChild['rollup'] = null): RolledChild => ({ status, light, rollup });

describe('rollUp (下达 roll-up rule)', () => {
  it('is completed only when every organization accepted and every child is completed', () => {
    const done = rollUp([{ accepted: true, tasks: [child('completed', 'green'), child('completed', 'green')] }], false);
    expect(done).toEqual({ completed: true, light: 'green', organizations: 1, accepted: 1, completedTasks: 2, totalTasks: 2 });
    expect(rollUp([{ accepted: true, tasks: [child('completed', 'green'), child('in_progress', 'green')] }], false).completed).toBe(false);
    const pending = rollUp([{ accepted: true, tasks: [child('completed', 'green')] }, { accepted: false, tasks: [] }], false);
    expect(pending).toMatchObject({ completed: false, light: 'yellow', organizations: 2, accepted: 1 });
  });

  it('is red when a child is red, or an acceptance is still pending after the parent is due', () => {
    expect(rollUp([{ accepted: true, tasks: [child('in_progress', 'red'), child('in_progress', 'yellow')] }], false).light).toBe('red');
    expect(rollUp([{ accepted: false, tasks: [] }], true).light).toBe('red');
    expect(rollUp([{ accepted: false, tasks: [] }], false).light).toBe('yellow');
  });

  it('is grey when every child is suspended or cancelled, and when nothing was delivered', () => {
    expect(rollUp([{ accepted: true, tasks: [child('suspended', 'grey'), child('cancelled', 'grey')] }], false).light).toBe('grey');
    expect(rollUp([], false)).toMatchObject({ completed: false, light: 'grey', organizations: 0 });
  });

  it('counts a child delivered further by its own roll-up', () => {
    const below = rollUp([{ accepted: true, tasks: [child('in_progress', 'red')] }], false);
    const city = rollUp([{ accepted: true, tasks: [child('in_progress', 'green', below), child('completed', 'green')] }], false);
    expect(city).toMatchObject({ completed: false, light: 'red', completedTasks: 1, totalTasks: 2 });
    const finished = rollUp([{ accepted: true, tasks: [child('completed', 'green')] }], false);
    expect(rollUp([{ accepted: true, tasks: [child('in_progress', 'green', finished)] }], false)).toMatchObject({ completed: true, light: 'green' });
  });
});
