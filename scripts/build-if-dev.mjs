// `prepare` runs at every `npm ci`, also `npm ci --omit=dev` (a production install: the systemd
// steps, an image's last stage) where TypeScript is absent and dist/ was built beforehand. Build
// only when the TypeScript compiler is installed; otherwise say that dist/ is used as it is.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

try {
  createRequire(import.meta.url).resolve('typescript/package.json');
} catch {
  if (!existsSync(new URL('../dist/cli.js', import.meta.url))) {
    console.error('prepare: TypeScript is not installed and dist/ is missing: build first (npm ci, with dev dependencies), then install with --omit=dev');
    process.exit(1);
  }
  console.log('prepare: production install (no TypeScript): using the dist/ already built');
  process.exit(0);
}
const build = spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
process.exit(build.status ?? 1);
