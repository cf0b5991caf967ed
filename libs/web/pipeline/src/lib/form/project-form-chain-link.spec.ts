import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { ChainMapView, ChainView, ProjectInput, ProjectView } from '@crm/domain';
import { AuthService } from '@crm/web/core';
import { detail, staffUser } from '../testing/pipeline-fixtures';
import { ProjectForm } from './project-form';

/** 招商图谱: the form offers the links of the chain's map (this year's, else the latest) and sends the one chosen. */
describe('ProjectForm: the map link a project serves', () => {
  let backend: HttpTestingController;

  beforeEach(async () => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    backend = TestBed.inject(HttpTestingController);
    const loaded = TestBed.inject(AuthService).ensureLoaded();
    backend.expectOne('/api/auth/me').flush(staffUser());
    await loaded;
  });
  afterEach(() => {
    // The investor search (debounced) and other pickers' lists answer empty; nothing else may be left.
    for (const r of backend.match((q) => q.url === '/api/enterprises' || q.url === '/api/events')) r.flush(q(r.request.url));
    backend.verify();
  });
  const q = (url: string) => (url === '/api/enterprises' ? { items: [], total: 0 } : []);

  function map(year: number, links: { id: number; name: string; parentId?: number }[] | null, previousYear: number | null): ChainMapView {
    return {
      chain: { code: 'clean-energy', nameZh: '清洁能源产业链' },
      year,
      previousYear,
      editable: true,
      map: links && {
        version: 1,
        draftedFrom: null,
        links: links.map((l, i) => ({
          id: l.id, parentId: l.parentId ?? null, tier: 'midstream', sortOrder: i, name: l.name, status: 'missing', statusReason: null,
          kind: 'fill', draft: true, sourceQuote: null, firms: [], targets: [], pipeline: [], projects: [], activeLeads: 0, unledGap: true,
        })),
      },
    };
  }

  it('lists the latest map’s links when this year has none, keeps the project’s link and sends the link and kind', async () => {
    const sent: ProjectInput[] = [];
    const fixture = TestBed.createComponent(ProjectForm);
    const project: ProjectView = { ...detail('lead').project, chain: 'clean-energy', chainLink: { id: 12, name: '氢能', year: 2025 }, chainLinkKind: 'fill' };
    fixture.componentRef.setInput('project', project);
    fixture.componentRef.setInput('save', async (input: ProjectInput) => {
      sent.push(input);
      return project;
    });
    fixture.detectChanges();
    backend.expectOne('/api/chains').flush([{ code: 'clean-energy', nameZh: '清洁能源产业链', nameEn: 'Clean energy', keyTasks: [], responsibleUnits: [], cooperatingUnits: [] }] as unknown as ChainView[]);
    backend.expectOne('/api/units').flush([]);
    const thisYear = backend.expectOne((r) => /^\/api\/chain-maps\/clean-energy\/\d{4}$/.test(r.url) && !r.url.endsWith('/2025'));
    thisYear.flush(map(Number(thisYear.request.url.slice(-4)), null, 2025));
    backend.expectOne('/api/chain-maps/clean-energy/2025').flush(map(2025, [{ id: 11, name: '新型储能' }, { id: 12, name: '氢能' }, { id: 13, name: '储能系统集成', parentId: 11 }], null));
    await fixture.whenStable();
    fixture.detectChanges();

    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('#project-chain-link')).not.toBeNull();
    expect(element.textContent).toContain('2025年招商图谱');
    (element.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    expect(sent).toHaveLength(1);
    expect([sent[0].chainLinkId, sent[0].chainLinkKind]).toEqual([12, 'fill']);
  });
});
