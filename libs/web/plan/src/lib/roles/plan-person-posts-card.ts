import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input, output, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import type { PersonPostView, PersonView } from '@crm/domain';
import { I18nService, TranslatePipe, apiErrorText, apiFieldErrors, httpStatus } from '@crm/web/core';
import { DateInput, LoadState, LoadStateView } from '@crm/web/ui';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Subscription } from 'rxjs';
import { DAY } from '../data-access/plan-labels';
import { PlanApi } from '../data-access/plan.api';

interface PostForm {
  position: string;
  from: string;
  saving: boolean;
  /** What the API said when it named no field (or a field this form lacks). */
  error: string;
  /** The API's 422 field errors, under their fields. */
  positionError: string;
  fromError: string;
}

const BLANK: PostForm = { position: '', from: '', saving: false, error: '', positionError: '', fromError: '' };

/**
 * 领导职务变动 on /plan/roles: a leader's posts over time (GET /api/plans/people/:id/posts, the
 * current one last), and for the office a new post from a day. Earlier reports keep the post the
 * leader held in their period.
 */
@Component({
  selector: 'crm-plan-person-posts-card',
  imports: [
    DateInput,
    FormsModule,
    LoadStateView,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzInputModule,
    NzSelectModule,
    NzTagModule,
    TranslatePipe,
  ],
  templateUrl: './plan-person-posts-card.html',
  styleUrl: './plan-change-card.less',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlanPersonPostsCard {
  private readonly api = inject(PlanApi);
  private readonly i18n = inject(I18nService);
  private readonly message = inject(NzMessageService);
  private readonly destroyRef = inject(DestroyRef);
  private request: Subscription | null = null;

  readonly people = input.required<PersonView[]>();
  /** The office records changes; every other role only reads the history. */
  readonly mayEdit = input(false);
  /** The person with their new post, so the page's list of people follows. */
  readonly changed = output<PersonView>();

  protected readonly personId = signal<number | null>(null);
  protected readonly person = computed(() => this.people().find((p) => p.id === this.personId()) ?? null);
  protected readonly history = signal<LoadState<PersonPostView[]> | null>(null);
  protected readonly errorText = computed(() => {
    const state = this.history();
    return state?.status === 'error' ? apiErrorText(state.error, this.i18n) : '';
  });
  protected readonly form = signal<PostForm>(BLANK);

  /** A new post typed and not saved. */
  hasUnsavedChanges(): boolean {
    const f = this.form();
    return !!(f.position.trim() || f.from);
  }
  protected readonly valid = computed(() => {
    const f = this.form();
    return this.personId() !== null && f.position.trim().length > 0 && DAY.test(f.from);
  });

  protected choose(personId: number | null): void {
    this.personId.set(personId);
    this.form.set(BLANK);
    this.load();
  }

  protected load(): void {
    const id = this.personId();
    this.request?.unsubscribe();
    if (id === null) {
      this.history.set(null);
      return;
    }
    this.history.set({ status: 'loading' });
    this.request = this.api
      .personPosts(id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (posts) => this.history.set({ status: 'ready', value: posts }),
        error: (error: unknown) => this.history.set({ status: 'error', error }),
      });
  }

  protected patch(changes: Partial<PostForm>): void {
    this.form.update((f) => ({
      ...f,
      ...changes,
      ...('position' in changes ? { positionError: '' } : {}),
      ...('from' in changes ? { fromError: '' } : {}),
    }));
  }

  protected save(): void {
    const f = this.form();
    const person = this.person();
    if (!this.valid() || f.saving || !person) return;
    const position = f.position.trim();
    this.form.set({ ...f, saving: true, error: '', positionError: '', fromError: '' });
    this.api
      .changePost(person.id, { position, from: f.from })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (posts) => {
          this.form.set(BLANK);
          this.history.set({ status: 'ready', value: posts });
          this.message.success(this.i18n.t('plan.posts.done', { name: person.name, position, date: f.from }));
          this.changed.emit({ ...person, position });
        },
        error: (error: unknown) => {
          const fields = httpStatus(error) === 422 ? apiFieldErrors(error, this.i18n.lang()) : {};
          const named = Boolean(fields['position'] || fields['from']);
          this.form.update((x) => ({
            ...x,
            saving: false,
            error: named ? '' : apiErrorText(error, this.i18n),
            positionError: fields['position'] ?? '',
            fromError: fields['from'] ?? '',
          }));
        },
      });
  }
}
