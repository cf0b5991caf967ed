import { inject } from '@angular/core';
import type { Route } from '@angular/router';
import {
  ArrowLeftOutline,
  DownOutline,
  EditOutline,
  LeftOutline,
  PlusOutline,
  ReloadOutline,
  RightOutline,
  SearchOutline,
  SwapOutline,
  UnorderedListOutline,
  UpOutline,
} from '@ant-design/icons-angular/icons';
import { AuthService } from '@crm/web/core';
import { provideNzIconsPatch } from 'ng-zorro-antd/icon';
import { unsavedChangesGuard } from '@crm/web/ui';

const ICONS = [
  ArrowLeftOutline,
  DownOutline,
  EditOutline,
  LeftOutline,
  PlusOutline,
  ReloadOutline,
  RightOutline,
  SearchOutline,
  SwapOutline,
  UnorderedListOutline,
  UpOutline,
];

/** Lazy-loaded at /projects by the shell: 项目库, 登记新线索, the project page. Each page is its own chunk. */
export const projectsRoutes: Route[] = [
  {
    path: '',
    providers: [provideNzIconsPatch(ICONS)],
    children: [
      {
        path: '',
        title: 'menu.projects',
        loadComponent: () =>
          import('./list/project-list-page').then((m) => m.ProjectListPage),
      },
      {
        path: 'new',
        title: 'title.newLead',
        canDeactivate: [unsavedChangesGuard],
        loadComponent: () =>
          import('./create/project-create-page').then(
            (m) => m.ProjectCreatePage,
          ),
      },
      {
        path: ':id',
        title: 'title.project',
        canDeactivate: [unsavedChangesGuard],
        loadComponent: () =>
          import('./detail/project-page').then((m) => m.ProjectPage),
      },
    ],
  },
];

/** Lazy-loaded at /chains/:code/board by the shell: 项目看板. */
export const chainBoardRoutes: Route[] = [
  {
    path: '',
    title: 'menu.board',
    providers: [provideNzIconsPatch(ICONS)],
    loadComponent: () =>
      import('./board/chain-board-page').then((m) => m.ChainBoardPage),
  },
];

/**
 * /board (the menu's 项目看板): the board of the user's first chain. The chains a user reads come
 * with the session, which the layout's guard has loaded by then.
 */
export const boardEntryRoutes: Route[] = [
  {
    path: '',
    pathMatch: 'full',
    redirectTo: async () => {
      const auth = inject(AuthService);
      await auth.ensureLoaded();
      const chain = auth.user()?.chainCodes[0];
      return chain ? `/chains/${chain}/board` : '/chains';
    },
  },
];
