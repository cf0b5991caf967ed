import { ChangeDetectionStrategy, Component, inject, viewChild } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { isChainCode, type ChainCode, type ProjectInput, type ProjectView } from '@crm/domain';
import { I18nService, TranslatePipe } from '@crm/web/core';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzResultModule } from 'ng-zorro-antd/result';
import { firstValueFrom, map } from 'rxjs';
import { EditRights } from '../data-access/edit-rights';
import { PipelineApi } from '../data-access/pipeline.api';
import { HasUnsavedChanges, warnBeforeUnload } from '@crm/web/ui';
import { ProjectForm } from '../form/project-form';

/** /projects/new — 登记新线索: a lead enters the pipeline at 信息收集. */
@Component({
  selector: 'crm-project-create-page',
  imports: [NzCardModule, NzIconModule, NzResultModule, ProjectForm, RouterLink, TranslatePipe],
  template: `
    <a class="back" routerLink="/projects">
      <nz-icon nzType="arrow-left" />
      {{ 'pipeline.backToList' | t }}
    </a>
    <nz-card class="form-card" [nzTitle]="titleTpl">
      <ng-template #titleTpl>
        <h1 class="title">{{ 'pipeline.create.title' | t }}</h1>
        <p class="subtitle">{{ 'pipeline.create.subtitle' | t }}</p>
      </ng-template>
      @if (rights.editableChains().length) {
        <crm-project-form [defaultChain]="chain()" [save]="save" (saved)="created($event)" (cancelled)="back()" />
      } @else {
        <nz-result nzStatus="403" [nzTitle]="'pipeline.create.notStaff' | t" [nzSubTitle]="'pipeline.create.notStaffHint' | t" />
      }
    </nz-card>
  `,
  styles: `
    :host {
      display: block;
      max-width: 860px;
    }
    .back {
      display: inline-block;
      margin-bottom: 12px;
    }
    .title {
      margin: 0;
      font-size: 18px;
    }
    .subtitle {
      margin: 2px 0 0;
      font-size: 13px;
      font-weight: normal;
      color: rgba(0, 0, 0, 0.62);
      white-space: normal;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProjectCreatePage implements HasUnsavedChanges {
  private readonly api = inject(PipelineApi);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18nService);
  private readonly message = inject(NzMessageService);
  protected readonly rights = inject(EditRights);

  protected readonly chain = toSignal(
    inject(ActivatedRoute).queryParamMap.pipe(
      map((params) => {
        const chain = params.get('chain') ?? '';
        return isChainCode(chain) ? (chain as ChainCode) : null;
      }),
    ),
    { initialValue: null },
  );

  private readonly form = viewChild(ProjectForm);

  constructor() {
    warnBeforeUnload(() => this.hasUnsavedChanges());
  }

  hasUnsavedChanges(): boolean {
    return this.form()?.hasUnsavedChanges() ?? false;
  }

  protected readonly save = (input: ProjectInput): Promise<ProjectView> => firstValueFrom(this.api.create(input));

  protected created(project: ProjectView): void {
    this.message.success(this.i18n.t('pipeline.create.done', { name: project.name }));
    void this.router.navigate(['/projects', project.id]);
  }

  protected back(): void {
    void this.router.navigate(['/projects']);
  }
}
