import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { I18nService, TranslatePipe, apiErrorText, saveBlob } from '@crm/web/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzProgressModule } from 'ng-zorro-antd/progress';
import { NzRadioModule } from 'ng-zorro-antd/radio';
import { NzResultModule } from 'ng-zorro-antd/result';
import { NzStepsModule } from 'ng-zorro-antd/steps';
import { NzUploadModule, type NzUploadFile } from 'ng-zorro-antd/upload';
import { type Subscription, filter, switchMap, take, timer } from 'rxjs';
import { batchHeaders } from '../data-access/column-mapping';
import { LedgerApi } from '../data-access/ledger.api';
import {
  LEDGER_MAX_UPLOAD_MB,
  type ColumnOverrides,
  type ImportBatchView,
  type ImportKind,
  type ImportPreview as Preview,
} from '../data-access/ledger.types';
import { ownerlessOf, type DefaultOwners, type OwnerlessChain } from '../data-access/ownerless';
import { localFileProblem, uploadProblem } from '../data-access/upload-problem';
import { LedgerExportsPanel } from '../exports/ledger-exports-panel';
import { ColumnMappingForm } from './column-mapping-form';
import { ImportPreview } from './import-preview';
import { OwnerChoice } from './owner-choice';

type Step = 'choose' | 'mapping' | 'reading' | 'preview' | 'committing' | 'done';

/** How often a running worker job is asked for its progress. */
export const POLL_MS = 1000;

/**
 * /ledger — 台账导入导出: import projects or firms from .xlsx (template, upload, column mapping when
 * the sheet differs, preview of every row, confirm; large files read and written by the worker
 * with progress), and the ready exports.
 */
@Component({
  selector: 'crm-ledger-import-page',
  imports: [
    ColumnMappingForm,
    FormsModule,
    ImportPreview,
    LedgerExportsPanel,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzIconModule,
    NzProgressModule,
    NzRadioModule,
    NzResultModule,
    NzStepsModule,
    NzUploadModule,
    OwnerChoice,
    RouterLink,
    TranslatePipe,
  ],
  templateUrl: './ledger-import-page.html',
  styleUrl: './ledger-import-page.less',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LedgerImportPage {
  private readonly api = inject(LedgerApi);
  private readonly i18n = inject(I18nService);
  private readonly destroyRef = inject(DestroyRef);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly maxMb = LEDGER_MAX_UPLOAD_MB;
  protected readonly kind = signal<ImportKind>('projects');
  protected readonly step = signal<Step>('choose');
  protected readonly file = signal<File | null>(null);
  protected readonly overrides = signal<ColumnOverrides>({});
  /** A bad file, in the API's words. */
  protected readonly problem = signal('');
  protected readonly mappingHeaders = signal<string[]>([]);
  protected readonly mappingReason = signal('');
  protected readonly preview = signal<Preview | null>(null);
  protected readonly batch = signal<ImportBatchView | null>(null);
  protected readonly busy = signal(false);
  protected readonly downloading = signal(false);
  /** Why the commit did not go through (changed since the preview, …). */
  protected readonly commitError = signal('');
  /** New projects without a 项目负责人, by chain, as the refused commit listed them. */
  protected readonly ownerless = signal<OwnerlessChain[]>([]);
  /** The default owner chosen per chain code, sent with the next commit. */
  protected readonly defaultOwners = signal<DefaultOwners>({});
  /** A confirm was tried with a chain still unchosen. */
  protected readonly ownersMissing = signal(false);

  protected readonly stepIndex = computed(() => {
    const step = this.step();
    return step === 'done' ? 2 : step === 'preview' || step === 'committing' ? 1 : 0;
  });
  protected readonly readPercent = computed(() => percent(this.batch()?.processedRows ?? 0, this.batch()?.totalRows ?? 0));
  protected readonly commitPercent = computed(() => {
    const p = this.batch()?.commitProgress;
    return p ? percent(p.processed, p.total) : 0;
  });

  private polling: Subscription | null = null;

  constructor() {
    this.destroyRef.onDestroy(() => this.polling?.unsubscribe());
  }

  protected chooseKind(kind: ImportKind): void {
    if (this.step() !== 'choose') return;
    this.kind.set(kind);
    this.problem.set('');
  }

  protected downloadTemplate(): void {
    this.downloading.set(true);
    const fallback = this.kind() === 'projects' ? 'project-template.xlsx' : 'enterprise-template.xlsx';
    this.api.download(this.api.templateUrl(this.kind()), undefined, fallback).subscribe({
      next: ({ blob, fileName }) => {
        this.downloading.set(false);
        saveBlob(blob, fileName);
      },
      error: (error: unknown) => {
        this.downloading.set(false);
        this.problem.set(apiErrorText(error, this.i18n));
      },
    });
  }

  /** nz-upload hands the chosen file here; returning false keeps it from uploading by itself. */
  protected readonly takeFile = (file: NzUploadFile): boolean => {
    this.selectFile(file as unknown as File);
    return false;
  };

  selectFile(file: File): void {
    this.problem.set('');
    this.commitError.set('');
    const local = localFileProblem(file, this.i18n);
    if (local) {
      this.problem.set(local);
      return;
    }
    this.file.set(file);
    this.overrides.set({});
    this.send();
  }

  /** Uploads the file again with the user's mapping. */
  protected applyMapping(overrides: ColumnOverrides): void {
    this.overrides.set(overrides);
    this.send();
  }

  private send(): void {
    const file = this.file();
    if (!file) return;
    this.busy.set(true);
    this.api.upload(this.kind(), file, this.overrides()).subscribe({
      next: (preview) => {
        this.busy.set(false);
        this.received(preview);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        const problem = uploadProblem(error, this.i18n);
        if (problem.kind === 'mapping') this.askMapping(problem.headers, problem.message);
        else {
          this.problem.set(problem.message);
          this.step.set('choose');
        }
      },
    });
  }

  private askMapping(headers: string[], reason: string): void {
    this.mappingHeaders.set(headers);
    this.mappingReason.set(reason);
    this.step.set('mapping');
  }

  private received(preview: Preview): void {
    this.clearOwners();
    this.preview.set(preview);
    this.batch.set(preview.batch);
    const { status } = preview.batch;
    if (status === 'queued') {
      this.step.set('reading');
      this.poll(preview.batch.id, (b) => b.status !== 'queued', (b) => this.read(b));
    } else this.read(preview.batch, preview);
  }

  /** The worker has read the file (or could not). */
  private read(batch: ImportBatchView, preview?: Preview): void {
    this.batch.set(batch);
    if (batch.status === 'failed') {
      const message = batch.failure ?? this.i18n.t('ledger.upload.failed');
      if (batch.columns.length) this.askMapping(batchHeaders(batch), message);
      else {
        this.problem.set(message);
        this.step.set('choose');
      }
      return;
    }
    if (!preview) this.preview.set({ batch, rows: [] });
    // New projects naming no owner: the choice is offered with the preview, before the commit.
    if (batch.status === 'previewed' && batch.ownerless?.length) this.offerOwners(batch.ownerless);
    this.step.set(batch.status === 'committed' ? 'done' : 'preview');
  }

  protected remap(): void {
    const batch = this.batch();
    if (!batch) return;
    this.askMapping(batchHeaders(batch), '');
  }

  protected cancelMapping(): void {
    const batch = this.batch();
    this.step.set(batch?.status === 'previewed' ? 'preview' : 'choose');
  }

  protected commit(): void {
    const batch = this.batch();
    if (!batch) return;
    const owners = this.chosenOwners();
    if (this.ownerless().some((c) => c.candidates.length && !owners[c.chain])) {
      this.ownersMissing.set(true);
      this.commitError.set(this.i18n.t('ledger.owner.missing'));
      this.showOwnerChoice();
      return;
    }
    this.busy.set(true);
    this.commitError.set('');
    this.ownersMissing.set(false);
    this.api.commit(batch.id, owners).subscribe({
      next: (result) => {
        this.busy.set(false);
        this.batch.set(result);
        if (result.committing) {
          this.step.set('committing');
          this.poll(result.id, (b) => !b.committing, (b) => this.committed(b));
        } else this.committed(result);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        const ownerless = ownerlessOf(error);
        if (ownerless) {
          this.offerOwners(ownerless);
          this.commitError.set(this.i18n.t('ledger.owner.missing'));
          this.showOwnerChoice();
        } else this.commitError.set(apiErrorText(error, this.i18n));
      },
    });
  }

  protected chooseOwners(owners: DefaultOwners): void {
    this.defaultOwners.set(owners);
    if (this.ownerless().every((c) => !c.candidates.length || owners[c.chain])) {
      this.ownersMissing.set(false);
      if (this.commitError() === this.i18n.t('ledger.owner.missing')) this.commitError.set('');
    }
  }

  /** A select for each chain listed; what was chosen for chains still listed is kept. */
  private offerOwners(ownerless: OwnerlessChain[]): void {
    const chosen = this.defaultOwners();
    this.ownerless.set(ownerless);
    this.defaultOwners.set(
      Object.fromEntries(
        ownerless.filter((c) => c.candidates.some((p) => p.id === chosen[c.chain])).map((c) => [c.chain, chosen[c.chain]]),
      ),
    );
  }

  /** The chosen owners of the chains still listed (none before the API has asked). */
  private chosenOwners(): DefaultOwners {
    const owners = this.defaultOwners();
    return Object.fromEntries(this.ownerless().filter((c) => owners[c.chain]).map((c) => [c.chain, owners[c.chain]]));
  }

  /** The choice sits above a long preview: bring it into view. */
  private showOwnerChoice(): void {
    afterNextRender(
      () => this.host.nativeElement.querySelector('crm-owner-choice')?.scrollIntoView?.({ block: 'start', behavior: 'smooth' }),
      { injector: this.injector },
    );
  }

  private committed(batch: ImportBatchView): void {
    this.batch.set(batch);
    if (batch.status === 'committed') this.step.set('done');
    else {
      this.commitError.set(batch.failure ?? this.i18n.t('ledger.commit.failed'));
      this.step.set('preview');
    }
  }

  /** Asks for the batch every POLL_MS until `done` says so; progress shows on the way. */
  private poll(id: string, done: (b: ImportBatchView) => boolean, then: (b: ImportBatchView) => void): void {
    this.polling?.unsubscribe();
    this.polling = timer(POLL_MS, POLL_MS)
      .pipe(
        switchMap(() => this.api.find(id, { limit: 0 })),
        filter(({ batch }) => {
          this.batch.set(batch);
          return done(batch);
        }),
        take(1),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: ({ batch }) => then(batch),
        error: (error: unknown) => {
          this.problem.set(apiErrorText(error, this.i18n));
          this.step.set('choose');
        },
      });
  }

  protected restart(): void {
    this.polling?.unsubscribe();
    this.step.set('choose');
    this.file.set(null);
    this.overrides.set({});
    this.preview.set(null);
    this.batch.set(null);
    this.problem.set('');
    this.commitError.set('');
    this.clearOwners();
  }

  private clearOwners(): void {
    this.ownerless.set([]);
    this.defaultOwners.set({});
    this.ownersMissing.set(false);
  }
}

function percent(done: number, total: number): number {
  return total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 0;
}
