// The SQL of the unit repository, snapshotted (see dossier.sql.test.ts).
import { describe, expect, it } from 'vitest';
import {
  findReceptionPoint,
  findUnit,
  findUnitSchedule,
  forgetUnitTree,
  insertReceptionPoint,
  insertUnit,
  listUnits,
  listUnitTree,
  realUnits,
  shortUnitName,
  unitLetterhead,
  unitNameAndCode,
  updateReceptionPoint,
  updateUnit,
} from '../../../src/db/repositories/unit.repository';
import { GENERIC_ROW, recordingDb } from '../../support/sql-recorder';

const UNIT = '77000000-0000-4000-8000-000000000001';
const UNIT2 = '77000000-0000-4000-8000-000000000002';
const PROVINCE = '77000000-0000-4000-8000-000000000003';
const POINT = '77000000-0000-4000-8000-000000000004';
const NAME = 'Trung tâm Phục vụ hành chính công phường Hạc Thành';

describe('unit repository SQL', () => {
  // Every unit read answers with one unit row, so the reception points of the units are read too.
  const { db, record } = recordingDb(() => [{ ...GENERIC_ROW, id: UNIT, name: NAME, type: 'ward', parent_id: PROVINCE }]);

  it('a scoped request: the unit tree (its cache entry dropped after a change), a unit’s working-time clock', async () => {
    expect(
      await record(async (trx) => {
        await listUnitTree(trx);
        forgetUnitTree(db);
        await findUnitSchedule(trx, UNIT);
      }),
    ).toMatchSnapshot();
  });

  it('the unit list: every unit or the given ones, with their reception points; one unit', async () => {
    expect(
      await record(async (trx) => {
        await listUnits(trx);
        await listUnits(trx, new Set([UNIT, UNIT2]));
        await findUnit(trx, UNIT);
      }),
    ).toMatchSnapshot();
    expect(shortUnitName(NAME)).toBe('Phường Hạc Thành');
  });

  it('reports and forms: a unit’s name and code, its letterhead, the real (non-training) units', async () => {
    expect(
      await record(async (trx) => {
        await unitNameAndCode(trx, UNIT);
        await unitLetterhead(trx, UNIT);
        await realUnits(trx);
      }),
    ).toMatchSnapshot();
  });

  it('administration: a unit created and changed, a reception point created, read and changed', async () => {
    expect(
      await record(async (trx) => {
        await insertUnit(trx, {
          slug: 'hac-thanh',
          code: '000.01.01.H56',
          name: NAME,
          type: 'ward',
          parent_id: PROVINCE,
        });
        await updateUnit(trx, UNIT, { phone: '02373000000', saturday_reception: true });
        await insertReceptionPoint(trx, { unit_id: UNIT, host_unit_id: UNIT, name: 'Điểm tiếp nhận số 1', address: '1 Lê Lợi' });
        await findReceptionPoint(trx, POINT);
        await updateReceptionPoint(trx, POINT, { active: false });
      }),
    ).toMatchSnapshot();
  });
});
