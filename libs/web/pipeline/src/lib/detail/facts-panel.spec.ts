import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { ProjectDetailView } from '@crm/domain';
import { detail } from '../testing/pipeline-fixtures';
import { BoardCard } from '../board/board-card';
import { FactsPanel } from './facts-panel';

/** 盘活存量 (issue 21 §3): a project on an existing site shows its route, site and title, and is marked. */
describe('FactsPanel and the board card on an existing site', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
  });

  async function panel(answer: ProjectDetailView): Promise<HTMLElement> {
    const fixture = TestBed.createComponent(FactsPanel);
    fixture.componentRef.setInput('detail', answer);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  const rows = (element: HTMLElement) =>
    [...element.querySelectorAll('.ant-descriptions-item-label')].map((l, i) => [
      l.textContent?.trim(),
      element.querySelectorAll('.ant-descriptions-item-content')[i]?.textContent?.replace(/\s+/g, ' ').trim(),
    ]);

  it('shows an idle plant: its site, m² and lease instead of an approval, marked 盘活存量', async () => {
    const element = await panel(
      detail('construction', {
        landRoute: 'idle-plant',
        landParcel: '昆仑经济技术开发区 3号标准化厂房',
        plantAreaSqm: '12000.000000',
        siteDocumentKind: 'lease',
        siteDocumentRef: 'ZL-2025-017',
        siteDocumentOn: '2025-04-10',
        constructionStartedOn: '2025-05-01',
        constructionPermitRef: 'SG-2025-088',
      }),
    );
    expect(rows(element).slice(0, 6)).toEqual([
      ['用地方式', '闲置厂房盘活存量'],
      ['项目场地（地址或名称）', '昆仑经济技术开发区 3号标准化厂房'],
      ['厂房面积', '12000.000000平方米'],
      ['场地权属', '租赁'],
      ['产权证号或租赁合同编号', 'ZL-2025-017'],
      ['产权证或租赁合同日期', '2025-04-10'],
    ]);
    expect(element.textContent).not.toContain('供地批复文号');
  });

  it('shows a new allocation as before, with its approval', async () => {
    const element = await panel(detail('land', { landParcel: 'A-3', landAreaMu: '120.5', landApprovalRef: '格自然资〔2025〕12号', landApprovedOn: '2025-04-01' }));
    expect(rows(element).map(([label]) => label)).toEqual([
      '用地方式',
      '供地地块',
      '用地面积',
      '供地批复文号',
      '供地批复日期',
      '开工日期',
      '施工许可证号',
      '竣工投产日期',
    ]);
    expect(element.querySelector('.reuse-mark')).toBeNull();
  });

  it('marks the board card of an existing site', async () => {
    const fixture = TestBed.createComponent(BoardCard);
    fixture.componentRef.setInput('project', { ...detail('construction').project, landRoute: 'existing-site' });
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).querySelector('.land-route-mark')?.textContent?.trim()).toBe('既有用地（盘活存量）');
    fixture.componentRef.setInput('project', { ...detail('construction').project, landRoute: 'new-land' });
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).querySelector('.land-route-mark')).toBeNull();
  });
});
