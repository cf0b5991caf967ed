import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { RollUpExportFormat, RollUpExportView } from '@crm/domain';
import { I18nService, MessageKey, TranslatePipe, apiErrorText, pickLanguage } from '@crm/web/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzProgressModule } from 'ng-zorro-antd/progress';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Subscription, exhaustMap, filter, timer } from 'rxjs';
import { SHANGHAI } from '../data-access/load-state';
import { RollUpApi } from '../data-access/roll-up.api';

/** How often a running export is asked after. */
export const EXPORT_POLL_MS = 2000;

const STATE_COLORS: Record<RollUpExportView['state'], string> = {
  queued: 'default',
  running: 'processing',
  done: 'success',
  failed: 'error',
};

/** 导出: asks the worker for a Word or Excel file, follows the job, and offers the download. */
@Component({
  selector: 'crm-roll-up-exports',
  imports: [DatePipe, NzButtonModule, NzIconModule, NzProgressModule, NzTagModule, TranslatePipe],
  template: `
    <div class="buttons">
      @if (canExport()) {
        <button nz-button class="export-docx" [nzLoading]="requesting() === 'docx'" [disabled]="!!requesting()" (click)="request('docx')">
          <nz-icon nzType="file-word" /> {{ 'reporting.rollUp.exportWord' | t }}
        </button>
        <button nz-button class="export-xlsx" [nzLoading]="requesting() === 'xlsx'" [disabled]="!!requesting()" (click)="request('xlsx')">
          <nz-icon nzType="file-excel" /> {{ 'reporting.rollUp.exportExcel' | t }}
        </button>
      }
    </div>
    @if (jobs().length) {
      <ul class="jobs">
        @for (job of jobs(); track job.id) {
          <li class="job" [attr.data-format]="job.format" [attr.data-state]="job.state">
            <nz-tag [nzColor]="stateColor(job)">{{ stateKey(job) | t }}</nz-tag>
            <span class="file">{{ job.fileName }}</span>
            <span class="at">{{ job.createdAt | date: 'MM-dd HH:mm' : tz }}</span>
            @if (job.state === 'queued' || job.state === 'running') {
              <nz-progress class="progress" [nzPercent]="job.state === 'running' ? 60 : 15" nzStatus="active" [nzShowInfo]="false" nzSize="small" />
            } @else if (job.state === 'done' && job.downloadUrl) {
              <a nz-button nzType="link" nzSize="small" class="download" [href]="job.downloadUrl" [attr.download]="job.fileName">
                <nz-icon nzType="download" /> {{ 'reporting.rollUp.download' | t }}
              </a>
            } @else if (job.state === 'failed') {
              <span class="failed">{{ errorOf(job) }}</span>
            }
          </li>
        }
      </ul>
    }
  `,
  styles: `
    .buttons { display: flex; flex-wrap: wrap; gap: 8px; }
    .jobs { margin: 8px 0 0; padding: 0; list-style: none; }
    .job { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 8px; padding: 4px 0; }
    .file { font-weight: 500; word-break: break-all; }
    .at { color: rgba(0, 0, 0, 0.62); font-size: 12px; }
    .progress { width: 120px; }
    .failed { color: #ff4d4f; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RollUpExports {
  private readonly api = inject(RollUpApi);
  private readonly i18n = inject(I18nService);
  private readonly message = inject(NzMessageService);
  private readonly destroyRef = inject(DestroyRef);
  private poll: Subscription | null = null;

  readonly period = input.required<string>();
  /** The exports the roll-up came with, newest first. */
  readonly initial = input<RollUpExportView[]>([]);
  readonly canExport = input(false);

  protected readonly tz = SHANGHAI;
  protected readonly requesting = signal<RollUpExportFormat | null>(null);
  private readonly known = signal<RollUpExportView[]>([]);
  /** The latest few: the newest of each format first. */
  protected readonly jobs = computed(() => this.known().slice(0, 4));
  private readonly active = computed(() =>
    this.known().filter((job) => job.state === 'queued' || job.state === 'running'),
  );

  constructor() {
    effect(() => {
      const initial = this.initial();
      untracked(() => {
        this.known.set(initial);
        this.follow();
      });
    });
  }

  protected request(format: RollUpExportFormat): void {
    if (this.requesting()) return;
    this.requesting.set(format);
    this.api
      .requestExport(this.period(), format)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (job) => {
          this.requesting.set(null);
          this.known.update((jobs) => [job, ...jobs.filter((j) => j.id !== job.id)]);
          this.follow();
        },
        error: (error: unknown) => {
          this.requesting.set(null);
          this.message.error(apiErrorText(error, this.i18n));
        },
      });
  }

  protected stateColor(job: RollUpExportView): string {
    return STATE_COLORS[job.state];
  }

  protected stateKey(job: RollUpExportView): MessageKey {
    return `reporting.rollUp.export.${job.state}`;
  }

  protected errorOf(job: RollUpExportView): string {
    return job.error ? pickLanguage(job.error, this.i18n.lang()) : this.i18n.t('reporting.rollUp.export.failed');
  }

  /** Polls the running jobs, one round at a time, until none is left. */
  private follow(): void {
    if (this.poll || !this.active().length) return;
    this.poll = timer(EXPORT_POLL_MS, EXPORT_POLL_MS)
      .pipe(
        filter(() => this.active().length > 0),
        exhaustMap(async () => {
          for (const job of this.active()) {
            try {
              const now = await new Promise<RollUpExportView>((resolve, reject) =>
                this.api.exportJob(job.id).subscribe({ next: resolve, error: reject }),
              );
              this.known.update((jobs) => jobs.map((j) => (j.id === now.id ? now : j)));
              if (now.state === 'done' && job.state !== 'done') {
                this.message.success(this.i18n.t('reporting.rollUp.export.ready', { file: now.fileName }));
              }
            } catch {
              // Asked again at the next round.
            }
          }
        }),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe(() => {
        if (!this.active().length) {
          this.poll?.unsubscribe();
          this.poll = null;
        }
      });
  }
}
