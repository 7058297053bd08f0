// The e-form builder and the publication workflow in the browser (issue 17): a province administrator opens a
// procedure's e-form (read-only: made by hand), starts a new one from a JSON file with a conditional field, a
// repeating group and registry-mapped fields, sees the mistake of a condition on a later field at that field, tries
// the conditional field and the group in the phone preview, saves a draft, reviews and publishes it with the deciding
// document; the public page shows the decision and the effective date. Then a citizen files the new form on a phone
// (the registry's fields shown, not asked; the conditional field appears when its condition holds; a repeating group
// with two rows), the staff dossier page shows the answers under their labels, and the province's reviewer reads the
// procedure in the catalogue review, records the law's time and signs off.
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { toSchema } from '../src/domain/eform/builder';
import { SAMPLE } from '../src/domain/eform/sample';
import { apiLogin } from './api';
import { DESKTOP, launch, newPage, PHONE, screenshot, signIn } from './browser';

const poll = <T>(fn: () => Promise<T> | T, timeout = 20_000) => expect.poll(fn, { timeout });

type RegistryCitizen = { idNumber: string; fullName: string; dateOfBirth: string; phone: string; address: string };

/** A small valid PDF, different every time (the server stores files by content). */
function pdf(name: string): { name: string; mimeType: string; buffer: Buffer } {
  const body = `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF ${randomUUID()}`;
  return { name, mimeType: 'application/pdf', buffer: Buffer.from(body) };
}

const field = (page: Page, path: string) => page.locator(`#f-${path.replace(/\./g, '-')}`);

/** Types a date into the portal's three boxes (day, month, year). */
async function fillDate(page: Page, path: string, iso: string): Promise<void> {
  const [y, m, d] = iso.split('-');
  const id = `#f-${path.replace(/\./g, '-')}`;
  await page.locator(`${id}-day`).fill(d!);
  await page.locator(`${id}-month`).fill(m!);
  await page.locator(`${id}-year`).fill(y!);
}

describe.skipIf(!process.env.MOTCUA_E2E)('e-form builder and publication (browser)', () => {
  let browser: Browser;
  const baseUrl = inject('baseUrl');
  const password = inject('demoPassword');

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('builds an e-form, previews it on a phone, saves a draft and publishes it with the deciding document', async () => {
    const { context, page } = await newPage(browser, baseUrl, { width: 1600, height: 1000 });
    await signIn(page, 'tinh.province-admin', password);
    await page.goto('/quan-tri/thu-tuc');
    await page.getByLabel('Lọc theo tên hoặc mã thủ tục').fill('dang ky giam ho');
    const edit = page.getByRole('button', { name: /^Sửa thủ tục Đăng ký giám hộ/ });
    await edit.click();
    const drawer = page.locator('.ant-drawer-content');
    await drawer.getByRole('tab', { name: 'Biểu mẫu điện tử' }).click();
    await drawer.getByTestId('eform-builder').waitFor();

    // A condition on a later field is shown at that field; the JSON import brings the whole form in.
    const bad = structuredClone(SAMPLE);
    bad.sections[1]!.fields[4]!.showWhen = { field: 'con', equals: 'x' };
    const file = (def: typeof SAMPLE) => ({
      name: 'bieu-mau.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(toSchema(def, { units: ['Phường Hạc Thành', 'Xã Nguyệt Viên', 'Phường Đông Tiến'] }))),
    });
    await drawer.getByTestId('eform-import-file').setInputFiles(file(bad));
    await poll(() => drawer.getByTestId('eform-issue').first().textContent()).toContain('nằm phía sau');
    await drawer.getByTestId('eform-import-file').setInputFiles(file(SAMPLE));
    await poll(() => drawer.getByTestId('eform-issue').count()).toBe(0);

    // The phone preview is the portal's renderer: registry fields shown, the condition and the group work.
    const phone = drawer.getByTestId('eform-preview-phone');
    await phone.getByTestId('registry-nguoiKhai.hoTen').waitFor();
    expect(await phone.getByText('Ghi rõ quan hệ').count()).toBe(0);
    await phone.getByRole('radio', { name: 'Khác' }).check();
    await phone.getByText('Ghi rõ quan hệ').waitFor();
    await phone.getByRole('checkbox', { name: /Có con dưới 14 tuổi/ }).check();
    await phone.getByRole('button', { name: /Thêm con dưới 14 tuổi/ }).click();
    await phone.locator('[data-path="noiDung.con.0"]').waitFor();
    await screenshot(page, 'eform-builder-desktop');
    await drawer.getByRole('tab', { name: 'Tờ khai in' }).click();
    await drawer.getByTestId('eform-preview-print').waitFor();
    await screenshot(page, 'eform-builder-print-desktop');

    // Save: a new draft version; publication: review, then publish with the deciding document.
    await drawer.getByTestId('eform-save').click();
    await page.getByText(/Đã lưu bản nháp, phiên bản/).waitFor();
    await drawer.getByRole('tab', { name: 'Công bố' }).click();
    const panel = drawer.getByTestId('publication-panel');
    const draft = panel.locator('.ant-list-item').first();
    await poll(() => draft.getByTestId('version-status').textContent()).toBe('Bản nháp');
    await draft.getByTestId('show-changes').click();
    await poll(() => drawer.getByTestId('changes').textContent()).toContain('Ghi rõ quan hệ');
    await draft.getByTestId('review').click();
    await poll(() => draft.getByTestId('version-status').textContent()).toBe('Đã rà soát');
    await draft.getByTestId('decision-number').fill('25/QĐ-UBND');
    await draft.getByTestId('decision-date').fill('2026-03-02');
    await draft.getByTestId('effective-date').fill('2026-03-01');
    await draft.getByTestId('publish').click();
    await poll(() => drawer.getByTestId('publication-error').textContent()).toContain('trước ngày quyết định');
    await draft.getByTestId('effective-date').fill('2026-03-16');
    await draft.getByTestId('publish').click();
    await poll(() => draft.getByTestId('version-status').textContent()).toBe('Đã công bố');
    await screenshot(page, 'eform-publication-desktop');
    await context.close();

    // The public page: the deciding document and the effective date.
    const pub = await newPage(browser, baseUrl, DESKTOP);
    const found = (await (await pub.page.request.get(`${baseUrl}/api/procedures?q=1.004837`)).json()) as { items: { id: string }[] };
    await pub.page.goto(`/thu-tuc/${found.items[0]!.id}`);
    await poll(() => pub.page.getByTestId('proc-decision').textContent()).toBe(
      'Công bố theo Quyết định 25/QĐ-UBND ngày 02/03/2026; có hiệu lực từ ngày 16/03/2026.',
    );
    await pub.context.close();
    procedureId = found.items[0]!.id;
  }, 300_000);

  let procedureId = '';
  let dossierCode = '';

  it('a citizen files the published form on a phone: registry fields shown, the condition and the group work', async () => {
    expect(procedureId).not.toBe('');
    const admin = await apiLogin(baseUrl, 'admin', password);
    const all = (await admin.get<{ items: RegistryCitizen[] }>('/api/sim/registry/citizens?limit=80')).items;
    // The VNeID simulator gives ID numbers ending in 4 or 9 a level-1 account; the others level 2.
    const c = all.filter((x) => !/[49]$/.test(x.idNumber) && x.phone).at(-3)!;
    const start = await fetch(`${baseUrl}/api/portal/auth/vneid?level=2&returnTo=/cong-dan`, { redirect: 'manual' });
    const portalUrl = new URL(start.headers.get('location')!).origin;
    const { context, page } = await newPage(browser, portalUrl, PHONE);
    await page.goto(`/thu-tuc/${procedureId}`);
    await page.getByTestId('file-online').click();
    await page.waitForURL(`**/nop-truc-tuyen/${procedureId}`);
    await page.getByTestId('vneid-sign-in').first().click();
    await page.waitForURL(/\/api\/sim\/vneid\//);
    await page.getByLabel('Số định danh cá nhân').fill(c.idNumber);
    await page.getByLabel(/Mật khẩu/).fill('123456');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/api/'));
    await page.getByTestId('eform').waitFor();

    // The registry's fields are shown, not asked.
    await poll(() => page.getByTestId('registry-nguoiKhai.hoTen').textContent()).toBe(c.fullName);
    expect(await page.getByTestId('registry-nguoiKhai.soDinhDanh').textContent()).toBe(c.idNumber);
    expect(await field(page, 'nguoiKhai.hoTen').count()).toBe(0);
    await field(page, 'nguoiKhai.soDienThoai').fill('0912345678');

    const address = page.locator('[data-path="noiDung.diaChiMoi.unit"]');
    if (await address.getByRole('radio').count()) await address.getByRole('radio', { name: 'Phường Hạc Thành' }).check();
    else await field(page, 'noiDung.diaChiMoi.unit').selectOption('Phường Hạc Thành');
    await field(page, 'noiDung.diaChiMoi.detail').fill('Số 12, đường Lê Lợi');
    await field(page, 'noiDung.soNguoi').fill('3');
    await fillDate(page, 'noiDung.ngayDen', '2025-09-01');

    // The conditional field appears only when its condition holds.
    expect(await field(page, 'noiDung.quanHeKhac').count()).toBe(0);
    await page.locator('[data-path="noiDung.quanHe"]').getByRole('radio', { name: 'Khác' }).check();
    await field(page, 'noiDung.quanHeKhac').fill('Cháu ruột');

    // The repeating group, shown when "có con" is ticked, with two rows.
    expect(await page.locator('[data-path="noiDung.con"]').count()).toBe(0);
    await field(page, 'noiDung.coConNho').check();
    const group = page.locator('[data-path="noiDung.con"]');
    await group.getByRole('button', { name: /Thêm/ }).click();
    await field(page, 'noiDung.con.0.hoTen').fill('Nguyễn Minh An');
    await fillDate(page, 'noiDung.con.0.ngaySinh', '2018-05-20');
    await group.getByRole('button', { name: /Thêm/ }).click();
    await field(page, 'noiDung.con.1.hoTen').fill('Nguyễn Minh Khang');
    await fillDate(page, 'noiDung.con.1.ngaySinh', '2021-11-02');
    await page.locator('[data-path="noiDung.con"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'eform-citizen-group-phone');

    // The papers the registry does not hold, the unit, then submit with the code sent by SMS.
    const procedure = (await (await page.request.get(`/api/procedures/${procedureId}`)).json()) as {
      components: { id: string; mandatory: boolean; fromRegistry: boolean }[];
    };
    for (const comp of procedure.components.filter((x) => x.mandatory && !x.fromRegistry)) {
      const name = `giay-to-${comp.id.slice(0, 4)}.pdf`;
      await page.getByTestId(`upload-${comp.id}`).setInputFiles(pdf(name));
      await page.getByTestId(`comp-${comp.id}`).getByText(name).waitFor();
    }
    const unit = page.locator('#p-unit');
    const hacThanh = await unit.locator('option', { hasText: 'Hạc Thành' }).getAttribute('value');
    await unit.selectOption(hacThanh!);
    await poll(() => page.getByTestId('sync-status').getAttribute('data-status')).toBe('saved');
    await screenshot(page, 'eform-citizen-before-submit-phone', true);
    await page.getByTestId('submit').click();
    // Waits for the code step; if the form refuses instead, the test says why (the summary and the submit error).
    const refused = async () =>
      [
        await page.getByTestId('error-summary').textContent(),
        (await page.getByTestId('submit-error').count()) ? await page.getByTestId('submit-error').textContent() : '',
      ].join(' | ');
    await page
      .getByTestId('otp-step')
      .waitFor({ timeout: 30_000 })
      .catch(async () => {
        await screenshot(page, 'eform-citizen-refused-phone', true);
        throw new Error(`no code step: ${await refused()}`);
      });
    const sent = (await page.getByTestId('otp-sent').textContent()) ?? '';
    const prefix = /bằng ([A-Z]{2})-$/.exec(sent)![1]!;
    let code = '';
    await poll(async () => {
      const items = (await admin.get<{ items: { text: string }[] }>(`/api/sim/sms/messages?to=${encodeURIComponent(c.phone)}`)).items;
      const m = items.map((i) => new RegExp(`\\b${prefix}-(\\d{6})\\b`).exec(i.text)).find(Boolean);
      code = m ? m[1]! : '';
      return code;
    }, 30_000).toMatch(/^\d{6}$/);
    await page.getByLabel('Mã xác nhận (6 chữ số)').fill(code);
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await page.getByTestId('done').waitFor({ timeout: 30_000 });
    dossierCode = (await page.getByTestId('dossier-code').textContent())!;
    expect(dossierCode).toMatch(/-\d{6}-\d{4,}$/);
    await screenshot(page, 'eform-citizen-done-phone');
    await context.close();

    // The Hạc Thành officer's dossier page shows every answer under its label, the group's rows too.
    const officer = await apiLogin(baseUrl, 'hacthanh.reception-officer', password);
    const queue = await officer.get<{ items: { id: string; code: string }[] }>('/api/dossiers?status=submitted&limit=100');
    const dossierId = queue.items.find((d) => d.code === dossierCode)!.id;
    const staff = await newPage(browser, baseUrl, DESKTOP);
    await signIn(staff.page, 'hacthanh.reception-officer', password);
    await staff.page.goto(`/can-bo/ho-so/${dossierId}`);
    const answers = staff.page.getByTestId('form-answers');
    await answers.waitFor();
    const shown = (await answers.innerText()).replace(/\s+/g, ' ');
    for (const text of [
      `Họ và tên ${c.fullName}`,
      `Số định danh cá nhân ${c.idNumber}`,
      'Số điện thoại 0912345678',
      'Số nhà, đường, thôn/tổ dân phố Số 12, đường Lê Lợi',
      'Số người 3',
      'Ngày chuyển đến 01/09/2025',
      'Quan hệ với chủ hộ Khác',
      'Ghi rõ quan hệ Cháu ruột',
      'Con dưới 14 tuổi 1 Họ và tên Nguyễn Minh An Ngày sinh 20/05/2018',
      'Con dưới 14 tuổi 2 Họ và tên Nguyễn Minh Khang Ngày sinh 02/11/2021',
    ])
      expect(shown).toContain(text);
    // The commune or ward of the address, by the name the province's unit list gives it.
    expect(shown).toMatch(/Xã\/phường [^:]*Hạc Thành Số nhà/);
    for (const key of ['quanHeKhac', 'coConNho', 'diaChiMoi', 'hoTen']) expect(shown).not.toContain(key);
    await answers.scrollIntoViewIfNeeded();
    await screenshot(staff.page, 'eform-staff-answers-desktop');
    await staff.context.close();
  }, 300_000);

  it('the reviewer reads the procedure in the catalogue review, records the law’s time and signs off', async () => {
    const { context, page } = await newPage(browser, baseUrl, { width: 1600, height: 1000 });
    await signIn(page, 'tinh.province-admin', password);
    await page.goto('/quan-tri/ra-soat');
    await page.getByLabel('Tìm theo mã hoặc tên thủ tục').fill('1.004837');
    const row = page.getByTestId('review-row-1.004837');
    await row.click();
    const detail = page.getByTestId('review-detail-1.004837');
    await detail.waitFor();
    await poll(() => detail.getByTestId('review-fields').textContent()).toContain('Ghi rõ quan hệ');
    await detail.getByLabel('Thời hạn luật định (ngày làm việc)').fill('1');
    await detail.getByTestId('legal-source').fill('Luật Hộ tịch 2014, Điều 21');
    await detail.getByTestId('legal-save').click();
    await poll(() => detail.getByTestId('review-time').textContent()).toContain('Luật Hộ tịch 2014, Điều 21');
    await detail.getByTestId('signoff-note').fill('Đã đối chiếu biểu mẫu và thời hạn');
    await detail.getByTestId('signoff').click();
    await poll(() => detail.getByTestId('review-signoff').textContent()).toContain('Đã đối chiếu biểu mẫu và thời hạn');
    await screenshot(page, 'catalogue-review-desktop');
    await context.close();
  }, 180_000);
});
