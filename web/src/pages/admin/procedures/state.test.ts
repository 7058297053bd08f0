import { describe, expect, test } from 'vitest';
import type { ProcedureItem } from '../../../catalogue';
import { catalogueReducer, importFailure, INITIAL, withEnabled, withSaved, type CatalogueAction, type CatalogueState } from './state';

const run = (st: CatalogueState, ...actions: CatalogueAction[]) => actions.reduce(catalogueReducer, st);
const proc = (id: string, unitIds: string[] = []) => ({ id, code: '1.001193', name: id, version: 1, unitIds }) as unknown as ProcedureItem;

describe('the catalogue page’s reducer', () => {
  test('an import clears the last outcome, then shows its result or its errors', () => {
    let st = run(INITIAL, { type: 'importFailed', detail: 'x', errors: [] }, { type: 'importStarted' });
    expect(st).toMatchObject({ importing: true, importResult: null, importErrors: null });
    st = run(st, { type: 'imported', result: '3 mới' });
    expect(st).toMatchObject({ importing: false, importResult: '3 mới', importErrors: null });
    st = run(st, { type: 'importStarted' }, { type: 'importFailed', detail: 'Lỗi', errors: [{ row: 2, field: 'code', message: 'm' }] });
    expect(st).toMatchObject({ importing: false, importResult: null, importErrors: { detail: 'Lỗi', errors: [{ row: 2 }] } });
  });

  test('opens and closes the editor; saved drafts are counted for the publication panel', () => {
    const p = proc('a');
    expect(run(INITIAL, { type: 'edit', procedure: p }).editing).toBe(p);
    expect(run(INITIAL, { type: 'edit', procedure: p }, { type: 'edit', procedure: null }).editing).toBeNull();
    expect(run(INITIAL, { type: 'draftSaved' }, { type: 'draftSaved' }).draftsSaved).toBe(2);
    expect(run(INITIAL, { type: 'typed', text: 'khai sinh' }).text).toBe('khai sinh');
  });

  test('enabling at a unit adds it once; disabling removes it; other procedures untouched', () => {
    const items = [proc('a', ['u1']), proc('b')];
    expect(withEnabled(items, 'a', 'u1', true)[0]!.unitIds).toEqual(['u1']);
    expect(withEnabled(items, 'a', 'u2', true)[0]!.unitIds).toEqual(['u1', 'u2']);
    expect(withEnabled(items, 'a', 'u1', false)[0]!.unitIds).toEqual([]);
    expect(withEnabled(items, 'a', 'u1', false)[1]).toBe(items[1]);
    const saved = { ...proc('b'), version: 2 } as ProcedureItem;
    expect(withSaved(items, saved)[1]!.version).toBe(2);
  });

  test('an import’s failure: unreadable JSON, the server’s errors by row, or the network', () => {
    const words = { badJson: 'JSON hỏng', network: 'Mất mạng' };
    const none = () => null;
    expect(importFailure(new SyntaxError('x'), words, none)).toEqual({ detail: 'JSON hỏng', errors: [] });
    expect(
      importFailure(new Error('x'), words, () => ({ detail: 'Sai ở dòng 2', errors: [{ row: 2, field: 'code', message: 'm' }] })),
    ).toEqual({ detail: 'Sai ở dòng 2', errors: [{ row: 2, field: 'code', message: 'm' }] });
    expect(importFailure(new Error('x'), words, none)).toEqual({ detail: 'Mất mạng', errors: [] });
  });
});
