// The e-form builder and the publication workflow in the browser (issue 17): a province administrator opens a
// procedure's e-form (read-only: made by hand), starts a new one from a JSON file with a conditional field, a
// repeating group and registry-mapped fields, sees the mistake of a condition on a later field at that field, tries
// the conditional field and the group in the phone preview, saves a draft, reviews and publishes it with the deciding
// document; the public page shows the decision and the effective date.
// Not covered here yet: the citizen filing the new form on a phone and the staff dossier page (see the report).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { toSchema } from '../src/domain/eform/builder';
import { SAMPLE } from '../src/domain/eform/sample';
import { DESKTOP, launch, newPage, screenshot, signIn } from './browser';

const poll = <T>(fn: () => Promise<T> | T, timeout = 20_000) => expect.poll(fn, { timeout });

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
  }, 300_000);
});
