// Roles of the contract. A role is held in a unit; province-wide roles held in a province unit reach every unit of it.
export const ROLES = [
  'system-admin',
  'province-admin',
  'centre-director',
  'reception-officer',
  'specialist',
  'leader',
  'feedback-officer',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS = {
  'system-admin': { vi: 'Quản trị hệ thống', en: 'System administrator' },
  'province-admin': { vi: 'Quản trị cấp tỉnh', en: 'Province administrator' },
  'centre-director': { vi: 'Giám đốc Trung tâm', en: 'Centre director' },
  'reception-officer': { vi: 'Cán bộ tiếp nhận', en: 'Reception officer' },
  specialist: { vi: 'Chuyên viên xử lý', en: 'Specialist' },
  leader: { vi: 'Lãnh đạo phê duyệt', en: 'Leader' },
  'feedback-officer': { vi: 'Cán bộ xử lý phản ánh', en: 'Feedback officer' },
} satisfies Record<Role, { vi: string; en: string }>;

/** Who may appear as the actor of a history entry: a staff role, the citizen (portal) or the system (jobs). */
export const ACTOR_LABELS = {
  ...ROLE_LABELS,
  citizen: { vi: 'Công dân', en: 'Citizen' },
  system: { vi: 'Hệ thống', en: 'System' },
} as const satisfies Record<string, { vi: string; en: string }>;

export function isRole(v: string): v is Role {
  return (ROLES as readonly string[]).includes(v);
}

export type RoleGrant = { unitId: string; role: Role };
