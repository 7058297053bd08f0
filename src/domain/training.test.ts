// Training mode's pure rules: worlds never reach each other, and the exercise checks say what the law says.
import { describe, expect, it } from 'vitest';
import { unitsWhere, type Actor, type UnitNode } from './access';
import { checkExercise, crossesTrainingBoundary, isTrainingIdNumber, worldOf } from './training';

const tree: UnitNode[] = [
  { id: 'P', parentId: null, type: 'province' },
  { id: 'W', parentId: 'P', type: 'ward' },
  { id: 'TW', parentId: 'P', type: 'ward', training: true },
  { id: 'TP', parentId: null, type: 'province', training: true },
  { id: 'TPW', parentId: 'TP', type: 'ward', training: true },
];
const actor = (unitId: string, role: Actor['roles'][number]['role']): Actor => ({
  userId: 'u',
  username: 'u',
  fullName: 'u',
  roles: [{ unitId, role }],
});

describe('worlds', () => {
  it('a real province reaches its real units only; a training province its training ones; the system admin the real world', () => {
    expect([...unitsWhere(actor('P', 'province-admin'), tree)].sort()).toEqual(['P', 'W']);
    expect([...unitsWhere(actor('TP', 'province-admin'), tree)].sort()).toEqual(['TP', 'TPW']);
    expect([...unitsWhere(actor('P', 'system-admin'), tree)].sort()).toEqual(['P', 'W']);
  });

  it('crossing in either direction is named; unknown ids are not a crossing', () => {
    const trainee = actor('TW', 'reception-officer');
    expect(worldOf(trainee, tree)).toBe('training');
    expect(crossesTrainingBoundary(trainee, tree, ['W'])).toBe('training-to-real');
    expect(crossesTrainingBoundary(trainee, tree, ['TW', 'nope'])).toBeNull();
    expect(crossesTrainingBoundary(actor('W', 'specialist'), tree, ['TPW'])).toBe('real-to-training');
    expect(isTrainingIdNumber('000090000001')).toBe(true);
    expect(isTrainingIdNumber('038090000001')).toBe(false);
  });
});

describe('exercise checks', () => {
  const start = new Date('2026-12-03T02:00:00Z');
  const later = new Date('2026-12-03T02:05:00Z');
  const ev = (action: string, data: Record<string, unknown> = {}, actorId = 't') => ({ action, actorId, at: later, reason: '', data });
  const dossier = {
    status: 'awaiting-supplement',
    applicantIdNumber: '000090000001',
    registryUsed: true,
    receivedBy: 'i',
    receivedAt: start,
  };

  it('a supplement without a reason for each paper fails, quoting Decree 118 Art. 11', () => {
    const r = checkExercise({
      exercise: 'supplement-request',
      trainee: 't',
      startedAt: start,
      dossier,
      events: [ev('request-supplement', { items: [{ componentId: 'c', reason: '' }] })],
      idNumber: '',
    });
    expect(r.passed).toBe(false);
    expect(r.findings.find((f) => !f.ok)!.law!.vi).toContain('Nghị định 118, Điều 11');
  });

  it('events of others or from before the start do not count for the trainee', () => {
    const r = checkExercise({
      exercise: 'return-result',
      trainee: 't',
      startedAt: start,
      dossier: { ...dossier, status: 'returned' },
      events: [ev('return-result', {}, 'someone-else')],
      idNumber: '',
    });
    expect(r.passed).toBe(false);
  });

  it('a withdrawal recorded before the stop passes', () => {
    const r = checkExercise({
      exercise: 'withdrawal-on-request',
      trainee: 't',
      startedAt: start,
      dossier: { ...dossier, status: 'stopped' },
      events: [ev('record-withdrawal-request'), { ...ev('stop'), at: new Date(later.getTime() + 1000) }],
      idNumber: '',
    });
    expect(r.passed).toBe(true);
    expect(r.findings.every((f) => f.law === null)).toBe(true);
  });
});
