// The README's role table is what the code enforces: every role is listed, each with exactly the dossier
// actions the lifecycle table gives it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTION_ROLES, ACTIONS } from '../../src/domain/dossier/lifecycle';
import { ROLE_LABELS, ROLES } from '../../src/domain/roles';

const readme = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
const row = (role: string) => readme.split('\n').find((l) => l.startsWith(`| \`${role}\``));

describe('README roles', () => {
  it.each(ROLES.map((r) => [r]))('%s: listed with its Vietnamese name and exactly its dossier actions', (role) => {
    const line = row(role);
    expect(line, role).toBeDefined();
    expect(line).toContain(ROLE_LABELS[role].vi);
    const mine = ACTIONS.filter((a) => (ACTION_ROLES[a] as readonly string[]).includes(role));
    const listed =
      /dossiers: ([a-z, -]+)/
        .exec(line!)?.[1]
        ?.split(', ')
        .map((s) => s.trim()) ?? [];
    expect(listed).toEqual(mine);
  });
});
