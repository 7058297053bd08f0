// A worker thread of UntrustedContent (./pool.ts). Plain JavaScript so that Node can start it as it is; it
// registers tsx (as bin/motcua.mjs does) to load the TypeScript of the inspection itself.
import { register } from 'tsx/esm/api';

register();
const { runTask } = await import('./inspect.ts');

export default runTask;
