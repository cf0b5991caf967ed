import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import {
  INSTRUCTION_MAX_LENGTH,
  type ChainCode,
  type InstructionView,
} from '@crm/domain';
import { I18nService, TranslatePipe, apiErrorText } from '@crm/web/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { Subject, catchError, debounceTime, map, of, switchMap } from 'rxjs';
import { CockpitApi } from '../data-access/cockpit.api';

export interface ProjectChoice {
  id: string;
  name: string;
}

/** 领导批示: a leader picks a project of the chain and writes; the project's owner is notified. */
@Component({
  selector: 'crm-instruction-form',
  imports: [
    FormsModule,
    NzAlertModule,
    NzButtonModule,
    NzFormModule,
    NzInputModule,
    NzSelectModule,
    TranslatePipe,
  ],
  template: `
    <form
      nz-form
      nzLayout="vertical"
      class="instruction-form"
      (ngSubmit)="submit()"
    >
      <nz-form-item>
        <nz-form-label nzFor="instruction-project" nzRequired>{{
          'cockpit.instruction.project' | t
        }}</nz-form-label>
        <nz-form-control>
          <nz-select
            nzId="instruction-project"
            class="project"
            nzShowSearch
            nzServerSearch
            nzAllowClear
            [nzPlaceHolder]="'cockpit.instruction.projectHint' | t"
            [ngModel]="projectId()"
            (ngModelChange)="projectId.set($event)"
            (nzOnSearch)="search$.next($event)"
            name="project"
          >
            @for (p of options(); track p.id) {
              <nz-option [nzValue]="p.id" [nzLabel]="p.name" />
            }
          </nz-select>
        </nz-form-control>
      </nz-form-item>
      <nz-form-item>
        <nz-form-label nzFor="instruction-text" nzRequired>{{
          'cockpit.instruction.text' | t
        }}</nz-form-label>
        <nz-form-control [nzExtra]="counter()">
          <textarea
            nz-input
            id="instruction-text"
            name="text"
            rows="3"
            [maxlength]="max"
            [placeholder]="'cockpit.instruction.textHint' | t"
            [ngModel]="text()"
            (ngModelChange)="text.set($event)"
          ></textarea>
        </nz-form-control>
      </nz-form-item>
      @if (error()) {
        <nz-alert
          class="error"
          nzType="error"
          [nzMessage]="error()"
          nzShowIcon
        />
      }
      <button
        nz-button
        nzType="primary"
        type="submit"
        class="send"
        [nzLoading]="saving()"
        [disabled]="!ready()"
      >
        {{ 'cockpit.instruction.send' | t }}
      </button>
    </form>
  `,
  styles: `
    :host {
      display: block;
    }
    .project {
      width: 100%;
    }
    .error {
      margin-bottom: 12px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InstructionForm {
  readonly chain = input.required<ChainCode>();
  /** The projects the page shows (stuck, major, overdue, alerts), offered before any search. */
  readonly projects = input<ProjectChoice[]>([]);
  /** A project chosen elsewhere on the page (its 批示 button). */
  readonly preselect = input<ProjectChoice | null>(null);
  readonly created = output<InstructionView>();

  private readonly api = inject(CockpitApi);
  private readonly i18n = inject(I18nService);
  private readonly message = inject(NzMessageService);

  protected readonly max = INSTRUCTION_MAX_LENGTH;
  protected readonly projectId = signal<string | null>(null);
  protected readonly text = signal('');
  protected readonly saving = signal(false);
  protected readonly error = signal('');
  protected readonly search$ = new Subject<string>();
  private readonly found = signal<ProjectChoice[] | null>(null);

  protected readonly options = computed(() => {
    const list = this.found() ?? this.projects();
    const chosen = this.preselect();
    const all =
      chosen && !list.some((p) => p.id === chosen.id)
        ? [chosen, ...list]
        : list;
    return all;
  });
  protected readonly ready = computed(
    () => !!this.projectId() && this.text().trim().length > 0 && !this.saving(),
  );
  protected readonly counter = computed(() =>
    this.i18n.t('cockpit.instruction.counter', {
      count: this.text().length,
      max: this.max,
    }),
  );

  constructor() {
    effect(() => {
      const chosen = this.preselect();
      if (chosen) this.projectId.set(chosen.id);
    });
    this.search$
      .pipe(
        debounceTime(250),
        switchMap((q) =>
          q.trim()
            ? this.api.searchProjects(this.chain(), q).pipe(
                map((page) =>
                  page.items.map((p) => ({ id: p.id, name: p.name })),
                ),
                catchError(() => of<ProjectChoice[]>([])),
              )
            : of(null),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((found) => this.found.set(found));
  }

  protected submit(): void {
    const id = this.projectId();
    const text = this.text().trim();
    if (!id || !text || this.saving()) return;
    this.saving.set(true);
    this.error.set('');
    this.api.instruct(id, text).subscribe({
      next: (created) => {
        this.saving.set(false);
        this.text.set('');
        this.message.success(this.i18n.t('cockpit.instruction.sent'));
        this.created.emit(created);
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.error.set(apiErrorText(error, this.i18n));
      },
    });
  }
}
