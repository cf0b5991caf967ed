import { ChangeDetectionStrategy, Component, DestroyRef, OnInit, computed, inject, input, output, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import {
  CHAIN_LINK_KINDS,
  CHAIN_LINK_STATUSES,
  CHAIN_LINK_TIERS,
  TARGET_FIRM_TAGS,
  TARGET_FIRM_TAG_LABELS,
  chainMapProblems,
  type ChainLinkKind,
  type ChainLinkStatus,
  type ChainLinkTier,
  type ChainMapInput,
  type ChainMapView,
  type TargetFirmTag,
} from '@crm/domain';
import { I18nService, apiErrorText, apiFieldErrors, isStale, staleCurrent } from '@crm/web/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCheckboxModule } from 'ng-zorro-antd/checkbox';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { Subject, debounceTime, distinctUntilChanged, switchMap } from 'rxjs';
import { ChainMapTextPipe, chainMapText } from '../chain-map-text';
import { ChainMapApi } from '../data-access/chain-map.api';

/** A link as the form edits it. */
export interface LinkRow {
  id?: number;
  parent: string | null;
  tier: ChainLinkTier;
  name: string;
  status: ChainLinkStatus;
  statusReason: string;
  kind: ChainLinkKind | null;
  draft: boolean;
  sourceQuote: string | null;
  firmIds: string[];
  targets: { name: string; tags: TargetFirmTag[]; note: string }[];
}

/** The form's rows from a map (a sub-link names its parent). */
export function rowsOf(view: ChainMapView): LinkRow[] {
  const links = view.map?.links ?? [];
  const nameOf = new Map(links.map((l) => [l.id, l.name]));
  return links.map((l) => ({
    id: l.id,
    parent: l.parentId === null ? null : (nameOf.get(l.parentId) ?? null),
    tier: l.tier,
    name: l.name,
    status: l.status,
    statusReason: l.statusReason ?? '',
    kind: l.kind,
    draft: l.draft,
    sourceQuote: l.sourceQuote,
    firmIds: l.firms.map((f) => f.enterpriseId),
    targets: l.targets.map((t) => ({ name: t.name, tags: [...t.tags], note: t.note ?? '' })),
  }));
}

/** The document PUT /api/chain-maps/:code/:year takes. */
export function inputOf(version: number, rows: LinkRow[]): ChainMapInput {
  return {
    version,
    links: rows.map((r) => ({
      ...(r.id !== undefined ? { id: r.id } : {}),
      parent: r.parent || null,
      tier: r.tier,
      name: r.name.trim(),
      status: r.status,
      statusReason: r.statusReason.trim() || null,
      kind: r.status === 'strong' ? null : r.kind,
      draft: r.draft,
      sourceQuote: r.sourceQuote,
      firmIds: r.firmIds,
      targets: r.targets.filter((t) => t.name.trim()).map((t) => ({ name: t.name.trim(), tags: t.tags, note: t.note.trim() || null })),
    })),
  };
}

/**
 * 编辑图谱: the whole map as one form, links in order from upstream to downstream, each with its
 * state, firms from the library and targets. The same rules as the API are checked before sending
 * (chainMapProblems of @crm/domain); the API's field messages are shown where it names a field.
 */
@Component({
  selector: 'crm-chain-map-editor',
  imports: [ChainMapTextPipe, FormsModule, NzButtonModule, NzCheckboxModule, NzInputModule, NzModalModule, NzSelectModule],
  template: `
    <nz-modal
      [nzVisible]="true"
      [nzTitle]="view().chain.nameZh + ' · ' + ('edit' | cm)"
      [nzWidth]="1080"
      [nzOkText]="'save' | cm"
      [nzCancelText]="'cancel' | cm"
      [nzOkLoading]="saving()"
      (nzOnOk)="save()"
      (nzOnCancel)="closed.emit()"
    >
      <ng-container *nzModalContent>
        @if (problems().length) {
          <ul class="problems" role="alert">
            @for (p of problems(); track $index) {
              <li>{{ p }}</li>
            }
          </ul>
        }
        @for (row of rows(); track $index; let i = $index) {
          <fieldset class="row" [attr.data-row]="i">
            <div class="line">
              <label class="name">{{ 'linkName' | cm }}<input nz-input [(ngModel)]="row.name" [name]="'name' + i" /></label>
              <div class="field"><label [for]="'tier' + i">{{ 'tier' | cm }}</label>
                <nz-select [(ngModel)]="row.tier" [name]="'tier' + i" [nzId]="'tier' + i">
                  @for (t of tiers; track t) { <nz-option [nzValue]="t" [nzLabel]="t | cm" /> }
                </nz-select>
              </div>
              <div class="field"><label [for]="'parent' + i">{{ 'parent' | cm }}</label>
                <nz-select [(ngModel)]="row.parent" [name]="'parent' + i" [nzId]="'parent' + i" nzAllowClear [nzPlaceHolder]="'noParent' | cm">
                  @for (p of parentsFor(i); track p) { <nz-option [nzValue]="p" [nzLabel]="p" /> }
                </nz-select>
              </div>
              <div class="field"><label [for]="'status' + i">{{ 'status' | cm }}</label>
                <nz-select [(ngModel)]="row.status" [name]="'status' + i" [nzId]="'status' + i">
                  @for (s of statuses; track s) { <nz-option [nzValue]="s" [nzLabel]="s | cm" /> }
                </nz-select>
              </div>
              <div class="field"><label [for]="'kind' + i">{{ 'kind' | cm }}</label>
                <nz-select [(ngModel)]="row.kind" [name]="'kind' + i" [nzId]="'kind' + i" [nzDisabled]="row.status === 'strong'" nzAllowClear>
                  @for (k of kinds; track k) { <nz-option [nzValue]="k" [nzLabel]="k | cm" /> }
                </nz-select>
              </div>
              <label nz-checkbox [(ngModel)]="row.draft" [name]="'draft' + i">{{ 'draft' | cm }}</label>
              <button nz-button nzDanger nzType="link" type="button" class="remove" (click)="remove(i)">{{ 'remove' | cm }}</button>
            </div>
            <label class="wide">{{ 'reason' | cm }}<input nz-input [(ngModel)]="row.statusReason" [name]="'reason' + i" /></label>
            <div class="field wide"><label [for]="'firms' + i">{{ 'firmIds' | cm }}</label>
              <nz-select
                [nzId]="'firms' + i"
                nzMode="multiple"
                nzShowSearch
                nzServerSearch
                [nzPlaceHolder]="'searchFirm' | cm"
                [(ngModel)]="row.firmIds"
                [name]="'firms' + i"
                (nzOnSearch)="search$.next($event)"
              >
                @for (f of firmOptions(); track f.id) { <nz-option [nzValue]="f.id" [nzLabel]="f.name" /> }
              </nz-select>
            </div>
            @for (t of row.targets; track $index; let j = $index) {
              <div class="target">
                <input nz-input [(ngModel)]="t.name" [name]="'t' + i + '-' + j" [placeholder]="'targetName' | cm" />
                <nz-select nzMode="multiple" [(ngModel)]="t.tags" [name]="'tags' + i + '-' + j" [nzPlaceHolder]="'tags' | cm">
                  @for (tag of tags; track tag) { <nz-option [nzValue]="tag" [nzLabel]="tagLabels[tag]" /> }
                </nz-select>
                <input nz-input [(ngModel)]="t.note" [name]="'note' + i + '-' + j" [placeholder]="'note' | cm" />
                <button nz-button nzType="link" nzDanger type="button" (click)="row.targets.splice(j, 1)">{{ 'remove' | cm }}</button>
              </div>
            }
            <button nz-button nzType="dashed" nzSize="small" type="button" class="add-target" (click)="row.targets.push({ name: '', tags: [], note: '' })">
              {{ 'addTarget' | cm }}
            </button>
          </fieldset>
        }
        <button nz-button nzType="dashed" type="button" class="add-link" (click)="add()">{{ 'addLink' | cm }}</button>
      </ng-container>
    </nz-modal>
  `,
  styles: `
    .problems { color: #cf1322; padding-left: 18px; }
    .row { border: 1px solid #f0f0f0; border-radius: 6px; padding: 8px 10px; margin-bottom: 10px; }
    .line { display: flex; flex-wrap: wrap; gap: 8px; align-items: flex-end; }
    label, .field { display: flex; flex-direction: column; font-size: 12px; color: #595959; gap: 2px; }
    .field label { display: block; }
    label.name { flex: 1 1 180px; }
    .field nz-select { min-width: 110px; }
    .wide { margin-top: 6px; }
    .target { display: grid; grid-template-columns: 2fr 2fr 2fr auto; gap: 6px; margin-top: 6px; }
    .add-target { margin-top: 6px; }
    @media (max-width: 767.98px) { .target { grid-template-columns: 1fr; } }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChainMapEditor implements OnInit {
  readonly view = input.required<ChainMapView>();
  readonly saved = output<ChainMapView>();
  readonly closed = output<void>();
  /** 409: the map someone else saved has been loaded; the page reloads it. */
  readonly reload = output<void>();

  private readonly api = inject(ChainMapApi);
  private readonly i18n = inject(I18nService);
  private readonly message = inject(NzMessageService);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly tiers = CHAIN_LINK_TIERS;
  protected readonly statuses = CHAIN_LINK_STATUSES;
  protected readonly kinds = CHAIN_LINK_KINDS;
  protected readonly tags = TARGET_FIRM_TAGS;
  protected readonly tagLabels = TARGET_FIRM_TAG_LABELS;
  protected readonly rows = signal<LinkRow[]>([]);
  protected readonly problems = signal<string[]>([]);
  protected readonly saving = signal(false);
  protected readonly search$ = new Subject<string>();
  private readonly known = signal(new Map<string, string>());
  protected readonly firmOptions = computed(() => [...this.known()].map(([id, name]) => ({ id, name })));

  ngOnInit(): void {
    this.rows.set(rowsOf(this.view()));
    this.known.set(new Map((this.view().map?.links ?? []).flatMap((l) => l.firms.map((f) => [f.enterpriseId, f.name] as [string, string]))));
    this.search$
      .pipe(
        debounceTime(250),
        distinctUntilChanged(),
        switchMap((q) => this.api.searchFirms(q)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((firms) => this.known.update((m) => new Map([...m, ...firms.map((f) => [f.id, f.name] as [string, string])])));
  }

  /** Main links before row i, other than itself: a sub-link's possible parents. */
  protected parentsFor(i: number): string[] {
    return [
      ...new Set(
        this.rows()
          .filter((r, j) => j !== i && !r.parent && r.name.trim())
          .map((r) => r.name.trim()),
      ),
    ];
  }

  protected add(): void {
    this.rows.update((rows) => [
      ...rows,
      { parent: null, tier: 'downstream', name: '', status: 'missing', statusReason: '', kind: 'fill', draft: false, sourceQuote: null, firmIds: [], targets: [] },
    ]);
  }

  protected remove(i: number): void {
    this.rows.update((rows) => rows.filter((_, j) => j !== i));
  }

  protected save(): void {
    const lang = this.i18n.lang();
    const input = inputOf(this.view().map?.version ?? 0, this.rows());
    const names = this.known();
    const blank = input.links.findIndex((l) => !l.name);
    const local = chainMapProblems(input.links, (id) => names.get(id));
    if (blank >= 0 || local.length) {
      this.problems.set([
        ...(blank >= 0 ? [`${chainMapText(lang, 'linkName')} #${blank + 1}`] : []),
        ...local.map((p) => (lang === 'en' ? p.en : p.zh)),
      ]);
      return;
    }
    this.saving.set(true);
    this.api
      .save(this.view().chain.code, this.view().year, input)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (view) => {
          this.saving.set(false);
          this.saved.emit(view);
        },
        error: (error: unknown) => {
          this.saving.set(false);
          if (isStale(error)) {
            this.message.warning(chainMapText(lang, 'stale'));
            if (staleCurrent<ChainMapView>(error)) this.reload.emit();
            this.closed.emit();
            return;
          }
          const fields = Object.values(apiFieldErrors(error, lang));
          this.problems.set(fields.length ? fields : [apiErrorText(error, this.i18n)]);
        },
      });
  }
}
