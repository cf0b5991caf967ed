import { Injectable, computed, inject } from '@angular/core';
import type { ActionItemView, ChainCode } from '@crm/domain';
import { AuthService } from '@crm/web/core';

/**
 * Who may do what with meetings, as libs/api/meetings/src/lib/common/meeting-access.ts decides:
 * this only hides controls, the API refuses anyway (403) and its message is shown.
 */
@Injectable({ providedIn: 'root' })
export class MeetingRights {
  private readonly auth = inject(AuthService);

  readonly isOffice = computed(() => this.auth.roles().includes('office'));
  readonly isStaff = computed(() => this.auth.roles().includes('staff'));
  /** The chains the user reads (all for office and admin). */
  readonly readableChains = computed<readonly ChainCode[]>(() => this.auth.user()?.chainCodes ?? []);
  /** The chains whose meetings a staff member records: those their unit serves. */
  readonly editableChains = computed<readonly ChainCode[]>(() => this.auth.user()?.editableChainCodes ?? []);
  readonly unit = computed(() => this.auth.user()?.unit ?? null);
  readonly userId = computed(() => this.auth.user()?.id ?? null);
  readonly displayName = computed(() => this.auth.user()?.displayName ?? '');

  /** 登记会议: the office, or staff of a unit serving some chain. */
  readonly mayRecord = computed(() => this.isOffice() || (this.isStaff() && this.editableChains().length > 0));

  /** A meeting of these chains: the office, or staff serving one of them who read all of them. */
  mayRecordFor(chains: readonly ChainCode[]): boolean {
    if (this.isOffice()) return true;
    const readable = this.readableChains();
    const editable = this.editableChains();
    return (
      this.isStaff() &&
      chains.some((c) => editable.includes(c)) &&
      chains.every((c) => readable.includes(c))
    );
  }

  /** An item is followed up by its owner, its owner unit's staff, or the office. */
  mayFollowUp(item: ActionItemView): boolean {
    return (
      this.isOffice() ||
      item.ownerUser?.id === this.userId() ||
      (this.isStaff() && this.unit()?.id === item.ownerUnit.id)
    );
  }
}
