// A procedure of the province's catalogue (thủ tục hành chính): what the citizen brings, what is fetched
// for them, fee, legal processing time, steps. One zod schema serves the API, import/export and the web
// admin form, so all three validate the same way.
import { z } from 'zod';

export const CHANNELS = ['in-person', 'online', 'postal'] as const;
export type Channel = (typeof CHANNELS)[number];
export const ACCEPTED_FORMS = ['paper', 'electronic', 'presented'] as const;

const Hhmm = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'a time HH:MM');
const IsoDate = z.iso.date('a date YYYY-MM-DD');
const Money = z.number().int('whole đồng').min(0).max(1_000_000_000);

export const FeeRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('free'), note: z.string().max(2000).optional() }).strict(),
  z.object({ kind: z.literal('fixed'), amount: Money, note: z.string().max(2000).optional() }).strict(),
  z
    .object({
      kind: z.literal('per-unit'),
      unitLabel: z.string().min(1).max(40),
      firstUnits: z.number().int().min(0).max(10_000),
      firstUnitPrice: Money,
      nextUnitPrice: Money,
      capPerCopy: Money.optional(),
      note: z.string().max(2000).optional(),
    })
    .strict(),
]);
export type FeeRule = z.infer<typeof FeeRule>;

export const ComponentInput = z
  .object({
    name: z.string().trim().min(1).max(1000),
    mandatory: z.boolean(),
    originals: z.number().int().min(0).max(20),
    copies: z.number().int().min(0).max(20),
    accepted: z.array(z.enum(ACCEPTED_FORMS)).min(1).max(3),
    fromRegistry: z.boolean(),
  })
  .strict();
export type ComponentInput = z.infer<typeof ComponentInput>;

export const StepInput = z
  .object({
    name: z.string().trim().min(1).max(300),
    role: z.enum(['reception-officer', 'specialist', 'leader']),
    share: z.number().gt(0).max(1),
  })
  .strict();

export const LegalBasis = z
  .object({ number: z.string().trim().min(1).max(100), title: z.string().trim().min(1).max(1000), issuedOn: IsoDate })
  .strict();

export const ProcedureInput = z
  .object({
    code: z.string().regex(/^[0-9]\.[0-9]{6}$/, 'a national procedure code such as 1.001193'),
    name: z.string().trim().min(3).max(1000),
    field: z.string().trim().min(1).max(300),
    level: z.enum(['commune', 'province']),
    legalBasis: z.array(LegalBasis).max(50),
    processingDays: z
      .number()
      .min(0)
      .max(365)
      .refine((d) => Number.isInteger(d * 100), 'at most two decimals (e.g. 0.25, 0.5)'),
    cutoffTime: Hhmm.default('15:00'),
    fee: FeeRule,
    components: z.array(ComponentInput).min(1).max(60),
    steps: z.array(StepInput).min(1).max(20),
    resultType: z.string().trim().min(1).max(500),
    channels: z.array(z.enum(CHANNELS)).min(1).max(3),
    onlineLevel: z.enum(['full', 'partial', 'none']),
    boundaryFree: z.boolean(),
    formSchema: z.record(z.string(), z.unknown()).optional(),
    effectiveFrom: IsoDate.optional(),
    effectiveTo: IsoDate.optional(),
    notes: z.string().max(5000).optional(),
  })
  .strict()
  .refine((p) => Math.abs(p.steps.reduce((s, x) => s + x.share, 0) - 1) < 1e-6, {
    message: "the steps' shares of the processing time must add up to 1",
    path: ['steps'],
  })
  .refine((p) => !p.effectiveFrom || !p.effectiveTo || p.effectiveFrom <= p.effectiveTo, {
    message: 'effectiveTo is before effectiveFrom',
    path: ['effectiveTo'],
  })
  .refine((p) => p.onlineLevel === 'none' || p.channels.includes('online'), {
    message: 'an online level needs the online channel',
    path: ['onlineLevel'],
  });
export type ProcedureInput = z.infer<typeof ProcedureInput>;

export { computeFee, foldVietnamese } from './fee';
