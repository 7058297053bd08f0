// The zod schemas of the dossier routes: request bodies, answers, and the bodies of the actions.
import { z } from 'zod';
import { ACTIONS, STATUSES } from '../../../domain/dossier/lifecycle';

export const IdNumber = z.string().regex(/^[0-9]{12}$/, 'a 12-digit personal ID number');
export const ProvidedComponent = z
  .object({ componentId: z.uuid(), fileIds: z.array(z.uuid()).max(50).optional(), presented: z.boolean().optional() })
  .strict();

export const IntakeBody = z
  .object({
    procedureId: z.uuid(),
    competentUnitId: z.uuid(),
    receptionPointId: z.uuid(),
    returnPointId: z.uuid().optional(),
    channel: z.enum(['in-person', 'online', 'postal']),
    applicant: z
      .object({
        idNumber: IdNumber,
        fullName: z.string().trim().min(1).max(200),
        dateOfBirth: z.iso.date().optional(),
        phone: z
          .string()
          .regex(/^[0-9+ ().-]{0,20}$/)
          .optional(),
        address: z.string().max(500).optional(),
      })
      .strict(),
    components: z.array(ProvidedComponent).max(60),
    draftId: z
      .uuid()
      .optional()
      .describe('The intake draft this dossier completes; it is deleted in the creating transaction (a later save of it is ignored)'),
    fee: z
      .object({
        pages: z.number().int().min(0).max(10_000).optional(),
        copies: z.number().int().min(1).max(100).optional(),
        receiptNo: z.string().max(60).optional(),
      })
      .strict()
      .optional(),
    offline: z
      .object({
        receivedAt: z.iso
          .datetime({ offset: true, message: 'an ISO 8601 time with offset, e.g. 2026-03-02T09:00:00+07:00' })
          .describe("When the counter received the dossier by the device's clock; used when plausible, else the server's time"),
        provisionalNo: z
          .string()
          .regex(/^[A-Za-z0-9-]{4,40}$/)
          .describe('The number printed on the provisional receipt (unique to the device)'),
        procedureVersionId: z
          .uuid()
          .optional()
          .describe('The procedure version the device showed; a newer current version answers 409 offline-procedure-changed'),
      })
      .strict()
      .optional()
      .describe('Present when the dossier was received at the counter while the server was unreachable and is sent now'),
  })
  .strict();

export const IntakeResult = z.object({
  id: z.string(),
  code: z.string(),
  status: z.enum(STATUSES),
  nationalStatus: z.number(),
  receivedAt: z.string(),
  countedFrom: z.string(),
  dueAt: z.string().nullable(),
  fee: z.number(),
  offline: z
    .object({
      provisionalNo: z.string(),
      deviceTimeUsed: z.boolean(),
      clockWarning: z.enum(['in-future', 'too-old', 'invalid']).nullable().describe("Why the device's receipt time was not used"),
    })
    .optional(),
});

/** Bodies of the actions; the rule-bearing ones as the contract writes them. */
export const ActionBodies = {
  accept: z.object({ note: z.string().max(2000).optional() }).strict(),
  assign: z.object({ assigneeId: z.uuid().optional() }).strict(),
  'request-supplement': z
    .object({
      reason: z.string().trim().min(1).max(4000),
      items: z
        .array(z.object({ componentId: z.uuid(), reason: z.string().trim().min(1).max(2000) }).strict())
        .min(1)
        .max(60),
    })
    .strict(),
  'receive-supplement': z.object({ components: z.array(ProvidedComponent).max(60) }).strict(),
  refuse: z
    .object({
      reason: z.string().trim().min(1).max(4000),
      items: z
        .array(z.object({ componentId: z.uuid(), reason: z.string().trim().min(1).max(2000) }).strict())
        .max(60)
        .optional()
        .describe('The components the refusal names; a paper the population registry holds cannot be named unless the lookup failed'),
    })
    .strict(),
  'submit-for-approval': z.object({ note: z.string().max(2000).optional() }).strict(),
  approve: z.object({ note: z.string().max(2000).optional() }).strict(),
  'return-to-specialist': z.object({ reason: z.string().trim().min(1).max(4000) }).strict(),
  'issue-result': z.object({ resultFileIds: z.array(z.uuid()).max(20).optional(), note: z.string().max(2000).optional() }).strict(),
  'return-result': z
    .object({
      note: z.string().max(2000).optional(),
      handover: z
        .object({
          method: z.enum(['in-person', 'postal', 'electronic']),
          receiverName: z.string().trim().max(200).optional(),
          receiverIdNumber: z.string().trim().max(20).optional(),
          trackingNumber: z.string().trim().max(60).optional(),
        })
        .strict()
        .optional()
        .describe("How the result was handed over: in person (receiver's name and ID number), by post (tracking number), electronically"),
    })
    .strict(),
  'record-withdrawal-request': z
    .object({
      channel: z.enum(['in-person', 'postal', 'online']),
      reason: z.string().trim().min(1).max(4000),
      evidenceFileIds: z
        .array(z.uuid())
        .max(10)
        .optional()
        .describe("The scan of the citizen's signed request (required in person and by post)"),
    })
    .strict(),
  stop: z.object({ reason: z.string().trim().min(1).max(4000) }).strict(),
  'apologize-and-extend': z.object({ reason: z.string().trim().min(1).max(4000), newDueAt: z.iso.datetime({ offset: true }) }).strict(),
  transfer: z.object({ toUnitId: z.uuid(), reason: z.string().trim().min(1).max(4000) }).strict(),
} satisfies Record<(typeof ACTIONS)[number], z.ZodType>;

export const ListItem = z.object({
  id: z.string(),
  code: z.string(),
  status: z.enum(STATUSES),
  nationalStatus: z.number(),
  unitId: z.string(),
  receivedUnitId: z.string(),
  channel: z.string(),
  applicantName: z.string(),
  procedureName: z.string(),
  assigneeName: z.string().nullable(),
  receivedAt: z.string(),
  dueAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  overdue: z.boolean(),
  supplementCount: z.number(),
  extended: z.boolean(),
});

export const DossierDetail = z.object({
  id: z.string(),
  code: z.string(),
  status: z.enum(STATUSES),
  nationalStatus: z.number(),
  unitId: z.string(),
  receivedUnitId: z.string(),
  receptionPoint: z.object({ id: z.string(), name: z.string() }),
  returnPoint: z.object({ id: z.string(), name: z.string() }),
  channel: z.string(),
  applicant: z.object({
    idNumber: z.string(),
    fullName: z.string(),
    dateOfBirth: z.string().optional(),
    phone: z.string().optional(),
    address: z.string().optional(),
  }),
  registryUsed: z.boolean(),
  online: z
    .object({
      viaPortal: z.boolean(),
      paidOnline: z.boolean(),
      verifiedVneid: z.boolean(),
      assistedBy: z
        .object({ id: z.string(), fullName: z.string() })
        .nullable()
        .describe('The officer who filed it with the citizen at the counter'),
    })
    .describe('How an online dossier arrived'),
  fee: z.number(),
  feeReceiptNo: z.string().nullable(),
  assignee: z.object({ id: z.string(), fullName: z.string() }).nullable(),
  receivedAt: z.string(),
  countedFrom: z.string(),
  dueAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  returnedAt: z.string().nullable(),
  workingHoursLeft: z.number().nullable().describe('Working hours until the due time (negative when late)'),
  steps: z.array(
    z.object({
      name: z.string(),
      role: z.string(),
      dueAt: z.string().nullable(),
      doneAt: z.string().nullable(),
      state: z.enum(['done-early', 'done-on-time', 'done-late', 'current', 'late', 'pending']),
    }),
  ),
  handoffs: z.array(
    z.object({
      giver: z.string(),
      receiver: z.string(),
      at: z.string(),
      dueAt: z.string().nullable(),
      result: z.enum(['early', 'on-time', 'late', 'pending']),
    }),
  ),
  overdue: z.boolean(),
  supplementRequested: z.boolean(),
  extended: z.boolean(),
  withdrawalRequested: z.boolean(),
  procedure: z.object({
    id: z.string(),
    versionId: z.string(),
    version: z.number(),
    code: z.string(),
    name: z.string(),
    processingDays: z.number(),
  }),
  components: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      mandatory: z.boolean(),
      fromRegistry: z.boolean(),
      provided: z.boolean(),
      presented: z.boolean(),
      providedFromRegistry: z.boolean(),
      fileIds: z.array(z.string()),
    }),
  ),
  events: z.array(
    z.object({
      seq: z.number(),
      at: z.string(),
      action: z.string(),
      fromStatus: z.string().nullable(),
      toStatus: z.string(),
      actorName: z.string(),
      actorRole: z.string(),
      reason: z.string(),
      data: z.record(z.string(), z.unknown()),
    }),
  ),
  allowedActions: z.array(z.enum(ACTIONS)).describe('The actions you may take now (the available ones of `actions`)'),
  actions: z
    .array(
      z.object({
        action: z.enum(ACTIONS),
        available: z.boolean(),
        reason: z
          .object({ code: z.string(), message: z.string() })
          .nullable()
          .describe('The rule of the law that forbids the action now (the code the action would answer 422 with), in your language'),
      }),
    )
    .describe('Every action the status and your roles allow, each available or forbidden by a named rule'),
  portalSync: z
    .object({ pending: z.number(), delivered: z.number(), dead: z.number(), lastDeliveredAt: z.string().nullable() })
    .describe('National portal sync of the status changes: delivered, waiting to be (re)sent, or dead (an administrator replays them)'),
  formAnswers: z
    .object({
      title: z.string(),
      items: z.array(z.object({ path: z.string(), label: z.string(), value: z.string().nullable(), depth: z.number() })),
    })
    .nullable()
    .describe("The e-form answers of an online application, labelled with the schema's titles in the schema's order (null for paper)"),
});
