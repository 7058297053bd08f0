// The citizen portal's e-form: the procedure's form for the signed-in citizen, prefilled from the population
// registry (shown, not asked) and from their earlier answers to the same procedure, and the form's check against
// its JSON Schema (used again when the dossier is created from the application).
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { PopulationRegistry } from '../adapters/registry.adapter';
import { computeFee } from '../domain/catalogue/fee';
import { formatVnIso } from '../domain/calendar/time';
import { prefill, registryValues, requiredLevel, type FormValues } from '../domain/portal/form';
import { Problem } from '../domain/problems';
import type { Db } from '../db/database';
import { handlingUnitsWithReturnPoints, lastSubmittedForm } from '../db/repositories/application.repository';
import { logPersonalDataAccess } from '../db/repositories/dossier.repository';
import { findProcedures, type ProcedureView } from '../db/repositories/procedure.repository';
import { requireCitizen, type CitizenPrincipal, type ServiceContext } from './context';

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
// The e-form builder's "date before today" (x-beforeToday): today in Vietnam when the form is checked.
ajv.addKeyword({
  keyword: 'x-beforeToday',
  type: 'string',
  schemaType: 'boolean',
  validate: (on: boolean, data: string) => !on || data < formatVnIso(new Date()).slice(0, 10),
  errors: false,
});
const validators = new Map<string, ValidateFunction>();

const MESSAGES: Record<string, { vi: string; en: string }> = {
  required: { vi: 'chưa điền', en: 'is required' },
  enum: { vi: 'hãy chọn một giá trị trong danh sách', en: 'choose one of the listed values' },
  pattern: { vi: 'không đúng định dạng', en: 'has the wrong format' },
  format: { vi: 'không đúng định dạng', en: 'has the wrong format' },
  type: { vi: 'sai kiểu dữ liệu', en: 'has the wrong type' },
  additionalProperties: { vi: 'không có trong tờ khai', en: 'is not a field of this form' },
  'x-beforeToday': { vi: 'phải là một ngày trước hôm nay', en: 'must be a date before today' },
};

/** The field's title in the schema ("Người yêu cầu › Họ, chữ đệm, tên"), or its path. */
function titleOf(schema: Record<string, unknown>, path: string): string {
  const titles: string[] = [];
  let node: Record<string, unknown> | undefined = schema;
  for (const k of path.split('.').filter(Boolean)) {
    node = (node?.properties as Record<string, Record<string, unknown>> | undefined)?.[k];
    titles.push(typeof node?.title === 'string' ? node.title : k);
  }
  return titles.join(' › ') || path;
}

/** Errors of a form against its JSON Schema, each naming the field by its path and its title in the form. */
export function formErrors(
  schema: Record<string, unknown>,
  values: FormValues,
  lang: 'vi' | 'en' = 'vi',
): { field: string; title: string; message: string }[] {
  const key = JSON.stringify(schema);
  let v = validators.get(key);
  if (!v) {
    v = ajv.compile(schema);
    validators.set(key, v);
  }
  if (v(values)) return [];
  return (v.errors ?? []).map((e) => {
    const base = e.instancePath.replace(/^\//, '').replaceAll('/', '.');
    const extra =
      e.keyword === 'required'
        ? String(e.params.missingProperty)
        : e.keyword === 'additionalProperties'
          ? String(e.params.additionalProperty)
          : '';
    const field = [base, extra].filter(Boolean).join('.');
    return { field, title: titleOf(schema, field), message: MESSAGES[e.keyword]?.[lang] ?? e.message ?? 'invalid' };
  });
}

export class PortalFormService {
  constructor(
    private readonly db: Db,
    private readonly registry: PopulationRegistry,
  ) {}

  async procedure(procedureId: string): Promise<ProcedureView> {
    const [proc] = await findProcedures(this.db, { ids: [procedureId] });
    if (!proc) throw new Problem('not-found', { what: 'procedure' });
    return proc;
  }

  /** The procedure is filed online, at a level of assurance the citizen's account has. */
  checkOnline(proc: ProcedureView, citizen: CitizenPrincipal): void {
    if (!proc.channels.includes('online') || proc.onlineLevel === 'none') throw new Problem('procedure-not-online');
    if (citizen.loa < requiredLevel(proc)) throw new Problem('vneid-level-required', {}, { requiredLevel: requiredLevel(proc) });
  }

  /** The registry's data of the signed-in citizen (or of the citizen an officer files for), logged like any lookup. */
  async lookupOwn(ctx: ServiceContext, citizen: CitizenPrincipal, purpose: string) {
    const lookup = await this.registry.lookup(citizen.idNumber);
    await logPersonalDataAccess(this.db, {
      actorId: citizen.assistedBy?.userId ?? null,
      actorName: citizen.assistedBy ? `${citizen.assistedBy.fullName} for citizen:${citizen.idNumber}` : `citizen:${citizen.idNumber}`,
      unitId: null,
      idNumber: citizen.idNumber,
      subjectType: 'population-registry',
      purpose,
      outcome: lookup.status,
      requestId: ctx.requestId,
    });
    return lookup;
  }

  /**
   * The e-form of a procedure for the signed-in citizen: the registry's data of the applicant (shown, not
   * asked), their earlier answers to the same procedure, and the procedure's components and fee.
   */
  async form(ctx: ServiceContext, procedureId: string) {
    const citizen = requireCitizen(ctx);
    const proc = await this.procedure(procedureId);
    this.checkOnline(proc, citizen);
    const lookup = await this.lookupOwn(ctx, citizen, `portal e-form ${proc.code} (own data)`);
    const person = lookup.status === 'found' ? lookup.citizen : null;
    const schema = proc.formSchema ?? {};
    const registry = person ? registryValues(schema, person) : {};
    const earlier = await lastSubmittedForm(this.db, citizen.citizenId, proc.id);
    const units = await handlingUnitsWithReturnPoints(this.db, proc.id);
    return {
      procedure: proc,
      requiredLevel: requiredLevel(proc),
      registry: lookup.status,
      applicant: person
        ? {
            idNumber: person.idNumber,
            fullName: person.fullName,
            dateOfBirth: person.dateOfBirth,
            address: person.address,
            phone: person.phone,
          }
        : null,
      registryPaths: Object.keys(registry),
      prefill: prefill(schema, {}, registry, earlier ?? {}),
      units,
      fee: computeFee(proc.fee, {}),
    };
  }
}
