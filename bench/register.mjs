// `node --import ./bench/register.mjs bench/run.ts`: installs the TypeScript hooks in ts-hooks.mjs.
import { register } from 'node:module';

register('./ts-hooks.mjs', import.meta.url);
