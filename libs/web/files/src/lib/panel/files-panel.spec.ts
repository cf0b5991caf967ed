import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { StoredFileList, StoredFileView } from '@crm/domain';
import { FilesPanel, fileSize } from './files-panel';

const PROJECT = 'p0000000-0000-4000-8000-000000000001';
const LIST_URL = `/api/files?ownerType=project&ownerId=${PROJECT}`;

function stored(overrides: Partial<StoredFileView> = {}): StoredFileView {
  return {
    id: 'f0000000-0000-4000-8000-000000000001',
    ownerType: 'project',
    ownerId: PROJECT,
    kind: 'agreement',
    name: '投资协议.pdf',
    mediaType: 'application/pdf',
    sizeBytes: 1_258_291,
    sha256: 'a'.repeat(64),
    uploadedBy: { id: 'u1', displayName: '王负责' },
    uploadedAt: '2040-09-10T02:00:00.000Z',
    ...overrides,
  };
}

async function settle(fixture: { whenStable(): Promise<unknown>; detectChanges(): void }): Promise<void> {
  await new Promise((r) => setTimeout(r, 0));
  fixture.detectChanges();
  await fixture.whenStable();
}

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('FilesPanel', () => {
  let backend: HttpTestingController;

  afterEach(() => backend.verify());

  async function render(list: Partial<StoredFileList>) {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(FilesPanel);
    fixture.componentRef.setInput('ownerType', 'project');
    fixture.componentRef.setInput('ownerId', PROJECT);
    fixture.detectChanges();
    backend.expectOne(LIST_URL).flush({ items: [stored()], canWrite: true, maxUploadBytes: 20 * 1024 * 1024, ...list });
    await settle(fixture);
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }

  it('lists each file with its kind, name, size, uploader and Shanghai date and time', async () => {
    const { element } = await render({});
    const row = text(element.querySelector('tbody tr'));
    expect(row).toContain('协议');
    expect(row).toContain('投资协议.pdf');
    expect(row).toContain('1.2 MB');
    expect(row).toContain('王负责');
    expect(row).toContain('2040-09-10 10:00');
  });

  it('offers the upload with its kind to those who may change the record, with the limit the API gave', async () => {
    const { element } = await render({ maxUploadBytes: 5 * 1024 * 1024 });
    expect(element.querySelector('nz-upload')).not.toBeNull();
    expect(text(element.querySelector('.hint'))).toContain('不超过 5 MB');
    expect(element.querySelector('nz-select')).not.toBeNull();
  });

  it('shows no upload and says why to those who only read', async () => {
    const { element } = await render({ canWrite: false });
    expect(element.querySelector('nz-upload')).toBeNull();
    expect(text(element)).toContain('您可以查看和下载附件');
    expect([...element.querySelectorAll('tbody button')].map((b) => text(b))).toEqual(['下载']);
  });

  it('sends the file with its owner and kind, and lists what the API stored', async () => {
    const { fixture, element } = await render({ items: [] });
    expect(text(element)).toContain('尚无附件');
    fixture.componentInstance.send(new File(['%PDF-1.4'], '批复.pdf', { type: 'application/pdf' }));
    const req = backend.expectOne('/api/files');
    const form = req.request.body as FormData;
    expect([form.get('ownerType'), form.get('ownerId'), form.get('kind')]).toEqual(['project', PROJECT, 'agreement']);
    expect((form.get('file') as File).name).toBe('批复.pdf');
    req.flush(stored({ id: 'f2', name: '批复.pdf', kind: 'agreement', sizeBytes: 8 }));
    await settle(fixture);
    expect(text(element.querySelector('tbody'))).toContain('批复.pdf');
  });

  it("shows the API's refusal in Chinese, naming what is wrong", async () => {
    const { fixture, element } = await render({});
    fixture.componentInstance.send(new File(['MZ'], 'report.pdf'));
    backend.expectOne('/api/files').flush(
      {
        statusCode: 415,
        message: '文件类型不受支持：只接受 PDF、图片（PNG、JPEG）、Word（.doc、.docx）和 Excel（.xls、.xlsx），按文件内容识别，与扩展名无关 / Unsupported file type',
        errors: { file: ['…'] },
      },
      { status: 415, statusText: 'Unsupported Media Type' },
    );
    await settle(fixture);
    const alert = text(element.querySelector('[role="alert"]'));
    expect(alert).toContain('上传未成功');
    expect(alert).toContain('文件类型不受支持');
    expect(alert).not.toContain('Unsupported');
  });

  it('refuses a file over the limit before sending it', async () => {
    const { fixture, element } = await render({ maxUploadBytes: 1024 * 1024 });
    fixture.componentInstance.send(new File([new Uint8Array(1024 * 1024 + 1)], '大文件.pdf'));
    backend.expectNone('/api/files');
    await settle(fixture);
    expect(text(element.querySelector('[role="alert"]'))).toContain('文件“大文件.pdf”超过 1 MB');
  });

  it('reads sizes as people do', () => {
    expect(fileSize(860)).toBe('860 B');
    expect(fileSize(35 * 1024)).toBe('35 KB');
    expect(fileSize(1_258_291)).toBe('1.2 MB');
  });
});
