import {
  ChangeDetectionStrategy,
  Component,
  OnInit,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import {
  CHAIN_CODES,
  CHAIN_LINK_KINDS,
  PROJECT_TEXT_LIMITS as L,
  SECTORS,
  SOURCE_CHANNELS,
  type ChainCode,
  type ChainLinkKind,
  type ChainMapLinkView,
  type ProjectInput,
  type ProjectView,
  type SourceChannel,
  type Sector,
} from '@crm/domain';
import { AppClock, AuthService, I18nService, TranslatePipe, apiErrorText, isStale, sectorKey } from '@crm/web/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzRadioModule } from 'ng-zorro-antd/radio';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzSwitchModule } from 'ng-zorro-antd/switch';
import { Subject, catchError, debounceTime, distinctUntilChanged, of, switchMap } from 'rxjs';
import { fieldProblems } from '../data-access/api-problems';
import { EditRights } from '../data-access/edit-rights';
import { channelKey } from '../data-access/labels';
import { ReferenceApi } from '../data-access/reference.api';
import { amountPreview, decimalError, textOrNull } from './field-checks';

type InvestorKind = 'enterprise' | 'named';

/**
 * 登记新线索 / 编辑项目信息: what 信息收集 asks for (name, chain, investor, channel, unit; the owner
 * is the user) and what helps later (estimated investment, location, key task, 重大项目).
 */
@Component({
  selector: 'crm-project-form',
  imports: [
    NzAlertModule,
    NzButtonModule,
    NzFormModule,
    NzInputModule,
    NzRadioModule,
    NzSelectModule,
    NzSwitchModule,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  templateUrl: './project-form.html',
  styleUrl: './project-form.less',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProjectForm implements OnInit {
  private readonly reference = inject(ReferenceApi);
  private readonly i18n = inject(I18nService);
  private readonly auth = inject(AuthService);
  private readonly rights = inject(EditRights);

  /** The project to edit; null to register a new lead. */
  readonly project = input<ProjectView | null>(null);
  readonly defaultChain = input<ChainCode | null>(null);
  /** Saves through the parent, which knows the route (create) or the version (edit). */
  readonly save = input.required<(input: ProjectInput) => Promise<ProjectView>>();
  readonly saved = output<ProjectView>();
  readonly cancelled = output<void>();
  /** 409: the parent reloads the project. */
  readonly stale = output<void>();

  protected readonly lang = this.i18n.lang;
  protected readonly channels = SOURCE_CHANNELS;
  protected readonly sectors = SECTORS;
  protected readonly sectorKey = sectorKey;
  protected readonly channelKey = channelKey;
  protected readonly limits = L;
  protected readonly user = this.auth.user;

  /** Something typed or chosen that is not saved yet. */
  hasUnsavedChanges(): boolean {
    return this.form.dirty;
  }

  protected readonly form = inject(NonNullableFormBuilder).group({
    name: [''],
    chain: [null as ChainCode | null],
    relatedChains: [[] as ChainCode[]],
    investorKind: ['named' as InvestorKind],
    enterpriseId: [null as string | null],
    investorName: [''],
    sourceChannel: [null as SourceChannel | null],
    responsibleUnitId: [null as number | null],
    plannedInvestment: [''],
    location: [''],
    industry: [''],
    sector: [null as Sector | null],
    keyTaskId: [null as number | null],
    chainLinkId: [null as number | null],
    chainLinkKind: [null as ChainLinkKind | null],
    eventId: [null as string | null],
    notes: [''],
    major: [false],
  });
  private readonly values = toSignal(this.form.valueChanges, { initialValue: this.form.getRawValue() });

  private readonly chains = toSignal(this.reference.chains().pipe(catchError(() => of([]))), {
    initialValue: [],
  });
  private readonly units = toSignal(this.reference.units().pipe(catchError(() => of([]))), {
    initialValue: [],
  });
  /** 招商活动 the project may come from; the one it names stays listed even when the list cannot be read. */
  private readonly events = toSignal(this.reference.events().pipe(catchError(() => of([]))), { initialValue: [] });
  protected readonly eventOptions = computed(() => {
    const current = this.project()?.event;
    const list = this.events().map((e) => ({ id: e.id, name: `${e.name}（${e.startsOn}）` }));
    return current && !list.some((e) => e.id === current.id) ? [{ id: current.id, name: current.name }, ...list] : list;
  });
  protected readonly editing = computed(() => this.project() !== null);
  /** A new lead goes to a chain the user's unit serves; an edit may keep its chain. */
  protected readonly chainOptions = computed(() => {
    const allowed = new Set<string>(this.rights.editableChains());
    const current = this.project()?.chain;
    if (current) allowed.add(current);
    return this.chains()
      .filter((c) => allowed.has(c.code))
      .map((c) => ({ code: c.code, name: this.lang() === 'en' ? c.nameEn : c.nameZh }));
  });
  protected readonly allChainOptions = computed(() =>
    this.chains().map((c) => ({ code: c.code, name: this.lang() === 'en' ? c.nameEn : c.nameZh })),
  );
  private readonly selectedChain = computed(() => this.chains().find((c) => c.code === this.values().chain));
  /** The chain's responsible and cooperating units first; any unit may be chosen. */
  protected readonly unitOptions = computed(() => {
    const chain = this.selectedChain();
    const serving = chain ? [...chain.responsibleUnits, ...chain.cooperatingUnits].map((u) => u.unit) : [];
    const ids = new Set(serving.map((u) => u.id));
    return [...serving, ...this.units().filter((u) => !ids.has(u.id))];
  });
  protected readonly keyTasks = computed(() => this.selectedChain()?.keyTasks ?? []);
  /** 招商图谱: the links of the chain's map (this year's, else the latest earlier one) a project may serve. */
  protected readonly mapLinks = signal<ChainMapLinkView[]>([]);
  protected readonly mapYear = signal<number | null>(null);
  protected readonly linkKinds = CHAIN_LINK_KINDS;
  protected readonly linkKindKeys = {
    strengthen: 'pipeline.chainLinkKind.strengthen',
    fill: 'pipeline.chainLinkKind.fill',
    extend: 'pipeline.chainLinkKind.extend',
  } as const satisfies Record<ChainLinkKind, string>;
  protected readonly linkChosen = computed(() => this.values().chainLinkId != null);
  private readonly clock = inject(AppClock);
  protected readonly investorKind = computed(() => this.values().investorKind);
  protected readonly plannedPreview = computed(() => amountPreview(this.values().plannedInvestment ?? '', this.lang()));

  private readonly enterpriseQuery$ = new Subject<string>();
  protected readonly enterprises = signal<{ id: string; name: string }[]>([]);
  protected readonly searching = signal(false);

  protected readonly errors = signal<Record<string, string>>({});
  protected readonly failure = signal('');
  protected readonly submitting = signal(false);

  constructor() {
    this.enterpriseQuery$
      .pipe(
        debounceTime(250),
        distinctUntilChanged(),
        switchMap((q) => {
          this.searching.set(true);
          return this.reference.searchEnterprises(q).pipe(catchError(() => of({ items: [], total: 0 })));
        }),
        takeUntilDestroyed(),
      )
      .subscribe(({ items }) => {
        this.searching.set(false);
        this.enterprises.set(items.map((e) => ({ id: e.id, name: e.name })));
      });
    // A key task belongs to one chain: another chain clears it.
    this.form.controls.chain.valueChanges.pipe(takeUntilDestroyed()).subscribe((chain) => {
      this.form.controls.keyTaskId.setValue(null);
      this.form.controls.chainLinkId.setValue(null);
      this.loadMapLinks(chain);
    });
  }

  ngOnInit(): void {
    const project = this.project();
    if (project) {
      this.form.setValue(
        {
          name: project.name,
          chain: project.chain,
          relatedChains: [...project.relatedChains],
          investorKind: project.investor.enterpriseId ? 'enterprise' : 'named',
          enterpriseId: project.investor.enterpriseId,
          investorName: project.investor.enterpriseId ? '' : project.investor.name,
          sourceChannel: project.sourceChannel,
          responsibleUnitId: project.responsibleUnit.id,
          plannedInvestment: project.plannedInvestment ?? '',
          location: project.location ?? '',
          industry: project.industry ?? '',
          sector: project.sector,
          keyTaskId: project.keyTask?.id ?? null,
          chainLinkId: project.chainLink?.id ?? null,
          chainLinkKind: project.chainLinkKind ?? null,
          eventId: project.event?.id ?? null,
          notes: project.notes ?? '',
          major: project.major,
        },
        { emitEvent: true },
      );
      this.form.controls.keyTaskId.setValue(project.keyTask?.id ?? null);
      this.form.controls.chainLinkId.setValue(project.chainLink?.id ?? null);
      if (project.investor.enterpriseId) {
        this.enterprises.set([{ id: project.investor.enterpriseId, name: project.investor.name }]);
      }
    } else {
      const editable = this.rights.editableChains();
      const chain = this.defaultChain();
      this.form.patchValue({
        chain: chain && editable.includes(chain) ? chain : (editable[0] ?? null),
        responsibleUnitId: this.auth.user()?.unit?.id ?? null,
      });
    }
    this.enterpriseQuery$.next('');
  }

  /** The chain's map of this year, else of the latest year before it; no links when there is none or it cannot be read. */
  private loadMapLinks(chain: ChainCode | null): void {
    this.mapLinks.set([]);
    this.mapYear.set(null);
    if (!chain) return;
    const year = this.clock.year();
    this.reference
      .chainMap(chain, year)
      .pipe(
        switchMap((view) => (view.map || !view.previousYear ? of(view) : this.reference.chainMap(chain, view.previousYear))),
        catchError(() => of(null)),
      )
      .subscribe((view) => {
        if (!view?.map || this.form.controls.chain.value !== chain) return;
        this.mapYear.set(view.year);
        // A project tagged with a link of another year's map keeps it among the choices.
        const current = this.project()?.chainLink;
        const links = view.map.links;
        this.mapLinks.set(
          current && !links.some((l) => l.id === current.id)
            ? [...links, { ...links[0], id: current.id, name: `${current.name}（${current.year}）`, parentId: null }]
            : links,
        );
      });
  }

  protected searchEnterprises(q: string): void {
    this.enterpriseQuery$.next(q.trim());
  }

  private check(): Record<string, string> {
    const v = this.form.getRawValue();
    const t = (key: Parameters<I18nService['t']>[0]) => this.i18n.t(key);
    const errors: Record<string, string> = {};
    if (!v.name.trim()) errors['name'] = t('pipeline.form.nameRequired');
    if (!v.chain || !(CHAIN_CODES as readonly string[]).includes(v.chain)) errors['chain'] = t('pipeline.form.chainRequired');
    if (v.investorKind === 'enterprise' && !v.enterpriseId) errors['enterpriseId'] = t('pipeline.form.enterpriseRequired');
    if (v.investorKind === 'named' && !v.investorName.trim()) errors['investorName'] = t('pipeline.form.investorRequired');
    if (!v.sourceChannel) errors['sourceChannel'] = t('pipeline.form.channelRequired');
    if (v.responsibleUnitId === null) errors['responsibleUnitId'] = t('pipeline.form.unitRequired');
    // Too long is said, not cut: the counter beside the field shows the limit as one types.
    for (const field of ['name', 'investorName', 'location', 'industry'] as const) {
      const count = v[field].trim().length;
      if (count > L[field] && !errors[field]) errors[field] = this.i18n.t('text.tooLong', { max: L[field], count });
    }
    if (v.notes.trim().length > 2000) errors['notes'] = this.i18n.t('text.tooLong', { max: 2000, count: v.notes.trim().length });
    if (v.plannedInvestment.trim()) {
      const problem = decimalError(v.plannedInvestment, this.lang());
      if (problem) errors['plannedInvestment'] = problem;
    }
    return errors;
  }

  protected async submit(): Promise<void> {
    if (this.submitting()) return;
    const errors = this.check();
    this.errors.set(errors);
    this.failure.set('');
    if (Object.keys(errors).length) return;
    const v = this.form.getRawValue();
    const input: ProjectInput = {
      name: v.name.trim(),
      chain: v.chain as ChainCode,
      relatedChains: v.relatedChains.filter((c) => c !== v.chain),
      enterpriseId: v.investorKind === 'enterprise' ? v.enterpriseId : null,
      investorName: v.investorKind === 'named' ? v.investorName.trim() : null,
      sourceChannel: v.sourceChannel as SourceChannel,
      responsibleUnitId: v.responsibleUnitId as number,
      plannedInvestment: textOrNull(v.plannedInvestment),
      location: textOrNull(v.location),
      industry: textOrNull(v.industry),
      ...(v.sector ? { sector: v.sector } : {}),
      keyTaskId: v.keyTaskId,
      chainLinkId: v.chainLinkId,
      chainLinkKind: v.chainLinkId === null ? null : v.chainLinkKind,
      eventId: v.eventId,
      notes: textOrNull(v.notes),
      major: v.major,
    };
    this.submitting.set(true);
    try {
      const saved = await this.save()(input);
      this.form.markAsPristine();
      this.saved.emit(saved);
    } catch (error) {
      if (isStale(error)) {
        this.failure.set(this.i18n.t('pipeline.stale'));
        this.stale.emit();
      } else {
        const problems = fieldProblems(error, this.lang());
        this.errors.set(problems);
        this.failure.set(apiErrorText(error, this.i18n));
      }
    } finally {
      this.submitting.set(false);
    }
  }

  /** Used by the create page: leave without saving. */
  protected cancel(): void {
    this.cancelled.emit();
  }
}
