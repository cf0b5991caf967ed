import { FILE_FIXTURES as FIXTURES, FilesModule } from '@crm/api/files';
import { createTestApp, signInAs, TEST_SERVER_URL, type SignedInAgent, type TestApp } from '@crm/api/testing';
import type { StoredFileList, StoredFileView } from '@crm/domain';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import type request from 'supertest';
import { PipelineModule } from '../pipeline.module';

const run = promisify(execFile);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
/** supertest hands binary bodies back as a Buffer when asked to. */
const binary = (res: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/**
 * 附件 of a project (the owner type 'project' this area registers with @crm/api/files), through the
 * real routes on PostgreSQL; it lives here because the files area may not depend on the pipeline.
 * Cast: 市数据局 staff serve 清洁能源 (they edit its projects); 市文体旅游广电局 staff serve 文化旅游
 * only (the other chain); 肖军 leads 清洁能源 (reads only). The upload limit is 1 MB for this app.
 */
describe('files attached to a project', () => {
  const NOW = new Date('2026-05-12T10:00:00+08:00');
  let t: TestApp;
  let staff: SignedInAgent;
  let otherStaff: SignedInAgent;
  let leader: SignedInAgent;
  let projectId: string;

  beforeAll(async () => {
    t = await createTestApp([PipelineModule, FilesModule], { SIGN_IN_RATE_PER_MINUTE: '1000', FILES_MAX_UPLOAD_MB: '1' }, { clock: { now: () => NOW } });
    [staff, otherStaff, leader] = await Promise.all([
      signInAs(t, { roles: ['staff'], unit: '市数据局' }),
      signInAs(t, { roles: ['staff'], unit: '市文体旅游广电局' }),
      signInAs(t, { roles: ['leader'], person: '肖军' }),
    ]);
    const [{ id: unitId }] = await t.dataSource.query(`SELECT id FROM unit WHERE name = '市数据局'`);
    const res = await staff
      .post('/api/projects', {
        name: '附件测试储能电站项目',
        chain: 'clean-energy',
        investorName: '附件测试投资公司',
        sourceChannel: 'through-firms',
        responsibleUnitId: unitId,
      })
      .expect(201);
    projectId = res.body.id;
  });
  afterAll(() => t.close());

  const storedCount = async (): Promise<number> => (await t.dataSource.query(`SELECT count(*)::int AS n FROM stored_file`))[0].n;
  const upload = (agent: SignedInAgent, bytes: Buffer, name: string, fields: Record<string, string> = {}) => {
    const req = agent.upload('/api/files', 'file', bytes, name);
    for (const [key, value] of Object.entries({ ownerType: 'project', ownerId: projectId, kind: 'agreement', ...fields })) req.field(key, value);
    return req;
  };
  const list = (agent: SignedInAgent) => agent.get(`/api/files?ownerType=project&ownerId=${projectId}`);

  it('uploads a file, lists it and gives the same bytes back, with its name, type and checksum', async () => {
    const bytes = Buffer.concat([FIXTURES.pdf(), Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 256))]);
    const name = '格尔木 投资协议(草案).pdf';
    const res = await upload(staff, bytes, name).expect(201);
    const file = res.body as StoredFileView;
    expect(file).toMatchObject({
      ownerType: 'project',
      ownerId: projectId,
      kind: 'agreement',
      name,
      mediaType: 'application/pdf',
      sizeBytes: bytes.length,
      sha256: sha256(bytes),
      uploadedBy: { id: staff.user.id },
      uploadedAt: NOW.toISOString(),
    });

    const listed = (await list(staff).expect(200)).body as StoredFileList;
    expect(listed.canWrite).toBe(true);
    expect(listed.maxUploadBytes).toBe(1024 * 1024);
    expect(listed.items.map((f) => f.id)).toEqual([file.id]);

    const download = await staff.get(`/api/files/${file.id}/content`).buffer(true).parse(binary).expect(200);
    expect(Buffer.compare(download.body as Buffer, bytes)).toBe(0);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    // RFC 5987: an ASCII fallback, then the UTF-8 name percent-encoded ('(' and ')' too, as attr-chars exclude them).
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="___ ____\(__\)\.pdf"; filename\*=UTF-8''[%0-9A-Za-z.]+$/);
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(download.headers['content-disposition'])?.[1] ?? '')).toBe(name);

    const [audit] = await t.dataSource.query(
      `SELECT user_id, action, project_id, at, after FROM audit_log WHERE entity_type = 'stored_file' AND entity_id = $1`,
      [file.id],
    );
    expect(audit).toMatchObject({ user_id: staff.user.id, action: 'create', project_id: projectId, at: NOW });
    expect(audit.after).toMatchObject({ name, sha256: sha256(bytes), kind: 'agreement' });
  });

  it('reads the type from the bytes for every accepted format', async () => {
    const cases: [Buffer, string, string][] = [
      [FIXTURES.png(), '现场照片.png', 'image/png'],
      [FIXTURES.jpeg(), '现场照片.JPG', 'image/jpeg'],
      [FIXTURES.doc(), '部门意见.doc', 'application/msword'],
      [FIXTURES.xls(), '要素清单.xls', 'application/vnd.ms-excel'],
      [await FIXTURES.docx(), '会议纪要.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      [await FIXTURES.xlsx(), '台账.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      [FIXTURES.pdf(), '无扩展名批复', 'application/pdf'],
    ];
    for (const [bytes, name, mediaType] of cases) {
      const res = await upload(staff, bytes, name, { kind: 'other' }).expect(201);
      expect(res.body).toMatchObject({ name, mediaType, sizeBytes: bytes.length, sha256: sha256(bytes) });
    }
  });

  it('refuses a renamed executable (415, naming the field) and stores nothing', async () => {
    const before = await storedCount();
    const audits = (await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'stored_file'`))[0].n;
    const res = await upload(staff, FIXTURES.exe(), 'report.pdf').expect(415);
    expect(res.body.errors.file[0]).toMatch(/文件类型不受支持/);
    expect(res.body.message).toMatch(/按文件内容识别/);
    expect(await storedCount()).toBe(before);
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'stored_file'`))[0].n).toBe(audits);
  });

  it('refuses a file whose extension contradicts its content (422) and stores nothing', async () => {
    const before = await storedCount();
    const res = await upload(staff, FIXTURES.png(), '协议.pdf').expect(422);
    expect(res.body.errors.file[0]).toMatch(/文件内容是 PNG，但文件名的扩展名为 \.pdf/);
    expect(await storedCount()).toBe(before);
  });

  it('refuses a file over the limit (413 in Chinese) and stores nothing', async () => {
    const before = await storedCount();
    const big = Buffer.concat([FIXTURES.pdf(), Buffer.alloc(1024 * 1024)]);
    const res = await upload(staff, big, '大文件.pdf').expect(413);
    expect(res.body.errors.file[0]).toMatch(/文件超过 1 MB/);
    expect(await storedCount()).toBe(before);
  });

  it('refuses bad fields naming them, and an empty upload', async () => {
    const before = await storedCount();
    expect((await upload(staff, FIXTURES.pdf(), 'a.pdf', { kind: 'contract' }).expect(400)).body.errors.kind[0]).toMatch(/附件类别/);
    expect((await upload(staff, FIXTURES.pdf(), 'a.pdf', { ownerType: 'no_such_owner' }).expect(400)).body.errors.ownerType[0]).toMatch(/记录类型/);
    expect((await upload(staff, FIXTURES.pdf(), 'a.pdf', { ownerId: "1' OR 1=1" }).expect(400)).body.errors.ownerId[0]).toMatch(/记录编号/);
    expect((await upload(staff, Buffer.alloc(0), 'empty.pdf').expect(400)).body.errors.file[0]).toMatch(/空的/);
    const noFile = await staff.post('/api/files', { ownerType: 'project', ownerId: projectId, kind: 'other' }).expect(400);
    expect(noFile.body.errors.file[0]).toMatch(/请选择要上传的文件/);
    expect(await storedCount()).toBe(before);
  });

  it('keeps the files of a project from users outside its chains: 404 for the list, the download, an upload and a removal', async () => {
    const [file] = ((await list(staff).expect(200)).body as StoredFileList).items;
    const before = await storedCount();
    const listRes = await list(otherStaff).expect(404);
    expect(listRes.body.message).toMatch(/没有该记录/);
    await otherStaff.get(`/api/files/${file.id}/content`).expect(404);
    await upload(otherStaff, FIXTURES.pdf(), '越权.pdf').expect(404);
    await otherStaff.delete(`/api/files/${file.id}`).expect(404);
    // An unknown project answers the same as one outside the user's chains.
    await staff.get(`/api/files?ownerType=project&ownerId=${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`).expect(404);
    expect(await storedCount()).toBe(before);
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM stored_file WHERE deleted_at IS NOT NULL`))[0].n).toBe(0);
  });

  it("lets the chain's leader read the files but not add or remove them (403)", async () => {
    const listed = (await list(leader).expect(200)).body as StoredFileList;
    expect(listed.canWrite).toBe(false);
    expect(listed.items.length).toBeGreaterThan(0);
    await leader.get(`/api/files/${listed.items[0].id}/content`).expect(200);
    const before = await storedCount();
    expect((await upload(leader, FIXTURES.pdf(), '批示.pdf').expect(403)).body.message).toMatch(/无权上传或删除/);
    await leader.delete(`/api/files/${listed.items[0].id}`).expect(403);
    expect(await storedCount()).toBe(before);
  });

  it('removes a file softly: gone from the list and the download, kept in the table, audited', async () => {
    const file = (await upload(staff, FIXTURES.pdf(), '作废的批复.pdf', { kind: 'approval' }).expect(201)).body as StoredFileView;
    await staff.delete(`/api/files/${file.id}`).expect(204);
    expect(((await list(staff).expect(200)).body as StoredFileList).items.map((f) => f.id)).not.toContain(file.id);
    await staff.get(`/api/files/${file.id}/content`).expect(404);
    await staff.delete(`/api/files/${file.id}`).expect(404);
    const [row] = await t.dataSource.query(`SELECT deleted_by, deleted_at, octet_length(content) AS size FROM stored_file WHERE id = $1`, [file.id]);
    expect(row).toMatchObject({ deleted_by: staff.user.id, deleted_at: NOW, size: file.sizeBytes });
    const [audit] = await t.dataSource.query(
      `SELECT user_id, at, before FROM audit_log WHERE entity_type = 'stored_file' AND entity_id = $1 AND action = 'delete'`,
      [file.id],
    );
    expect(audit).toMatchObject({ user_id: staff.user.id, at: NOW, before: { name: '作废的批复.pdf', kind: 'approval' } });
  });

  it('gives a file back byte for byte from a backup of the database (pg_dump, restored into a scratch database)', async () => {
    const bytes = await FIXTURES.docx('备份恢复测试');
    const file = (await upload(staff, bytes, '备份测试.docx', { kind: 'minutes' }).expect(201)).body as StoredFileView;
    const folder = await mkdtemp(join(tmpdir(), 'crm-files-backup-'));
    const scratch = `${t.database.name}_restored`;
    const admin = new Client({ connectionString: `${TEST_SERVER_URL}/postgres` });
    await admin.connect();
    try {
      const dump = join(folder, 'crm.dump');
      await run('pg_dump', ['--format=custom', `--file=${dump}`, `--dbname=${t.database.url}`]);
      expect((await stat(dump)).size).toBeGreaterThan(bytes.length);
      await admin.query(`CREATE DATABASE "${scratch}"`);
      await run('pg_restore', ['--exit-on-error', '--no-owner', `--dbname=${TEST_SERVER_URL}/${scratch}`, dump]);
      const restored = new Client({ connectionString: `${TEST_SERVER_URL}/${scratch}` });
      await restored.connect();
      try {
        const [row] = (
          await restored.query(
            `SELECT name, media_type, sha256, content, encode(sha256(content), 'hex') AS recomputed FROM stored_file WHERE id = $1`,
            [file.id],
          )
        ).rows;
        expect(row).toMatchObject({ name: '备份测试.docx', media_type: file.mediaType, sha256: sha256(bytes), recomputed: sha256(bytes) });
        expect(Buffer.compare(row.content, bytes)).toBe(0);
        // Every file of the original database came back, each with the same bytes.
        const original = await t.dataSource.query(`SELECT id, encode(sha256(content), 'hex') AS sum FROM stored_file ORDER BY id`);
        const back = (await restored.query(`SELECT id, encode(sha256(content), 'hex') AS sum FROM stored_file ORDER BY id`)).rows;
        expect(back).toEqual(original);
      } finally {
        await restored.end();
      }
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${scratch}" WITH (FORCE)`);
      await admin.end();
      await rm(folder, { recursive: true, force: true });
    }
  });
});
