import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { ContactView } from '@crm/domain';
import { ContactForm, mobileDigits } from './contact-form';

const FIRM = 'e0000000-0000-4000-8000-000000000001';
const CONTACT = 'c0000000-0000-4000-8000-000000000001';

function contact(overrides: Partial<ContactView> = {}): ContactView {
  return {
    id: CONTACT,
    enterpriseId: FIRM,
    enterpriseName: '青海盐湖工业股份有限公司',
    name: '张伟',
    title: '副总经理',
    mobileMasked: '138****1234',
    landline: null,
    wechat: null,
    email: 'zhang.wei@example.com',
    notes: null,
    knownBy: [],
    projectIds: [],
    anonymised: false,
    version: 3,
    createdAt: '2040-01-01T00:00:00.000Z',
    updatedAt: '2040-01-01T00:00:00.000Z',
    ...overrides,
  };
}

async function settle(fixture: { whenStable(): Promise<unknown>; detectChanges(): void }): Promise<void> {
  await new Promise((r) => setTimeout(r, 0));
  fixture.detectChanges();
  await fixture.whenStable();
}

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

function type(element: HTMLElement, selector: string, value: string): void {
  const input = element.querySelector(selector) as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event('input'));
}

describe('ContactForm', () => {
  let backend: HttpTestingController;

  afterEach(() => backend.verify());

  async function render(edit: ContactView | null) {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(ContactForm);
    fixture.componentRef.setInput('enterpriseId', FIRM);
    fixture.componentRef.setInput('contact', edit);
    const saved: ContactView[] = [];
    fixture.componentInstance.saved.subscribe((c) => saved.push(c));
    await settle(fixture);
    return { fixture, element: fixture.nativeElement as HTMLElement, saved };
  }

  it('shows an existing mobile masked; 显示号码 asks the API (which audits it), then lets it be edited', async () => {
    const { fixture, element, saved } = await render(contact());
    expect(text(element.querySelector('.mobile-masked'))).toBe('138****1234');
    expect(element.querySelector('#contact-mobile')).toBeNull();
    expect(element.textContent).not.toContain('13800001234');

    // Saving without revealing leaves the number alone: no mobile is sent.
    (element.querySelector('button.save-contact') as HTMLButtonElement).click();
    const untouched = backend.expectOne(`/api/contacts/${CONTACT}`);
    expect(untouched.request.method).toBe('PATCH');
    expect(untouched.request.body).not.toHaveProperty('mobile');
    expect(untouched.request.body).toMatchObject({ name: '张伟', version: 3 });
    untouched.flush(contact({ version: 4 }));
    await settle(fixture);
    expect(saved).toHaveLength(1);

    (element.querySelector('button.reveal') as HTMLButtonElement).click();
    const reveal = backend.expectOne(`/api/contacts/${CONTACT}/reveal`);
    expect(reveal.request.method).toBe('POST');
    reveal.flush({ id: CONTACT, mobile: '13800001234' });
    await settle(fixture);
    expect(element.querySelector('.mobile-masked')).toBeNull();
    expect((element.querySelector('#contact-mobile') as HTMLInputElement).value).toBe('13800001234');
  });

  it('checks a new contact before sending: a mainland mobile, a valid e-mail, a name', async () => {
    const { fixture, element, saved } = await render(null);
    expect(element.querySelector('.mobile-masked')).toBeNull();
    type(element, '#contact-name', '李娜');
    type(element, '#contact-mobile', '12800001234');
    type(element, '#contact-email', 'li.na@');
    (element.querySelector('button.save-contact') as HTMLButtonElement).click();
    await settle(fixture);
    backend.expectNone('/api/contacts');
    expect(element.textContent).toContain('手机号码应为11位大陆手机号');
    expect(element.textContent).toContain('电子邮箱格式不正确');

    type(element, '#contact-mobile', '139 0000 5678');
    type(element, '#contact-email', 'li.na@example.com');
    (element.querySelector('button.save-contact') as HTMLButtonElement).click();
    const create = backend.expectOne('/api/contacts');
    expect(create.request.method).toBe('POST');
    expect(create.request.body).toMatchObject({ enterpriseId: FIRM, name: '李娜', mobile: '13900005678', email: 'li.na@example.com' });
    create.flush(contact({ name: '李娜', mobileMasked: '139****5678' }));
    await settle(fixture);
    expect(saved.map((c) => c.name)).toEqual(['李娜']);
  });

  it('names the field the API refuses', async () => {
    const { fixture, element } = await render(null);
    type(element, '#contact-name', '王强');
    (element.querySelector('button.save-contact') as HTMLButtonElement).click();
    backend.expectOne('/api/contacts').flush(
      {
        statusCode: 422,
        message: '没有找到所选企业 / The firm does not exist',
        errors: { enterpriseId: ['没有找到所选企业 / The firm does not exist'] },
      },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await settle(fixture);
    expect(text(element.querySelector('.failure'))).toContain('没有找到所选企业');
  });

  it('drops spaces and dashes typed inside a number', () => {
    expect(mobileDigits('138-0000 1234')).toBe('13800001234');
  });
});
