// Machine clients: the scopes they may ask for and the roles a scope stands for (pure).
import { describe, expect, test } from 'vitest';
import { API_SCOPES, SCOPE_LABELS, SCOPE_ROLES, clientActor, grantedScopes, isApiScope } from './api-clients';

describe('API client scopes', () => {
  test('the scopes, their labels and roles', () => {
    expect(API_SCOPES).toEqual(['dossiers:read', 'dossiers:write', 'catalogue:read', 'indicators:read', 'feedback:read']);
    expect(isApiScope('dossiers:read')).toBe(true);
    expect(isApiScope('dossiers:admin')).toBe(false);
    expect(isApiScope('')).toBe(false);
    expect(SCOPE_ROLES).toEqual({
      'dossiers:read': ['specialist'],
      'dossiers:write': ['reception-officer'],
      'catalogue:read': [],
      'indicators:read': ['leader'],
      'feedback:read': ['feedback-officer'],
    });
    for (const s of API_SCOPES) {
      expect(SCOPE_LABELS[s].vi.length).toBeGreaterThan(3);
      expect(SCOPE_LABELS[s].en.length).toBeGreaterThan(3);
    }
  });

  test("a client acts with its scopes' roles in each unit it reaches, and nowhere else", () => {
    const a = clientActor({
      userId: 'u1',
      username: 'client:x',
      name: 'X',
      scopes: ['dossiers:read', 'indicators:read'],
      unitIds: ['w1', 'w2'],
    });
    expect(a.userId).toBe('u1');
    expect(a.username).toBe('client:x');
    expect(a.fullName).toBe('X');
    expect(a.roles).toEqual([
      { unitId: 'w1', role: 'specialist' },
      { unitId: 'w1', role: 'leader' },
      { unitId: 'w2', role: 'specialist' },
      { unitId: 'w2', role: 'leader' },
    ]);
    expect(clientActor({ userId: 'u', username: 'c', name: 'C', scopes: ['catalogue:read'], unitIds: ['w1'] }).roles).toEqual([]);
    expect(clientActor({ userId: 'u', username: 'c', name: 'C', scopes: ['dossiers:write'], unitIds: [] }).roles).toEqual([]);
    // The same role from two scopes is held once.
    const twice = clientActor({ userId: 'u', username: 'c', name: 'C', scopes: ['dossiers:read', 'dossiers:read'], unitIds: ['w1'] });
    expect(twice.roles).toEqual([{ unitId: 'w1', role: 'specialist' }]);
  });

  test('a token request gets a subset of the client scopes, all when none is asked', () => {
    const mine = ['dossiers:read', 'catalogue:read'] as const;
    expect(grantedScopes(mine, undefined)).toEqual(['dossiers:read', 'catalogue:read']);
    expect(grantedScopes(mine, '   ')).toEqual(['dossiers:read', 'catalogue:read']);
    expect(grantedScopes(mine, ' catalogue:read ')).toEqual(['catalogue:read']);
    expect(grantedScopes(mine, 'catalogue:read  dossiers:read catalogue:read')).toEqual(['catalogue:read', 'dossiers:read']);
    expect(grantedScopes(mine, 'dossiers:read dossiers:write')).toEqual({ missing: ['dossiers:write'] });
    expect(grantedScopes(mine, 'everything dossiers:read')).toEqual({ missing: ['everything'] });
  });
});
