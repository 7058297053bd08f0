// The citizen portal in the browser, on a phone-sized screen: sign-in through the VNeID simulator, the e-form of a
// fee-bearing procedure (registry fields shown, not asked), uploads, a connection lost mid-form (the draft waits on
// the device and is sent once when the network is back), the confirmation code read from the SMS simulator, the
// fee paid at the payment simulator, and the dossier in the centre's queue; a lost payment notification completed
// by reconciliation; a level-1 account told how to upgrade; a reload that keeps what was typed, and the draft
// continued on another device; an upload interrupted by a reload continued without picking the file again; the
// client-side checks and a wrong code in plain words.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiLogin, type ApiClient } from './api';
import { DESKTOP, launch, newPage, PHONE, screenshot, signIn } from './browser';
import { pdfText } from '../src/forms/test-support';

/** expect.poll with a timeout that fits server round trips and the outbox sweep (vitest's default is one second). */
const poll = <T>(fn: () => Promise<T> | T, timeout = 20_000) => expect.poll(fn, { timeout, interval: 250 });

type RegistryCitizen = { idNumber: string; fullName: string; dateOfBirth: string; sex: string; address: string; phone: string };
type Procedure = { id: string; code: string; components: { id: string; name: string; mandatory: boolean; fromRegistry: boolean }[] };

// Evaluated in the page (strings: the test code is type-checked without the DOM library).
const OVERFLOW = 'document.documentElement.scrollWidth - window.innerWidth';
const SMALL_TARGETS = `(() => {
  const bad = [];
  for (const el of document.querySelectorAll('main .btn, main select, main input:not([type=radio]):not([type=checkbox]):not([type=file]), main .p-radio')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.height < 43.5) bad.push((el.className || el.tagName) + ' ' + Math.round(r.height));
  }
  return bad;
})()`;

/** A small valid PDF, different every time (the server stores files by content). */
function pdf(name: string): { name: string; mimeType: string; buffer: Buffer } {
  const body = `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF ${randomUUID()}`;
  return { name, mimeType: 'application/pdf', buffer: Buffer.from(body) };
}

describe.skipIf(!process.env.MOTCUA_E2E)('citizen portal (browser)', () => {
  let browser: Browser;
  const baseUrl = inject('baseUrl');
  const password = inject('demoPassword');
  let admin: ApiClient;
  let level2: RegistryCitizen[] = [];
  let level1: RegistryCitizen;
  let marital: Procedure;
  /** Where VNeID sends citizens back to (the server's public address; the portal cookie lives there). */
  let portalUrl: string;
  const contexts: BrowserContext[] = [];

  async function phone(): Promise<Page> {
    const { context, page } = await newPage(browser, portalUrl, PHONE);
    contexts.push(context);
    return page;
  }

  beforeAll(async () => {
    browser = await launch();
    admin = await apiLogin(baseUrl, 'admin', password);
    const all = (await admin.get<{ items: RegistryCitizen[] }>('/api/sim/registry/citizens?limit=80')).items;
    // The VNeID simulator gives ID numbers ending in 4 or 9 a level-1 account; the others level 2.
    level2 = all.filter((c) => !/[49]$/.test(c.idNumber) && c.phone).slice(40);
    level1 = all.find((c) => /[49]$/.test(c.idNumber))!;
    const procs = await fetch(`${baseUrl}/api/procedures?q=1.004873`).then((r) => r.json() as Promise<{ items: Procedure[] }>);
    marital = procs.items[0]!;
    const start = await fetch(`${baseUrl}/api/portal/auth/vneid?level=2&returnTo=/cong-dan`, { redirect: 'manual' });
    const sim = new URL(start.headers.get('location')!);
    portalUrl = sim.origin;
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
  });

  /** Presses "Đăng nhập bằng VNeID", signs in on the simulator's page and waits to be back. */
  async function vneid(page: Page, c: RegistryCitizen): Promise<void> {
    await page.getByTestId('vneid-sign-in').first().click();
    await page.waitForURL(/\/api\/sim\/vneid\//);
    await page.getByLabel('Số định danh cá nhân').fill(c.idNumber);
    await page.getByLabel(/Mật khẩu/).fill('123456');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/api/'));
  }

  /** From the procedure page to the e-form, signing in on the way. Answers the application's id. */
  async function openForm(page: Page, c: RegistryCitizen): Promise<string> {
    await page.goto(`/thu-tuc/${marital.id}`);
    await page.getByTestId('file-online').click();
    await page.waitForURL(`**/nop-truc-tuyen/${marital.id}`);
    await vneid(page, c);
    await page.getByTestId('eform').waitFor();
    return /\/cong-dan\/nop\/([0-9a-f-]{36})/.exec(page.url())![1]!;
  }

  const field = (page: Page, path: string) => page.locator(`#f-${path.replace(/\./g, '-')}`);

  /**
   * The person to confirm (the applicant: "that is me" fills them from the registry, nothing retyped), the
   * marital status and the purpose.
   */
  async function fillAnswers(page: Page, c: RegistryCitizen): Promise<void> {
    await field(page, 'nguoiDuocXacNhan.laNguoiYeuCau').check();
    const [y, m, d] = c.dateOfBirth.split('-');
    await page.getByTestId('registry-nguoiDuocXacNhan.hoTen').waitFor();
    expect(await page.getByTestId('registry-nguoiDuocXacNhan.hoTen').textContent()).toBe(c.fullName);
    expect(await page.getByTestId('registry-nguoiDuocXacNhan.ngaySinh').textContent()).toBe(`${d}/${m}/${y}`);
    expect(await page.getByTestId('registry-nguoiDuocXacNhan.soDinhDanh').textContent()).toBe(c.idNumber);
    expect(await page.getByTestId('registry-nguoiDuocXacNhan.noiCuTru').textContent()).toBe(c.address);
    expect(await field(page, 'nguoiDuocXacNhan.hoTen').count()).toBe(0);
    await field(page, 'nguoiDuocXacNhan.gioiTinh')
      .getByRole('radio', { name: c.sex === 'female' ? 'Nữ' : 'Nam' })
      .check();
    await field(page, 'tinhTrangHonNhan').getByRole('radio', { name: 'Chưa kết hôn' }).check();
    await field(page, 'mucDichSuDung').getByRole('radio', { name: 'Đăng ký kết hôn' }).check();
  }

  /** Uploads a PDF for every mandatory component the registry does not hold. */
  async function uploadMandatory(page: Page): Promise<void> {
    for (const comp of marital.components.filter((x) => x.mandatory && !x.fromRegistry)) {
      const name = `to-khai-${comp.id.slice(0, 4)}.pdf`;
      await page.getByTestId(`upload-${comp.id}`).setInputFiles(pdf(name));
      await page.getByTestId(`comp-${comp.id}`).getByText(name).waitFor();
    }
  }

  const syncStatus = (page: Page) => page.getByTestId('sync-status').getAttribute('data-status');

  /** The newest code with this prefix in the SMS simulator's outbox for `phone`. */
  async function smsCode(phoneNumber: string, prefix: string): Promise<string> {
    let code = '';
    await poll(async () => {
      const items = (await admin.get<{ items: { text: string }[] }>(`/api/sim/sms/messages?to=${encodeURIComponent(phoneNumber)}`)).items;
      const m = items.map((i) => new RegExp(`\\b${prefix}-(\\d{6})\\b`).exec(i.text)).find(Boolean);
      code = m ? m[1]! : '';
      return code;
    }, 30_000).toMatch(/^\d{6}$/);
    return code;
  }

  /** "Nộp hồ sơ" → the OTP step; answers the prefix the screen shows. */
  async function submitForm(page: Page): Promise<string> {
    await page.getByTestId('submit').click();
    await page.getByTestId('otp-step').waitFor();
    const sent = (await page.getByTestId('otp-sent').textContent()) ?? '';
    expect(sent).toMatch(/^Mã xác nhận đã gửi đến .*\d{3}\. Mã bắt đầu bằng [A-Z]{2}-$/);
    return /bằng ([A-Z]{2})-$/.exec(sent)![1]!;
  }

  async function confirmCode(page: Page, c: RegistryCitizen, prefix: string): Promise<void> {
    const code = await smsCode(c.phone, prefix);
    await page.getByLabel('Mã xác nhận (6 chữ số)').fill(code);
    await page.getByRole('button', { name: 'Xác nhận' }).click();
  }

  /** On the payment simulator's checkout page: "Thanh toán", and back to the portal. */
  async function payAtGateway(page: Page, id: string): Promise<void> {
    await page.getByTestId('pay').click();
    await page.waitForURL(/\/api\/sim\/payment\/checkout\//);
    await page.getByRole('button', { name: 'Thanh toán', exact: true }).click();
    await page.waitForURL((u) => u.pathname === `/cong-dan/nop/${id}`);
  }

  /**
   * Files the marital-status procedure through the portal's API with the browser's session (the form and its steps
   * have their own tests above): answers the dossier's id and code once paid.
   */
  async function fileViaApi(page: Page, c: RegistryCitizen): Promise<{ id: string; code: string }> {
    const me = (await (await page.request.get('/api/portal/me')).json()) as { csrfToken: string };
    const h = { 'x-csrf-token': me.csrfToken };
    const form = (await (await page.request.get(`/api/portal/procedures/${marital.id}/form`)).json()) as {
      prefill: Record<string, unknown>;
      units: { id: string; returnPoints: { id: string }[] }[];
    };
    const file = pdf('to-khai.pdf');
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    const up = (await (
      await page.request.post('/api/uploads', { headers: h, data: { fileName: file.name, sizeBytes: file.buffer.length, sha256 } })
    ).json()) as { id: string };
    const put = await page.request.patch(`/api/uploads/${up.id}`, {
      headers: { ...h, 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' },
      data: file.buffer,
    });
    const fileId = ((await put.json()) as { file: { id: string } }).file.id;
    const appId = randomUUID();
    const mandatory = marital.components.find((x) => x.mandatory && !x.fromRegistry)!;
    const [y, m, d] = c.dateOfBirth.split('-');
    const saved = await page.request.put(`/api/portal/applications/${appId}`, {
      headers: h,
      data: {
        procedureId: marital.id,
        unitId: form.units[0]!.id,
        returnPointId: form.units[0]!.returnPoints[0]!.id,
        form: {
          ...form.prefill,
          nguoiDuocXacNhan: { hoTen: c.fullName, ngaySinh: `${y}-${m}-${d}`, soDinhDanh: c.idNumber, noiCuTru: c.address },
          tinhTrangHonNhan: 'Chưa kết hôn',
          mucDichSuDung: 'Mục đích khác',
        },
        components: [{ componentId: mandatory.id, fileIds: [fileId] }],
      },
    });
    expect(saved.status(), await saved.text()).toBe(200);
    const sub = await page.request.post(`/api/portal/applications/${appId}/submit`, { headers: h, data: {} });
    expect(sub.status(), await sub.text()).toBe(200);
    const prefix = ((await sub.json()) as { otp: { prefix: string } }).otp.prefix;
    const code = await smsCode(c.phone, prefix);
    const ok = await page.request.post(`/api/portal/applications/${appId}/confirm`, { headers: h, data: { code: `${prefix}-${code}` } });
    const redirect = ((await ok.json()) as { payment: { redirectUrl: string } }).payment.redirectUrl;
    await page.request.post(redirect, { form: { result: 'paid' }, maxRedirects: 0 });
    let app = { dossierId: null as string | null, dossierCode: null as string | null };
    await poll(async () => {
      app = (await (await page.request.get(`/api/portal/applications/${appId}`)).json()) as typeof app;
      return app.dossierCode;
    }).toBeTruthy();
    return { id: app.dossierId!, code: app.dossierCode! };
  }

  it('files a fee-bearing procedure online through VNeID, an offline spell, OTP and payment; the centre sees it to receive', async () => {
    const c = level2[0]!;
    const page = await phone();
    const id = await openForm(page, c);

    // The registry's data of the applicant is shown, not asked.
    expect(await page.getByTestId('registry-nguoiYeuCau.hoTen').textContent()).toBe(c.fullName);
    expect(await page.getByTestId('registry-nguoiYeuCau.soDinhDanh').textContent()).toBe(c.idNumber);
    expect(await page.getByTestId('registry-nguoiYeuCau.noiCuTru').textContent()).toBe(c.address);
    expect(await page.locator('.p-registry').getByText('Lấy từ Cơ sở dữ liệu quốc gia về dân cư').count()).toBe(4);
    expect(await page.locator('#f-nguoiYeuCau-hoTen').count()).toBe(0);
    // Identity and residence papers are not asked for either.
    expect(await page.getByText('Không cần nộp — đã có trong CSDL dân cư').count()).toBe(2);
    expect(await page.getByTestId('fee').textContent()).toBe('Lệ phí: 15.000 đ');
    expect(await page.evaluate(SMALL_TARGETS)).toEqual([]);
    expect(await page.evaluate(OVERFLOW)).toBeLessThanOrEqual(0);
    await screenshot(page, 'portal-form-phone');

    await fillAnswers(page, c);
    await uploadMandatory(page);
    await poll(() => syncStatus(page)).toBe('saved');
    for (const [name, selector] of [
      ['portal-form-person-phone', '[data-path=nguoiDuocXacNhan]'],
      ['portal-form-status-phone', '[data-path=tinhTrangHonNhan]'],
      ['portal-form-components-phone', '#sec-comp'],
      ['portal-form-unit-phone', '#sec-unit'],
    ] as const) {
      await page.locator(selector).first().scrollIntoViewIfNeeded();
      await page.evaluate(`document.querySelector('${selector}').scrollIntoView({ block: 'start' }); window.scrollBy(0, -70)`);
      await screenshot(page, name);
    }

    // The network drops; the citizen keeps typing.
    await page.context().setOffline(true);
    await field(page, 'ketHonVoi').fill('Trần Văn Bình, sinh năm 1990, quốc tịch Việt Nam');
    await field(page, 'noiDuDinhDangKyKetHon').fill('UBND phường Hạc Thành');
    await poll(() => page.getByTestId('sync-text').textContent()).toBe('Đã lưu trên thiết bị này, sẽ gửi khi có mạng');
    await screenshot(page, 'portal-form-offline-phone');

    // Back online: the pending draft goes to the server once.
    const puts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'PUT' && r.url().includes(`/api/portal/applications/${id}`)) puts.push(r.url());
    });
    await page.context().setOffline(false);
    await poll(() => page.getByTestId('sync-text').textContent()).toBe('Đã lưu');
    const onServer = await page.request.get(`/api/portal/applications/${id}`);
    expect(onServer.status()).toBe(200);
    const draft = (await onServer.json()) as { status: string; form: Record<string, unknown>; components: { fileIds: string[] }[] };
    expect(draft.status).toBe('draft');
    expect(draft.form.ketHonVoi).toBe('Trần Văn Bình, sinh năm 1990, quốc tịch Việt Nam');
    expect(draft.form.noiDuDinhDangKyKetHon).toBe('UBND phường Hạc Thành');
    expect(draft.components.flatMap((x) => x.fileIds)).toHaveLength(1);
    await page.waitForTimeout(1500);
    expect(puts).toHaveLength(1);

    const prefix = await submitForm(page);
    expect(await page.getByTestId('otp-countdown').textContent()).toMatch(/^Gửi lại mã sau \d+ giây$/);
    expect(await page.getByLabel('Mã xác nhận (6 chữ số)').getAttribute('autocomplete')).toBe('one-time-code');
    expect(await page.getByLabel('Mã xác nhận (6 chữ số)').getAttribute('inputmode')).toBe('numeric');
    expect(await page.evaluate(SMALL_TARGETS)).toEqual([]);
    await screenshot(page, 'portal-otp-phone');
    await confirmCode(page, c, prefix);

    await page.getByTestId('pay-step').waitFor();
    expect(await page.getByTestId('pay-amount').textContent()).toBe('Lệ phí: 15.000 đ — Thanh toán trực tuyến');
    await screenshot(page, 'portal-pay-phone');
    await payAtGateway(page, id);
    await page.getByTestId('done').waitFor({ timeout: 30_000 });
    const code = (await page.getByTestId('dossier-code').textContent())!;
    expect(code).toMatch(/-\d{6}-\d{4,}$/);
    expect(await page.getByTestId('paid').textContent()).toMatch(/^Đã nộp lệ phí 15\.000 đ, biên lai số BL-\d{4}-\d{6}\.$/);
    const receipt = await page.request.get((await page.getByTestId('receipt').getAttribute('href'))!);
    expect(receipt.headers()['content-type']).toContain('application/pdf');
    await page.getByRole('link', { name: 'Hồ sơ của tôi' }).waitFor();
    expect(await page.evaluate(OVERFLOW)).toBeLessThanOrEqual(0);
    await screenshot(page, 'portal-done-phone');

    // The Hạc Thành reception officer has it in the "to receive" queue.
    const { context: staffCtx, page: staff } = await newPage(browser, baseUrl, DESKTOP);
    contexts.push(staffCtx);
    await signIn(staff, 'hacthanh.reception-officer', password);
    await staff.goto('/can-bo/ho-so');
    await staff.getByRole('tab', { name: 'Chờ tiếp nhận' }).click();
    await staff.getByTestId('queue-table').getByText(code).waitFor();
    const officer = await apiLogin(baseUrl, 'hacthanh.reception-officer', password);
    const queue = await officer.get<{ items: { id: string; code: string; channel?: string }[] }>(
      '/api/dossiers?status=submitted&limit=100',
    );
    expect(queue.items.map((d) => d.code)).toContain(code);

    // The officer opens the dossier and reads every e-form answer under its label; the declaration PDF carries them.
    const dossierId = queue.items.find((d) => d.code === code)!.id;
    await staff.goto(`/can-bo/ho-so/${dossierId}`);
    const answers = staff.getByTestId('form-answers');
    await answers.waitFor();
    const [y, m, d] = c.dateOfBirth.split('-');
    const expected: [string, string][] = [
      ['Người yêu cầu là người được xác nhận', 'Có'],
      ['Họ, chữ đệm, tên', c.fullName],
      ['Ngày, tháng, năm sinh', `${d}/${m}/${y}`],
      ['Số định danh cá nhân', c.idNumber],
      ['Tình trạng hôn nhân hiện tại', 'Chưa kết hôn'],
      ['Mục đích sử dụng Giấy xác nhận', 'Đăng ký kết hôn'],
      [
        'Họ tên, năm sinh, quốc tịch người dự định kết hôn (nếu dùng để đăng ký kết hôn)',
        'Trần Văn Bình, sinh năm 1990, quốc tịch Việt Nam',
      ],
      ['Nơi dự định đăng ký kết hôn', 'UBND phường Hạc Thành'],
    ];
    const shown = (await answers.innerText()).replace(/\s+/g, ' ');
    for (const [label, value] of expected) expect(shown).toContain(`${label} ${value}`);
    expect(shown).not.toContain('tinhTrangHonNhan');
    expect(shown.indexOf('Người yêu cầu')).toBeLessThan(shown.indexOf('Tình trạng hôn nhân hiện tại'));
    await answers.scrollIntoViewIfNeeded();
    await screenshot(staff, 'dossier-eform-desktop');
    const declaration = await staff.request.get(`/api/dossiers/${dossierId}/forms/declaration.pdf`);
    expect(declaration.status()).toBe(200);
    const text = (await pdfText(Buffer.from(await declaration.body()))).pages.map((p) => p.text).join(' ');
    for (const [label, value] of expected) expect(text).toContain(`${label}: ${value}`);
    expect(text).toContain(`Ngày, tháng, năm sinh: ${d}/${m}/${y}`);
    const receiptPdf = await staff.request.get(`/api/dossiers/${dossierId}/forms/receipt.pdf`);
    const receiptText = (await pdfText(Buffer.from(await receiptPdf.body()))).pages;
    expect(receiptText).toHaveLength(1);
    expect(receiptText[0]!.text).toContain('tờ khai điện tử');
    expect(receiptText[0]!.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);

    // My dossiers shows it in plain words.
    await page.getByRole('link', { name: 'Hồ sơ của tôi' }).click();
    await page.getByTestId('my-dossiers').getByText(code).waitFor();
    await screenshot(page, 'portal-my-dossiers-phone');
  });

  it('a lost payment notification: the page waits for the bank, and reconciliation completes it to the dossier code', async () => {
    const c = level2[1]!;
    const page = await phone();
    const id = await openForm(page, c);
    await fillAnswers(page, c);
    await uploadMandatory(page);
    await poll(() => syncStatus(page)).toBe('saved');
    expect((await admin.send('PUT', '/api/sim/payment/drop-callbacks', { drop: true })).status).toBe(200);
    try {
      const prefix = await submitForm(page);
      await confirmCode(page, c, prefix);
      await page.getByTestId('pay-step').waitFor();
      await payAtGateway(page, id);
      await page.getByText('Đang chờ xác nhận thanh toán từ ngân hàng').waitFor();
      // Several polls later, still waiting: nothing told Motcua yet.
      await page.waitForTimeout(4000);
      expect(await page.getByTestId('payment-waiting').isVisible()).toBe(true);
      await screenshot(page, 'portal-pay-waiting-phone');
      const r = await admin.send<{ paid: number }>('POST', '/api/admin/payments/reconcile');
      expect(r.status).toBe(200);
      expect(r.body.paid).toBeGreaterThanOrEqual(1);
      await page.getByTestId('done').waitFor({ timeout: 20_000 });
      expect(await page.getByTestId('dossier-code').textContent()).toMatch(/-\d{6}-\d{4,}$/);
    } finally {
      await admin.send('PUT', '/api/sim/payment/drop-callbacks', { drop: false });
    }
  });

  it('the portal home shows the sign-in button without waiting for the session check when there is no hint of a session', async () => {
    const page = await phone();
    // The session check is held back: a browser that never signed in still gets the button at once.
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    const hold = async (route: Route) => {
      await held;
      await route.continue().catch(() => undefined);
    };
    await page.route('**/api/portal/me', hold);
    await page.goto('/cong-dan');
    await page.getByTestId('vneid-sign-in').waitFor();
    release();
    await page.unroute('**/api/portal/me', hold);

    // Signed in, the hint is set: the next visit waits for the check (no sign-in button shown meanwhile).
    await vneid(page, level2[5]!);
    await page.getByTestId('citizen-level').waitFor();
    expect(await page.evaluate("localStorage.getItem('motcua.hasPortalSession')")).toBe('1');
    let releaseAgain = () => {};
    const heldAgain = new Promise<void>((r) => (releaseAgain = r));
    const holdAgain = async (route: Route) => {
      await heldAgain;
      await route.continue().catch(() => undefined);
    };
    await page.route('**/api/portal/me', holdAgain);
    await page.reload();
    await page.locator('main h1').waitFor();
    expect(await page.getByTestId('vneid-sign-in').count()).toBe(0);
    releaseAgain();
    await page.getByTestId('citizen-level').waitFor();
    await page.unroute('**/api/portal/me', holdAgain);

    // Signed out: the hint goes.
    await page.getByTestId('citizen-sign-out').click();
    await page.getByTestId('vneid-sign-in').waitFor();
    expect(await page.evaluate("localStorage.getItem('motcua.hasPortalSession')")).toBeNull();
  });

  it('a level-1 VNeID account is told how to upgrade', async () => {
    const page = await phone();
    await page.goto(`/nop-truc-tuyen/${marital.id}`);
    await vneid(page, level1);
    await page.getByTestId('level-required').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Cần tài khoản định danh điện tử mức độ 2' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('Công an xã, phường');
    await page.getByText('Tài khoản bạn đang dùng: mức độ 1.').waitFor();
    await page.getByRole('link', { name: 'Xem nơi nộp trực tiếp' }).waitFor();
    await screenshot(page, 'portal-level1-phone');
  });

  it('checks the form before sending, keeps what was typed across a reload and on another device, and says when a code is wrong', async () => {
    const c = level2[2]!;
    const page = await phone();
    const id = await openForm(page, c);

    // "Nộp hồ sơ" on an empty form: nothing is sent, every problem is listed and shown at its field.
    await page.getByTestId('submit').click();
    await page.getByText(/^Hồ sơ chưa nộp được\. Vui lòng sửa \d+ mục sau:$/).waitFor();
    expect(await page.evaluate('document.activeElement.dataset.testid')).toBe('error-summary');
    expect(await page.locator('#f-tinhTrangHonNhan-err').textContent()).toContain('Vui lòng chọn một mục.');
    await screenshot(page, 'portal-form-summary-phone');
    await field(page, 'nguoiDuocXacNhan.soDinhDanh').fill('12345');
    await page.locator('#f-nguoiDuocXacNhan-soDinhDanh-err').getByText('Vui lòng nhập đúng 12 chữ số.').waitFor();
    await page
      .getByTestId(`comp-${marital.components.find((x) => x.mandatory && !x.fromRegistry)!.id}`)
      .getByText('Vui lòng đính kèm giấy tờ này.')
      .waitFor();
    await screenshot(page, 'portal-form-errors-phone');

    // Typed, then reloaded at once (before the server copy is sent): the device kept it.
    await field(page, 'nguoiDuocXacNhan.hoTen').fill('Nguyễn Thị Tải Lại');
    await field(page, 'nguoiDuocXacNhan.soDinhDanh').fill(c.idNumber);
    await page.reload();
    await page.getByTestId('eform').waitFor();
    expect(await field(page, 'nguoiDuocXacNhan.hoTen').inputValue()).toBe('Nguyễn Thị Tải Lại');
    expect(await field(page, 'nguoiDuocXacNhan.soDinhDanh').inputValue()).toBe(c.idNumber);
    await poll(() => syncStatus(page)).toBe('saved');

    // Another device: signed in there too, "Hồ sơ đang soạn" continues the same draft from the server.
    const other = await phone();
    await other.goto('/cong-dan');
    await vneid(other, c);
    await other.getByTestId('drafts').waitFor();
    await screenshot(other, 'portal-home-phone');
    await other.getByRole('link', { name: 'Tiếp tục hồ sơ Cấp Giấy xác nhận tình trạng hôn nhân' }).first().click();
    await other.waitForURL(`**/cong-dan/nop/${id}`);
    await other.getByTestId('eform').waitFor();
    expect(await field(other, 'nguoiDuocXacNhan.hoTen').inputValue()).toBe('Nguyễn Thị Tải Lại');
    // A change made there is newer than this device's copy: reopening here takes it.
    await field(other, 'nguoiDuocXacNhan.noiCuTru').fill('Sửa trên điện thoại khác');
    await poll(() => syncStatus(other)).toBe('saved');
    await page.reload();
    await page.getByTestId('eform').waitFor();
    expect(await field(page, 'nguoiDuocXacNhan.noiCuTru').inputValue()).toBe('Sửa trên điện thoại khác');
    await page.getByText('Đã mở bản mới nhất của hồ sơ (sửa lần cuối trên thiết bị khác).').waitFor();
    // Both changed at once (this one offline): the citizen is asked which copy to keep.
    await page.context().setOffline(true);
    await field(page, 'khoangThoiGianCuTruXacNhan').fill('Từ năm 2010 đến nay');
    await poll(() => syncStatus(page)).toBe('local');
    await field(other, 'khoangThoiGianCuTruXacNhan').fill('Từ năm 2015');
    await poll(() => syncStatus(other)).toBe('saved');
    await page.context().setOffline(false);
    await poll(() => syncStatus(page)).toBe('conflict');
    await screenshot(page, 'portal-form-conflict-phone');
    await page.getByRole('button', { name: 'Giữ bản trên thiết bị này' }).click();
    await poll(() => syncStatus(page)).toBe('saved');
    const kept = (await (await page.request.get(`/api/portal/applications/${id}`)).json()) as { form: Record<string, unknown> };
    expect(kept.form.khoangThoiGianCuTruXacNhan).toBe('Từ năm 2010 đến nay');
    await other.close();

    // Finish on the first device; a wrong code is refused in plain words.
    await fillAnswers(page, c);
    await uploadMandatory(page);
    await poll(() => syncStatus(page)).toBe('saved');
    await submitForm(page);
    await page.getByLabel('Mã xác nhận (6 chữ số)').fill('000000');
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await poll(() => page.getByTestId('otp-error').textContent()).toMatch(/^Mã xác nhận không đúng\. Còn \d+ lần thử\.$/);
    expect(await page.evaluate('document.activeElement.id')).toBe('otp-code');
    await screenshot(page, 'portal-otp-wrong-phone');
  });

  it('an upload interrupted by a reload goes on from where it was, without picking the file again', async () => {
    const c = level2[4]!;
    const page = await phone();
    const id = await openForm(page, c);
    const comp = marital.components.find((x) => x.mandatory && !x.fromRegistry)!;
    const box = page.getByTestId(`comp-${comp.id}`);
    // About 1.5 MB (six chunks of 256 KiB): a valid PDF with a stream of random text.
    const pad = randomBytes(1_100_000).toString('base64');
    const body =
      `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj ` +
      `3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n4 0 obj<</Length ${pad.length}>>stream\n${pad}\nendstream endobj\n` +
      `trailer<</Root 1 0 R>>\n%%EOF`;
    const big = { name: 'ban-chup-lon.pdf', mimeType: 'application/pdf', buffer: Buffer.from(body) };
    expect(big.buffer.length).toBeGreaterThan(1_400_000);

    // A slow connection: every chunk takes more than a second to leave.
    const chunks: { offset: number; status: number }[] = [];
    page.on('response', (r) => {
      if (r.request().method() === 'PATCH' && r.url().includes('/api/uploads/'))
        chunks.push({ offset: Number(r.request().headers()['upload-offset']), status: r.status() });
    });
    const slow = async (route: Route) => {
      if (route.request().method() === 'PATCH') await new Promise((r) => setTimeout(r, 1200));
      await route.continue().catch(() => undefined); // the page may have been reloaded meanwhile
    };
    await page.route('**/api/uploads/*', slow);
    await page.getByTestId(`upload-${comp.id}`).setInputFiles(big);
    await box.getByText(/^Đang tải ban-chup-lon\.pdf: \d+%$/).waitFor();
    await poll(() => chunks.filter((x) => x.status === 200).length).toBeGreaterThanOrEqual(2);

    // The page is reloaded mid-upload (the phone closed the browser): the file is continued, not asked again.
    await page.reload();
    await page.getByTestId('eform').waitFor();
    const sentBefore = chunks.length;
    await box.getByText(/^Đang tải lên tiếp… ban-chup-lon\.pdf: \d+%$/).waitFor();
    await box.scrollIntoViewIfNeeded();
    await screenshot(page, 'portal-upload-resumed-phone');
    await page.unroute('**/api/uploads/*', slow);
    await box.locator('.p-file-list').getByText('ban-chup-lon.pdf').waitFor({ timeout: 30_000 });
    // It went on from what the server had received, not from the first byte.
    const after = chunks.slice(sentBefore);
    expect(after.length).toBeGreaterThan(0);
    expect(after[0]!.offset).toBeGreaterThanOrEqual(2 * 256 * 1024);
    expect(await box.locator('.p-upload').count()).toBe(0);

    // The draft on the server has the file for the component.
    await poll(async () => {
      const r = await page.request.get(`/api/portal/applications/${id}`);
      if (r.status() !== 200) return [];
      const a = (await r.json()) as { components: { componentId: string; fileIds?: string[] }[] };
      return a.components.filter((x) => x.componentId === comp.id).flatMap((x) => x.fileIds ?? []);
    }).toHaveLength(1);
    // Nothing is left to continue: another reload shows the file once, and no upload.
    await page.reload();
    await page.getByTestId('eform').waitFor();
    await box.locator('.p-file-list').getByText('ban-chup-lon.pdf').waitFor();
    await page.waitForTimeout(500);
    expect(await box.locator('.p-upload').count()).toBe(0);
    expect(await box.locator('.p-file').count()).toBe(1);
  });

  it('my dossiers: a supplement answered online, a withdrawal asked with its reason and a confirmation, a rating after return', async () => {
    const c = level2[3]!;
    const page = await phone();
    await page.goto('/cong-dan');
    await vneid(page, c);
    await page.getByTestId('citizen-level').waitFor();
    const first = await fileViaApi(page, c);
    const staff = Object.fromEntries(
      await Promise.all(
        ['reception-officer', 'centre-director', 'specialist', 'leader'].map(
          async (r) => [r, await apiLogin(baseUrl, `hacthanh.${r}`, password)] as const,
        ),
      ),
    );
    const act = async (id: string, action: string, payload: Record<string, unknown> = {}, role = 'reception-officer') => {
      const officer = staff[role]!;
      const r = await officer.send<{ status: string }>('POST', `/api/dossiers/${id}/actions/${action}`, payload, {
        'idempotency-key': randomUUID(),
      });
      expect(r.status, `${action}: ${JSON.stringify(r.body)}`).toBe(200);
      return r.body.status;
    };
    const optional = marital.components.find((x) => !x.mandatory)!;
    await act(first.id, 'request-supplement', {
      reason: 'Thiếu bản án ly hôn',
      items: [{ componentId: optional.id, reason: 'Cần bản sao bản án' }],
    });

    // My dossiers: what is awaited, then the answer sent online.
    await page.goto('/cong-dan/ho-so');
    await page.getByText('Cần bạn bổ sung giấy tờ').waitFor();
    await page.getByRole('link', { name: `Xem chi tiết hồ sơ ${first.code}` }).click();
    await page.getByTestId('supplement').waitFor();
    expect(await page.getByTestId('dossier-status').textContent()).toBe('Chờ bổ sung giấy tờ');
    await page.getByText('Lý do: Thiếu bản án ly hôn').waitFor();
    await page.getByTestId(`upload-${optional.id}`).setInputFiles(pdf('ban-an.pdf'));
    await page.getByTestId('supplement').getByText('ban-an.pdf').waitFor();
    await screenshot(page, 'portal-supplement-phone');
    await page.getByRole('button', { name: 'Gửi giấy tờ bổ sung' }).click();
    await poll(() => page.getByTestId('dossier-status').textContent()).toBe('Mới đăng ký');
    await page.getByTestId('receipt').waitFor();

    // Withdrawal: a reason and an explicit confirmation.
    await page.getByRole('button', { name: 'Đề nghị rút hồ sơ' }).click();
    await page.getByLabel('Lý do rút hồ sơ').fill('Tôi đã nộp hồ sơ tại Trung tâm');
    await page.getByRole('button', { name: 'Gửi đề nghị rút hồ sơ' }).click();
    await page.getByText('Vui lòng đánh dấu ô xác nhận.').waitFor();
    await page.getByLabel('Tôi chắc chắn muốn rút hồ sơ này').check();
    await page.getByRole('button', { name: 'Gửi đề nghị rút hồ sơ' }).click();
    await poll(() => page.getByTestId('dossier-status').textContent()).toBe('Công dân yêu cầu rút hồ sơ');
    expect(await page.getByRole('button', { name: 'Đề nghị rút hồ sơ' }).count()).toBe(0);

    // Rating once the result was returned; a dislike needs a reason.
    const second = await fileViaApi(page, c);
    await act(second.id, 'accept');
    await act(second.id, 'assign', {}, 'centre-director');
    await act(second.id, 'submit-for-approval', {}, 'specialist');
    await act(second.id, 'approve', {}, 'leader');
    await act(second.id, 'issue-result', { resultFileIds: [await staff.specialist!.uploadPdf('hacthanh', 'ket-qua.pdf')] }, 'specialist');
    await act(second.id, 'return-result', { handover: { method: 'electronic' } });
    await page.goto(`/cong-dan/ho-so/${second.id}`);
    await poll(() => page.getByTestId('dossier-status').textContent()).toBe('Đã trả kết quả');
    await page.getByRole('radio', { name: 'Không hài lòng' }).check();
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await page.getByText('Vui lòng cho biết điều bạn chưa hài lòng.').waitFor();
    await page.getByLabel('Góp ý (bắt buộc khi không hài lòng)').fill('Phải chờ lâu');
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await page.getByText('Bạn đã đánh giá: Không hài lòng.').waitFor();
    await screenshot(page, 'portal-dossier-rated-phone');
  });
});
