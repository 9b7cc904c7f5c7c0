import { Logger } from '@nestjs/common';
import { CalendarService } from '../src/calendar/calendar.service';
import { CalendarGapError } from '../src/calendar/work-calendar';
import { createUnit, createUnitUser } from './support/factories';
import { type ApiResponse, expectStatus, request } from './support/http';
import { createTestApp, type TestApp } from './support/test-app';

describe('working-day calendar API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await createUnitUser(t, (await createUnit(t.app)).id);
  });
  afterAll(() => t.close());

  const workdays = (from: string, to: string, as: 'leader' | 'unit_user' = 'leader') =>
    request(t.app, 'GET', `/api/calendar/workdays?from=${from}&to=${to}`, undefined, { as });
  const put = (body: unknown, as: 'admin' | 'supervisor' | 'leader' | 'unit_user' | 'anonymous' = 'admin') =>
    request(t.app, 'PUT', '/api/calendar/overrides', body, { as });
  const overrides = (query: string) => request(t.app, 'GET', `/api/calendar/overrides?${query}`, undefined, { as: 'unit_user' });
  const byDay = (res: ApiResponse) => new Map<string, any>(res.body.items.map((i: any) => [i.day, i]));

  /** Rows of everything a calendar write touches, to prove a refused call wrote nothing. */
  async function counts() {
    const [row] = await t.dataSource.query(
      `SELECT (SELECT count(*)::int FROM calendar_override) AS overrides, (SELECT count(*)::int FROM calendar_year) AS years,
              (SELECT count(*)::int FROM audit_event) AS audit`,
    );
    return row;
  }

  /** A 400 in the one validation shape naming exactly these fields. */
  function expectInvalid(res: ApiResponse, ...fields: string[]) {
    expectStatus(res, 400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(res.body.details.map((d: any) => d.field)).toEqual(fields);
    for (const field of fields) expect(res.body.message).toContain(field);
  }

  describe('GET /api/calendar/workdays on 2021', () => {
    it('knows the 调休 workdays and the National Day holiday, and says why', async () => {
      const res = await workdays('2021-09-17', '2021-10-10');
      expectStatus(res, 200);
      expect(res.body.items).toHaveLength(24);
      expect(res.body.warnings).toEqual([]);
      expect(res.body.coverage).toEqual([{ year: 2021, statutory: true, official: false }]);
      const days = byDay(res);
      for (const day of ['2021-09-18', '2021-09-26', '2021-10-09']) {
        expect(days.get(day)).toMatchObject({ isWorkday: true, source: 'statutory' });
      }
      expect(days.get('2021-10-09').note).toBe('国庆节调休上班');
      for (let d = 1; d <= 7; d++) {
        expect(days.get(`2021-10-0${d}`)).toMatchObject({ isWorkday: false, source: 'statutory', note: '国庆节' });
      }
      expect(days.get('2021-10-08')).toEqual({ day: '2021-10-08', isWorkday: true, source: 'weekend-rule', note: null });
      expect(days.get('2021-10-10')).toEqual({ day: '2021-10-10', isWorkday: false, source: 'weekend-rule', note: null });
    });
  });

  describe('PUT /api/calendar/overrides', () => {
    it('replaces the year, shows in GET, changes workdays, and is audited in the same change', async () => {
      const body = {
        year: 2021,
        items: [
          { day: '2021-10-04', isWorkday: true, note: ' 防汛值班 ' },
          { day: '2021-09-22', isWorkday: false },
        ],
      };
      const res = await put(body);
      expectStatus(res, 200);
      const expectedItems = [
        { day: '2021-09-22', isWorkday: false, note: null },
        { day: '2021-10-04', isWorkday: true, note: '防汛值班' },
      ];
      expect(res.body).toEqual({ items: expectedItems, coverage: [{ year: 2021, statutory: true, official: false }], warnings: [] });

      const listed = await overrides('year=2021');
      expectStatus(listed, 200);
      expect(listed.body.items).toEqual(expectedItems);
      expect((await overrides('from=2021-10-01&to=2021-10-31')).body.items).toEqual([expectedItems[1]]);

      const days = byDay(await workdays('2021-09-20', '2021-10-05'));
      expect(days.get('2021-10-04')).toEqual({ day: '2021-10-04', isWorkday: true, source: 'override', note: '防汛值班' });
      expect(days.get('2021-09-22')).toMatchObject({ isWorkday: false, source: 'override' });

      // Any process's next load sees it: nothing is cached.
      const calendar = await t.app.get(CalendarService).load();
      expect(calendar.nextWorkday('2021-09-30')).toBe('2021-10-04');

      const events = await t.dataSource.query(
        `SELECT actor_username, action, entity_id, before, after FROM audit_event WHERE entity = 'calendar_year' ORDER BY at`,
      );
      expect(events).toEqual([
        {
          actor_username: 'test-admin',
          action: 'calendar.replace_year',
          entity_id: '2021',
          before: { year: 2021, complete: false, note: null, items: [] },
          after: { year: 2021, complete: false, note: null, items: expectedItems },
        },
      ]);
      const [{ updated_by }] = await t.dataSource.query(`SELECT updated_by FROM calendar_override WHERE day = '2021-10-04'`);
      const [{ id: adminId }] = await t.dataSource.query(`SELECT id FROM app_user WHERE username = 'test-admin'`);
      expect(updated_by).toBe(adminId);
    });

    it('an empty list removes the overrides of that year only', async () => {
      await put({ year: 2022, items: [{ day: '2022-01-04', isWorkday: false }] });
      const res = await put({ year: 2021, items: [] });
      expectStatus(res, 200);
      expect(res.body.items).toEqual([]);
      expect((await overrides('year=2022')).body.items).toEqual([{ day: '2022-01-04', isWorkday: false, note: null }]);
      expect(byDay(await workdays('2021-10-04', '2021-10-04')).get('2021-10-04')).toMatchObject({ isWorkday: false, source: 'statutory' });
    });

    it.each(['supervisor', 'leader', 'unit_user'] as const)('as %s → 403 and nothing written', async (role) => {
      const before = await counts();
      const res = await put({ year: 2021, items: [{ day: '2021-10-05', isWorkday: true }], complete: true }, role);
      expectStatus(res, 403);
      expect(res.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
      expect(await counts()).toEqual(before);
    });

    it('without a token → 401 and nothing written', async () => {
      const before = await counts();
      expectStatus(await put({ year: 2021, items: [] }, 'anonymous'), 401);
      expect(await counts()).toEqual(before);
    });
  });

  describe('a year without calendar data (2027: chinese-days stops at 2026)', () => {
    it('is reported in the API and logged loudly once, never guessed', async () => {
      const warn = jest.spyOn(Logger.prototype, 'warn');
      try {
        const res = await workdays('2026-12-30', '2027-01-02');
        expectStatus(res, 200);
        expect(res.body.items).toEqual([
          { day: '2026-12-30', isWorkday: true, source: 'weekend-rule', note: null },
          { day: '2026-12-31', isWorkday: true, source: 'weekend-rule', note: null },
          { day: '2027-01-01', isWorkday: null, source: 'unknown', note: null },
          { day: '2027-01-02', isWorkday: null, source: 'unknown', note: null },
        ]);
        expect(res.body.coverage).toEqual([
          { year: 2026, statutory: true, official: false },
          { year: 2027, statutory: false, official: false },
        ]);
        expect(res.body.warnings).toHaveLength(1);
        expect(res.body.warnings[0]).toContain('2027 年没有工作日历数据');

        const listed = await overrides('year=2027');
        expectStatus(listed, 200);
        expect(listed.body).toEqual({ items: [], coverage: [{ year: 2027, statutory: false, official: false }], warnings: res.body.warnings });

        await expect(t.app.get(CalendarService).load().then((c) => c.isWorkday('2027-03-01'))).rejects.toBeInstanceOf(CalendarGapError);
        const logged = warn.mock.calls.filter(([message]) => String(message).includes('2027'));
        expect(logged).toHaveLength(1);
        expect(String(logged[0]![0])).toContain('CALENDAR DATA MISSING for 2027');
      } finally {
        warn.mockRestore();
      }
    });

    it('without a year, the listing warns about the next year ahead of time', async () => {
      const res = await overrides('');
      expectStatus(res, 200);
      const thisYear = Number(
        new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()),
      );
      expect(res.body.coverage.map((c: any) => c.year)).toEqual(expect.arrayContaining([thisYear, thisYear + 1]));
      const uncovered = res.body.coverage.filter((c: any) => !c.statutory && !c.official).map((c: any) => c.year);
      expect(res.body.warnings.map((w: string) => Number(w.slice(0, 4)))).toEqual(uncovered);
    });

    it('becomes usable when an admin loads its schedule and declares it complete', async () => {
      const res = await put({
        year: 2027,
        items: [
          { day: '2027-01-01', isWorkday: false, note: '元旦' },
          { day: '2027-02-20', isWorkday: true, note: '春节调休上班' },
        ],
        complete: true,
        note: '国务院办公厅关于2027年部分节假日安排的通知',
      });
      expectStatus(res, 200);
      expect(res.body.coverage).toEqual([{ year: 2027, statutory: false, official: true }]);
      expect(res.body.warnings).toEqual([]);
      const days = byDay(await workdays('2027-01-01', '2027-02-28'));
      expect(days.get('2027-01-01')).toMatchObject({ isWorkday: false, source: 'override' });
      expect(days.get('2027-01-04')).toMatchObject({ isWorkday: true, source: 'weekend-rule' });
      expect(days.get('2027-02-20')).toMatchObject({ isWorkday: true, source: 'override', note: '春节调休上班' });
      const [marker] = await t.dataSource.query(`SELECT note FROM calendar_year WHERE year = 2027`);
      expect(marker.note).toBe('国务院办公厅关于2027年部分节假日安排的通知');

      // Withdrawing the marker keeps the overrides but makes the year a gap again.
      const withdrawn = await put({ year: 2027, items: res.body.items, complete: false });
      expect(withdrawn.body.coverage).toEqual([{ year: 2027, statutory: false, official: false }]);
      expect(withdrawn.body.warnings).toHaveLength(1);
      expect(byDay(await workdays('2027-01-01', '2027-01-04')).get('2027-01-04')).toMatchObject({ isWorkday: null, source: 'unknown' });
      expect(byDay(await workdays('2027-01-01', '2027-01-04')).get('2027-01-01')).toMatchObject({ isWorkday: false, source: 'override' });
    });
  });

  describe('bad input → 400 naming the field', () => {
    it.each([
      ['an impossible date', 'from=2021-02-30&to=2021-03-01', ['from']],
      ['a date without leading zeros', 'from=2021-9-1&to=2021-10-01', ['from']],
      ['a date-time', 'from=2021-09-01T00:00:00Z&to=2021-10-01', ['from']],
      ['a missing to', 'from=2021-09-01', ['to']],
      ['to before from', 'from=2021-10-01&to=2021-09-30', ['to']],
      ['a range over two years', 'from=2021-01-01&to=2023-01-03', ['to']],
    ])('GET workdays with %s', async (_, query, fields) => {
      expectInvalid(await request(t.app, 'GET', `/api/calendar/workdays?${query}`), ...fields);
    });

    it.each([
      ['year=abc', ['year']],
      ['year=2021&from=2021-01-01', ['from']],
      ['from=2021-01-01', ['to']],
    ])('GET overrides with %s', async (query, fields) => {
      expectInvalid(await overrides(query), ...fields);
    });

    it.each([
      ['a day outside the year', { year: 2021, items: [{ day: '2021-10-01', isWorkday: true }, { day: '2022-01-01', isWorkday: true }] }, ['items.1.day']],
      ['an impossible day', { year: 2021, items: [{ day: '2021-13-01', isWorkday: true }] }, ['items.0.day']],
      ['the same day twice', { year: 2021, items: [{ day: '2021-10-01', isWorkday: true }, { day: '2021-10-01', isWorkday: false }] }, ['items.1.day']],
      ['isWorkday missing', { year: 2021, items: [{ day: '2021-10-01' }] }, ['items.0.isWorkday']],
      ['a note without complete', { year: 2021, items: [], note: '通知' }, ['note']],
      ['a year out of range', { year: 1999, items: [] }, ['year']],
    ])('PUT with %s, writing nothing', async (_, body, fields) => {
      const before = await counts();
      expectInvalid(await put(body), ...fields);
      expect(await counts()).toEqual(before);
    });
  });
});
