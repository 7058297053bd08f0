// Demo feedback: one or more in every status of the lifecycle at Hạc Thành and Nguyệt Viên, some late, some
// answered only after a return or failed answer checks, one reopened by an unsatisfied sender, so the
// officer's queue, the director's and the province's views, the public page and the indicators show
// something on first start. Driven through FeedbackService with back-dated times (the same path as the
// API); the outbox messages this writes (SMS receipts, national portal) are removed: nobody was told.
import type { Actor } from '../domain/access';
import type { FeedbackAnswer } from '../domain/feedback/answer-checks';
import type { Role } from '../domain/roles';
import { CalendarService } from '../services/calendar.service';
import type { ServiceContext } from '../services/context';
import { FeedbackService, type FeedbackInput } from '../services/feedback.service';
import type { Db } from '../db/database';

const DAY = 86_400_000;

type Step = [
  action: Parameters<FeedbackService['act']>[2],
  by: 'officer' | 'leader' | 'director' | 'province',
  body?: Record<string, unknown>,
];
type Demo = {
  unit: 'hacthanh' | 'nguyetvien';
  daysAgo: number;
  input: Omit<FeedbackInput, 'unitId'>;
  steps: Step[];
  rating?: { satisfied: boolean; reason?: string };
};

const answer = (over: Partial<FeedbackAnswer> = {}): FeedbackAnswer => ({
  outcome: 'explained',
  legalBasis: [{ document: 'Nghị định 61/2018/NĐ-CP', article: 'Điều 19 khoản 1' }],
  points: [
    {
      point: 'Thời hạn trả kết quả',
      response:
        'Thời hạn giải quyết là 03 ngày làm việc kể từ khi nhận đủ hồ sơ; hồ sơ của Ông/Bà được trả ngày thứ ba tại quầy số 2, đúng hạn ghi trên phiếu hẹn.',
    },
  ],
  actions: [],
  ...over,
});

const CONTENTS: { subject: string; content: string; kind: FeedbackInput['kind'] }[] = [
  {
    kind: 'service',
    subject: 'Hẹn trả kết quả nhiều lần',
    content: 'Tôi nộp hồ sơ đăng ký khai sinh cho con, cán bộ hẹn lại hai lần mà không nói lý do. Đề nghị cho biết thời hạn trả kết quả.',
  },
  {
    kind: 'regulation',
    subject: 'Yêu cầu nộp bản sao giấy tờ đã có trong cơ sở dữ liệu',
    content:
      'Khi làm thủ tục xác nhận cư trú, tôi bị yêu cầu nộp bản sao căn cước dù dữ liệu đã có trên hệ thống. Thời hạn trả kết quả là bao lâu?',
  },
  {
    kind: 'conduct',
    subject: 'Thái độ của cán bộ tiếp nhận',
    content:
      'Cán bộ tại quầy số 1 không hướng dẫn tôi điền tờ khai mà yêu cầu về tự tìm hiểu. Đề nghị Trung tâm xem xét, cho biết thời hạn trả kết quả.',
  },
  {
    kind: 'service',
    subject: 'Phòng chờ thiếu ghế ngồi',
    content:
      'Buổi sáng thứ hai phòng chờ của Trung tâm rất đông, người cao tuổi phải đứng chờ lâu. Đề nghị bổ sung ghế và cho biết thời hạn trả kết quả.',
  },
];

const contact = (i: number) => ({
  fullName: ['Nguyễn Thị Hoa', 'Lê Văn Tám', 'Trần Minh Đức', 'Phạm Thu Hà', 'Hoàng Văn Lợi'][i % 5]!,
  phone: `09${String(81000000 + i * 7919).slice(-8)}`,
});

function demos(): Demo[] {
  const base = (i: number) => ({ ...CONTENTS[i % CONTENTS.length]!, points: ['Thời hạn trả kết quả'], contact: contact(i) });
  const vague = { ...answer(), points: [{ point: 'Thời hạn trả kết quả', response: 'Đã tiếp nhận, sẽ xem xét theo quy định.' }] };
  return [
    { unit: 'hacthanh', daysAgo: 0.1, input: base(0), steps: [] },
    // Late: received long ago and never accepted (red in the queue).
    { unit: 'hacthanh', daysAgo: 9, input: base(1), steps: [] },
    { unit: 'hacthanh', daysAgo: 3, input: base(2), steps: [['accept', 'officer']] },
    { unit: 'hacthanh', daysAgo: 26, input: base(3), steps: [['accept', 'officer']] },
    {
      unit: 'hacthanh',
      daysAgo: 4,
      input: base(4),
      steps: [
        ['accept', 'officer'],
        ['request-information', 'officer', { question: 'Ông/Bà cho biết mã hồ sơ ghi trên phiếu hẹn?' }],
      ],
    },
    {
      unit: 'hacthanh',
      daysAgo: 5,
      input: base(5),
      steps: [
        [
          'refuse',
          'officer',
          { reason: 'Nội dung là khiếu nại về đất đai, không thuộc phạm vi phản ánh, kiến nghị (Nghị định 20/2008, Điều 2).' },
        ],
      ],
    },
    {
      unit: 'hacthanh',
      daysAgo: 2,
      input: base(6),
      steps: [['transfer', 'officer', { toUnitId: 'nguyetvien', reason: 'Thuộc thẩm quyền phường Nguyệt Viên' }]],
    },
    {
      unit: 'hacthanh',
      daysAgo: 6,
      input: base(7),
      steps: [
        ['accept', 'officer'],
        ['answer', 'officer', { answer: vague }],
        ['answer', 'officer', { answer: answer() }],
      ],
    },
    {
      unit: 'hacthanh',
      daysAgo: 8,
      input: base(8),
      steps: [
        ['accept', 'officer'],
        ['answer', 'officer', { answer: answer() }],
        ['approve', 'leader'],
      ],
    },
    {
      unit: 'hacthanh',
      daysAgo: 12,
      input: base(9),
      steps: [
        ['accept', 'officer'],
        ['answer', 'officer', { answer: answer() }],
        ['return', 'leader', { comment: 'Nêu rõ quầy và ngày trả kết quả.' }],
        ['answer', 'officer', { answer: answer() }],
        ['approve', 'leader'],
        ['publish', 'officer'],
      ],
    },
    {
      unit: 'hacthanh',
      daysAgo: 20,
      input: base(10),
      steps: [
        ['accept', 'officer'],
        [
          'answer',
          'officer',
          {
            answer: answer({
              outcome: 'will-be-fixed',
              legalBasis: [],
              actions: [{ what: 'Bổ sung 20 ghế chờ tại sảnh tiếp nhận', responsibleUnitId: 'hacthanh', dueDate: '2026-12-31' }],
            }),
          },
        ],
        ['approve', 'director'],
        ['publish', 'officer'],
      ],
      rating: { satisfied: true },
    },
    {
      unit: 'hacthanh',
      daysAgo: 16,
      input: base(11),
      steps: [
        ['accept', 'officer'],
        ['answer', 'officer', { answer: answer() }],
        ['approve', 'leader'],
        ['publish', 'officer'],
      ],
      rating: { satisfied: false, reason: 'Câu trả lời không nói vì sao cán bộ hẹn lại nhiều lần.' },
    },
    {
      unit: 'nguyetvien',
      daysAgo: 10,
      input: base(12),
      steps: [
        ['accept', 'officer'],
        ['answer', 'officer', { answer: answer() }],
        ['approve', 'leader'],
        ['publish', 'officer'],
      ],
    },
    { unit: 'nguyetvien', daysAgo: 1, input: base(13), steps: [] },
  ];
}

async function actorOf(db: Db, username: string): Promise<Actor> {
  const u = await db
    .selectFrom('staff_user')
    .select(['id', 'username', 'full_name'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  const roles = await db.selectFrom('user_role').select(['unit_id', 'role']).where('user_id', '=', u.id).execute();
  return {
    userId: u.id,
    username: u.username,
    fullName: u.full_name,
    roles: roles.map((r) => ({ unitId: r.unit_id, role: r.role as Role })),
  };
}

/** Seeds the demo feedback once. */
export async function seedDemoFeedback(db: Db, now = new Date()): Promise<void> {
  const done = await db.selectFrom('app_meta').select('key').where('key', '=', 'demo-feedback-seeded').executeTakeFirst();
  if (done) return;
  const units = Object.fromEntries((await db.selectFrom('unit').select(['id', 'slug']).execute()).map((u) => [u.slug, u.id]));
  if (!units.hacthanh || !units.nguyetvien || !units.tinh) return;
  const service = new FeedbackService(db, { publicUrl: undefined }, new CalendarService(db));
  const ctx = (actor: Actor | null): ServiceContext => ({ actor, requestId: 'seed', lang: 'vi', ip: '' });
  const staff = async (unit: string) => ({
    officer: await actorOf(db, `${unit}.feedback-officer`),
    leader: await actorOf(db, `${unit}.leader`),
    director: await actorOf(db, `${unit}.centre-director`),
    province: await actorOf(db, 'tinh.province-admin'),
  });
  const people = { hacthanh: await staff('hacthanh'), nguyetvien: await staff('nguyetvien') };
  for (const d of demos()) {
    let at = new Date(now.getTime() - d.daysAgo * DAY);
    const step = d.daysAgo / (d.steps.length + 2);
    const f = await service.submit(ctx(null), { ...d.input, unitId: units[d.unit]! }, at);
    let unit: 'hacthanh' | 'nguyetvien' = d.unit;
    for (const [action, who, body = {}] of d.steps) {
      at = new Date(at.getTime() + step * DAY);
      const b = { ...body } as Record<string, unknown>;
      if (typeof b.toUnitId === 'string') b.toUnitId = units[b.toUnitId];
      const a = b.answer as FeedbackAnswer | undefined;
      if (a)
        b.answer = {
          ...a,
          actions: a.actions.map((x) => ({ ...x, responsibleUnitId: units[x.responsibleUnitId ?? ''] ?? x.responsibleUnitId })),
        };
      try {
        await service.act(ctx(people[unit][who]), f.id, action, b, at);
      } catch (e) {
        // The vague draft is refused by the answer checks on purpose: it shows in the views as a failed check.
        if ((e as { code?: string }).code !== 'answer-not-specific') throw e;
      }
      if (action === 'transfer') unit = 'nguyetvien';
    }
    if (d.rating) await service.rate(ctx(null), f.code, { phone: d.input.contact.phone, ...d.rating }, new Date(at.getTime() + step * DAY));
  }
  await db.deleteFrom('outbox').where('idempotency_key', 'like', 'feedback%').execute();
  await db
    .insertInto('app_meta')
    .values({ key: 'demo-feedback-seeded', value: JSON.stringify({ at: now.toISOString() }) })
    .execute();
}
