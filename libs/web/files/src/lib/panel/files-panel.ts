import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { DownloadOutline, UploadOutline } from '@ant-design/icons-angular/icons';
import { STORED_FILE_ACCEPT, STORED_FILE_KINDS, type StoredFileKind, type StoredFileView } from '@crm/domain';
import { I18nService, apiErrorText, saveBlob } from '@crm/web/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule, provideNzIconsPatch } from 'ng-zorro-antd/icon';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzPopconfirmModule } from 'ng-zorro-antd/popconfirm';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { NzUploadModule, type NzUploadFile } from 'ng-zorro-antd/upload';
import { FilesApi } from '../data-access/files.api';
import { FILE_KIND_TEXT, FilesTextPipe, filesText } from '../files-text';

/** An ISO instant as a date and time in Asia/Shanghai: "2025-09-10 10:01". */
export function shanghaiDateTime(iso: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const v = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${v('year')}-${v('month')}-${v('day')} ${v('hour')}:${v('minute')}`;
}

/** A size as people read it: 860 B, 35 KB, 1.2 MB. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

type PanelState = { status: 'loading' } | { status: 'error'; text: string } | { status: 'ready' };

/**
 * 附件 of a record (a project, a pre-review opinion, a 要素保障 answer …): the list with kind, name,
 * size, uploader and date, a download for each, and, for those who may change the record, an
 * upload with its kind and a removal. The API decides who may do what (canWrite, 403/404) and
 * what a file is (by its content); the panel only says so, in the interface language.
 */
@Component({
  selector: 'crm-files-panel',
  imports: [
    FilesTextPipe,
    FormsModule,
    NzAlertModule,
    NzButtonModule,
    NzIconModule,
    NzPopconfirmModule,
    NzSelectModule,
    NzTableModule,
    NzTagModule,
    NzUploadModule,
  ],
  // Its own icons, so whichever page shows the panel need not know them.
  providers: [provideNzIconsPatch([DownloadOutline, UploadOutline])],
  templateUrl: './files-panel.html',
  styleUrl: './files-panel.less',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FilesPanel {
  private readonly api = inject(FilesApi);
  private readonly i18n = inject(I18nService);
  private readonly message = inject(NzMessageService);

  /** The owner type as registered on the API (e.g. project). */
  readonly ownerType = input.required<string>();
  readonly ownerId = input.required<string>();
  /** The kinds offered for an upload, the first chosen by default. */
  readonly kinds = input<readonly StoredFileKind[]>(STORED_FILE_KINDS);

  protected readonly accept = STORED_FILE_ACCEPT;
  protected readonly at = shanghaiDateTime;
  protected readonly size = fileSize;
  protected readonly state = signal<PanelState>({ status: 'loading' });
  protected readonly items = signal<StoredFileView[]>([]);
  protected readonly canWrite = signal(false);
  protected readonly maxBytes = signal(20 * 1024 * 1024);
  protected readonly maxMb = computed(() => Math.round(this.maxBytes() / 1024 / 1024));
  protected readonly chosenKind = signal<StoredFileKind | null>(null);
  protected readonly kind = computed(() => this.chosenKind() ?? this.kinds()[0] ?? 'other');
  protected readonly busy = signal<string | null>(null);
  protected readonly problem = signal('');

  constructor() {
    effect(() => {
      const ownerType = this.ownerType();
      const ownerId = this.ownerId();
      untracked(() => this.load(ownerType, ownerId));
    });
  }

  protected kindText(kind: StoredFileKind): string {
    return FILE_KIND_TEXT[kind][this.i18n.lang() === 'en' ? 1 : 0];
  }

  protected reload(): void {
    this.load(this.ownerType(), this.ownerId());
  }

  private load(ownerType: string, ownerId: string): void {
    this.state.set({ status: 'loading' });
    this.api.list(ownerType, ownerId).subscribe({
      next: (list) => {
        this.items.set(list.items);
        this.canWrite.set(list.canWrite);
        this.maxBytes.set(list.maxUploadBytes);
        this.state.set({ status: 'ready' });
      },
      error: (error: unknown) => this.state.set({ status: 'error', text: apiErrorText(error, this.i18n) }),
    });
  }

  /** nz-upload hands the chosen file here; returning false keeps it from uploading by itself. */
  protected readonly takeFile = (file: NzUploadFile): boolean => {
    this.send(file as unknown as File);
    return false;
  };

  send(file: File): void {
    const lang = this.i18n.lang();
    this.problem.set('');
    if (file.size === 0) {
      this.problem.set(filesText(lang, 'empty', { name: file.name }));
      return;
    }
    if (file.size > this.maxBytes()) {
      this.problem.set(filesText(lang, 'tooLarge', { name: file.name, mb: this.maxMb() }));
      return;
    }
    this.busy.set('upload');
    this.api.upload(this.ownerType(), this.ownerId(), this.kind(), file).subscribe({
      next: (stored) => {
        this.busy.set(null);
        this.items.update((items) => [stored, ...items]);
        this.message.success(filesText(this.i18n.lang(), 'uploaded', { name: stored.name }));
      },
      error: (error: unknown) => {
        this.busy.set(null);
        this.problem.set(apiErrorText(error, this.i18n));
      },
    });
  }

  protected download(file: StoredFileView): void {
    this.busy.set(file.id);
    this.api.download(file).subscribe({
      next: ({ blob, fileName }) => {
        this.busy.set(null);
        saveBlob(blob, fileName);
      },
      error: (error: unknown) => {
        this.busy.set(null);
        this.message.error(apiErrorText(error, this.i18n));
      },
    });
  }

  protected remove(file: StoredFileView): void {
    this.busy.set(file.id);
    this.api.remove(file.id).subscribe({
      next: () => {
        this.busy.set(null);
        this.items.update((items) => items.filter((f) => f.id !== file.id));
        this.message.success(filesText(this.i18n.lang(), 'removed'));
      },
      error: (error: unknown) => {
        this.busy.set(null);
        this.problem.set(apiErrorText(error, this.i18n));
      },
    });
  }
}
