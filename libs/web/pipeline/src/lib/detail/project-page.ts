import { ChangeDetectionStrategy, Component, computed, inject, signal, viewChildren } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, RouterLink } from '@angular/router';
import {
  isSignedStage,
  type ProjectDetailView,
  type ProjectInput,
  type ProjectView,
  type Stage,
} from '@crm/domain';
import { I18nService, TranslatePipe, apiErrorText, sectorKey } from '@crm/web/core';
import { FilesPanel, FilesTextPipe } from '@crm/web/files';
import { ProjectGuaranteesPanel } from '@crm/web/guarantees';
import { HasUnsavedChanges, LoadStateView, WanPipe, warnBeforeUnload } from '@crm/web/ui';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzDescriptionsModule } from 'ng-zorro-antd/descriptions';
import { NzDrawerModule } from 'ng-zorro-antd/drawer';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { NzTabsModule } from 'ng-zorro-antd/tabs';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Subject, catchError, distinctUntilChanged, firstValueFrom, map, of, startWith, switchMap } from 'rxjs';
import { EditRights } from '../data-access/edit-rights';
import { STATUS_COLORS, channelKey, landRouteMarkKey, stageKey, statusKey } from '../data-access/labels';
import type { LoadState } from '../data-access/load-state';
import { PipelineApi } from '../data-access/pipeline.api';
import { ReferenceApi } from '../data-access/reference.api';
import { ProjectForm } from '../form/project-form';
import { StageMoveForm } from '../move/stage-move-form';
import { ActivityForm } from './activity-form';
import { EvaluationPanel } from './evaluation-panel';
import { FactsPanel } from './facts-panel';
import { InstructionsPanel } from './instructions-panel';
import { LedgerPanel } from './ledger-panel';
import { ProjectTimeline } from './project-timeline';
import { StageSteps } from './stage-steps';
import { StatusForm } from './status-form';

/** Which dialog is open over the page. */
type Dialog = { kind: 'move'; to: Stage | null } | { kind: 'status' } | { kind: 'edit' } | null;

/** /projects/:id — one project: where it stands, its history, evaluation, ledger and contacts. */
@Component({
  selector: 'crm-project-page',
  imports: [
    LoadStateView,
    ActivityForm,
    EvaluationPanel,
    FactsPanel,
    FilesPanel,
    FilesTextPipe,
    InstructionsPanel,
    LedgerPanel,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzDescriptionsModule,
    NzDrawerModule,
    NzIconModule,
    NzModalModule,
    NzTabsModule,
    NzTagModule,
    ProjectForm,
    ProjectGuaranteesPanel,
    ProjectTimeline,
    RouterLink,
    StageMoveForm,
    StageSteps,
    StatusForm,
    TranslatePipe,
    WanPipe,
  ],
  templateUrl: './project-page.html',
  styleUrl: './project-page.less',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProjectPage implements HasUnsavedChanges {
  private readonly api = inject(PipelineApi);
  private readonly i18n = inject(I18nService);
  private readonly message = inject(NzMessageService);
  private readonly rights = inject(EditRights);

  protected readonly lang = this.i18n.lang;
  protected readonly stageKey = stageKey;
  protected readonly statusKey = statusKey;
  protected readonly landRouteMarkKey = landRouteMarkKey;
  protected readonly sectorKey = sectorKey;
  protected readonly channelKey = channelKey;
  protected readonly statusColors = STATUS_COLORS;

  private readonly id$ = inject(ActivatedRoute).paramMap.pipe(
    map((params) => params.get('id') ?? ''),
    distinctUntilChanged(),
  );
  private readonly refresh$ = new Subject<void>();
  protected readonly state = signal<LoadState<ProjectDetailView>>({ status: 'loading' });
  protected readonly detail = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? state.value : null;
  });
  protected readonly errorText = computed(() => {
    const state = this.state();
    return state.status === 'error' ? apiErrorText(state.error, this.i18n) : '';
  });
  /** The API says who may edit (staff of a unit serving the project's chain). */
  protected readonly canEdit = computed(() => this.detail()?.canEdit ?? false);
  protected readonly active = computed(() => this.detail()?.project.status === 'active');
  protected readonly canVerify = computed(() => this.rights.isOffice());
  protected readonly signed = computed(() => {
    const detail = this.detail();
    return detail ? isSignedStage(detail.project.stage) : false;
  });
  private readonly chains = toSignal(inject(ReferenceApi).chains().pipe(catchError(() => of([]))), {
    initialValue: [],
  });
  protected readonly chainName = computed(() => {
    const code = this.detail()?.project.chain;
    const chain = this.chains().find((c) => c.code === code);
    return chain ? (this.lang() === 'en' ? chain.nameEn : chain.nameZh) : (code ?? '');
  });

  protected readonly dialog = signal<Dialog>(null);
  protected readonly moveTo = computed(() => {
    const dialog = this.dialog();
    return dialog?.kind === 'move' ? dialog.to : null;
  });
  /** Someone else saved first: what is shown is not current. */
  protected readonly stale = signal(false);
  protected readonly tab = signal(0);

  protected readonly saveEdit = (input: ProjectInput): Promise<ProjectView> => {
    const project = this.detail()?.project;
    if (!project) return Promise.reject(new Error('No project loaded'));
    return firstValueFrom(this.api.update(project.id, { ...input, version: project.version }));
  };

  /** The page's forms (the edit drawer, 登记跟进, evaluation and ledger entries) while shown. */
  private readonly projectForms = viewChildren(ProjectForm);
  private readonly activityForms = viewChildren(ActivityForm);
  private readonly evaluationPanels = viewChildren(EvaluationPanel);
  private readonly ledgerPanels = viewChildren(LedgerPanel);

  hasUnsavedChanges(): boolean {
    return [this.projectForms(), this.activityForms(), this.evaluationPanels(), this.ledgerPanels()].some((found) =>
      found.some((form) => form.hasUnsavedChanges()),
    );
  }

  constructor() {
    warnBeforeUnload(() => this.hasUnsavedChanges());
    this.id$
      .pipe(
        switchMap((id) =>
          this.refresh$.pipe(
            startWith(undefined),
            switchMap((_, i) => {
              const answer$ = this.api.detail(id).pipe(
                map((value): LoadState<ProjectDetailView> => ({ status: 'ready', value })),
                catchError((error: unknown) => of<LoadState<ProjectDetailView>>({ status: 'error', error })),
              );
              return i === 0 ? answer$.pipe(startWith<LoadState<ProjectDetailView>>({ status: 'loading' })) : answer$;
            }),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((state) => {
        this.state.set(state);
        if (state.status === 'ready') this.stale.set(false);
      });
  }

  protected reload(): void {
    this.refresh$.next();
  }

  protected reloadStale(): void {
    this.dialog.set(null);
    this.reload();
  }

  protected markStale(): void {
    this.stale.set(true);
  }

  protected openMove(to: Stage | null): void {
    this.dialog.set({ kind: 'move', to });
  }

  protected closeDialog(): void {
    this.dialog.set(null);
  }

  protected moved(project: ProjectView): void {
    this.dialog.set(null);
    this.message.success(
      this.i18n.t('pipeline.move.done', { name: project.name, stage: this.i18n.t(stageKey(project.stage)) }),
    );
    this.reload();
  }

  protected statusChanged(project: ProjectView): void {
    this.dialog.set(null);
    this.message.success(this.i18n.t('pipeline.statusForm.done', { status: this.i18n.t(statusKey(project.status)) }));
    this.reload();
  }

  protected edited(): void {
    this.dialog.set(null);
    this.message.success(this.i18n.t('pipeline.edit.done'));
    this.reload();
  }

  protected activityLogged(): void {
    this.message.success(this.i18n.t('pipeline.activity.done'));
    this.tab.set(0);
    this.reload();
  }
}
