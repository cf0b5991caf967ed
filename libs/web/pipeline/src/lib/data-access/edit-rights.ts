import { Injectable, computed, inject } from '@angular/core';
import type { ChainCode } from '@crm/domain';
import { AuthService } from '@crm/web/core';

/**
 * Who may change projects, as far as the web app can tell: staff whose chains include the
 * project's primary chain. GET /api/auth/me lists the chains a user may *read* (for a staff
 * member who is also a leader that includes the chains they lead), so this only hides controls;
 * the API decides (403), and the project page trusts its `canEdit` instead.
 */
@Injectable({ providedIn: 'root' })
export class EditRights {
  private readonly auth = inject(AuthService);

  readonly isStaff = computed(() => this.auth.roles().includes('staff'));
  readonly isOffice = computed(() => this.auth.roles().includes('office'));
  /** The chains a staff member may open leads in and move projects of. */
  readonly editableChains = computed<readonly ChainCode[]>(() =>
    this.isStaff() ? (this.auth.user()?.chainCodes ?? []) : [],
  );

  canEditChain(chain: ChainCode): boolean {
    return this.editableChains().includes(chain);
  }
}
