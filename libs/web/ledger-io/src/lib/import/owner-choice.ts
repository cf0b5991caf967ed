import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { I18nService, TranslatePipe } from '@crm/web/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { rowList, type DefaultOwners, type OwnerlessChain } from '../data-access/ownerless';

/**
 * 选择默认负责人: the new projects whose row names no 项目负责人, by chain; for each chain a select of
 * the staff who may own them (staff of a unit serving the chain, as the API lists them), and in
 * plain words which rows will get which owner once the import is confirmed.
 */
@Component({
  selector: 'crm-owner-choice',
  imports: [FormsModule, NzAlertModule, NzSelectModule, TranslatePipe],
  template: `
    <section class="owner-choice" aria-labelledby="owner-choice-title">
      <h2 id="owner-choice-title" class="title">{{ 'ledger.owner.title' | t }}</h2>
      <p class="intro">{{ 'ledger.owner.intro' | t }}</p>
      @for (c of chains(); track c.chain) {
        <div class="chain" [attr.data-chain]="c.chain">
          <label class="chain-label" [attr.for]="'owner-' + c.chain">{{ 'ledger.owner.chain' | t: { chain: c.name, rows: rowsText(c) } }}</label>
          @if (c.candidates.length) {
            <nz-select
              class="owner-select"
              [nzId]="'owner-' + c.chain"
              nzShowSearch
              nzAllowClear
              [nzPlaceHolder]="'ledger.owner.placeholder' | t"
              [nzDisabled]="disabled()"
              [nzStatus]="showMissing() && !value()[c.chain] ? 'error' : ''"
              [ngModel]="value()[c.chain] ?? null"
              (ngModelChange)="choose(c.chain, $event)"
            >
              @for (p of c.candidates; track p.id) {
                <nz-option [nzValue]="p.id" [nzLabel]="p.displayName" />
              }
            </nz-select>
            @if (ownerName(c); as owner) {
              <p class="outcome chosen">{{ 'ledger.owner.willOwn' | t: { rows: rowsText(c), owner: owner } }}</p>
            } @else {
              <p class="outcome" [class.missing]="showMissing()">{{ 'ledger.owner.notChosen' | t: { rows: rowsText(c) } }}</p>
            }
          } @else {
            <nz-alert nzType="warning" nzShowIcon [nzMessage]="'ledger.owner.noCandidates' | t: { chain: c.name }" />
          }
        </div>
      }
    </section>
  `,
  styles: `
    .owner-choice {
      margin-bottom: 16px;
      padding: 12px 16px;
      border: 1px solid #ffd591;
      border-radius: 4px;
      background: #fffbe6;
    }
    .title {
      margin: 0 0 4px;
      font-size: 15px;
      font-weight: 600;
    }
    .intro {
      margin: 0 0 12px;
      color: rgba(0, 0, 0, 0.65);
    }
    .chain {
      margin-bottom: 12px;
    }
    .chain:last-child {
      margin-bottom: 0;
    }
    .chain-label {
      display: block;
      margin-bottom: 4px;
      font-weight: 500;
    }
    .owner-select {
      width: 100%;
      max-width: 320px;
    }
    .outcome {
      margin: 4px 0 0;
      color: rgba(0, 0, 0, 0.65);
    }
    .outcome.chosen {
      color: #237804;
    }
    .outcome.missing {
      color: #cf1322;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OwnerChoice {
  private readonly i18n = inject(I18nService);

  readonly chains = input.required<OwnerlessChain[]>();
  readonly value = input<DefaultOwners>({});
  readonly disabled = input(false);
  /** After a confirm with a chain still unchosen: mark it. */
  readonly showMissing = input(false);
  readonly changed = output<DefaultOwners>();

  protected choose(chain: string, userId: string | null): void {
    const next = { ...this.value() };
    if (userId) next[chain] = userId;
    else delete next[chain];
    this.changed.emit(next);
  }

  /** 第2、3、5行 / rows 2, 3, 5 (the first ten, then how many in all). */
  protected rowsText(c: OwnerlessChain): string {
    const { text, more } = rowList(c.rows, this.i18n.lang() === 'en' ? ', ' : '、');
    return more
      ? this.i18n.t('ledger.owner.rowsMore', { rows: text, n: c.rows.length })
      : this.i18n.t('ledger.owner.rows', { rows: text, n: c.rows.length });
  }

  protected ownerName(c: OwnerlessChain): string {
    const id = this.value()[c.chain];
    return c.candidates.find((p) => p.id === id)?.displayName ?? '';
  }
}
