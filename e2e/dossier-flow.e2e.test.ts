// A dossier from the counter to the returned result, in the browser: keyboard-only intake (measured), the receipt,
// then supplement, assignment, approval, issue and return by the roles that do them, every form opened as a PDF;
// what the law's rules forbid not offered in the UI (second supplement, stop without a withdrawal request, second
// extension) and a late refusal shown beside the confirm button; and
// an intake that survives going offline and a reload.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiLogin, createDossier, demoCitizens, type Citizen } from './api';
import { DESKTOP, launch, newPage, PHONE, screenshot, signIn } from './browser';

/** A one-page PDF to attach (a signed result, the scan of a signed request). */
async function onePagePdf(name: string): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  const { PDFDocument } = await import('pdf-lib');
  const doc = await PDFDocument.create();
  doc.addPage();
  return { name, mimeType: 'application/pdf', buffer: Buffer.from(await doc.save()) };
}

/** expect.poll with a timeout that fits server round trips (vitest's default is one second). */
const poll = <T>(fn: () => Promise<T> | T, timeout = 10_000) => expect.poll(fn, { timeout });

type Session = { context: BrowserContext; page: Page };
const LONG = { timeout: 300_000 };

async function expectPdf(page: Page, dossierId: string, form: string): Promise<void> {
  const r = await page.request.get(`/api/dossiers/${dossierId}/forms/${form}.pdf`);
  expect(r.status(), form).toBe(200);
  expect(r.headers()['content-type']).toContain('application/pdf');
  expect((await r.body()).subarray(0, 5).toString('latin1'), form).toBe('%PDF-');
}

/** The form link on the dossier page exists, and what it points to is a PDF. */
async function openForm(page: Page, dossierId: string, form: string): Promise<void> {
  await page.getByTestId(`form-${form}`).waitFor();
  expect(await page.getByTestId(`form-${form}`).getAttribute('href')).toBe(`/api/dossiers/${dossierId}/forms/${form}.pdf`);
  await expectPdf(page, dossierId, form);
}

async function statusIs(page: Page, label: string): Promise<void> {
  await poll(() => page.getByTestId('status').textContent(), 15_000).toBe(label);
}

/** Ticks the dialog's first checkbox. The dialog may still be animating in: a click it swallowed is tried again. */
async function checkFirst(dialog: ReturnType<Page['getByRole']>): Promise<void> {
  const box = dialog.getByRole('checkbox').first();
  for (let i = 0; i < 5 && !(await box.isChecked()); i++) await box.check({ timeout: 2_000 }).catch(() => undefined);
  expect(await box.isChecked()).toBe(true);
}

/** Opens an action's dialog on the dossier page. */
async function openAction(page: Page, action: string): Promise<ReturnType<Page['getByRole']>> {
  await page.getByTestId(`action-${action}`).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  return dialog;
}

/**
 * Presses the dialog's confirm button once the dialog has finished opening (antd zooms it in): a press during the
 * opening was seen to be lost on a loaded machine, and a person presses a dialog they can read, not one still growing.
 */
async function confirm(page: Page): Promise<void> {
  await page.locator('.ant-modal.ant-zoom-appear, .ant-modal.ant-zoom-enter').waitFor({ state: 'detached' });
  await page.getByTestId('action-submit').click();
}

async function actionDone(page: Page): Promise<void> {
  try {
    await page.getByRole('dialog').waitFor({ state: 'detached', timeout: 60_000 });
  } catch (e) {
    // Say what the dialog shows (a refusal, a field message) and whether its request was still on its way, rather
    // than only that it stayed open.
    const text = await page
      .getByRole('dialog')
      .innerText()
      .catch(() => '');
    const waiting = await page
      .locator('[data-testid="action-submit"].ant-btn-loading')
      .count()
      .catch(() => -1);
    await screenshot(page, 'failed-action-dialog').catch(() => undefined);
    throw new Error(
      `the dialog stayed open (${waiting > 0 ? 'its request still unanswered' : 'no request on its way'}): ${text.replace(/\s+/g, ' ').slice(0, 600)}`,
      { cause: e },
    );
  }
}

describe.skipIf(!process.env.MOTCUA_E2E)('dossier from counter to result (browser)', () => {
  let browser: Browser;
  const baseUrl = inject('baseUrl');
  const password = inject('demoPassword');
  let citizens: Citizen[] = [];
  const sessions = new Map<string, Session>();

  /** One signed-in browser context per demo user, reused across tests. */
  async function as(username: string, viewport = DESKTOP): Promise<Page> {
    const key = `${username}@${viewport.width}`;
    const s = sessions.get(key);
    if (s) return s.page;
    const n = await newPage(browser, baseUrl, viewport);
    await signIn(n.page, username, password);
    sessions.set(key, n);
    return n.page;
  }

  beforeAll(async () => {
    browser = await launch();
    citizens = await demoCitizens(baseUrl, password, 40);
  });
  afterAll(async () => {
    for (const s of sessions.values()) await s.context.close();
    await browser?.close();
  });

  // Long walks through many screens and roles: generous time on a loaded machine (nothing here asserts speed).
  it(
    'counter intake with the keyboard, receipt, then supplement → assignment → approval → result → return, every form a PDF',
    LONG,
    async () => {
      const officer = await as('hacthanh.reception-officer');
      await officer.goto('/can-bo/tiep-nhan');
      await officer.getByTestId('intake').waitFor();
      // The ID field has the focus: no mouse needed from here on.
      expect(await officer.evaluate('document.activeElement.id')).toBe('intake-id');
      await screenshot(officer, 'intake-empty-desktop');

      const citizen = citizens[3]!;
      let keys = 0;
      const type = async (s: string) => {
        keys += s.length;
        await officer.keyboard.type(s);
      };
      const press = async (k: string) => {
        keys += 1;
        await officer.keyboard.press(k);
      };
      const started = Date.now();
      await type(citizen.idNumber);
      await press('Enter');
      await poll(() => officer.getByTestId('citizen-name').textContent()).toBe(citizen.fullName);
      await screenshot(officer, 'intake-step1-desktop');
      // Enter moved the focus to the procedure search.
      expect(await officer.evaluate('document.activeElement.id')).toBe('intake-proc');
      await type('xac nhan tinh trang hon nhan');
      await officer.locator('#proc-results [role=option]').first().waitFor();
      await screenshot(officer, 'intake-step2-desktop');
      await press('Enter');
      await officer.getByTestId('chosen-proc').getByText('Cấp Giấy xác nhận tình trạng hôn nhân').waitFor();
      // Identity and residence come from the registry: ticked and locked.
      expect(await officer.getByText('Lấy từ CSDL dân cư').count()).toBe(2);
      // The focus is on the first mandatory component still to tick: Space ticks it.
      await press('Space');
      await screenshot(officer, 'intake-step3-desktop');
      await press('Control+Enter');
      await officer.getByTestId('intake-done').waitFor();
      const seconds = (Date.now() - started) / 1000;
      const code = (await officer.getByTestId('dossier-code').textContent())!;
      expect(code).toMatch(/-\d{6}-\d{4,}$/);
      expect(await officer.getByTestId('due-text').textContent()).toMatch(/^Hẹn trả: \d{2} giờ \d{2}, ngày \d{2}\/\d{2}\/\d{4}$/);
      console.log(
        `[intake] routine intake by keyboard: ${keys} keystrokes, ${seconds.toFixed(1)} s (browser automation, server round trips included)`,
      );
      await screenshot(officer, 'intake-done-desktop');

      // Enter on the focused "In phiếu hẹn" opens the receipt PDF.
      expect(await officer.evaluate('document.activeElement.dataset.testid')).toBe('print-receipt');
      const context = officer.context();
      const [receipt, popup] = await Promise.all([
        context.waitForEvent('response', (r) => r.url().includes('/forms/receipt.pdf')),
        context.waitForEvent('page'),
        officer.keyboard.press('Enter'),
      ]);
      expect(receipt.status()).toBe(200);
      expect(receipt.headers()['content-type']).toContain('application/pdf');
      const id = /\/api\/dossiers\/([0-9a-f-]{36})\//.exec(receipt.url())![1]!;
      // The PDF viewer tab keeps the browser busy: close it, as the officer would after printing.
      await popup.close();
      await expectPdf(officer, id, 'receipt');

      // Officer: supplement request (one component, with a reason), then the citizen brings it.
      await officer.goto(`/can-bo/ho-so/${id}`);
      await statusIs(officer, 'Đã tiếp nhận');
      await screenshot(officer, 'dossier-desktop');
      let dialog = await openAction(officer, 'request-supplement');
      await dialog.getByText('Chỉ được yêu cầu bổ sung một lần').waitFor();
      await checkFirst(dialog);
      await dialog.getByTestId('action-reason').fill('Tờ khai chưa ghi nơi cư trú trước đây.');
      await confirm(officer);
      await actionDone(officer);
      await statusIs(officer, 'Chờ bổ sung giấy tờ');
      await openForm(officer, id, 'supplement-request');
      dialog = await openAction(officer, 'receive-supplement');
      await confirm(officer);
      await actionDone(officer);
      await statusIs(officer, 'Đã tiếp nhận');

      // Centre director assigns (by least load), the specialist submits, the leader approves.
      const director = await as('hacthanh.centre-director');
      await director.goto(`/can-bo/ho-so/${id}`);
      dialog = await openAction(director, 'assign');
      await confirm(director);
      await actionDone(director);
      await statusIs(director, 'Đang xử lý');

      const specialist = await as('hacthanh.specialist');
      await specialist.goto(`/can-bo/ho-so/${id}`);
      await openAction(specialist, 'submit-for-approval');
      await confirm(specialist);
      await actionDone(specialist);
      await statusIs(specialist, 'Chờ phê duyệt');

      const leader = await as('hacthanh.leader');
      await leader.goto(`/can-bo/ho-so/${id}`);
      await openAction(leader, 'approve');
      await confirm(leader);
      await actionDone(leader);
      await statusIs(leader, 'Đã phê duyệt');

      await specialist.goto(`/can-bo/ho-so/${id}`);
      dialog = await openAction(specialist, 'issue-result');
      // Without the signed result file the dialog does not send; with it, the result is issued.
      await dialog.locator('input[type=file]').setInputFiles(await onePagePdf('ket-qua-da-ky.pdf'));
      await dialog.getByTestId('result-file-done').waitFor();
      await confirm(specialist);
      await actionDone(specialist);
      await statusIs(specialist, 'Đã có kết quả');

      await officer.goto(`/can-bo/ho-so/${id}`);
      dialog = await openAction(officer, 'return-result');
      await dialog.getByTestId('handover-name').fill(citizen.fullName);
      await dialog.getByTestId('handover-id').fill(citizen.idNumber);
      await confirm(officer);
      await actionDone(officer);
      await statusIs(officer, 'Đã trả kết quả');
      await openForm(officer, id, 'receipt');
      await openForm(officer, id, 'supplement-request');
      await openForm(officer, id, 'control-slip');
      // History shows every hand-off.
      expect(await officer.getByTestId('history').locator('tbody tr.ant-table-row').count()).toBe(8);
      await screenshot(officer, 'dossier-returned-desktop', true);

      // The citizen sees it on the public status page (what the receipt's QR code opens).
      const pub = await newPage(browser, baseUrl, PHONE);
      await pub.page.goto(`/tra-cuu?ma=${encodeURIComponent(code)}`);
      await pub.page.getByLabel('Mã hồ sơ').waitFor();
      expect(await pub.page.evaluate('document.activeElement.id')).toBe('lk-id');
      await pub.page.keyboard.type(citizen.idNumber);
      await pub.page.keyboard.press('Enter');
      await pub.page.getByTestId('lookup-result').getByText('Đã trả kết quả').waitFor();
      await screenshot(pub.page, 'lookup-found-phone');
      await pub.context.close();
    },
  );

  it(
    'offers only what may be done: a second supplement, a stop without a withdrawal request and a second extension are disabled with the rule beside them; a refusal shows beside the confirm button',
    LONG,
    async () => {
      const officerApi = await apiLogin(baseUrl, 'hacthanh.reception-officer', password);
      const leaderApi = await apiLogin(baseUrl, 'hacthanh.leader', password);
      const a = await createDossier(officerApi, citizens[5]!);
      const b = await createDossier(officerApi, citizens[6]!);

      const officer = await as('hacthanh.reception-officer');
      await officer.goto(`/can-bo/ho-so/${a.id}`);
      let dialog = await openAction(officer, 'request-supplement');
      await checkFirst(dialog);
      await dialog.getByTestId('action-reason').fill('Thiếu tờ khai có chữ ký.');
      await confirm(officer);
      await actionDone(officer);
      await openAction(officer, 'receive-supplement');
      await confirm(officer);
      await actionDone(officer);
      await statusIs(officer, 'Đã tiếp nhận');
      // A second supplement request is not offered: the button is disabled and the rule is written beside it.
      await poll(() => officer.getByTestId('forbidden-request-supplement').textContent()).toContain(
        'chỉ được yêu cầu bổ sung, hoàn thiện hồ sơ một lần',
      );
      expect(await officer.getByTestId('action-request-supplement').isDisabled()).toBe(true);
      const describedBy = await officer.getByTestId('action-request-supplement').getAttribute('aria-describedby');
      expect(await officer.locator(`#${describedBy}`).textContent()).toContain('Nghị định 118/2025');
      await screenshot(officer, 'forbidden-second-supplement-desktop');

      // Stop without the citizen's request on record: disabled, with the rule (not hidden: the status would allow it).
      const director = await as('hacthanh.centre-director');
      await director.goto(`/can-bo/ho-so/${a.id}`);
      await poll(() => director.getByTestId('forbidden-stop').textContent()).toContain('Chỉ dừng xử lý khi có yêu cầu rút hồ sơ');
      expect(await director.getByTestId('action-stop').isDisabled()).toBe(true);

      // Apology with a new date: the director opens the dialog, but the leader at another desk extends first. The
      // refusal appears in the dialog's footer beside the confirm button, as an alert; the page then disables it.
      const newDate = new Date(Date.now() + 30 * 86_400_000);
      const ddmmyyyy = new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Asia/Ho_Chi_Minh',
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
      }).format(newDate);
      dialog = await openAction(director, 'apologize-and-extend');
      await dialog.getByText('Chỉ được hẹn lại một lần').waitFor();
      await dialog.getByTestId('new-due').click();
      await director.keyboard.type(`${ddmmyyyy} 14:00`);
      await director.keyboard.press('Enter');
      await dialog.getByTestId('action-reason').fill('Cần xác minh thêm tại nơi cư trú trước đây.');
      const first = await leaderApi.send('POST', `/api/dossiers/${a.id}/actions/apologize-and-extend`, {
        reason: 'Chờ kết quả xác minh của công an xã.',
        newDueAt: new Date(newDate.getTime() - 86_400_000).toISOString(),
      });
      expect(first.status).toBe(200);
      await confirm(director);
      const footer = director.locator('.ant-modal-footer');
      await poll(() => footer.getByTestId('action-error').textContent()).toContain('chỉ được hẹn lại một lần');
      expect(await footer.locator('[role=alert]').count()).toBe(1);
      expect(await footer.getByTestId('action-submit').isVisible()).toBe(true);
      await screenshot(director, 'refused-extension-footer-desktop');
      await director.keyboard.press('Escape');
      await poll(() => director.getByTestId('forbidden-apologize-and-extend').textContent()).toContain('chỉ được hẹn lại một lần');
      await screenshot(director, 'forbidden-actions-desktop');
      await openForm(director, a.id, 'apology');

      // With the citizen's request on record, the stop goes through and the stop notice exists.
      await officer.goto(`/can-bo/ho-so/${a.id}`);
      dialog = await openAction(officer, 'record-withdrawal-request');
      await dialog.locator('input[type=file]').setInputFiles(await onePagePdf('don-xin-rut.pdf'));
      await dialog.getByTestId('withdrawal-scan-done').waitFor();
      await dialog.getByTestId('action-reason').fill('Công dân nộp đơn xin rút hồ sơ tại quầy.');
      await confirm(officer);
      await actionDone(officer);
      await director.goto(`/can-bo/ho-so/${a.id}`);
      dialog = await openAction(director, 'stop');
      await dialog.getByTestId('action-reason').fill('Theo yêu cầu rút hồ sơ của công dân.');
      await confirm(director);
      await actionDone(director);
      await statusIs(director, 'Dừng xử lý');
      await openForm(director, a.id, 'stop-notice');

      // A refusal with written reasons, and its form.
      await officer.goto(`/can-bo/ho-so/${b.id}`);
      dialog = await openAction(officer, 'refuse');
      await dialog.getByTestId('action-reason').fill('Không thuộc thẩm quyền giải quyết.');
      await confirm(officer);
      await actionDone(officer);
      await statusIs(officer, 'Từ chối');
      await openForm(officer, b.id, 'refusal');
    },
  );

  it('keeps keys typed while the intake page loads, in order: the ID, Enter, then the procedure search', async () => {
    const n = await newPage(browser, baseUrl, DESKTOP);
    try {
      const page = n.page;
      await signIn(page, 'hacthanh.reception-officer', password);
      // Hold the app's session check, so the page is still loading while the officer types.
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      await page.route('**/api/auth/me', async (route) => {
        await gate;
        await route.continue();
      });
      const asked = page.waitForRequest((r) => r.url().includes('/api/auth/me'));
      await page.goto('/can-bo/tiep-nhan', { waitUntil: 'commit' });
      await asked;
      expect(await page.getByTestId('intake').count()).toBe(0);
      const citizen = citizens[9]!;
      await page.keyboard.type(citizen.idNumber);
      await page.keyboard.press('Enter');
      await page.keyboard.type('xac nhan tinh trang');
      release();
      await poll(() => page.getByTestId('citizen-name').textContent(), 30_000).toBe(citizen.fullName);
      expect(await page.locator('#intake-id').inputValue()).toBe(citizen.idNumber);
      await poll(() => page.locator('#intake-proc').inputValue()).toBe('xac nhan tinh trang');
      await page.locator('#proc-results [role=option]').first().waitFor();
      expect(await page.evaluate('document.activeElement.id')).toBe('intake-proc');
      await screenshot(page, 'intake-typed-ahead-desktop');
    } finally {
      await n.context.close();
    }
  });

  it('keeps the intake through a network failure and a reload, then sends the draft', async () => {
    const officer = await as('hacthanh.reception-officer');
    const context = officer.context();
    await officer.goto('/can-bo/tiep-nhan');
    // The last intake's result is still on screen (kept across reloads) until the officer starts a new one.
    await officer.locator('[data-testid=intake], [data-testid=intake-done]').first().waitFor();
    if (await officer.getByTestId('intake-done').count()) await officer.keyboard.press('Escape');
    await officer.getByTestId('intake').waitFor();
    const citizen = citizens[8]!;
    await officer.locator('#intake-id').fill(citizen.idNumber);
    await officer.keyboard.press('Enter');
    await poll(() => officer.getByTestId('citizen-name').textContent()).toBe(citizen.fullName);
    await poll(() => officer.getByTestId('sync-state').textContent()).toBe('Đã lưu nháp trên máy chủ');

    await context.setOffline(true);
    const phone = '0912 345 678';
    await officer.locator('#intake-phone').fill(phone);
    await poll(() => officer.getByTestId('sync-state').textContent()).toBe('Đã lưu trên máy này — sẽ gửi khi có mạng');
    await screenshot(officer, 'intake-offline-desktop');

    // Reload while the server still cannot be reached for drafts (the page itself must load to be reloaded).
    await officer.route('**/api/intake-drafts/**', (r) => r.abort('internetdisconnected'));
    await context.setOffline(false);
    await officer.reload();
    await officer.getByTestId('restored').waitFor();
    expect(await officer.locator('#intake-phone').inputValue()).toBe(phone);
    expect(await officer.getByTestId('citizen-name').textContent()).toBe(citizen.fullName);
    await poll(() => officer.getByTestId('sync-state').textContent()).toBe('Đã lưu trên máy này — sẽ gửi khi có mạng');

    // Back online: the retry reaches the server.
    await officer.unroute('**/api/intake-drafts/**');
    await poll(() => officer.getByTestId('sync-state').textContent(), 15_000).toBe('Đã lưu nháp trên máy chủ');
    const drafts = (await (await officer.request.get('/api/intake-drafts')).json()) as {
      items: { data: { idNumber?: string; citizen?: { phone?: string } } }[];
    };
    expect(drafts.items.some((d) => d.data.idNumber === citizen.idNumber && d.data.citizen?.phone === phone)).toBe(true);
  });

  it('work queues and the intake at phone size', async () => {
    const officer = await as('hacthanh.reception-officer', PHONE);
    await officer.goto('/can-bo/ho-so');
    await officer.getByRole('tab').first().waitFor();
    await screenshot(officer, 'queues-phone');
    await officer.goto('/can-bo/tiep-nhan');
    await officer.getByTestId('intake').waitFor();
    await screenshot(officer, 'intake-phone');
    const desk = await as('hacthanh.reception-officer');
    await desk.goto('/can-bo/ho-so?hang=to-return');
    await desk.getByRole('tab', { name: 'Chờ trả kết quả' }).waitFor();
    await desk.goto('/can-bo/ho-so');
    await desk.locator('[data-testid=queue-table]').waitFor();
    await screenshot(desk, 'queues-desktop');
    // Search by name without diacritics finds this citizen's dossier, and not another citizen's (a decoy).
    const api = await apiLogin(baseUrl, 'hacthanh.reception-officer', password);
    const sought = citizens[31]!;
    const other = citizens.find((c, i) => i > 31 && !c.fullName.includes(sought.fullName) && !sought.fullName.includes(c.fullName))!;
    const mine = await createDossier(api, sought);
    const decoy = await createDossier(api, other);
    const folded = sought.fullName
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[đĐ]/g, 'd');
    await desk.locator('#queue-search').fill(folded);
    const codes = () => desk.getByTestId('queue-link').allTextContents();
    await poll(async () => {
      const shown = await codes();
      return shown.includes(mine.code) && !shown.includes(decoy.code);
    }, 15_000).toBe(true);
    await screenshot(desk, 'queues-search-desktop');
  });
});
