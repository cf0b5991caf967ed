import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import {
  STAGES,
  type AnnualPlanView,
  type ChainCode,
  type ChainView,
  type PlanKeyTaskInput,
  type PlanKeyTaskView,
  type Stage,
  type UnitView,
} from '@crm/domain';
import { I18nService, MessageKey, TranslatePipe, apiErrorText } from '@crm/web/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { goalNumberProblem, plainNumber } from '../data-access/amounts';
import { chainName, stageKey } from '../data-access/plan-labels';
import { PlanApi } from '../data-access/plan.api';
import { PlanReasonField } from './reason-field';

interface MilestoneRow {
  projectName: string;
  projectId: string | null;
  targetStage: Stage | null;
  wording: string;
}

interface GoalRow {
  label: string;
  measureUnit: string;
  target: string;
  achieved: string;
}

interface TaskForm {
  /** null: a new key task. */
  id: number | null;
  chainCode: ChainCode | null;
  text: string;
  unitIds: number[];
  milestones: MilestoneRow[];
  goals: GoalRow[];
  reason: string;
  /** Errors show once the office tried to save. */
  tried: boolean;
  saving: boolean;
  error: string;
}

interface DeleteForm {
  task: PlanKeyTaskView;
  reason: string;
  saving: boolean;
  error: string;
}

/**
 * 重点任务 of a year's plan, chain by chain: each task's text, its responsible units, the named
 * projects it commits to bringing to a stage by year end (年内建成 → 竣工投产, …) and its measurable
 * goals. The office adds, edits and removes them; once published each change asks why.
 */
@Component({
  selector: 'crm-plan-key-tasks-section',
  imports: [
    FormsModule,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzEmptyModule,
    NzIconModule,
    NzInputModule,
    NzModalModule,
    NzSelectModule,
    NzTagModule,
    PlanReasonField,
    TranslatePipe,
  ],
  templateUrl: './plan-key-tasks-section.html',
  styleUrl: './plan-key-tasks-section.less',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlanKeyTasksSection {
  private readonly api = inject(PlanApi);
  private readonly i18n = inject(I18nService);
  private readonly message = inject(NzMessageService);
  private readonly destroyRef = inject(DestroyRef);

  readonly plan = input.required<AnnualPlanView>();
  readonly chains = input<readonly ChainView[]>([]);
  /** The units a task may name (the office's dialog only). */
  readonly units = input<readonly UnitView[]>([]);
  readonly mayEdit = input(false);
  readonly changed = output<AnnualPlanView>();

  protected readonly lang = this.i18n.lang;
  protected readonly stages = STAGES;
  protected readonly stageKey = stageKey;
  protected readonly number = plainNumber;
  protected readonly published = computed(() => this.plan().status === 'published');

  /** null: every chain. */
  protected readonly chainFilter = signal<ChainCode | null>(null);
  protected readonly chainOptions = computed(() =>
    [...this.chains()]
      .sort((a, b) => a.sortOrder - b.sortOrder)
      .map((c) => ({ code: c.code, label: this.lang() === 'en' ? c.nameEn : c.nameZh })),
  );

  /** The tasks grouped by chain, in the plan's order of chains, each group by its numbers. */
  protected readonly groups = computed(() => {
    const chains = [...this.chains()].sort((a, b) => a.sortOrder - b.sortOrder);
    const order = (code: string) => {
      const i = chains.findIndex((c) => c.code === code);
      return i < 0 ? chains.length : i;
    };
    const filter = this.chainFilter();
    const tasks = this.plan().keyTasks.filter((t) => !filter || t.chainCode === filter);
    const codes = [...new Set(tasks.map((t) => t.chainCode))].sort((a, b) => order(a) - order(b));
    return codes.map((code) => ({
      code,
      name: chainName(code, this.lang(), chains),
      tasks: tasks.filter((t) => t.chainCode === code).sort((a, b) => a.seq - b.seq),
    }));
  });

  protected readonly form = signal<TaskForm | null>(null);

  /** The key-task dialog is open: what it holds is not saved yet. */
  hasOpenForm(): boolean {
    return !!this.form();
  }
  protected readonly formErrors = computed(() => {
    const form = this.form();
    const errors: { chain?: MessageKey; text?: MessageKey; units?: MessageKey; milestones: (MessageKey | null)[]; goals: (MessageKey | null)[] } = {
      milestones: [],
      goals: [],
    };
    if (!form) return errors;
    if (!form.chainCode) errors.chain = 'plan.task.chainRequired';
    if (!form.text.trim()) errors.text = 'plan.task.textRequired';
    if (!form.unitIds.length) errors.units = 'plan.task.unitsRequired';
    errors.milestones = form.milestones.map((m) =>
      !m.projectName.trim() ? 'plan.milestone.projectRequired' : !m.targetStage ? 'plan.milestone.stageRequired' : null,
    );
    errors.goals = form.goals.map(
      (g) =>
        (!g.label.trim() ? 'plan.goal.labelRequired' : null) ??
        (!g.measureUnit.trim() ? 'plan.goal.unitRequired' : null) ??
        goalNumberProblem(g.target, true) ??
        goalNumberProblem(g.achieved, false),
    );
    return errors;
  });
  protected readonly formValid = computed(() => {
    const errors = this.formErrors();
    const form = this.form();
    return (
      !!form &&
      !errors.chain &&
      !errors.text &&
      !errors.units &&
      errors.milestones.every((e) => !e) &&
      errors.goals.every((e) => !e) &&
      (!this.published() || form.reason.trim().length > 0)
    );
  });

  protected readonly removing = signal<DeleteForm | null>(null);

  protected setFilter(chain: ChainCode | null): void {
    this.chainFilter.set(chain ?? null);
  }

  protected add(): void {
    this.form.set({
      id: null,
      chainCode: this.chainFilter(),
      text: '',
      unitIds: [],
      milestones: [],
      goals: [],
      reason: '',
      tried: false,
      saving: false,
      error: '',
    });
  }

  protected edit(task: PlanKeyTaskView): void {
    this.form.set({
      id: task.id,
      chainCode: task.chainCode,
      text: task.text,
      unitIds: task.units.map((u) => u.id),
      milestones: [...task.milestones]
        .sort((a, b) => a.seq - b.seq)
        .map((m) => ({ projectName: m.projectName, projectId: m.projectId, targetStage: m.targetStage, wording: m.wording })),
      goals: [...task.goals]
        .sort((a, b) => a.seq - b.seq)
        .map((g) => ({
          label: g.label,
          measureUnit: g.measureUnit,
          target: plainNumber(g.target),
          achieved: plainNumber(g.achieved),
        })),
      reason: '',
      tried: false,
      saving: false,
      error: '',
    });
  }

  /** The units a task names, with those no longer in the list kept by their name. */
  protected unitOptions(form: TaskForm): { id: number; name: string }[] {
    const options = this.units().map((u) => ({ id: u.id, name: u.name }));
    const task = form.id === null ? null : this.plan().keyTasks.find((t) => t.id === form.id);
    for (const unit of task?.units ?? []) {
      if (!options.some((o) => o.id === unit.id)) options.push(unit);
    }
    return options;
  }

  protected patch(changes: Partial<TaskForm>): void {
    this.form.update((form) => (form ? { ...form, ...changes } : form));
  }

  protected addMilestone(): void {
    this.form.update((form) =>
      form ? { ...form, milestones: [...form.milestones, { projectName: '', projectId: null, targetStage: null, wording: '' }] } : form,
    );
  }

  protected patchMilestone(index: number, changes: Partial<MilestoneRow>): void {
    this.form.update((form) =>
      form ? { ...form, milestones: form.milestones.map((m, i) => (i === index ? { ...m, ...changes } : m)) } : form,
    );
  }

  protected removeMilestone(index: number): void {
    this.form.update((form) => (form ? { ...form, milestones: form.milestones.filter((_, i) => i !== index) } : form));
  }

  protected addGoal(): void {
    this.form.update((form) =>
      form ? { ...form, goals: [...form.goals, { label: '', measureUnit: '', target: '', achieved: '0' }] } : form,
    );
  }

  protected patchGoal(index: number, changes: Partial<GoalRow>): void {
    this.form.update((form) =>
      form ? { ...form, goals: form.goals.map((g, i) => (i === index ? { ...g, ...changes } : g)) } : form,
    );
  }

  protected removeGoal(index: number): void {
    this.form.update((form) => (form ? { ...form, goals: form.goals.filter((_, i) => i !== index) } : form));
  }

  protected save(): void {
    const form = this.form();
    if (!form || form.saving) return;
    if (!this.formValid() || !form.chainCode) {
      this.patch({ tried: true });
      return;
    }
    const input: PlanKeyTaskInput = {
      chainCode: form.chainCode,
      text: form.text.trim(),
      unitIds: form.unitIds,
      milestones: form.milestones.map((m) => ({
        projectName: m.projectName.trim(),
        projectId: m.projectId,
        targetStage: m.targetStage as Stage,
        wording: m.wording.trim(),
      })),
      goals: form.goals.map((g) => ({
        label: g.label.trim(),
        measureUnit: g.measureUnit.trim(),
        target: g.target.trim(),
        achieved: g.achieved.trim(),
      })),
      ...(this.published() ? { reason: form.reason.trim() } : {}),
    };
    const year = this.plan().year;
    const call = form.id === null ? this.api.createKeyTask(year, input) : this.api.updateKeyTask(year, form.id, input);
    this.patch({ saving: true, error: '' });
    call.pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: (plan) => {
        this.form.set(null);
        this.changed.emit(plan);
        this.message.success(this.i18n.t(form.id === null ? 'plan.task.added' : 'plan.task.saved'));
      },
      error: (error: unknown) => this.patch({ saving: false, error: apiErrorText(error, this.i18n) }),
    });
  }

  protected askRemove(task: PlanKeyTaskView): void {
    this.removing.set({ task, reason: '', saving: false, error: '' });
  }

  protected setRemoveReason(reason: string): void {
    this.removing.update((r) => (r ? { ...r, reason } : r));
  }

  protected readonly removeValid = computed(() => {
    const r = this.removing();
    return !!r && (!this.published() || r.reason.trim().length > 0);
  });

  protected confirmRemove(): void {
    const r = this.removing();
    if (!r || r.saving || !this.removeValid()) return;
    this.removing.set({ ...r, saving: true, error: '' });
    this.api
      .deleteKeyTask(this.plan().year, r.task.id, this.published() ? r.reason.trim() : null)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (plan) => {
          this.removing.set(null);
          this.changed.emit(plan);
          this.message.success(this.i18n.t('plan.task.removed'));
        },
        error: (error: unknown) =>
          this.removing.update((x) => (x ? { ...x, saving: false, error: apiErrorText(error, this.i18n) } : x)),
      });
  }
}
