import { Injectable, computed, inject } from '@angular/core';
import { AuthService } from '@crm/web/core';

/**
 * The office (领导小组办公室) edits the plan; leaders, staff and admins read it. This only hides
 * controls: the API refuses anyone else (403) and its message is shown.
 */
@Injectable({ providedIn: 'root' })
export class PlanRights {
  private readonly auth = inject(AuthService);

  readonly mayEdit = computed(() => this.auth.roles().includes('office'));
}
