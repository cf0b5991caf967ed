import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { FormGroup } from '@angular/forms';
import { shanghaiToday, type ProjectDetailView, type ProjectView, type Stage } from '@crm/domain';
import { detail, passedEvaluation } from '../testing/pipeline-fixtures';
import { StageMoveForm } from './stage-move-form';

const ID = 'p0000000-0000-4000-8000-000000000001';

describe('StageMoveForm', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  async function render(to: Stage | null, answer: ProjectDetailView) {
    const fixture = TestBed.createComponent(StageMoveForm);
    fixture.componentRef.setInput('projectId', ID);
    fixture.componentRef.setInput('to', to);
    const moved: ProjectView[] = [];
    fixture.componentInstance.moved.subscribe((p) => moved.push(p));
    await fixture.whenStable();
    backend.expectOne(`/api/projects/${ID}`).flush(answer);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const labels = () =>
      [...element.querySelectorAll('nz-form-label label')].map((l) => l.textContent?.trim());
    return { fixture, element, labels, moved };
  }

  function type(element: HTMLElement, id: string, value: string): void {
    const input = element.querySelector(`#${id}`) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  /** A date typed into the shared date input and left, as a user does. */
  function enter(element: HTMLElement, id: string, value: string): void {
    const input = element.querySelector(`#${id}`) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }

  const REACHED = '到达该阶段的日期';

  const submit = (element: HTMLElement) =>
    (element.querySelector('button.confirm-move') as HTMLButtonElement).click();

  it('asks for the signed amount, date and agreement reference when dropped on 项目签约', async () => {
    const answer = detail('evaluation');
    answer.evaluations = [passedEvaluation(ID)];
    const { element, labels } = await render('signed', answer);
    // The signing date is the stage's own date: no separate day reached is asked.
    expect(labels()).toEqual(['签约金额', '签约日期', '协议编号']);
    expect(element.querySelector('.blockers')).toBeNull();
  });

  it('asks for the land facts only when dropped on 项目供地', async () => {
    const answer = detail('signed', { signedOn: '2025-05-01', agreementRef: 'GEM-1', signedAmount: '50000' });
    answer.evaluations = [passedEvaluation(ID)];
    const { labels } = await render('land', answer);
    expect(labels()).toEqual(['用地方式', '供地地块', '用地面积', '供地批复文号', '供地批复日期']);
  });

  it('on an idle plant (盘活存量) asks for the site, its m² and its lease instead of an approval, and sends the route', async () => {
    const answer = detail('signed', { signedOn: '2025-05-01', agreementRef: 'GEM-1', signedAmount: '50000' });
    answer.evaluations = [passedEvaluation(ID)];
    const { fixture, element, labels } = await render('land', answer);
    const form = (fixture.componentInstance as unknown as { form: FormGroup }).form;
    (element.querySelector('label[data-route="idle-plant"] input') as HTMLInputElement).click();
    await fixture.whenStable();
    expect(form.controls['landRoute'].value).toBe('idle-plant');
    expect(labels()).toEqual(['用地方式', '项目场地（地址或名称）', '厂房面积', '场地权属', '产权证号或租赁合同编号', '产权证或租赁合同日期']);
    expect(element.querySelector('#move-plantAreaSqm')?.closest('nz-input-group')?.textContent).toContain('平方米');

    type(element, 'move-landParcel', '昆仑经济技术开发区 3号标准化厂房');
    type(element, 'move-plantAreaSqm', '12000');
    form.controls['siteDocumentKind'].setValue('lease');
    enter(element, 'move-siteDocumentOn', '2025-04-10');
    // Without the lease's number the form names it and sends nothing.
    submit(element);
    await fixture.whenStable();
    expect(element.querySelector('#move-siteDocumentRef')?.closest('nz-form-control')?.textContent).toContain('产权证号或租赁合同编号');
    backend.expectNone(`/api/projects/${ID}/stage-moves`);

    type(element, 'move-siteDocumentRef', 'ZL-2025-017');
    submit(element);
    await fixture.whenStable();
    const request = backend.expectOne(`/api/projects/${ID}/stage-moves`);
    expect(request.request.body).toEqual({
      to: 'land',
      version: 3,
      landRoute: 'idle-plant',
      landParcel: '昆仑经济技术开发区 3号标准化厂房',
      plantAreaSqm: '12000',
      siteDocumentKind: 'lease',
      siteDocumentRef: 'ZL-2025-017',
      siteDocumentOn: '2025-04-10',
    });
    request.flush({ ...answer.project, stage: 'land', landRoute: 'idle-plant' });
  });

  it('asks for nothing but opens the evaluation when dropped on 项目评估', async () => {
    const { element, labels } = await render('evaluation', detail('negotiation'));
    expect(labels()).toEqual([REACHED]);
    expect(element.querySelector('.opens-evaluation')).not.toBeNull();
  });

  it('asks only for a reason when moving back', async () => {
    const { labels } = await render('lead', detail('negotiation'));
    expect(labels()).toEqual([REACHED, '退回原因']);
  });

  it('names what must be done first, and cannot be confirmed, when the gate needs more than a form', async () => {
    const answer = detail('lead', { plannedInvestment: null });
    answer.timeline = [];
    const { element, labels } = await render('negotiation', answer);
    expect(labels()).toEqual(['计划总投资', REACHED]);
    expect(element.querySelector('.blockers [data-field="activities"]')?.textContent).toContain('请至少登记一次对接');
    expect((element.querySelector('button.confirm-move') as HTMLButtonElement).disabled).toBe(true);
  });

  it('sends the facts with the loaded version, and shows a refusal next to its field', async () => {
    const answer = detail('evaluation');
    answer.evaluations = [passedEvaluation(ID)];
    const { fixture, element, moved } = await render('signed', answer);

    submit(element);
    await fixture.whenStable();
    expect(element.querySelector('#move-signedAmount')?.closest('nz-form-control')?.textContent).toContain('请填写签约金额');

    type(element, 'move-signedAmount', '50000');
    enter(element, 'move-signedOn', '2025-05-20');
    type(element, 'move-agreementRef', 'GEM-2025-017');
    submit(element);
    await fixture.whenStable();
    const request = backend.expectOne(`/api/projects/${ID}/stage-moves`);
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({
      to: 'signed',
      version: 3,
      signedAmount: '50000',
      signedOn: '2025-05-20',
      agreementRef: 'GEM-2025-017',
    });
    request.flush(
      {
        statusCode: 422,
        message: '不能进入“项目签约”阶段 / Cannot move',
        missing: [{ stage: 'signed', field: 'agreementRef', zh: '协议编号已被其他项目使用', en: 'Reference in use' }],
        errors: {},
      },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    // The refusal lands after the awaited call settles.
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    expect(element.querySelector('#move-agreementRef')?.closest('nz-form-control')?.textContent).toContain(
      '协议编号已被其他项目使用',
    );
    expect(moved).toEqual([]);
  });

  it('sends the estimate with the move in one request, and nothing else first', async () => {
    const { fixture, element, moved } = await render('negotiation', detail('lead', { plannedInvestment: null }));
    type(element, 'move-plannedInvestment', '150000');
    submit(element);
    await fixture.whenStable();
    const request = backend.expectOne(`/api/projects/${ID}/stage-moves`);
    expect(request.request.body).toEqual({ to: 'negotiation', version: 3, plannedInvestment: '150000' });
    request.flush({ ...detail('negotiation').project });
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    expect(moved.map((p) => p.stage)).toEqual(['negotiation']);
  });

  it('asks the move itself to open the evaluation: one request, nothing saved when refused', async () => {
    const { fixture, element, moved } = await render('evaluation', detail('negotiation'));
    submit(element);
    await fixture.whenStable();
    const request = backend.expectOne(`/api/projects/${ID}/stage-moves`);
    expect(request.request.body).toEqual({ to: 'evaluation', version: 3, openEvaluation: true });
    request.flush(
      {
        statusCode: 422,
        message: '不能进入“项目评估”阶段 / Cannot move',
        missing: [{ stage: 'negotiation', field: 'activities', zh: '请至少登记一次对接', en: 'Log a contact' }],
        errors: {},
      },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    expect(moved).toEqual([]);
    expect(element.textContent).toContain('请至少登记一次对接');
  });

  it('sends the day the stage was reached with the move, in the same one request', async () => {
    const { fixture, element, moved } = await render('evaluation', detail('negotiation'));
    const today = shanghaiToday();
    const earlier = `${Number(today.slice(0, 4)) - 1}-03-15`;
    const reached = element.querySelector('#move-reachedOn')?.closest('nz-form-item');
    expect(reached?.textContent).toContain('选填，不填为今天；不能晚于今天');
    // A day after today is greyed out in the picker and not taken when typed.
    enter(element, 'move-reachedOn', `${Number(today.slice(0, 4)) + 1}-01-02`);
    enter(element, 'move-reachedOn', earlier);
    await fixture.whenStable();
    submit(element);
    await fixture.whenStable();
    const requests = backend.match(() => true);
    expect(requests.map((r) => r.request.url)).toEqual([`/api/projects/${ID}/stage-moves`]);
    expect(requests[0].request.body).toEqual({ to: 'evaluation', version: 3, openEvaluation: true, reachedOn: earlier });
    requests[0].flush({ ...detail('evaluation').project });
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    expect(moved.map((p) => p.stage)).toEqual(['evaluation']);
  });

  it('refuses a day after today before sending, and leaves it out when empty', async () => {
    const { fixture, element } = await render('evaluation', detail('negotiation'));
    const form = (fixture.componentInstance as unknown as { form: FormGroup }).form;
    const future = `${Number(shanghaiToday().slice(0, 4)) + 1}-01-02`;
    form.controls['reachedOn'].setValue(future);
    submit(element);
    await fixture.whenStable();
    backend.expectNone(`/api/projects/${ID}/stage-moves`);
    expect(element.querySelector('#move-reachedOn')?.closest('nz-form-control')?.textContent).toContain(
      `到达该阶段的日期不能晚于今天（${shanghaiToday()}）`,
    );

    form.controls['reachedOn'].setValue('');
    submit(element);
    await fixture.whenStable();
    const request = backend.expectOne(`/api/projects/${ID}/stage-moves`);
    expect(request.request.body).toEqual({ to: 'evaluation', version: 3, openEvaluation: true });
    request.flush({ ...detail('evaluation').project });
    await new Promise((resolve) => setTimeout(resolve));
  });
});
