import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { STAGE_LABELS, TARGET_FIRM_TAG_LABELS, type ChainMapLinkView } from '@crm/domain';
import { I18nService } from '@crm/web/core';
import { WanPipe } from '@crm/web/ui';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { ChainMapTextPipe } from '../chain-map-text';
import { STATUS_COLORS } from '../data-access/map-chart';

/** One link, tapped: its state and why, the plan's words, local firms (链主 marked), targets, pipeline and projects. */
@Component({
  selector: 'crm-link-detail',
  imports: [ChainMapTextPipe, NzTagModule, RouterLink, WanPipe],
  template: `
    @let l = link();
    <div class="tags">
      <nz-tag [nzColor]="colors[l.status]">{{ l.status | cm }}</nz-tag>
      @if (l.kind) {
        <nz-tag nzColor="blue">{{ l.kind | cm }}</nz-tag>
      }
      @if (l.draft) {
        <nz-tag nzColor="gold">{{ 'draft' | cm }}</nz-tag>
      }
      @if (l.unledGap) {
        <nz-tag nzColor="red" class="unled">⚑ {{ 'unled' | cm }}</nz-tag>
      }
    </div>
    @if (l.statusReason) {
      <p class="reason"><b>{{ 'reason' | cm }}：</b>{{ l.statusReason }}</p>
    }
    @if (l.sourceQuote) {
      <blockquote class="quote"><b>{{ 'source' | cm }}：</b>“{{ l.sourceQuote }}”</blockquote>
    }
    <h3>{{ 'localFirms' | cm }}</h3>
    @if (l.firms.length) {
      <ul class="firms">
        @for (f of l.firms; track f.enterpriseId) {
          <li>{{ f.name }} @if (f.anchor) {<nz-tag nzColor="purple" class="anchor">{{ 'anchor' | cm }}</nz-tag>}</li>
        }
      </ul>
    } @else {
      <p class="none">{{ 'noFirms' | cm }}</p>
    }
    <h3>{{ 'targets' | cm }}</h3>
    @if (l.targets.length) {
      <ul class="targets">
        @for (t of l.targets; track t.name) {
          <li>
            {{ t.name }}
            @for (tag of t.tags; track tag) {
              <nz-tag>{{ tagLabels[tag] }}</nz-tag>
            }
            @if (t.note) {
              <span class="note">（{{ t.note }}）</span>
            }
          </li>
        }
      </ul>
    } @else {
      <p class="none">{{ 'noTargets' | cm }}</p>
    }
    <h3>{{ 'pipeline' | cm }}</h3>
    @if (l.pipeline.length) {
      <table class="pipeline">
        <thead><tr><th></th><th>{{ 'count' | cm }}</th><th>{{ 'signed' | cm }}</th></tr></thead>
        <tbody>
          @for (f of l.pipeline; track f.stage) {
            <tr><td>{{ stageLabels[f.stage] }}</td><td>{{ f.count }}</td><td>{{ f.signedAmount | wan: lang() }}</td></tr>
          }
        </tbody>
      </table>
    } @else {
      <p class="none">{{ 'noPipeline' | cm }}</p>
    }
    <h3>{{ 'projects' | cm }}</h3>
    @if (l.projects.length) {
      <ul class="projects">
        @for (p of l.projects; track p.id) {
          <li [class.inactive]="p.status !== 'active'">
            <a [routerLink]="['/projects', p.id]">{{ p.name }}</a>
            · {{ stageLabels[p.stage] }} @if (p.kind) { · {{ p.kind | cm }} }
            @if (p.status !== 'active') { <nz-tag>{{ p.status === 'paused' ? '暂缓' : '终止' }}</nz-tag> }
          </li>
        }
      </ul>
    } @else {
      <p class="none">{{ 'noProjects' | cm }}</p>
    }
  `,
  styles: `
    h3 { font-size: 14px; margin: 16px 0 6px; }
    .tags { display: flex; flex-wrap: wrap; gap: 4px; margin-bottom: 8px; }
    .quote { margin: 8px 0; padding: 6px 10px; border-left: 3px solid #d9d9d9; color: #595959; }
    ul { padding-left: 18px; margin: 0; }
    li { margin: 3px 0; }
    .none { color: #8c8c8c; }
    .note { color: #8c8c8c; }
    .pipeline { border-collapse: collapse; width: 100%; }
    .pipeline th, .pipeline td { border-bottom: 1px solid #f0f0f0; padding: 4px 6px; text-align: left; }
    .inactive { color: #8c8c8c; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LinkDetail {
  readonly link = input.required<ChainMapLinkView>();
  protected readonly lang = inject(I18nService).lang;
  protected readonly colors = STATUS_COLORS;
  protected readonly tagLabels = TARGET_FIRM_TAG_LABELS;
  protected readonly stageLabels = STAGE_LABELS;
}
