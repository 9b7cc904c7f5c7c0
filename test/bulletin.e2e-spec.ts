import mammoth from 'mammoth';
import { parse } from 'node-html-parser';
import { createUnitUser } from './support/factories';
import { expectStatus, request } from './support/http';
import { buildResultsScenario, type ResultsScenario } from './support/results-scenario';
import { createTestApp, tokenFor, type TestApp } from './support/test-app';

/** The 督查通报 on the scenario of support/results-scenario.ts, read back from the .docx as a user's Word would show it. */
describe('督查通报 (GET /api/supervision/bulletin.docx)', () => {
  let t: TestApp;
  let s: ResultsScenario;

  const download = async (query: Record<string, string | string[]>, method: 'GET' | 'POST' = 'GET') => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) for (const v of [value].flat()) params.append(key, v);
    const res = await t.app.inject({
      method,
      url: method === 'GET' ? `/api/supervision/bulletin.docx?${params}` : '/api/supervision/bulletin.docx',
      headers: { authorization: `Bearer ${tokenFor(t.app, 'leader')}` },
      ...(method === 'POST' ? { payload: query } : {}),
    });
    expect(res.statusCode).toBe(200);
    return { bytes: res.rawPayload, headers: res.headers };
  };
  /** Every table of the document as rows of cell texts, and its plain text. */
  const read = async (bytes: Buffer) => {
    const { value: html } = await mammoth.convertToHtml({ buffer: bytes });
    const tables = parse(html)
      .querySelectorAll('table')
      .map((table) => table.querySelectorAll('tr').map((row) => row.querySelectorAll('td, th').map((cell) => cell.text.trim())));
    const { value: text } = await mammoth.extractRawText({ buffer: bytes });
    return { tables, text };
  };

  beforeAll(async () => {
    t = await createTestApp();
    s = await buildResultsScenario(t);
  });
  afterAll(() => t.close());

  it('as of 2021-10-15: figures, completed, red and yellow items, ranking, units not reporting, indicators', async () => {
    const { bytes, headers } = await download({
      planId: s.planId,
      asOf: '2021-10-15',
      docNumber: '第10期',
      issuer: '市政府督查室',
      preface: '现将2021年下半年重点工作推进情况通报如下。',
      praise: ['文化广电和旅游局提前完成城市书房建设，予以表扬。'],
      criticism: ['农业农村局高标准农田建设逾期未完成，予以通报。'],
    });
    expect(headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(headers['content-disposition']).toContain(encodeURIComponent('督查通报_2021-10-15.docx'));
    const { tables, text } = await read(bytes);
    expect(tables).toEqual([
      [
        ['任务总数', '已办结', '推进中', '未启动', '红灯', '黄灯', '绿灯', '逾期', '未报送'],
        ['5', '1', '4', '0', '1', '2', '2', '1', '1'],
      ],
      [
        ['序号', '任务', '责任单位', '办结日期'],
        ['1', '新建城市书房10座。', '文化广电和旅游局、教育体育局', '2021-09-26'],
      ],
      [
        ['预警', '序号', '任务', '责任单位', '完成时限', '原因'],
        ['红灯', '2', '建设高标准农田2万亩。', '农业农村局', '2021-09-30', '已超过完成时限 2021-09-30 15 天（7 个工作日）；最新报送进度 75%，落后序时进度 100% 超过 10 个百分点'],
        ['黄灯', '3', '完善社会救助。', '民政局', '2021-12-31', '最新报送进度 20%，落后序时进度 58% 超过 10 个百分点；2021-09 期进展未报送'],
        ['黄灯', '4', '推进养老服务。', '民政局', '2021-11-30', '最新报送进度 40%，落后序时进度 70% 超过 10 个百分点'],
      ],
      [
        ['排名', '单位', '得分', '加分', '扣分'],
        ['1', '文化广电和旅游局', '101', '2', '1'],
        ['2', '发展改革和统计局', '99', '0', '1'],
        ['3', '教育体育局', '99', '0', '1'],
        ['4', '农业农村局', '96.5', '0', '3.5'],
        ['5', '民政局', '96', '0', '4'],
      ],
      [
        ['单位', '未报送任务序号'],
        ['民政局', '3'],
      ],
      [
        ['序号', '指标', '目标', '实际', '报送期次', '情况'],
        ['5', '生产总值', '不低于 8%', '8.2%', '2021-09', '达标'],
      ],
    ]);
    for (const line of [
      '督查通报',
      '第10期',
      '市政府督查室　　　　2021年10月15日',
      '现将2021年下半年重点工作推进情况通报如下。',
      '截至2021年10月15日，2021年下半年重点工作共有重点任务5项，已办结1项（办结率20%），正在推进4项，尚未启动0项；红灯1项、黄灯2项、绿灯2项，逾期1项，2021-09期未报送进展1项。',
      '七、表扬',
      '文化广电和旅游局提前完成城市书房建设，予以表扬。',
      '八、通报批评',
      '农业农村局高标准农田建设逾期未完成，予以通报。',
    ]) {
      expect(text.split('\n').map((l) => l.trim())).toContain(line);
    }
  });

  it('the preview answers the same content as data; POST takes the texts in a body', async () => {
    const preview = await request(t.app, 'GET', `/api/supervision/bulletin?planId=${s.planId}&asOf=2021-09-01&praise=甲%0A乙`, undefined, { as: 'leader' });
    expectStatus(preview, 200);
    expect(preview.body).toMatchObject({ title: '督查通报', issuer: '督查室', asOf: '2021-09-01', period: '2021-08', praise: ['甲', '乙'] });
    expect(preview.body.indicators).toEqual([
      { number: 5, metric: '生产总值', target: '不低于 8%', actual: 7.5, unit: '%', period: '2021-07', standing: '未达标' },
    ]);
    const viaBody = await read((await download({ planId: s.planId, asOf: '2021-09-01', praise: ['甲', '乙'] } as any, 'POST')).bytes);
    const viaQuery = await read((await download({ planId: s.planId, asOf: '2021-09-01', praise: '甲\n乙' })).bytes);
    expect(viaBody).toEqual(viaQuery);
  });

  it('refuses unit users (403) and bad input (400 naming the field)', async () => {
    const unitUser = await createUnitUser(t, s.units.get('民政局')!);
    expect((await request(t.app, 'GET', `/api/supervision/bulletin.docx?planId=${s.planId}&asOf=2021-10-15`, undefined, { as: unitUser })).status).toBe(403);
    const bad = await request(t.app, 'GET', `/api/supervision/bulletin.docx?planId=${s.planId}&asOf=2021-13-45`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.details)).toContain('asOf');
    const long = await request(t.app, 'POST', '/api/supervision/bulletin.docx', { planId: s.planId, praise: ['好'.repeat(1001)] });
    expect(long.status).toBe(400);
    expect(JSON.stringify(long.body.details)).toContain('praise');
  });

  it('the same asOf gives the same bytes; a bulletin for a past day stays the same after later reports arrive', async () => {
    const query = { planId: s.planId, asOf: '2021-09-30', docNumber: '第9期' };
    const first = (await download(query)).bytes;
    const today = (await download({ planId: s.planId, asOf: '2021-10-15' })).bytes;
    expect((await download(query)).bytes.equals(first)).toBe(true);

    await s.report(3, '民政局', '2021-10', '2021-10-10', { percent: 60 });
    expect((await download(query)).bytes.equals(first)).toBe(true);
    // A bulletin as of a day after the report does change.
    const later = (await download({ planId: s.planId, asOf: '2021-10-15' })).bytes;
    expect(later.equals(today)).toBe(false);
    const yellow = (await read(later)).tables[2]!.find((row) => row[1] === '3');
    expect(yellow).toEqual(['黄灯', '3', '完善社会救助。', '民政局', '2021-12-31', '2021-09 期进展未报送']);
  });
});
