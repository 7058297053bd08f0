import { describe, expect, test } from 'vitest';
import {
  componentsToSend,
  emptyData,
  firstToTick,
  intakeReducer,
  lockedFromRegistry,
  type IntakeAction,
  type IntakeData,
  type ProcSnap,
} from './state';

const comp = (id: string, mandatory: boolean, fromRegistry: boolean) =>
  ({ id, name: id, mandatory, fromRegistry, originals: 1, copies: 0, accepted: ['paper'] }) as unknown as ProcSnap['components'][number];

const proc = (over: Partial<ProcSnap> = {}): ProcSnap =>
  ({
    id: 'p1',
    code: '1.004873',
    name: 'Xác nhận tình trạng hôn nhân',
    processingDays: 3,
    fee: { kind: 'free' },
    feeFrom: 0,
    components: [comp('to-khai', true, false), comp('cu-tru', true, true), comp('ban-sao', false, false)],
    boundaryFree: false,
    channels: ['in-person'],
    unitIds: ['own'],
    ...over,
  }) as ProcSnap;

const run = (...actions: IntakeAction[]): IntakeData => actions.reduce(intakeReducer, emptyData('point-1', 'own'));

describe('the counter intake reducer', () => {
  test('a fresh form: the unit, its remembered point, one idempotency key, nothing chosen', () => {
    const d = emptyData('point-1', 'own');
    expect(d).toMatchObject({ competentUnitId: 'own', receptionPointId: 'point-1', lookup: 'none', procedure: null, pages: 1, copies: 1 });
    expect(d.idempotencyKey).toMatch(/^[0-9a-f]{32}$/);
    expect(emptyData('point-1', 'own').idempotencyKey).not.toBe(d.idempotencyKey);
  });

  test('a failed lookup forgets the registry data of an earlier number but keeps what was typed', () => {
    const citizen = { fullName: 'Lê Thị Hoa', dateOfBirth: '1950-03-04', address: 'Hạc Thành', phone: '0912345678' };
    const afterFound = run({ type: 'lookup-found', citizen }, { type: 'lookup-failed', status: 'unavailable' });
    expect(afterFound.lookup).toBe('unavailable');
    expect(afterFound.citizen.fullName).toBe('');
    const typed = run({ type: 'citizen-edited', patch: { fullName: 'Trần' } }, { type: 'lookup-failed', status: 'not-found' });
    expect(typed.citizen.fullName).toBe('Trần');
    // Keys typed before the page was ready land at the end of the name, in order.
    expect(intakeReducer(typed, { type: 'name-appended', text: ' Văn' }).citizen.fullName).toBe('Trần Văn');
  });

  test('picking a procedure clears the papers, files and counts of the one before', () => {
    const d = run(
      { type: 'procedure-picked', procedure: proc() },
      { type: 'component-checked', componentId: 'to-khai', checked: true },
      { type: 'file-added', componentId: 'ban-sao', file: { id: 'f1', name: 'a.pdf', pages: 1, sizeBytes: 10 } },
      { type: 'pages-set', pages: 4 },
    );
    expect(d.checked).toEqual({ 'to-khai': true, 'ban-sao': true });
    expect(d.pages).toBe(4);
    const again = intakeReducer(d, { type: 'procedure-picked', procedure: proc({ id: 'p2' }) });
    expect(again).toMatchObject({ checked: {}, files: {}, pages: 1, copies: 1 });
  });

  test('counts never drop below one; a removed file leaves the others', () => {
    const f = (id: string) => ({ type: 'file-added', componentId: 'to-khai', file: { id, name: id, pages: 1, sizeBytes: 1 } }) as const;
    const d = run({ type: 'procedure-picked', procedure: proc() }, f('a'), f('b'), {
      type: 'file-removed',
      componentId: 'to-khai',
      fileId: 'a',
    });
    expect(d.files['to-khai']!.map((x) => x.id)).toEqual(['b']);
    expect(run({ type: 'pages-set', pages: 0 }).pages).toBe(1);
    expect(run({ type: 'copies-set', copies: Number.NaN }).copies).toBe(1);
  });

  test('another competent unit keeps the procedure only when that unit handles it and it is boundary-free', () => {
    const local = run({ type: 'procedure-picked', procedure: proc({ unitIds: ['own', 'other'] }) });
    expect(intakeReducer(local, { type: 'competent-unit-chosen', unitId: 'other', ownUnitId: 'own' }).procedure).toBeNull();
    const free = run({ type: 'procedure-picked', procedure: proc({ unitIds: ['own', 'other'], boundaryFree: true }) });
    const moved = intakeReducer({ ...free, returnPointId: 'rp' }, { type: 'competent-unit-chosen', unitId: 'other', ownUnitId: 'own' });
    expect(moved).toMatchObject({ competentUnitId: 'other', returnPointId: '' });
    expect(moved.procedure?.id).toBe('p1');
  });

  test('a registry-held paper is never sent nor ticked unless the lookup failed', () => {
    const reg = comp('cu-tru', true, true);
    expect(lockedFromRegistry(reg, 'found')).toBe(true);
    expect(lockedFromRegistry(reg, 'none')).toBe(true);
    expect(lockedFromRegistry(reg, 'not-found')).toBe(false);
    expect(lockedFromRegistry(reg, 'unavailable')).toBe(false);
    const ticked: IntakeAction[] = [
      { type: 'procedure-picked', procedure: proc() },
      { type: 'component-checked', componentId: 'to-khai', checked: true },
      { type: 'component-checked', componentId: 'cu-tru', checked: true },
    ];
    const found = run({ type: 'lookup-found', citizen: { fullName: 'A', dateOfBirth: '', address: '', phone: '' } }, ...ticked);
    expect(componentsToSend(found)).toEqual([{ componentId: 'to-khai', presented: true }]);
    expect(firstToTick(found.procedure!, found.lookup)?.id).toBe('to-khai');
    const failed = run({ type: 'lookup-failed', status: 'unavailable' }, ...ticked, {
      type: 'file-added',
      componentId: 'cu-tru',
      file: { id: 'scan', name: 'scan.pdf', pages: 1, sizeBytes: 1 },
    });
    expect(componentsToSend(failed)).toEqual([
      { componentId: 'to-khai', presented: true },
      { componentId: 'cu-tru', fileIds: ['scan'] },
    ]);
  });

  test('the created dossier is kept in the form (the done screen and a reload show it)', () => {
    const result = { id: 'd1', code: 'X-1', status: 'received', nationalStatus: 2, receivedAt: '', countedFrom: '', dueAt: null, fee: 0 };
    expect(run({ type: 'created', result } as IntakeAction).result).toEqual(result);
  });
});
