import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ActivatedRoute, convertToParamMap, provideRouter } from '@angular/router';
import type { CurrentUserView, EnterpriseOverview } from '@crm/domain';
import { AuthService } from '@crm/web/core';
import { of } from 'rxjs';
import { EnterprisePage } from './enterprise-page';

const FIRM = 'e0000000-0000-4000-8000-000000000001';
const SUB = 'e0000000-0000-4000-8000-000000000002';
const PROJECT = 'p0000000-0000-4000-8000-000000000001';
const CONTACT = 'c0000000-0000-4000-8000-000000000001';

function me(roles: CurrentUserView['roles']): CurrentUserView {
  return {
    id: 'u1',
    username: 'u1',
    displayName: '王专班',
    roles,
    unit: null,
    person: null,
    chainCodes: ['clean-energy'],
    editableChainCodes: roles.includes('staff') ? ['clean-energy'] : [],
    mustChangePassword: false,
  };
}

function overview(): EnterpriseOverview {
  return {
    enterprise: {
      id: FIRM,
      name: '青海盐湖工业股份有限公司',
      creditCode: '91632800226581004W',
      ownership: 'local-soe',
      tags: [],
      region: '青海省格尔木市',
      parentEnterpriseId: null,
      mergedIntoId: null,
      version: 2,
      createdAt: '2040-01-01T00:00:00.000Z',
      updatedAt: '2040-01-01T00:00:00.000Z',
    },
    parent: null,
    subsidiaries: [{ id: SUB, name: '青海盐湖镁业有限公司', creditCode: null }],
    projects: [
      {
        id: PROJECT,
        name: '盐湖镁基新材料项目',
        enterpriseId: SUB,
        enterpriseName: '青海盐湖镁业有限公司',
        chainCode: 'clean-energy',
        chainName: '清洁能源',
        unitName: '市数据局',
        ownerName: '王专班',
        stage: 'negotiation',
        status: 'active',
        plannedInvestment: '150000',
        signedAmount: '0',
        fundsInPlace: '0',
        createdAt: '2040-03-01T02:00:00.000Z',
      },
    ],
    activities: [],
    contacts: [
      {
        id: CONTACT,
        enterpriseId: FIRM,
        enterpriseName: '青海盐湖工业股份有限公司',
        name: '张伟',
        title: '副总经理',
        mobileMasked: '138****1234',
        landline: null,
        wechat: null,
        email: null,
        notes: null,
        knownBy: [{ id: 'u1', displayName: '王专班' }],
        projectIds: [PROJECT],
        anonymised: false,
        version: 1,
        createdAt: '2040-01-01T00:00:00.000Z',
        updatedAt: '2040-01-01T00:00:00.000Z',
      },
    ],
    agreements: [],
    fundArrivals: [],
    timeline: [
      { kind: 'activity', on: '2040-03-05', projectId: PROJECT, projectName: '盐湖镁基新材料项目', text: '走访：赴企业总部洽谈', amount: null },
      { kind: 'project', on: '2040-03-01', projectId: PROJECT, projectName: '盐湖镁基新材料项目', text: '清洁能源 · 市数据局 立项', amount: '150000' },
    ],
    hiddenProjects: 2,
    merges: [],
  };
}

async function settle(fixture: { whenStable(): Promise<unknown>; detectChanges(): void }): Promise<void> {
  await new Promise((r) => setTimeout(r, 0));
  fixture.detectChanges();
  await fixture.whenStable();
}

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('EnterprisePage (企业全景)', () => {
  let backend: HttpTestingController;

  afterEach(() => backend.verify());

  async function render(roles: CurrentUserView['roles']) {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: ActivatedRoute, useValue: { paramMap: of(convertToParamMap({ id: FIRM })) } },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    const loaded = TestBed.inject(AuthService).ensureLoaded();
    backend.expectOne('/api/auth/me').flush(me(roles));
    await loaded;
    const fixture = TestBed.createComponent(EnterprisePage);
    fixture.detectChanges();
    backend.expectOne(`/api/enterprises/${FIRM}/overview`).flush(overview());
    await settle(fixture);
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }

  it('shows the group, its projects (saying how many are hidden), contacts masked, and the timeline', async () => {
    const { element } = await render(['staff']);
    expect(element.textContent).toContain('青海盐湖工业股份有限公司');
    expect(text(element.querySelector('.subsidiary'))).toBe('青海盐湖镁业有限公司');
    expect(text(element.querySelector('.projects td a'))).toBe('盐湖镁基新材料项目');
    expect(text(element.querySelector('.hidden-projects'))).toContain('另有 2 个项目');
    expect(text(element.querySelector('.contact .mobile'))).toBe('138****1234');
    expect(element.textContent).not.toContain('13800001234');
    expect(element.querySelectorAll('nz-timeline-item')).toHaveLength(2);
    expect(element.querySelector('button.add-contact')).not.toBeNull();
    // Staff neither remove a person's data nor merge firms.
    expect(element.querySelector('button.anonymise')).toBeNull();
    expect(element.querySelector('.merges')).toBeNull();
  });

  it('shows the full number only after 显示号码, asked of the API', async () => {
    const { fixture, element } = await render(['staff']);
    (element.querySelector('button.reveal') as HTMLButtonElement).click();
    const reveal = backend.expectOne(`/api/contacts/${CONTACT}/reveal`);
    expect(reveal.request.method).toBe('POST');
    reveal.flush({ id: CONTACT, mobile: '13800001234' });
    await settle(fixture);
    expect(text(element.querySelector('.contact .mobile'))).toBe('13800001234');
    expect(element.querySelector('button.reveal')).toBeNull();
  });

  it('offers the office the merge and the removal on request; a leader only reads', async () => {
    const office = await render(['office']);
    expect(office.element.querySelector('.merges button.merge')).not.toBeNull();
    expect(office.element.querySelector('button.anonymise')).not.toBeNull();
    TestBed.resetTestingModule();
    const leader = await render(['leader']);
    expect(leader.element.querySelector('button.add-contact')).toBeNull();
    expect(leader.element.querySelector('button.reveal')).not.toBeNull();
    expect(leader.element.querySelector('.merges')).toBeNull();
  });
});
