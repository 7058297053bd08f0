// One Motcua server for every browser test file (embedded PostgreSQL takes a few seconds to initialise).
import type { TestProject } from 'vitest/node';
import { startServer } from './server';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    demoPassword: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await startServer();
  project.provide('baseUrl', server.baseUrl);
  project.provide('demoPassword', server.password);
  return async () => {
    await server.stop();
  };
}
