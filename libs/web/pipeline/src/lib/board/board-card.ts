import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  output,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { type ProjectSummaryView } from '@crm/domain';
import { AppClock, I18nService, TranslatePipe } from '@crm/web/core';
import { WanPipe } from '@crm/web/ui';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { landRouteMarkKey, statusKey } from '../data-access/labels';

/** One project on the board: what it is, what it is worth, who follows it and when next. */
@Component({
  selector: 'crm-board-card',
  imports: [NzButtonModule, NzIconModule, NzTagModule, RouterLink, TranslatePipe, WanPipe],
  template: `
    @let p = project();
    <div class="head">
      <a class="name" [routerLink]="['/projects', p.id]" [title]="p.name">{{ p.name }}</a>
      @if (movable()) {
        <button
          nz-button
          nzType="text"
          nzSize="small"
          type="button"
          class="move-button"
          [attr.aria-label]="'pipeline.board.moveProject' | t: { name: p.name }"
          (click)="moveRequested.emit()"
        >
          <nz-icon nzType="swap" />
        </button>
      }
    </div>
    <div class="investor">{{ p.investor.name }}</div>
    <div class="meta">
      <span class="amount">{{ p.amount | wan: lang() : 2 }}</span>
      @if (p.major) {
        <nz-tag nzColor="red">{{ 'pipeline.major' | t }}</nz-tag>
      }
      @if (p.status !== 'active') {
        <nz-tag nzColor="orange">{{ statusKey(p.status) | t }}</nz-tag>
      }
      @if (markKey(); as mark) {
        <nz-tag nzColor="cyan" class="land-route-mark">{{ mark | t }}</nz-tag>
      }
    </div>
    <div class="foot">
      <span class="owner">{{ p.owner.displayName }}</span>
      @if (p.nextFollowUpOn) {
        <span class="follow-up" [class.due]="due()">{{ 'pipeline.board.nextFollowUp' | t: { date: p.nextFollowUpOn } }}</span>
      } @else if (p.lastActivityOn) {
        <span>{{ 'pipeline.board.lastActivity' | t: { date: p.lastActivityOn } }}</span>
      }
    </div>
  `,
  styleUrl: './board-card.less',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    '[class.movable]': 'movable()',
    '[class.major]': 'project().major',
    '[attr.data-project]': 'project().name',
  },
})
export class BoardCard {
  private readonly clock = inject(AppClock);
  readonly project = input.required<ProjectSummaryView>();
  /** The user may move it (staff of its chain; an active project). */
  readonly movable = input(false);
  readonly moveRequested = output<void>();

  protected readonly lang = inject(I18nService).lang;
  protected readonly statusKey = statusKey;
  /** 既有用地 / 闲置厂房（盘活存量）, marked on the card. */
  protected readonly markKey = computed(() => landRouteMarkKey(this.project().landRoute));
  protected readonly due = computed(() => {
    const next = this.project().nextFollowUpOn;
    return next !== null && next <= this.clock.today();
  });
}
