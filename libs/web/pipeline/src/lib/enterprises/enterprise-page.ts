import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import type { ContactView, EnterpriseOverview, EnterpriseView, OverviewEventKind } from '@crm/domain';
import { AuthService, I18nService, TranslatePipe, apiErrorText, type MessageKey } from '@crm/web/core';
import { LoadStateView, PageHeader, WanPipe, type LoadState } from '@crm/web/ui';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzDescriptionsModule } from 'ng-zorro-antd/descriptions';
import { NzDrawerModule } from 'ng-zorro-antd/drawer';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { NzTimelineModule } from 'ng-zorro-antd/timeline';
import { Subject, catchError, firstValueFrom, map, of, startWith, switchMap, type Observable } from 'rxjs';
import { InvestorsApi } from '../data-access/investors.api';
import { activityKindKey, stageKey, statusKey } from '../data-access/labels';
import { ContactForm } from './contact-form';

const EVENT_KEYS: Record<OverviewEventKind, MessageKey> = {
  project: 'investors.event.project',
  activity: 'investors.event.activity',
  agreement: 'investors.event.agreement',
  'fund-arrival': 'investors.event.fund-arrival',
};

/**
 * /enterprises/:id — 企业全景: the firm and its group (parent, subsidiaries) across chains and years:
 * projects, contacts (mobiles masked, shown on request), agreements, funds, a timeline; the group
 * link; the office merges a duplicate into this or another firm, the admin undoes a merge.
 */
@Component({
  selector: 'crm-enterprise-page',
  imports: [
    ContactForm,
    FormsModule,
    LoadStateView,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzDescriptionsModule,
    NzDrawerModule,
    NzEmptyModule,
    NzSelectModule,
    NzTableModule,
    NzTagModule,
    NzTimelineModule,
    PageHeader,
    RouterLink,
    TranslatePipe,
    WanPipe,
  ],
  templateUrl: './enterprise-page.html',
  styles: `
    :host {
      display: block;
    }
    nz-card {
      margin-bottom: 16px;
    }
    .note {
      color: rgba(0, 0, 0, 0.55);
    }
    .row-actions button {
      padding: 0 4px;
    }
    .picker {
      min-width: 260px;
      margin-right: 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EnterprisePage {
  private readonly api = inject(InvestorsApi);
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18nService);
  private readonly message = inject(NzMessageService);
  private readonly router = inject(Router);
  private readonly reload$ = new Subject<void>();

  protected readonly lang = this.i18n.lang;
  protected readonly stageKey = stageKey;
  protected readonly statusKey = statusKey;
  protected readonly activityKindKey = activityKindKey;
  protected readonly eventKey = (kind: OverviewEventKind) => EVENT_KEYS[kind];
  protected readonly canEditContacts = computed(() => this.auth.hasRole('staff', 'office', 'admin'));
  protected readonly canAnonymise = computed(() => this.auth.hasRole('office', 'admin'));
  protected readonly canMerge = computed(() => this.auth.hasRole('office', 'admin'));
  protected readonly canUndo = computed(() => this.auth.hasRole('admin'));

  protected readonly state = signal<LoadState<EnterpriseOverview>>({ status: 'loading' });
  protected readonly overview = computed(() => {
    const s = this.state();
    return s.status === 'ready' ? s.value : null;
  });
  /** Full numbers asked for on this page, by contact id (each showing audited by the API). */
  protected readonly revealed = signal<Record<string, string | null>>({});
  /** The contact drawer: null closed, 'new' or a contact to edit. */
  protected readonly editing = signal<ContactView | 'new' | null>(null);
  protected readonly editingContact = computed(() => {
    const e = this.editing();
    return e === 'new' ? null : e;
  });
  protected readonly firmOptions = signal<EnterpriseView[]>([]);
  protected parentChoice: string | null = null;
  protected mergeChoice: string | null = null;
  protected readonly busy = signal(false);
  protected readonly failure = signal('');

  constructor() {
    const route = inject(ActivatedRoute);
    route.paramMap
      .pipe(
        map((p) => p.get('id') as string),
        switchMap((id) =>
          this.reload$.pipe(
            startWith(undefined),
            switchMap(() =>
              this.api.overview(id).pipe(
                map((value): LoadState<EnterpriseOverview> => ({ status: 'ready', value })),
                catchError((error: unknown) => of<LoadState<EnterpriseOverview>>({ status: 'error', error })),
                startWith<LoadState<EnterpriseOverview>>({ status: 'loading' }),
              ),
            ),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((s) => {
        if (s.status === 'ready') this.parentChoice = s.value.enterprise.parentEnterpriseId;
        this.state.set(s);
      });
  }

  protected load(): void {
    this.reload$.next();
  }

  protected mobileOf(c: ContactView): string {
    const shown = this.revealed()[c.id];
    return shown !== undefined ? (shown ?? '—') : (c.mobileMasked ?? '—');
  }

  protected isRevealed(c: ContactView): boolean {
    return this.revealed()[c.id] !== undefined;
  }

  /** 显示号码: the API answers the full number and records who asked. */
  protected async reveal(c: ContactView): Promise<void> {
    try {
      const shown = await firstValueFrom(this.api.revealMobile(c.id));
      this.revealed.update((r) => ({ ...r, [c.id]: shown.mobile }));
    } catch (error) {
      this.message.error(apiErrorText(error, this.i18n));
    }
  }

  protected contactSaved(): void {
    this.editing.set(null);
    this.message.success(this.i18n.t('investors.contact.saved'));
    this.load();
  }

  protected async anonymise(c: ContactView): Promise<void> {
    const reason = window.prompt(this.i18n.t('investors.contact.anonymiseReason'));
    if (!reason?.trim()) return;
    try {
      await firstValueFrom(this.api.anonymise(c.id, reason.trim(), c.version));
      this.message.success(this.i18n.t('investors.contact.anonymised'));
      this.load();
    } catch (error) {
      this.message.error(apiErrorText(error, this.i18n));
    }
  }

  protected exportUrl(id: string): string {
    return this.api.contactsExportUrl(id);
  }

  protected async searchFirms(q: string): Promise<void> {
    if (!q.trim()) return;
    const found = await firstValueFrom(this.api.searchEnterprises(q.trim(), 20));
    const self = this.overview()?.enterprise.id;
    this.firmOptions.set(found.items.filter((e) => e.id !== self));
  }

  protected async saveParent(): Promise<void> {
    const o = this.overview();
    if (!o) return;
    await this.run(() => this.api.setParent(o.enterprise.id, this.parentChoice, o.enterprise.version), 'investors.group.saved');
  }

  protected async merge(): Promise<void> {
    const o = this.overview();
    const into = this.mergeChoice;
    if (!o || !into || !window.confirm(this.i18n.t('investors.merge.confirm'))) return;
    const ok = await this.run(() => this.api.merge(o.enterprise.id, into), 'investors.merge.done');
    if (ok) await this.router.navigate(['/enterprises', into]);
  }

  protected async undo(mergeId: string): Promise<void> {
    const o = this.overview();
    if (!o || !window.confirm(this.i18n.t('investors.merge.undoConfirm'))) return;
    await this.run(() => this.api.undoMerge(o.enterprise.id, mergeId), 'investors.merge.undone');
  }

  private async run(work: () => Observable<unknown>, done: MessageKey): Promise<boolean> {
    if (this.busy()) return false;
    this.busy.set(true);
    this.failure.set('');
    try {
      await firstValueFrom(work());
      this.message.success(this.i18n.t(done));
      this.load();
      return true;
    } catch (error) {
      this.failure.set(apiErrorText(error, this.i18n));
      return false;
    } finally {
      this.busy.set(false);
    }
  }
}
