// Feedback in the browser: a citizen on a phone sends feedback on their dossier (a missing name is shown beside
// the field first), the feedback officer's vague answer is refused with the reasons beside the fields, a
// specific one is approved by the leader and published, and the citizen rates it on the phone.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiLogin, createDossier, demoCitizens } from './api';
import { DESKTOP, launch, newPage, PHONE, screenshot, signIn } from './browser';

const poll = <T>(fn: () => Promise<T> | T, timeout = 15_000) => expect.poll(fn, { timeout });
const PHONE_NO = '0987 123 456';

/** Picks an option of an antd Select found by its accessible name. */
async function pick(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: label }).first().click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
}

describe.skipIf(!process.env.MOTCUA_E2E)('feedback from a phone to the citizen’s verdict (browser)', () => {
  let browser: Browser;
  const baseUrl = inject('baseUrl');
  const password = inject('demoPassword');
  let dossier: { id: string; code: string };
  let citizen: { idNumber: string; fullName: string };
  let code = '';

  beforeAll(async () => {
    browser = await launch();
    citizen = (await demoCitizens(baseUrl, password, 5))[3]!;
    dossier = await createDossier(await apiLogin(baseUrl, 'hacthanh.reception-officer', password), citizen);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a citizen sends feedback on their dossier from a phone', { timeout: 120_000 }, async () => {
    const { page, context } = await newPage(browser, baseUrl, PHONE);
    await page.goto('/phan-anh');
    await page.getByLabel('Gửi đến').selectOption({ label: 'Phường Hạc Thành' });
    await page.getByLabel('Tiêu đề').fill('Hẹn trả kết quả nhiều lần');
    await page
      .getByLabel('Nội dung', { exact: true })
      .fill('Tôi nộp hồ sơ xác nhận tình trạng hôn nhân, cán bộ hẹn lại nhiều lần mà không nói lý do.');
    await page.getByLabel(/Các nội dung đề nghị trả lời/).fill('Vì sao hẹn lại nhiều lần\nKhi nào có kết quả');
    await page.getByLabel('Mã hồ sơ liên quan (không bắt buộc)').fill(dossier.code);
    await page.getByLabel('Số định danh cá nhân của người đứng tên hồ sơ').fill(citizen.idNumber);
    await page.getByLabel('Số điện thoại').fill(PHONE_NO);
    await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
    // Decree 20/2008 Art. 7: no name → the message beside the name field, nothing sent.
    await page.locator('#fb-fullName-error').waitFor();
    expect(await page.locator('#fb-fullName-error').textContent()).toContain('họ và tên');
    await screenshot(page, 'feedback-send-error-phone', true);
    await page.getByLabel('Họ và tên').fill(citizen.fullName);
    await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
    await page.getByTestId('feedback-done').waitFor();
    code = (/PA-\S+/.exec((await page.getByTestId('feedback-done').locator('h1').textContent()) ?? '') ?? [''])[0];
    expect(code).toMatch(/^PA-/);
    await screenshot(page, 'feedback-sent-phone');
    await context.close();
  });

  it('the officer’s vague answer is refused with the reasons; a specific one is approved and published', { timeout: 180_000 }, async () => {
    const officer = await newPage(browser, baseUrl, DESKTOP);
    await signIn(officer.page, 'hacthanh.feedback-officer', password);
    await officer.page.goto('/can-bo/phan-anh');
    await officer.page.getByRole('link', { name: code }).waitFor({ timeout: 60_000 });
    await screenshot(officer.page, 'feedback-queue');
    await officer.page.getByRole('link', { name: code }).click();
    await officer.page.getByTestId('fb-act-accept').click();
    await officer.page.getByTestId('answer-form').waitFor();
    // Vague: an explanation without a legal basis, answered with empty phrases.
    await pick(officer.page, 'Kết quả xử lý', 'Giải thích, hướng dẫn');
    await officer.page.getByTestId('answer-response-0').fill('Đã tiếp nhận, sẽ xem xét theo quy định.');
    await officer.page.getByTestId('answer-submit').click();
    await officer.page.getByTestId('err-legalBasis').waitFor();
    expect(await officer.page.getByTestId('err-points-0').textContent()).toContain('chung chung');
    expect(await officer.page.getByTestId('err-points-1').textContent()).toContain('chưa được trả lời');
    expect(await officer.page.getByTestId('answer-error').textContent()).toContain('chưa cụ thể');
    await screenshot(officer.page, 'feedback-answer-refused', true);
    // Specific.
    await officer.page.getByTestId('add-basis').click();
    await officer.page.getByLabel('Văn bản').fill('Nghị định 123/2015/NĐ-CP');
    await officer.page.getByLabel('Điều, khoản').fill('Điều 22');
    await officer.page
      .getByTestId('answer-response-0')
      .fill(
        'Hồ sơ cần xác minh nơi cư trú trước đây của Ông/Bà; cán bộ đã không ghi lý do vào phiếu hẹn và đã được Trung tâm nhắc nhở bằng văn bản.',
      );
    await officer.page
      .getByTestId('answer-response-1')
      .fill('Kết quả được trả ngày 15/12/2026 tại quầy số 2, Ông/Bà không cần mang thêm giấy tờ.');
    await officer.page.getByTestId('answer-submit').click();
    await poll(() => officer.page.getByTestId('fb-status').textContent()).toContain('chờ duyệt');

    const leader = await newPage(browser, baseUrl, DESKTOP);
    await signIn(leader.page, 'hacthanh.leader', password);
    await leader.page.goto(officer.page.url());
    await leader.page.getByTestId('fb-act-approve').click();
    await poll(() => leader.page.getByTestId('fb-status').textContent()).toContain('chờ công khai');
    await leader.context.close();

    await officer.page.reload();
    await officer.page.getByTestId('fb-act-publish').click();
    await poll(() => officer.page.getByTestId('fb-status').textContent()).toBe('Đã công khai kết quả');
    await screenshot(officer.page, 'feedback-published-staff', true);
    await officer.context.close();
  });

  it('the citizen reads the answer on the phone and rates it', { timeout: 120_000 }, async () => {
    const { page, context } = await newPage(browser, baseUrl, PHONE);
    await page.goto(`/phan-anh/${encodeURIComponent(code)}`);
    await page.getByLabel('Số điện thoại đã dùng khi gửi').fill(PHONE_NO);
    await page.getByRole('button', { name: 'Xem' }).click();
    await page.getByTestId('feedback-answer').waitFor();
    expect(await page.getByTestId('feedback-answer').textContent()).toContain('Điều 22');
    await page.getByLabel('Hài lòng', { exact: true }).check();
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await poll(() => page.getByTestId('feedback-status').textContent()).toBe('Đã kết thúc');
    expect(await page.getByTestId('feedback-view').textContent()).toContain('Ông/Bà đã đánh giá: Hài lòng');
    await screenshot(page, 'feedback-rated-phone', true);
    // The public page shows it without the sender's name or phone.
    await page.goto('/phan-anh/cong-khai?q=hen lai nhieu lan');
    await page.getByTestId('feedback-published').getByText(code).first().waitFor();
    const text = (await page.getByTestId('feedback-published').textContent()) ?? '';
    expect(text).not.toContain(citizen.fullName);
    expect(text).not.toContain('0987');
    await screenshot(page, 'feedback-public-phone', true);
    await context.close();
  });
});
