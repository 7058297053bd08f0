// One Motcua server for every browser test file (embedded PostgreSQL takes a few seconds to initialise).
// MOTCUA_E2E_BASE_URL (with MOTCUA_E2E_PASSWORD) points the tests at a server already running instead, for
// quick iterations on the web app.
import type { TestProject } from 'vitest/node';
import { startServer } from './server';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    demoPassword: string;
  }
}

export default async function setup(project: TestProject) {
  const external = process.env.MOTCUA_E2E_BASE_URL;
  if (external) {
    project.provide('baseUrl', external);
    project.provide('demoPassword', process.env.MOTCUA_E2E_PASSWORD ?? '');
    return async () => {};
  }
  const server = await startServer();
  project.provide('baseUrl', server.baseUrl);
  project.provide('demoPassword', server.password);
  return async () => {
    await server.stop();
  };
}
