import { Injectable, computed, inject } from '@angular/core';
import type { ChainCode } from '@crm/domain';
import { AuthService } from '@crm/web/core';

/**
 * Who may change projects: staff of a unit serving the project's primary chain, as GET
 * /api/auth/me lists them in editableChainCodes. This only hides controls; the API decides (403).
 */
@Injectable({ providedIn: 'root' })
export class EditRights {
  private readonly auth = inject(AuthService);

  readonly isStaff = computed(() => this.auth.roles().includes('staff'));
  readonly isOffice = computed(() => this.auth.roles().includes('office'));
  /** The chains a staff member may open leads in and move projects of. */
  readonly editableChains = computed<readonly ChainCode[]>(() =>
    this.auth.user()?.editableChainCodes ?? [],
  );

  canEditChain(chain: ChainCode): boolean {
    return this.editableChains().includes(chain);
  }
}
