import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { createImportedPlan, createUnitUser, seedJiyuanRegistry, tasksByNumber } from './support/factories';
import { expectStatus, request, apiClient, type As } from './support/http';
import { multipartBody, SAMPLE, type FormFile } from './support/multipart';
import { createTestApp } from './support/test-app';

const NOTICE = [
  '一、测试任务',
  '1.建设停车场。(牵头单位:住房和城乡建设局;责任单位:济水街道办事处)',
  '2.完善社会救助。(责任单位:民政局)',
  '3.改善供热。(责任单位:住房和城乡建设局)',
].join('\n');

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Every file under a directory, recursively: what the store holds. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

async function setUp(env: Record<string, string>) {
  const t = await createTestApp({ CLOCK_TODAY: '2021-10-08', ...env });
  const units = await seedJiyuanRegistry(t.app);
  const { plan } = await createImportedPlan(t.app, NOTICE, { year: 2021 });
  const tasks = await tasksByNumber(t.app, plan.id);
  const zhujian = await createUnitUser(t, units.get('住房和城乡建设局')!);
  const minzheng = await createUnitUser(t, units.get('民政局')!);
  const upload = (taskId: string, files: FormFile[], as: As) => {
    const { payload, headers } = multipartBody(files);
    return request(t.app, 'POST', `/api/tasks/${taskId}/evidence`, payload, { as, headers });
  };
  const rowCount = async (table: string) => Number((await t.dataSource.query(`SELECT count(*) AS n FROM ${table}`))[0].n);
  return { t, units, plan, tasks, zhujian, minzheng, upload, rowCount };
}

describe('佐证材料 on local disk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'duban-evidence-'));
  let s: Awaited<ReturnType<typeof setUp>>;
  const { get } = apiClient(() => s.t.app);

  beforeAll(async () => {
    s = await setUp({ STORAGE_DIR: dir, EVIDENCE_MAX_BYTES: String(64 * 1024), EVIDENCE_MAX_FILES: '3' });
  });
  afterAll(async () => {
    await s.t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('uploads a photo and a PDF, keeps their sha256, submits them with a report, and serves them to the task’s units', async () => {
    const task = s.tasks.get(1);
    const photo = SAMPLE.jpeg();
    const pdf = SAMPLE.pdf();
    const res = await s.upload(task.id, [{ name: '现场照片.jpg', bytes: photo, type: 'image/jpeg' }, { name: '验收报告.pdf', bytes: pdf }], s.zhujian);
    expectStatus(res, 201);
    expect(res.body).toEqual([
      expect.objectContaining({ fileName: '现场照片.jpg', contentType: 'image/jpeg', size: photo.length, sha256: sha256(photo), previewable: true, attachedTo: null }),
      expect.objectContaining({ fileName: '验收报告.pdf', contentType: 'application/pdf', size: pdf.length, sha256: sha256(pdf), attachedTo: null }),
    ]);
    const stored = await s.t.dataSource.query(`SELECT sha256, size_bytes::int AS size, storage_key FROM evidence_file ORDER BY file_name`);
    expect(stored.map((r: any) => r.sha256).sort()).toEqual([sha256(photo), sha256(pdf)].sort());
    for (const row of stored) expect(sha256(readFileSync(join(dir, row.storage_key)))).toBe(row.sha256);

    // Not yet submitted: only the uploader sees them.
    const jishui = await createUnitUser(s.t, s.units.get('济水街道办事处')!);
    expect((await get(`/api/tasks/${task.id}/evidence`, jishui)).body).toEqual([]);
    expectStatus(await get(`/api/evidence/${res.body[0].id}/content`, jishui), 403);

    const ids = res.body.map((f: any) => f.id);
    const report = await request(s.t.app, 'POST', `/api/tasks/${task.id}/progress`, { summary: '已开工', percent: 20, evidenceIds: ids }, { as: s.zhujian });
    expectStatus(report, 201);
    const listed = (await get(`/api/tasks/${task.id}/evidence`, jishui)).body;
    const submittedAt = expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/);
    expect(listed.map((f: any) => f.attachedTo)).toEqual([
      { kind: 'progress_report', id: report.body.id, at: submittedAt },
      { kind: 'progress_report', id: report.body.id, at: submittedAt },
    ]);

    const download = await get(`/api/evidence/${ids[0]}/content`, jishui);
    expectStatus(download, 200);
    expect(download.headers['content-type']).toBe('image/jpeg');
    expect(download.headers['content-disposition']).toContain(`inline; filename="____.jpg"; filename*=UTF-8''${encodeURIComponent('现场照片.jpg')}`);
    expect(download.headers['x-content-sha256']).toBe(sha256(photo));
    const raw = await s.t.app.inject({ method: 'GET', url: `/api/evidence/${ids[0]}/content`, headers: { authorization: `Bearer ${jishui.token}` } });
    expect(sha256(raw.rawPayload)).toBe(sha256(photo));
    expectStatus(await get(`/api/evidence/${ids[1]}/content`, 'leader'), 200);
  });

  it("a unit user fetching another unit's file gets 403, for the file and the list", async () => {
    const task = s.tasks.get(3);
    const [file] = (await s.upload(task.id, [{ name: 'a.pdf', bytes: SAMPLE.pdf() }], s.zhujian)).body;
    expectStatus(await request(s.t.app, 'POST', `/api/tasks/${task.id}/progress`, { summary: '推进中', percent: 10, evidenceIds: [file.id] }, { as: s.zhujian }), 201);
    const res = await get(`/api/evidence/${file.id}/content`, s.minzheng);
    expectStatus(res, 403);
    expect(res.body).toMatchObject({ code: 'FORBIDDEN', message: '该任务未分配给本单位，无权查看' });
    expectStatus(await get(`/api/tasks/${task.id}/evidence`, s.minzheng), 403);
    // Nor may it upload to that task.
    expectStatus(await s.upload(task.id, [{ name: 'b.pdf', bytes: SAMPLE.pdf() }], s.minzheng), 403);
  });

  it('refuses a program renamed .pdf (by its bytes) with 415 and stores nothing', async () => {
    const before = [await s.rowCount('evidence_file'), filesUnder(dir).length];
    const res = await s.upload(s.tasks.get(2).id, [{ name: '佐证.pdf', bytes: SAMPLE.exe(), type: 'application/pdf' }], s.minzheng);
    expectStatus(res, 415);
    expect(res.body).toMatchObject({ code: 'UNSUPPORTED_FILE_TYPE', message: expect.stringContaining('佐证.pdf') });
    expect([await s.rowCount('evidence_file'), filesUnder(dir).length]).toEqual(before);
  });

  it('refuses a file over EVIDENCE_MAX_BYTES (413) and one file too many (413), storing nothing', async () => {
    const before = [await s.rowCount('evidence_file'), filesUnder(dir).length];
    const big = await s.upload(s.tasks.get(2).id, [{ name: '大图.jpg', bytes: SAMPLE.jpeg(70 * 1024) }], s.minzheng);
    expectStatus(big, 413);
    expect(big.body).toMatchObject({ code: 'FILE_TOO_LARGE', message: expect.stringContaining('0.1 MB') });
    const many = Array.from({ length: 4 }, (_, i) => ({ name: `${i}.pdf`, bytes: SAMPLE.pdf() }));
    const tooMany = await s.upload(s.tasks.get(2).id, many, s.minzheng);
    expectStatus(tooMany, 413);
    expect(tooMany.body).toMatchObject({ code: 'TOO_MANY_FILES', message: '文件太多：一次最多上传 3 个佐证材料' });
    expect([await s.rowCount('evidence_file'), filesUnder(dir).length]).toEqual(before);
  });

  it('checks the sha256 on every download: altered bytes are refused, not served', async () => {
    const task = s.tasks.get(2);
    const [file] = (await s.upload(task.id, [{ name: '照片.jpg', bytes: SAMPLE.jpeg() }], s.minzheng)).body;
    expectStatus(await get(`/api/evidence/${file.id}/content`, s.minzheng), 200);
    const [{ storage_key: key }] = await s.t.dataSource.query(`SELECT storage_key FROM evidence_file WHERE id = $1`, [file.id]);
    writeFileSync(join(dir, key), SAMPLE.jpeg());
    const res = await get(`/api/evidence/${file.id}/content`, s.minzheng);
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ code: 'EVIDENCE_CHECKSUM_MISMATCH', message: expect.stringContaining('文件校验失败') });
  });

  it('an upload never submitted may be deleted by its uploader only; a submitted one never', async () => {
    const task = s.tasks.get(2);
    const [draft, kept] = (await s.upload(task.id, [{ name: '草稿.pdf', bytes: SAMPLE.pdf() }, { name: '正式.pdf', bytes: SAMPLE.pdf() }], s.minzheng)).body;
    expectStatus(await request(s.t.app, 'DELETE', `/api/evidence/${draft.id}`, undefined, { as: 'supervisor' }), 403);
    const [{ storage_key: key }] = await s.t.dataSource.query(`SELECT storage_key FROM evidence_file WHERE id = $1`, [draft.id]);
    expectStatus(await request(s.t.app, 'DELETE', `/api/evidence/${draft.id}`, undefined, { as: s.minzheng }), 204);
    expect(await s.t.dataSource.query(`SELECT 1 FROM evidence_file WHERE id = $1`, [draft.id])).toEqual([]);
    expect(filesUnder(dir).some((path) => path.endsWith(key))).toBe(false);

    expectStatus(
      await request(s.t.app, 'POST', `/api/tasks/${task.id}/extension-requests`, { dueDate: '2022-03-31', reason: '汛期影响', evidenceIds: [kept.id] }, { as: s.minzheng }),
      201,
    );
    const refused = await request(s.t.app, 'DELETE', `/api/evidence/${kept.id}`, undefined, { as: s.minzheng });
    expectStatus(refused, 409);
    expect(refused.body).toMatchObject({ code: 'EVIDENCE_SUBMITTED' });
    const [row] = await s.t.dataSource.query(`SELECT attached_kind FROM evidence_file WHERE id = $1`, [kept.id]);
    expect(row).toEqual({ attached_kind: 'extension_request' });
  });

  it("evidenceIds must be the caller's own uploads to this task, not submitted before (400 naming the field, nothing written)", async () => {
    const own = (await s.upload(s.tasks.get(3).id, [{ name: 'x.pdf', bytes: SAMPLE.pdf() }], s.zhujian)).body[0];
    const reports = await s.rowCount('progress_report');
    const otherTask = await request(s.t.app, 'POST', `/api/tasks/${s.tasks.get(1).id}/progress`, { summary: '推进', percent: 30, evidenceIds: [own.id] }, { as: s.zhujian });
    expectStatus(otherTask, 400);
    expect(otherTask.body.details).toEqual([{ field: 'evidenceIds', reason: `${own.id}：不是本任务上传的佐证材料` }]);
    const bySupervisor = await request(
      s.t.app,
      'POST',
      `/api/tasks/${s.tasks.get(3).id}/progress`,
      { summary: '代报', percent: 30, unitId: s.units.get('住房和城乡建设局'), evidenceIds: [own.id] },
      { as: 'supervisor' },
    );
    expectStatus(bySupervisor, 400);
    expect(await s.rowCount('progress_report')).toBe(reports);
    const malformed = await request(s.t.app, 'POST', `/api/tasks/${s.tasks.get(3).id}/progress`, { summary: '推进', percent: 30, evidenceIds: ['x'] }, { as: s.zhujian });
    expectStatus(malformed, 400);
    expect(malformed.body.details[0].field).toBe('evidenceIds');
  });

  it('a plan requiring evidence for 销号 refuses a completion request without it (422 in Chinese) and takes one with it', async () => {
    const task = s.tasks.get(3);
    const patched = await request(s.t.app, 'PATCH', `/api/plans/${s.plan.id}`, { completionEvidenceRequired: true }, { as: 'supervisor' });
    expectStatus(patched, 200);
    expect(patched.body.completionEvidenceRequired).toBe(true);
    const without = await request(s.t.app, 'POST', `/api/tasks/${task.id}/completion-request`, { summary: '已完成' }, { as: s.zhujian });
    expectStatus(without, 422);
    expect(without.body).toMatchObject({ code: 'EVIDENCE_REQUIRED', message: expect.stringContaining('要求申请销号时提交佐证材料') });
    expect((await s.t.dataSource.query(`SELECT status FROM task WHERE id = $1`, [task.id]))[0].status).toBe('in_progress');

    const [file] = (await s.upload(task.id, [{ name: '验收.pdf', bytes: SAMPLE.pdf() }], s.zhujian)).body;
    const withFile = await request(s.t.app, 'POST', `/api/tasks/${task.id}/completion-request`, { summary: '已完成', evidenceIds: [file.id] }, { as: s.zhujian });
    expectStatus(withFile, 201);
    const [row] = await s.t.dataSource.query(
      `SELECT f.attached_kind, c.id = f.attached_id AS same FROM evidence_file f JOIN completion_request c ON c.task_id = f.task_id WHERE f.id = $1`,
      [file.id],
    );
    expect(row).toEqual({ attached_kind: 'completion_request', same: true });
    // The web app shows them under the history step they came with: the same instant.
    const history = (await request(s.t.app, 'GET', `/api/tasks/${task.id}/history`, undefined, { as: s.zhujian })).body;
    const step = history.find((h: any) => h.action === 'completion_requested');
    const listed = (await request(s.t.app, 'GET', `/api/tasks/${task.id}/evidence`, undefined, { as: s.zhujian })).body;
    expect(listed.find((f: any) => f.id === file.id).attachedTo.at).toBe(step.at);
  });
});

describe('佐证材料 in an S3-compatible store (s3rver on loopback)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'duban-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: dir, configureBuckets: [{ name: 'duban-evidence', configs: [] }] });
  let s: Awaited<ReturnType<typeof setUp>>;
  let running = true;

  const stopStore = async () => {
    const closing = server.close();
    (server as unknown as { httpServer: { closeAllConnections(): void } }).httpServer.closeAllConnections();
    await closing;
    running = false;
  };

  beforeAll(async () => {
    const { port } = (await server.run()) as AddressInfo;
    s = await setUp({
      STORAGE: 's3',
      S3_ENDPOINT: `http://127.0.0.1:${port}`,
      S3_BUCKET: 'duban-evidence',
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      STORAGE_TIMEOUT_MS: '2000',
    });
  });
  afterAll(async () => {
    await s.t.close();
    if (running) await stopStore();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores and serves files through the S3 API; when the store goes down: a clear 503 and nothing half-written', async () => {
    const task = s.tasks.get(2);
    // Larger than BODY_LIMIT_BYTES (1 MB): uploads are bounded by EVIDENCE_MAX_BYTES (20 MB by default) instead.
    const photo = SAMPLE.jpeg(3 * 1024 * 1024);
    const [early] = (await s.upload(task.id, [{ name: '照片.jpg', bytes: photo }], s.minzheng)).body;
    const served = await s.t.app.inject({ method: 'GET', url: `/api/evidence/${early.id}/content`, headers: { authorization: `Bearer ${s.minzheng.token}` } });
    expect(served.statusCode).toBe(200);
    expect(sha256(served.rawPayload)).toBe(sha256(photo));
    expect(filesUnder(dir).some((path) => path.includes(early.id) || path.includes(task.id))).toBe(true);

    await stopStore();
    const rows = await s.rowCount('evidence_file');
    const upload = await s.upload(task.id, [{ name: '第二张.jpg', bytes: SAMPLE.jpeg() }], s.minzheng);
    expectStatus(upload, 503);
    expect(upload.body).toMatchObject({ code: 'STORAGE_UNAVAILABLE', message: '文件存储服务暂时不可用，本次操作未保存任何内容，请稍后重试' });
    expect(await s.rowCount('evidence_file')).toBe(rows);

    // A report citing a file cannot be sure the file is there: it is refused whole.
    const reports = await s.rowCount('progress_report');
    const report = await request(s.t.app, 'POST', `/api/tasks/${task.id}/progress`, { summary: '推进', percent: 30, evidenceIds: [early.id] }, { as: s.minzheng });
    expectStatus(report, 503);
    expect(await s.rowCount('progress_report')).toBe(reports);
    const [row] = await s.t.dataSource.query(`SELECT attached_id FROM evidence_file WHERE id = $1`, [early.id]);
    expect(row).toEqual({ attached_id: null });
    expect((await s.t.dataSource.query(`SELECT status FROM task WHERE id = $1`, [task.id]))[0].status).toBe('not_started');

    const download = await request(s.t.app, 'GET', `/api/evidence/${early.id}/content`, undefined, { as: s.minzheng });
    expectStatus(download, 503);
  });
});
