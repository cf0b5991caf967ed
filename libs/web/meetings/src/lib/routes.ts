import { Route } from '@angular/router';
import { CalendarOutline, EditOutline, PlusOutline, ReloadOutline } from '@ant-design/icons-angular/icons';
import { provideNzIconsPatch } from 'ng-zorro-antd/icon';
import { unsavedChangesGuard } from '@crm/web/ui';

/**
 * Lazy-loaded at /meetings by the shell: 调度会议 and 交办事项 (list, record, detail, items), and
 * 会议材料, 月调度会日程, 督办 and 周跟踪. Fixed paths come before /meetings/:id.
 */
export const meetingsRoutes: Route[] = [
  // meeting-pack: start
  {
    path: 'schedule',
    title: 'title.meetingSchedule',
    loadComponent: () =>
      import('./schedule/meeting-schedule-page').then((m) => m.MeetingSchedulePage),
  },
  {
    path: 'follow-through',
    title: 'title.followThrough',
    loadComponent: () =>
      import('./follow-through/follow-through-page').then((m) => m.FollowThroughPage),
  },
  {
    path: 'digest',
    title: 'title.weeklyDigest',
    loadComponent: () =>
      import('./digest/weekly-digest-page').then((m) => m.WeeklyDigestPage),
  },
  {
    path: ':id/pack',
    title: 'title.meetingPack',
    loadComponent: () =>
      import('./pack/meeting-pack-page').then((m) => m.MeetingPackPage),
  },
  // meeting-pack: end
  // meetings: start
  {
    // 调度会议 and 交办事项; the icons their pages use beyond the shell's.
    path: '',
    providers: [provideNzIconsPatch([CalendarOutline, EditOutline, PlusOutline, ReloadOutline])],
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: 'menu.meetings',
        loadComponent: () => import('./meetings/meeting-list-page').then((m) => m.MeetingListPage),
      },
      {
        path: 'new',
        title: 'title.meetingForm',
        canDeactivate: [unsavedChangesGuard],
        loadComponent: () => import('./meetings/meeting-form-page').then((m) => m.MeetingFormPage),
      },
      {
        path: 'items',
        title: 'title.actionItems',
        loadComponent: () => import('./items/action-items-page').then((m) => m.ActionItemsPage),
      },
      {
        path: ':id/edit',
        title: 'title.meetingForm',
        canDeactivate: [unsavedChangesGuard],
        loadComponent: () => import('./meetings/meeting-form-page').then((m) => m.MeetingFormPage),
      },
      {
        path: ':id',
        title: 'title.meeting',
        canDeactivate: [unsavedChangesGuard],
        loadComponent: () => import('./meetings/meeting-page').then((m) => m.MeetingPage),
      },
    ],
  },
  // meetings: end
];
