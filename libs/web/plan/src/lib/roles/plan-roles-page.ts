import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute } from '@angular/router';
import {
  CHAIN_LEADER_ROLES,
  CHAIN_UNIT_ROLES,
  isChainCode,
  type ChainCode,
  type ChainLeaderRole,
  type ChainRoleInput,
  type ChainRoleView,
  type ChainUnitRole,
  type ChainView,
  type PersonView,
  type UnitView,
} from '@crm/domain';
import { I18nService, MessageKey, TranslatePipe, apiErrorText, staleCurrent } from '@crm/web/core';
import { DateInput, HasUnsavedChanges, LoadState, LoadStateView, PageHeader, warnBeforeUnload } from '@crm/web/ui';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzCheckboxModule } from 'ng-zorro-antd/checkbox';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { NzRadioModule } from 'ng-zorro-antd/radio';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Subscription } from 'rxjs';
import { injectNarrow } from '../data-access/narrow';
import { DAY, postKey, postOrder } from '../data-access/plan-labels';
import { PlanRights } from '../data-access/plan-rights';
import { PlanApi, type RenamedUnit } from '../data-access/plan.api';
import { PlanSubnav } from '../plan-subnav';
import { PlanPersonPostsCard } from './plan-person-posts-card';
import { PlanUnitMergeCard } from './plan-unit-merge-card';

interface AddForm {
  kind: 'leader' | 'unit';
  role: ChainLeaderRole | ChainUnitRole;
  isLead: boolean;
  personId: number | null;
  unitId: number | null;
  validFrom: string;
  validTo: string;
  saving: boolean;
  error: string;
}

interface EndForm {
  role: ChainRoleView;
  validTo: string;
  saving: boolean;
  error: string;
}

interface RenameForm {
  unitId: number | null;
  name: string;
  from: string;
  saving: boolean;
  error: string;
}

/**
 * /plan/roles — 人员与单位: who served a chain, and when. The dated roles (包联领导, 责任领导,
 * 牵头单位/责任单位, 配合单位) with the days they start and end; the office gives a role from a day,
 * ends one on a day, renames a unit from a day (its old name stays in the history), records a
 * leader's new post from a day and merges a unit into another from a day. Every reader sees a
 * leader's posts over time. A change dated 2026 leaves 2025's reports as they were.
 */
@Component({
  selector: 'crm-plan-roles-page',
  imports: [
    DateInput,
    FormsModule,
    LoadStateView,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzCheckboxModule,
    NzEmptyModule,
    NzIconModule,
    NzInputModule,
    NzModalModule,
    NzRadioModule,
    NzSelectModule,
    NzTableModule,
    NzTagModule,
    PageHeader,
    PlanPersonPostsCard,
    PlanSubnav,
    PlanUnitMergeCard,
    TranslatePipe,
  ],
  templateUrl: './plan-roles-page.html',
  styleUrl: './plan-roles-page.less',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlanRolesPage implements HasUnsavedChanges {
  private readonly api = inject(PlanApi);
  private readonly i18n = inject(I18nService);
  private readonly message = inject(NzMessageService);
  private readonly destroyRef = inject(DestroyRef);
  private request: Subscription | null = null;

  protected readonly mayEdit = inject(PlanRights).mayEdit;
  /** A phone reads one card per post instead of a table scrolled sideways. */
  protected readonly narrow = injectNarrow();
  protected readonly lang = this.i18n.lang;
  protected readonly postKey = postKey;
  protected readonly leaderRoles = CHAIN_LEADER_ROLES;
  protected readonly unitRoles = CHAIN_UNIT_ROLES;

  protected readonly chains = signal<ChainView[]>([]);
  protected readonly chainOptions = computed(() =>
    [...this.chains()]
      .sort((a, b) => a.sortOrder - b.sortOrder)
      .map((c) => ({ code: c.code, label: this.lang() === 'en' ? c.nameEn : c.nameZh })),
  );
  protected readonly chain = signal<ChainCode | null>(null);
  /** Blank: every dated role; a day: those held on it. */
  protected readonly on = signal('');

  protected readonly state = signal<LoadState<ChainRoleView[]>>({ status: 'loading' });
  protected readonly roles = computed(() => {
    const state = this.state();
    if (state.status !== 'ready') return [];
    return [...state.value].sort(
      (a, b) =>
        postOrder(a) - postOrder(b) ||
        (a.validFrom ?? '').localeCompare(b.validFrom ?? '') ||
        a.name.localeCompare(b.name, 'zh-CN'),
    );
  });
  protected readonly errorText = computed(() => {
    const state = this.state();
    return state.status === 'error' ? apiErrorText(state.error, this.i18n) : '';
  });

  protected readonly people = signal<PersonView[]>([]);
  protected readonly units = signal<UnitView[]>([]);

  protected readonly adding = signal<AddForm | null>(null);
  protected readonly addProblem = computed<MessageKey | null>(() => {
    const f = this.adding();
    if (!f) return null;
    if (f.kind === 'leader' ? f.personId === null : f.unitId === null) {
      return f.kind === 'leader' ? 'plan.roles.personRequired' : 'plan.roles.unitRequired';
    }
    if (!DAY.test(f.validFrom)) return 'plan.roles.fromRequired';
    if (f.validTo && (!DAY.test(f.validTo) || f.validTo < f.validFrom)) return 'plan.roles.toBeforeFrom';
    return null;
  });
  protected readonly ending = signal<EndForm | null>(null);
  protected readonly endProblem = computed<MessageKey | null>(() => {
    const f = this.ending();
    if (!f) return null;
    if (!DAY.test(f.validTo)) return 'plan.roles.toRequired';
    if (f.role.validFrom && f.validTo < f.role.validFrom) return 'plan.roles.toBeforeFrom';
    return null;
  });
  protected readonly renaming = signal<RenameForm>({ unitId: null, name: '', from: '', saving: false, error: '' });
  protected readonly renameValid = computed(() => {
    const f = this.renaming();
    return f.unitId !== null && f.name.trim().length > 0 && DAY.test(f.from);
  });
  protected readonly renamed = signal<RenamedUnit | null>(null);

  private readonly postsCard = viewChild(PlanPersonPostsCard);
  private readonly mergeCard = viewChild(PlanUnitMergeCard);

  /** A role being added or ended, a rename, a new post or a merge typed and not saved. */
  hasUnsavedChanges(): boolean {
    const rename = this.renaming();
    return (
      !!this.adding() ||
      !!this.ending() ||
      !!(rename.unitId || rename.name.trim() || rename.from) ||
      !!this.postsCard()?.hasUnsavedChanges() ||
      !!this.mergeCard()?.hasUnsavedChanges()
    );
  }

  constructor() {
    warnBeforeUnload(() => this.hasUnsavedChanges());
    const wanted = inject(ActivatedRoute).snapshot.queryParamMap.get('chain');
    this.api
      .chains()
      .pipe(takeUntilDestroyed())
      .subscribe({
        next: (chains) => {
          this.chains.set(chains);
          const first = [...chains].sort((a, b) => a.sortOrder - b.sortOrder)[0];
          const chain = wanted && isChainCode(wanted) ? wanted : (first?.code ?? null);
          this.chain.set(chain);
          this.load();
        },
        error: (error: unknown) => this.state.set({ status: 'error', error }),
      });
    // Everyone reads the leaders' posts; only the office changes roles and units.
    this.api.people().pipe(takeUntilDestroyed()).subscribe({ next: (p) => this.people.set(p), error: () => undefined });
    if (this.mayEdit()) this.loadUnits();
  }

  private loadUnits(): void {
    this.api
      .units()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({ next: (u) => this.units.set(u), error: () => undefined });
  }

  /** A leader's new post: the people chosen from show it. */
  protected postChanged(person: PersonView): void {
    this.people.update((list) => list.map((p) => (p.id === person.id ? person : p)));
  }

  /** A merge passes the unit's roles to the other unit: read them again. */
  protected unitMerged(): void {
    this.loadUnits();
    this.load();
  }

  protected load(): void {
    const chain = this.chain();
    if (!chain) {
      this.state.set({ status: 'ready', value: [] });
      return;
    }
    const on = this.on().trim();
    this.request?.unsubscribe();
    this.state.set({ status: 'loading' });
    this.request = this.api
      .roles(chain, DAY.test(on) ? on : null)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (roles) => this.state.set({ status: 'ready', value: roles }),
        error: (error: unknown) => this.state.set({ status: 'error', error }),
      });
  }

  protected setChain(chain: ChainCode | null): void {
    if (!chain) return;
    this.chain.set(chain);
    this.load();
  }

  protected setOn(day: string): void {
    this.on.set(day ?? '');
    if (!day || DAY.test(day)) this.load();
  }

  protected startAdd(): void {
    this.adding.set({
      kind: 'leader',
      role: 'responsible',
      isLead: false,
      personId: null,
      unitId: null,
      validFrom: '',
      validTo: '',
      saving: false,
      error: '',
    });
  }

  protected patchAdd(changes: Partial<AddForm>): void {
    this.adding.update((f) => {
      if (!f) return f;
      const next = { ...f, ...changes };
      // A unit is 责任单位 or 配合单位; a person is 包联领导 or 责任领导: keep the role one of the kind's.
      if (changes.kind && changes.kind !== f.kind) next.role = 'responsible';
      if (next.kind !== 'unit' || next.role !== 'responsible') next.isLead = false;
      return next;
    });
  }

  protected saveAdd(): void {
    const f = this.adding();
    const chain = this.chain();
    if (!f || !chain || this.addProblem() || f.saving) return;
    const input: ChainRoleInput = {
      chainCode: chain,
      kind: f.kind,
      role: f.role,
      validFrom: f.validFrom,
      ...(f.validTo ? { validTo: f.validTo } : {}),
      ...(f.kind === 'leader' ? { personId: f.personId as number } : { unitId: f.unitId as number, isLead: f.isLead }),
    };
    this.adding.set({ ...f, saving: true, error: '' });
    this.api
      .addRole(input)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (role) => {
          this.adding.set(null);
          this.message.success(this.i18n.t('plan.roles.added', { name: role.name, post: this.i18n.t(postKey(role)) }));
          this.load();
        },
        error: (error: unknown) =>
          this.adding.update((x) => (x ? { ...x, saving: false, error: apiErrorText(error, this.i18n) } : x)),
      });
  }

  protected startEnd(role: ChainRoleView): void {
    this.ending.set({ role, validTo: role.validTo ?? '', saving: false, error: '' });
  }

  protected setEndDay(validTo: string): void {
    this.ending.update((f) => (f ? { ...f, validTo } : f));
  }

  protected saveEnd(): void {
    const f = this.ending();
    if (!f || this.endProblem() || f.saving) return;
    this.ending.set({ ...f, saving: true, error: '' });
    this.api
      .endRole(f.role, { validTo: f.validTo, version: f.role.version })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (role) => {
          this.ending.set(null);
          this.message.success(this.i18n.t('plan.roles.ended', { name: role.name, date: f.validTo }));
          this.load();
        },
        error: (error: unknown) => {
          // Someone else changed the role first (409): the form holds it as it is now, the list is read again.
          const current = staleCurrent<ChainRoleView>(error);
          this.ending.update((x) =>
            x ? { ...x, role: current ?? x.role, saving: false, error: apiErrorText(error, this.i18n) } : x,
          );
          if (current) this.load();
        },
      });
  }

  protected patchRename(changes: Partial<RenameForm>): void {
    this.renaming.update((f) => ({ ...f, ...changes }));
  }

  protected rename(): void {
    const f = this.renaming();
    if (!this.renameValid() || f.saving || f.unitId === null) return;
    this.renaming.set({ ...f, saving: true, error: '' });
    this.api
      .renameUnit(f.unitId, { name: f.name.trim(), from: f.from })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (unit) => {
          this.renaming.set({ unitId: null, name: '', from: '', saving: false, error: '' });
          this.renamed.set(unit);
          this.message.success(this.i18n.t('plan.rename.done', { name: unit.name, date: f.from }));
          this.loadUnits();
          this.load();
        },
        error: (error: unknown) =>
          this.renaming.update((x) => ({ ...x, saving: false, error: apiErrorText(error, this.i18n) })),
      });
  }
}
