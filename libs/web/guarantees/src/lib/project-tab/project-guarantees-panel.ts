import { ChangeDetectionStrategy, Component, computed, inject, input, signal, type OnInit } from '@angular/core';
import { FormsModule } from '@angular/forms';
import {
  GUARANTEE_AMOUNT_FIELDS,
  GUARANTEE_KINDS,
  GUARANTEE_TEXT_LIMITS,
  guaranteeInputProblems,
  type GuaranteeAmountField,
  type GuaranteeKind,
  type GuaranteeRequestInput,
  type GuaranteeRequestView,
  type ProjectGuaranteesView,
  type UnitView,
} from '@crm/domain';
import { AppClock, I18nService, TranslatePipe, apiErrorText, apiFieldErrors } from '@crm/web/core';
import { DateInput, LoadStateView, type LoadState } from '@crm/web/ui';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { firstValueFrom } from 'rxjs';
import { GuaranteesApi } from '../data-access/guarantees.api';
import { amountKey, kindKey } from '../data-access/labels';
import { GuaranteeRequestCard } from '../request/guarantee-request-card';

interface Draft {
  kind: GuaranteeKind;
  amounts: Partial<Record<GuaranteeAmountField, string>>;
  quantityUnit: string;
  description: string;
  unitId: number | null;
  dueOn: string;
}

const EMPTY: Draft = { kind: 'land', amounts: {}, quantityUnit: '', description: '', unitId: null, dueOn: '' };

/**
 * 要素保障 tab of a project: what it needs (用地、用电、用水、用气、矿产资源、排放指标、融资), each sent to a
 * bureau with a due date, and the bureaus' answers. The staff serving the project's chain send needs;
 * everyone who reads the project reads them.
 */
@Component({
  selector: 'crm-project-guarantees',
  imports: [
    DateInput,
    FormsModule,
    GuaranteeRequestCard,
    LoadStateView,
    NzAlertModule,
    NzButtonModule,
    NzFormModule,
    NzInputModule,
    NzSelectModule,
    TranslatePipe,
  ],
  templateUrl: './project-guarantees-panel.html',
  styleUrl: './project-guarantees-panel.less',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProjectGuaranteesPanel implements OnInit {
  private readonly api = inject(GuaranteesApi);
  private readonly i18n = inject(I18nService);
  private readonly clock = inject(AppClock);

  readonly projectId = input.required<string>();

  protected readonly kinds = GUARANTEE_KINDS;
  protected readonly limits = GUARANTEE_TEXT_LIMITS;
  protected readonly kindKey = kindKey;
  protected readonly amountKey = amountKey;

  protected readonly state = signal<LoadState<ProjectGuaranteesView>>({ status: 'loading' });
  protected readonly units = signal<UnitView[]>([]);
  protected readonly draft = signal<Draft>({ ...EMPTY });
  protected readonly errors = signal<Record<string, string>>({});
  protected readonly failure = signal('');
  protected readonly busy = signal(false);
  protected readonly formOpen = signal(false);

  protected readonly view = computed(() => {
    const s = this.state();
    return s.status === 'ready' ? s.value : null;
  });
  protected readonly fields = computed(() => GUARANTEE_AMOUNT_FIELDS[this.draft().kind]);
  protected readonly needsDescription = computed(() => ['minerals', 'emissions'].includes(this.draft().kind));
  protected readonly today = computed(() => this.clock.today());

  ngOnInit(): void {
    void this.load();
  }

  async load(): Promise<void> {
    this.state.set({ status: 'loading' });
    try {
      this.state.set({ status: 'ready', value: await firstValueFrom(this.api.ofProject(this.projectId())) });
    } catch (error) {
      this.state.set({ status: 'error', error });
    }
  }

  protected errorText(): string {
    const s = this.state();
    return s.status === 'error' ? apiErrorText(s.error, this.i18n) : '';
  }

  protected async openForm(): Promise<void> {
    // The suggested bureau comes with the view, so the form is set before the units load: what is
    // typed meanwhile is kept (setting the kind after the load cleared the amounts typed).
    this.setKind(this.draft().kind);
    this.formOpen.set(true);
    if (!this.units().length) {
      try {
        this.units.set(await firstValueFrom(this.api.units()));
      } catch (error) {
        this.failure.set(apiErrorText(error, this.i18n));
      }
    }
  }

  protected setKind(kind: GuaranteeKind): void {
    const suggested = this.view()?.defaultUnits[kind]?.id ?? null;
    this.draft.update((d) => ({ ...d, kind, amounts: {}, quantityUnit: '', unitId: suggested ?? d.unitId }));
    this.errors.set({});
  }

  protected patch(change: Partial<Draft>): void {
    this.draft.update((d) => ({ ...d, ...change }));
  }

  protected setAmount(field: GuaranteeAmountField, value: string): void {
    this.draft.update((d) => ({ ...d, amounts: { ...d.amounts, [field]: value } }));
  }

  protected suggested(): string {
    return this.view()?.defaultUnits[this.draft().kind]?.name ?? '';
  }

  protected async send(): Promise<void> {
    const d = this.draft();
    const input: GuaranteeRequestInput = {
      kind: d.kind,
      unitId: d.unitId ?? 0,
      dueOn: d.dueOn,
      description: d.description.trim() || null,
      quantityUnit: d.quantityUnit.trim() || null,
    };
    for (const field of GUARANTEE_AMOUNT_FIELDS[d.kind]) {
      const v = d.amounts[field]?.trim();
      if (v) input[field] = v;
    }
    const errors: Record<string, string> = {};
    for (const p of guaranteeInputProblems(input)) errors[p.field] ??= this.i18n.lang() === 'en' ? p.en : p.zh;
    if (!d.unitId) errors['unitId'] = this.i18n.t('guarantees.unitRequired');
    if (!d.dueOn) errors['dueOn'] = this.i18n.t('guarantees.dueRequired');
    this.errors.set(errors);
    if (Object.keys(errors).length || this.busy()) return;
    this.busy.set(true);
    this.failure.set('');
    try {
      await firstValueFrom(this.api.send(this.projectId(), input));
      this.draft.set({ ...EMPTY });
      this.formOpen.set(false);
      await this.load();
    } catch (error) {
      this.errors.set(apiFieldErrors(error, this.i18n.lang()));
      this.failure.set(apiErrorText(error, this.i18n));
    } finally {
      this.busy.set(false);
    }
  }

  protected replaced(saved: GuaranteeRequestView): void {
    this.state.update((s) =>
      s.status === 'ready'
        ? { status: 'ready', value: { ...s.value, requests: s.value.requests.map((r) => (r.id === saved.id ? saved : r)) } }
        : s,
    );
  }
}
