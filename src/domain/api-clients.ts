// Machine clients of the API (OAuth 2.0 client credentials): their scopes and what each scope lets a client do.
// Pure: the service loads the client, this decides its authority.
import type { Actor } from './access';
import type { Role } from './roles';

export const API_SCOPES = ['dossiers:read', 'dossiers:write', 'catalogue:read', 'indicators:read', 'feedback:read'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export function isApiScope(v: string): v is ApiScope {
  return (API_SCOPES as readonly string[]).includes(v);
}

export const SCOPE_LABELS = {
  'dossiers:read': { vi: 'Đọc hồ sơ', en: 'Read dossiers' },
  'dossiers:write': { vi: 'Tiếp nhận và xử lý hồ sơ', en: 'Receive and process dossiers' },
  'catalogue:read': { vi: 'Đọc danh mục thủ tục', en: 'Read the procedure catalogue' },
  'indicators:read': { vi: 'Đọc chỉ số đánh giá (QĐ 766)', en: 'Read the indicators (Decision 766)' },
  'feedback:read': { vi: 'Đọc phản ánh, kiến nghị', en: 'Read feedback' },
} satisfies Record<ApiScope, { vi: string; en: string }>;

/**
 * The role a scope stands for in each unit the client reaches: the services' own policies then decide, as for a person
 * holding that role there. Which operations a scope opens at all is the API's table (src/api/machine-access.ts): a
 * role's other powers (a leader's approval, a specialist's registry lookup) stay closed because no scope opens
 * their operations. `catalogue:read` needs no role (the catalogue is public).
 */
export const SCOPE_ROLES = {
  'dossiers:read': ['specialist'],
  'dossiers:write': ['reception-officer'],
  'catalogue:read': [],
  'indicators:read': ['leader'],
  'feedback:read': ['feedback-officer'],
} as const satisfies Record<ApiScope, readonly Role[]>;

/** The actor a client acts as: its own staff_user identity holding its scopes' roles in each unit it reaches (never province-wide). */
export function clientActor(c: {
  userId: string;
  username: string;
  name: string;
  scopes: readonly ApiScope[];
  unitIds: readonly string[];
}): Actor {
  const roles = new Set<Role>(c.scopes.flatMap((s) => SCOPE_ROLES[s]));
  return {
    userId: c.userId,
    username: c.username,
    fullName: c.name,
    roles: c.unitIds.flatMap((unitId) => [...roles].map((role) => ({ unitId, role }))),
  };
}

/** The scopes a token request may ask for: a subset of the client's (none asked = all of them). Null when it asks for more. */
export function grantedScopes(clientScopes: readonly ApiScope[], requested: string | undefined): ApiScope[] | { missing: string[] } {
  if (!requested?.trim()) return [...clientScopes];
  const asked = [...new Set(requested.trim().split(/\s+/))];
  const missing = asked.filter((s) => !isApiScope(s) || !clientScopes.includes(s));
  if (missing.length) return { missing };
  return asked as ApiScope[];
}
