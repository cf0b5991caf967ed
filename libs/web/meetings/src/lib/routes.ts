import { Route } from '@angular/router';

/** Lazy-loaded at /meetings by the shell (调度会议, 交办事项, 会议材料, 月调度会日程). */
export const meetingsRoutes: Route[] = [];
