import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workbook } from 'exceljs';
import { JIYUAN_GROUPS } from '../src/seed/jiyuan-units';
import { TEMPLATE_HEADER } from '../src/notice-import/import-template';
import {
  countPlanRows,
  createPlan,
  createUnit,
  names,
  seedJiyuanRegistry,
  snapshotPlan,
  tasksByNumber,
} from './support/factories';
import { expectStatus, request } from './support/http';
import { buildCsv, buildDocx, buildTextDocx, buildTsv, buildXlsx, type WordFixture } from './support/import-fixtures';
import { createTestApp, tokenFor, type TestApp } from './support/test-app';
import { uploadImport, type Upload } from './support/upload';

const STREETS = JIYUAN_GROUPS.find((g) => g.name === '各街道办事处')!.members;
const TOWNS = JIYUAN_GROUPS.find((g) => g.name === '各镇人民政府')!.members;

/** What an item must come out as, exactly. */
interface Expected {
  lead?: string[];
  responsible?: string[];
  cooperating?: string[];
  includesOtherUnits?: boolean;
  dueDate: string;
}

const outcome = (task: any) => ({
  lead: names(task.lead),
  responsible: names(task.responsible),
  cooperating: names(task.cooperating),
  includesOtherUnits: task.includesOtherUnits,
  dueDate: task.dueDate,
});

const exactly = (e: Expected) => ({
  lead: e.lead ?? [],
  responsible: e.responsible ?? [],
  cooperating: e.cooperating ?? [],
  includesOtherUnits: e.includesOtherUnits ?? false,
  dueDate: e.dueDate,
});

/** Style A: a Word table with a title row and a 注 row inside it, 一、 and (一) rows merged across, 完成时限. */
const WORD_A: WordFixture = {
  before: ['附件1'],
  tables: [
    [
      { merged: '济源示范区2021年重点工作任务分解表' },
      ['序号', '重点工作任务', '牵头单位', '责任单位', '完成时限'],
      { merged: '一、推动高质量发展' },
      { merged: '（一）加快工业转型' },
      ['1', '推进工业转型升级\n实施技改项目50个', '工业和科技创新委员会', '发展改革和统计局、财政金融局', '2021年6月底前'],
      ['2', '优化营商环境', '市场监管局', '各街道办事处', '年底前'],
      { merged: '二、保障改善民生' },
      ['3', '办好民生实事', '', '人社局、卫健委等有关单位', '三季度末'],
      ['4', '推进乡村振兴', '农业农村局', '', '2021年10月15日前'],
      { merged: '注：各责任单位每月25日前报送进展。' },
    ],
  ],
};
const WORD_A_EXPECTED: Record<number, Expected> = {
  1: { lead: ['工业和科技创新委员会'], responsible: ['发展改革和统计局', '财政金融局'], dueDate: '2021-06-30' },
  2: { lead: ['市场监督管理局'], responsible: STREETS, dueDate: '2021-12-31' },
  3: { responsible: ['人力资源和社会保障局', '卫生健康委员会'], includesOtherUnits: true, dueDate: '2021-09-30' },
  4: { lead: ['农业农村局'], dueDate: '2021-10-15' },
};

/**
 * Style B: other header words (编号, 工作任务, 牵头部门, 责任部门, 配合部门, 时间节点, 责任领导, an unknown 备注
 * column), a lead merged down over two tasks, line breaks inside a paragraph, the table split in two by a page.
 */
const WORD_B: WordFixture = {
  before: ['济源示范区2021年重点工作任务分解', '（按部门分工）'],
  tables: [
    [
      ['编号', '工作任务', '牵头部门', '责任部门', '配合部门', '时间节点', '责任领导', '备注'],
      { merged: '一、生态保护' },
      ['1', '开展黄河湿地保护\v修复湿地2万亩', { text: '生态环境局', rowSpan: 2 }, '林业局', '水利局、黄河河务局', '2021年11月底前', '张三', '重点'],
      ['2', '治理大气污染', '公安局、交通运输局', '各镇人民政府', '2021年12月31日前', '李四', ''],
      ['3', '推进河长制', '水利局', '', '林业局等有关单位', '上半年', '', ''],
    ],
  ],
  after: ['注：时间节点为最迟完成时间。'],
};
const WORD_B_EXPECTED: Record<number, Expected> = {
  1: { lead: ['生态环境局'], responsible: ['林业局'], cooperating: ['水利局', '黄河河务局'], dueDate: '2021-11-30' },
  2: { lead: ['生态环境局'], responsible: ['公安局', '交通运输局'], cooperating: TOWNS, dueDate: '2021-12-31' },
  3: { lead: ['水利局'], cooperating: ['林业局'], includesOtherUnits: true, dueDate: '2021-06-30' },
};

/** A workbook: a title merged across, the header on row 3, merged section rows, dates as dates, two sheets. */
function workbookFixture(revised = false) {
  const header = ['序号', '具体工作任务', '牵头责任单位', '承办单位', '协办单位', '完成时限'];
  return buildXlsx([
    {
      name: '一季度任务',
      rows: [
        ['济源示范区2021年重点工作任务分解表'],
        null,
        header,
        ['一、扩大有效投资'],
        [1, '实施重点项目300个', '发展改革和统计局', '财政金融局、自然资源和规划局', '税务局', new Date(Date.UTC(2021, 2, 31))],
        [2, revised ? '新建城市道路15公里' : '新建城市道路10公里', '住建局', '交通运输局', null, revised ? '2021年9月底前' : '2021年8月底前'],
        ['二、深化改革开放'],
        [3, '深化“放管服”改革', null, '政务服务和大数据管理局、行政服务中心', '司法局等有关单位', '年底前'],
      ],
      merges: ['A1:F1', 'A4:F4', 'A7:F7'],
    },
    {
      name: '二季度任务',
      rows: [
        header,
        ['三、保障民生'],
        [4, '新增城镇就业1.5万人', '人力资源和社会保障局', '各街道', null, '2021年6月30日'],
        [5, '完成老旧小区改造', '住房和城乡建设局', '各街道办事处、各镇', null, '四季度末'],
      ],
      merges: ['A2:F2'],
    },
  ]);
}
const WORKBOOK_EXPECTED: Record<number, Expected> = {
  1: { lead: ['发展改革和统计局'], responsible: ['财政金融局', '自然资源和规划局'], cooperating: ['税务局'], dueDate: '2021-03-31' },
  2: { lead: ['住房和城乡建设局'], responsible: ['交通运输局'], dueDate: '2021-08-31' },
  3: { responsible: ['政务服务和大数据管理局', '行政服务中心'], cooperating: ['司法局'], includesOtherUnits: true, dueDate: '2021-12-31' },
  4: { lead: ['人力资源和社会保障局'], responsible: STREETS, dueDate: '2021-06-30' },
  5: { lead: ['住房和城乡建设局'], responsible: [...STREETS, ...TOWNS], dueDate: '2021-12-31' },
};

/** A plain table as CSV and TSV carry it: a multi-line task quoted, an alias, an empty lead. */
const PLAIN_TABLE = [
  ['序号', '任务内容', '牵头单位', '责任单位', '配合单位', '完成时限'],
  ['1', '推进医疗卫生改革\n建成医联体3个', '卫健委', '医保局', '财政金融局', '2021年9月底前'],
  ['2', '推进“双减”工作', '', '教育体育局', '公安局、市场监管局等有关单位', '年底前'],
];
const PLAIN_EXPECTED: Record<number, Expected> = {
  1: { lead: ['卫生健康委员会'], responsible: ['医疗保障局'], cooperating: ['财政金融局'], dueDate: '2021-09-30' },
  2: { responsible: ['教育体育局'], cooperating: ['公安局', '市场监督管理局'], includesOtherUnits: true, dueDate: '2021-12-31' },
};

const DOC_EXPECTED: Record<number, Expected> = {
  1: { lead: ['工业和科技创新委员会'], responsible: ['发展改革和统计局', '财政金融局'], dueDate: '2021-06-30' },
  2: { lead: ['市场监督管理局'], responsible: STREETS, dueDate: '2021-12-31' },
  3: { responsible: ['人力资源和社会保障局', '卫生健康委员会'], includesOtherUnits: true, dueDate: '2021-09-30' },
};

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name));

describe('notice import from files (multipart POST /api/plans/:id/import)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ IMPORT_BODY_LIMIT_BYTES: String(2 * 1024 * 1024) });
    await seedJiyuanRegistry(t.app);
  });
  afterAll(() => t.close());

  /** Commits the file into a new plan and checks every item exactly. */
  async function expectImported(upload: Upload, expected: Record<number, Expected>) {
    const plan = await createPlan(t.app);
    const res = await uploadImport(t.app, plan.id, upload);
    expectStatus(res, 201);
    expect(res.body.errors).toEqual([]);
    expect(res.body.tasks).toEqual({ created: Object.keys(expected).length, updated: 0, unchanged: 0 });
    const tasks = await tasksByNumber(t.app, plan.id);
    expect(Object.fromEntries([...tasks].map(([n, task]) => [n, outcome(task)]))).toEqual(
      Object.fromEntries(Object.entries(expected).map(([n, e]) => [n, exactly(e)])),
    );
    return { plan, report: res.body, tasks };
  }

  describe('each format and style comes out exactly', () => {
    it('a Word table with title and 注 rows, merged section rows, multi-line cells, empty lead and responsible cells', async () => {
      const { report, tasks } = await expectImported({ fileName: '2021年重点工作任务分解表.docx', bytes: await buildDocx(WORD_A) }, WORD_A_EXPECTED);
      expect(report).toMatchObject({ sections: 2, subsections: 1 });
      expect(tasks.get(1).content).toBe('推进工业转型升级\n实施技改项目50个');
      expect(report.items.map((i: any) => [i.number, i.location, i.result])).toEqual([
        [1, { table: 1, row: 5 }, 'created'],
        [2, { table: 1, row: 6 }, 'created'],
        [3, { table: 1, row: 8 }, 'created'],
        [4, { table: 1, row: 9 }, 'created'],
      ]);
      expect(report.columns.map((c: any) => [c.header, c.field])).toEqual([
        ['序号', 'number'],
        ['重点工作任务', 'task'],
        ['牵头单位', 'lead'],
        ['责任单位', 'responsible'],
        ['完成时限', 'deadline'],
      ]);
      expect(report.warnings).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ location: { table: 1, row: 1 }, text: expect.stringContaining('重点工作任务分解表') }),
          expect.objectContaining({ location: { table: 1, row: 10 }, text: expect.stringContaining('注：') }),
        ]),
      );
    });

    it('a Word table with other header words, a lead merged down, cooperating units and an unknown column', async () => {
      const { report, tasks } = await expectImported({ fileName: 'fenjie.docx', bytes: await buildDocx(WORD_B) }, WORD_B_EXPECTED);
      expect(tasks.get(1)).toMatchObject({ content: '开展黄河湿地保护\n修复湿地2万亩', leaders: ['张三'], deadlineText: '2021年11月底前' });
      expect(report.columns.find((c: any) => c.header === '备注')).toMatchObject({ field: 'extra' });
      const [detail] = await t.dataSource.query(`SELECT extra_fields FROM task WHERE id = $1`, [tasks.get(1).id]);
      expect(JSON.stringify(detail.extra_fields)).toContain('重点');
    });

    it('a workbook: title merged across, header on row 3, merged sections, dates, two sheets read as one list', async () => {
      const { report } = await expectImported({ fileName: '任务表.xlsx', bytes: await workbookFixture() }, WORKBOOK_EXPECTED);
      expect(report).toMatchObject({ sections: 3, subsections: 0 });
      expect(report.warnings).toEqual(
        expect.arrayContaining([expect.objectContaining({ location: { sheet: '一季度任务', row: 1 } })]),
      );
    });

    it('CSV in GBK (as Chinese Excel saves it) and in UTF-8 with a BOM', async () => {
      await expectImported({ fileName: 'tasks-gbk.csv', bytes: buildCsv(PLAIN_TABLE, 'gbk') }, PLAIN_EXPECTED);
      await expectImported({ fileName: 'tasks.csv', bytes: buildCsv(PLAIN_TABLE, 'utf-8-bom') }, PLAIN_EXPECTED);
    });

    it('TSV, a multi-line cell quoted', async () => {
      await expectImported({ fileName: 'tasks.tsv', bytes: Buffer.from(buildTsv(PLAIN_TABLE)) }, PLAIN_EXPECTED);
    });

    it('an old binary .doc table (test/fixtures/task-table.doc)', async () => {
      const { report } = await expectImported({ fileName: 'task-table.doc', bytes: fixture('task-table.doc') }, DOC_EXPECTED);
      expect(report).toMatchObject({ sections: 1 });
      expect(report.items.map((i: any) => i.location)).toEqual([3, 4, 5].map((row) => ({ table: 1, row })));
    });

    it('a .txt notice and a Word document without tables go through the text parser', async () => {
      const notice = [
        '一、推动高质量发展',
        '1.推进工业转型升级。(牵头单位:工业和科技创新委员会;责任单位:财政金融局;完成时限:2021年6月底前)',
        '2.优化营商环境。(市场监管局牵头,各街道办事处负责,年底前完成)',
      ];
      const expected: Record<number, Expected> = {
        1: { lead: ['工业和科技创新委员会'], responsible: ['财政金融局'], dueDate: '2021-06-30' },
        2: { lead: ['市场监督管理局'], responsible: STREETS, dueDate: '2021-12-31' },
      };
      await expectImported({ fileName: 'notice.txt', bytes: Buffer.from(notice.join('\r\n'), 'utf8') }, expected);
      await expectImported({ fileName: 'notice.docx', bytes: await buildTextDocx(notice) }, expected);
    });
  });

  describe('dry run, errors, re-import', () => {
    it('a dry run reports what would be created and writes nothing', async () => {
      const plan = await createPlan(t.app);
      const res = await uploadImport(t.app, plan.id, { fileName: 'a.docx', bytes: await buildDocx(WORD_A), fields: { dryRun: 'true' } });
      expectStatus(res, 200);
      expect(res.body).toMatchObject({ dryRun: true, tasks: { created: 4, updated: 0, unchanged: 0 }, errors: [] });
      expect(await countPlanRows(t, 'task', plan.id)).toBe(0);
      expect(await countPlanRows(t, 'plan_section', plan.id)).toBe(0);
    });

    it('an unknown unit is 422 with the row located, and nothing is written; createMissingUnits then imports it', async () => {
      const plan = await createPlan(t.app);
      const rows = [...PLAIN_TABLE, ['3', '发展数字经济', '数字经济局', '工业和科技创新委员会', '', '年底前']];
      const upload = { fileName: 'unknown.csv', bytes: buildCsv(rows, 'utf-8') };
      const res = await uploadImport(t.app, plan.id, upload);
      expectStatus(res, 422);
      expect(res.body.unknownUnits).toEqual([{ name: '数字经济局', items: [3] }]);
      expect(res.body.errors).toEqual([expect.objectContaining({ location: { line: 5 }, message: expect.stringContaining('数字经济局') })]);
      expect(res.body.items.map((i: any) => [i.number, i.location, i.result])).toEqual([
        [1, { line: 2 }, 'created'],
        [2, { line: 4 }, 'created'],
        [3, { line: 5 }, 'error'],
      ]);
      expect(await countPlanRows(t, 'task', plan.id)).toBe(0);

      const created = await uploadImport(t.app, plan.id, { ...upload, fields: { createMissingUnits: 'true' } });
      expectStatus(created, 201);
      expect(created.body).toMatchObject({ createdUnits: ['数字经济局'], tasks: { created: 3 } });
    });

    it('re-importing the same file changes nothing; a revised file updates tasks in place', async () => {
      const plan = await createPlan(t.app);
      expectStatus(await uploadImport(t.app, plan.id, { fileName: 't.xlsx', bytes: await workbookFixture() }), 201);
      const before = await snapshotPlan(t, plan.id);

      const again = await uploadImport(t.app, plan.id, { fileName: 't.xlsx', bytes: await workbookFixture() });
      expectStatus(again, 201);
      expect(again.body.tasks).toEqual({ created: 0, updated: 0, unchanged: 5 });
      const after = await snapshotPlan(t, plan.id);
      expect(after.tasks).toEqual(before.tasks);
      expect(after.assignments).toEqual(before.assignments);

      const revised = await uploadImport(t.app, plan.id, { fileName: 't.xlsx', bytes: await workbookFixture(true) });
      expectStatus(revised, 201);
      expect(revised.body.tasks).toEqual({ created: 0, updated: 1, unchanged: 4 });
      expect(revised.body.items.map((i: any) => [i.number, i.location, i.result])).toEqual([
        [1, { sheet: '一季度任务', row: 5 }, 'unchanged'],
        [2, { sheet: '一季度任务', row: 6 }, 'updated'],
        [3, { sheet: '一季度任务', row: 8 }, 'unchanged'],
        [4, { sheet: '二季度任务', row: 3 }, 'unchanged'],
        [5, { sheet: '二季度任务', row: 4 }, 'unchanged'],
      ]);
      const tasks = await tasksByNumber(t.app, plan.id);
      const old = before.tasks.find((task: any) => task.number === 2);
      expect(tasks.get(2)).toMatchObject({ id: old.id, content: '新建城市道路15公里', dueDate: '2021-09-30' });
    });
  });

  describe('files that cannot be imported get a Chinese 400/413/422, never a 500', () => {
    let planId: string;
    beforeAll(async () => {
      planId = (await createPlan(t.app)).id;
    });
    afterAll(async () => {
      expect(await countPlanRows(t, 'task', planId)).toBe(0);
    });

    it('a PDF renamed .docx is 400 saying what it really is', async () => {
      const res = await uploadImport(t.app, planId, { fileName: '任务.docx', bytes: Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n') });
      expectStatus(res, 400);
      expect(res.body).toMatchObject({ code: 'FILE_TYPE_MISMATCH', message: expect.stringContaining('PDF 文件') });
      expect(res.body.details).toEqual([{ field: 'file', reason: expect.any(String) }]);
    });

    it('a password-protected workbook (an OLE container where a zip is expected) is 422', async () => {
      const res = await uploadImport(t.app, planId, { fileName: '加密.xlsx', bytes: fixture('encrypted.xlsx') });
      expectStatus(res, 422);
      expect(res.body).toMatchObject({ code: 'FILE_ENCRYPTED', message: expect.stringContaining('打开密码') });
    });

    it('an old .doc renamed .xlsx is 400 asking for .xlsx', async () => {
      const res = await uploadImport(t.app, planId, { fileName: 'tasks.xlsx', bytes: fixture('task-table.doc') });
      expectStatus(res, 400);
      expect(res.body).toMatchObject({ code: 'FILE_TYPE_MISMATCH', message: expect.stringContaining('另存为 .xlsx') });
    });

    it('a workbook whose only sheet is empty is 422', async () => {
      const res = await uploadImport(t.app, planId, { fileName: 'empty.xlsx', bytes: await buildXlsx([{ name: 'Sheet1', rows: [] }]) });
      expectStatus(res, 422);
      expect(res.body).toMatchObject({ code: 'FILE_EMPTY', message: expect.stringContaining('工作表都是空的') });
    });

    it('a table without a recognisable header is 422 with the report saying which columns are needed', async () => {
      const bytes = await buildXlsx([{ name: '名单', rows: [['姓名', '电话'], ['张三', '123']] }]);
      const res = await uploadImport(t.app, planId, { fileName: 'names.xlsx', bytes });
      expectStatus(res, 422);
      expect(res.body.errors).toEqual([
        expect.objectContaining({ location: { sheet: '名单', row: 1 }, message: expect.stringContaining('未找到表头') }),
      ]);
    });

    it('a corrupt (truncated) .docx and .xlsx are 422', async () => {
      const docx = await buildDocx(WORD_A);
      const res = await uploadImport(t.app, planId, { fileName: 'broken.docx', bytes: docx.subarray(0, docx.length - 300) });
      expectStatus(res, 422);
      expect(res.body).toMatchObject({ code: 'FILE_UNREADABLE', message: expect.stringContaining('broken.docx') });
      const xlsx = await workbookFixture();
      const bad = await uploadImport(t.app, planId, { fileName: 'broken.xlsx', bytes: xlsx.subarray(0, 400) });
      expectStatus(bad, 422);
      expect(bad.body.code).toBe('FILE_UNREADABLE');
    });

    it('an unsupported type, a missing file, an unknown field and a bad flag are 400 naming the field', async () => {
      const pdf = await uploadImport(t.app, planId, { fileName: 'notice.pdf', bytes: Buffer.from('%PDF-1.7') });
      expectStatus(pdf, 400);
      expect(pdf.body).toMatchObject({ code: 'FILE_TYPE_UNSUPPORTED', details: [{ field: 'file', reason: expect.stringContaining('.pdf') }] });

      const noFile = await uploadImport(t.app, planId, { fileName: 'a.csv', bytes: Buffer.from('x'), fieldName: 'attachment' });
      expectStatus(noFile, 400);
      expect(noFile.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'attachment' })]));

      const badFlag = await uploadImport(t.app, planId, { fileName: 'a.csv', bytes: buildCsv(PLAIN_TABLE, 'utf-8'), fields: { dryRun: 'maybe' } });
      expectStatus(badFlag, 400);
      expect(badFlag.body.details).toEqual([expect.objectContaining({ field: 'dryRun' })]);
    });

    it('a malformed multipart body is 400, not 500', async () => {
      for (const [contentType, payload] of [
        ['multipart/form-data', 'no boundary'],
        ['multipart/form-data; boundary=xyz', '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\n1,2'],
      ]) {
        const res = await t.app.inject({
          method: 'POST',
          url: `/api/plans/${planId}/import`,
          headers: { authorization: `Bearer ${tokenFor(t.app, 'supervisor')}`, 'content-type': contentType! },
          payload,
        });
        expect([res.statusCode, res.json().code]).toEqual([400, 'MULTIPART_INVALID']);
      }
    });

    it('a file over IMPORT_BODY_LIMIT_BYTES is 413 in Chinese', async () => {
      const big = Buffer.alloc(2 * 1024 * 1024 + 10, 'a');
      const res = await uploadImport(t.app, planId, { fileName: 'big.txt', bytes: big });
      expectStatus(res, 413);
      expect(res.body).toMatchObject({ code: 'FILE_TOO_LARGE', message: expect.stringContaining('不能超过 2 MB') });
    });

    it('a JSON body over BODY_LIMIT_BYTES but within the import limit is taken by the import route only', async () => {
      const text = ['1.推进工业转型升级。(牵头单位:工业和科技创新委员会)', '说明'.repeat(200_000)].join('\n');
      expect(Buffer.byteLength(JSON.stringify({ text }))).toBeGreaterThan(1_048_576);
      const res = await request(t.app, 'POST', `/api/plans/${planId}/import`, { text, dryRun: true });
      expectStatus(res, 200);
      expect(res.body.tasks).toEqual({ created: 1, updated: 0, unchanged: 0 });
      const other = await request(t.app, 'POST', '/api/plans', { title: text, year: 2021 });
      expect(other.status).toBe(413);
    });
  });

  describe('JSON requests work as before', () => {
    it('validates the JSON body with the same rules (text required, unknown fields refused)', async () => {
      const plan = await createPlan(t.app);
      const res = await request(t.app, 'POST', `/api/plans/${plan.id}/import`, { dryRun: true, file: 'x' });
      expectStatus(res, 400);
      expect(res.body.details.map((d: any) => d.field).sort()).toEqual(['file', 'text']);
    });
  });

  describe('GET /api/plans/import-template.xlsx', () => {
    it('is a workbook with the header row, an example, a section example and a note on the column words', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/plans/import-template.xlsx', headers: { authorization: `Bearer ${tokenOf('supervisor')}` } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const workbook = new Workbook();
      await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0]!;
      expect(sheet.getRow(3).values).toEqual([undefined, ...TEMPLATE_HEADER]);
      expect(String(sheet.getCell('A2').value)).toContain('牵头部门');
      expect(sheet.getCell('A4').value).toBe('一、扩大有效投资');
    });

    it('imports as it is: the example row becomes a task with its units', async () => {
      for (const name of ['市发展改革委', '市财政局', '市自然资源局', '市统计局']) await createUnit(t.app, { name });
      const res = await t.app.inject({ method: 'GET', url: '/api/plans/import-template.xlsx', headers: { authorization: `Bearer ${tokenOf('supervisor')}` } });
      const { tasks } = await expectImported(
        { fileName: '模板.xlsx', bytes: res.rawPayload },
        { 1: { lead: ['市发展改革委'], responsible: ['市财政局', '市自然资源局'], cooperating: ['市统计局'], includesOtherUnits: true, dueDate: '2021-12-31' } },
      );
      expect(tasks.get(1)).toMatchObject({ leaders: ['张三'] });
    });

    it('is for supervisors and admins', async () => {
      for (const [role, status] of [['admin', 200], ['leader', 403]] as const) {
        const res = await t.app.inject({ method: 'GET', url: '/api/plans/import-template.xlsx', headers: { authorization: `Bearer ${tokenOf(role)}` } });
        expect(res.statusCode).toBe(status);
      }
    });
  });

  const tokenOf = (role: 'admin' | 'supervisor' | 'leader') => tokenFor(t.app, role);
});
