import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { reachableBy } from './embedded';

describe('reachableBy (can the postgres OS user reach the data folder?)', () => {
  it('says no for a folder under a private (700) parent owned by someone else, yes once it opens', () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-reach-'));
    const priv = path.join(base, 'home');
    fs.mkdirSync(priv, { mode: 0o700 });
    fs.chmodSync(priv, 0o700);
    const other = { uid: 999_999, gid: 999_999 };
    expect(reachableBy(path.join(priv, 'clone', 'var', 'pg'), other)).toBe(false);
    fs.chmodSync(priv, 0o755);
    fs.chmodSync(base, 0o755);
    expect(reachableBy(path.join(priv, 'clone', 'var', 'pg'), other)).toBe(true);
    fs.rmSync(base, { recursive: true, force: true });
  });
});
