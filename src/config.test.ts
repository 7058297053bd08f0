import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('configuration', () => {
  it('defaults to demo mode on the embedded database', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ demo: true, simulators: true, port: 3000, databaseUrl: undefined });
  });
  it('a DATABASE_URL means a server database, no demo, no simulators', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/motcua' });
    expect(c).toMatchObject({ demo: false, simulators: false });
  });
  it('names every bad variable and what it expects', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', MOTCUA_SESSION_IDLE_MINUTES: '0' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const m = (e as Error).message;
      expect(m).toContain('PORT="eighty"');
      expect(m).toContain('DATABASE_URL="mysql://x": expected a postgres:// or postgresql:// connection URL');
      expect(m).toContain('MOTCUA_SESSION_IDLE_MINUTES');
    }
  });
});
