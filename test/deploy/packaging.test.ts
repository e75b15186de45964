import { execFile, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { createLogger } from '../../src/log.js';
import { startWebServer, type WebServer } from '../../src/web/server.js';
import { ROOT } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-db.js';

const run = promisify(execFile);

/** The Dockerfile as instructions (continuations joined, comments dropped), split into stages. */
function dockerStages(): { from: string; lines: { op: string; args: string }[] }[] {
  const text = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8').replace(/\\\n/g, ' ');
  const stages: { from: string; lines: { op: string; args: string }[] }[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const [op = '', ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (op.toUpperCase() === 'FROM') stages.push({ from: args, lines: [] });
    else stages.at(-1)?.lines.push({ op: op.toUpperCase(), args });
  }
  return stages;
}

function execForm(args: string): string[] {
  const json = args.slice(args.indexOf('['));
  const value = JSON.parse(json) as unknown;
  expect(Array.isArray(value)).toBe(true);
  return value as string[];
}

let server: WebServer | undefined;
let tmp: ReturnType<typeof tempDir> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  tmp?.cleanup();
  tmp = undefined;
});

describe('Dockerfile', () => {
  it('when built, then it builds with dev dependencies and runs Node 20 slim with production ones, as a non-root user, the database in /data, in exec form', () => {
    const stages = dockerStages();
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const [build, final] = [stages[0], stages.at(-1)];
    expect(build?.from).toMatch(/^node:20[\w.-]*-slim AS build$/);
    expect(build?.lines.some((l) => l.op === 'RUN' && /npm ci\b/.test(l.args) && !l.args.includes('--omit=dev'))).toBe(true);
    expect(build?.lines.some((l) => l.op === 'RUN' && /npm prune --omit=dev/.test(l.args))).toBe(true);
    expect(final?.from).toMatch(/^node:20[\w.-]*-slim$/);
    const op = (name: string) => final?.lines.filter((l) => l.op === name).map((l) => l.args) ?? [];
    // Only compiled code and production modules come from the build stage.
    expect(op('COPY').filter((a) => a.startsWith('--from=build'))).toEqual(['--from=build /app/node_modules ./node_modules', '--from=build /app/dist ./dist']);
    expect(op('USER')).toEqual(['node']);
    expect(op('VOLUME').map((a) => execForm(a))).toEqual([['/data']]);
    expect(op('ENV').join(' ')).toContain('DATABASE_PATH=/data/newsbot.sqlite');
    expect(execForm(op('CMD')[0] ?? '')).toEqual(['node', 'dist/cli.js', 'start']);
    expect(op('HEALTHCHECK')[0]).toMatch(/CMD \[/);
    for (const copy of op('COPY').filter((a) => !a.startsWith('--from'))) {
      for (const source of copy.split(/\s+/).slice(0, -1)) expect(existsSync(path.join(ROOT, source))).toBe(true);
    }
  });

  it('when its HEALTHCHECK command runs, then it exits 0 on a healthy /healthz and 1 on 503 or no answer', async () => {
    const healthCmd = dockerStages().at(-1)?.lines.find((l) => l.op === 'HEALTHCHECK')?.args ?? '';
    const argv = execForm(healthCmd.slice(healthCmd.indexOf('CMD ') + 4));
    expect(argv[0]).toBe('node');
    let healthy = true;
    server = await startWebServer({
      host: '127.0.0.1',
      port: 0,
      log: createLogger('silent'),
      health: () => ({ healthy, body: {} }),
      metrics: async () => ({ contentType: 'text/plain', body: '' }),
    });
    const check = async (port: number) => {
      try {
        await run(process.execPath, argv.slice(1), { env: { PATH: process.env.PATH ?? '', PORT: String(port) } });
        return 0;
      } catch (error: unknown) {
        return (error as { code?: number }).code;
      }
    };
    expect(await check(server.port)).toBe(0);
    healthy = false;
    expect(await check(server.port)).toBe(1);
    const port = server.port;
    await server.close();
    server = undefined;
    expect(await check(port)).toBe(1);
  });
});

describe('compose.yaml', () => {
  it('when used, then the bot restarts by itself, reads .env and keeps its database in a named volume at /data', () => {
    const compose = parseYaml(readFileSync(path.join(ROOT, 'compose.yaml'), 'utf8')) as {
      services: Record<string, { build?: unknown; restart?: string; env_file?: unknown; environment?: Record<string, string>; volumes?: string[]; ports?: string[] }>;
      volumes?: Record<string, unknown>;
    };
    const bot = compose.services.newsbot;
    expect(bot?.build).toBe('.');
    expect(bot?.restart).toBe('unless-stopped');
    expect(bot?.env_file).toBe('.env');
    expect(bot?.environment?.DATABASE_PATH).toMatch(/^\/data\//);
    const volume = bot?.volumes?.find((v) => v.endsWith(':/data'));
    expect(volume).toBeDefined();
    expect(Object.keys(compose.volumes ?? {})).toContain(volume?.split(':')[0]);
    // The HTTP port is for this machine only; a proxy publishes the webhook.
    expect(bot?.ports?.every((p) => p.startsWith('127.0.0.1:'))).toBe(true);
  });
});

describe('deploy/newsbot.service', () => {
  const unitText = readFileSync(path.join(ROOT, 'deploy/newsbot.service'), 'utf8');
  const settings = (key: string) => [...unitText.matchAll(new RegExp(`^${key}=(.*)$`, 'gm'))].map((m) => m[1]);

  it('when installed, then it runs as its own user with its state directory writable and the rest of the system read-only', () => {
    expect(settings('User')).toEqual(['newsbot']);
    expect(settings('StateDirectory')).toEqual(['newsbot']);
    expect(settings('NoNewPrivileges')).toEqual(['true']);
    expect(settings('ProtectSystem')).toEqual(['strict']);
    const database = settings('Environment').find((e) => e?.startsWith('DATABASE_PATH='))?.split('=')[1] ?? '';
    expect(settings('ReadWritePaths')).toEqual([path.dirname(database)]);
    expect(database.startsWith('/var/lib/newsbot/')).toBe(true);
    expect(settings('ExecStart')[0]).toMatch(/ dist\/cli\.js start$|\/dist\/cli\.js start$/);
  });

  it.skipIf(!hasSystemdAnalyze())('when checked by systemd-analyze verify (node and dist/ where this machine has them), then it has no error', async () => {
    tmp = tempDir();
    const here = unitText.replace('/usr/bin/node /opt/newsbot/dist/cli.js', `${process.execPath} ${path.join(ROOT, 'dist/cli.js')}`);
    const file = path.join(tmp.dir, 'newsbot.service');
    writeFileSync(file, here);
    const { stderr } = await run('systemd-analyze', ['verify', file]);
    expect(stderr.split('\n').filter((l) => l.includes('newsbot.service'))).toEqual([]);
  });
});

function hasSystemdAnalyze(): boolean {
  try {
    execFileSync('systemd-analyze', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * What `npm ci --omit=dev` leaves (the image's last stage, the systemd steps) runs newsbot. Slow
 * (an npm install, 10-30 s): only with NEWSBOT_SLOW_TESTS=1. The native SQLite module already built
 * for this machine is reused instead of compiled again.
 */
describe.skipIf(process.env.NEWSBOT_SLOW_TESTS !== '1')('production install (NEWSBOT_SLOW_TESTS=1)', () => {
  it('when installed without dev dependencies in a clean directory, then prepare skips the build and the CLI runs and migrates a database', { timeout: 180_000 }, async () => {
    tmp = tempDir();
    const dir = path.join(tmp.dir, 'app');
    mkdirSync(dir);
    for (const entry of ['package.json', 'package-lock.json', 'scripts', 'dist', 'migrations', 'sources.json']) cpSync(path.join(ROOT, entry), path.join(dir, entry), { recursive: true });
    await run('npm', ['ci', '--omit=dev', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: dir });
    expect(existsSync(path.join(dir, 'node_modules/typescript'))).toBe(false);
    expect(existsSync(path.join(dir, 'node_modules/vitest'))).toBe(false);
    cpSync(path.join(ROOT, 'node_modules/better-sqlite3/build'), path.join(dir, 'node_modules/better-sqlite3/build'), { recursive: true });
    const prepare = await run('npm', ['run', 'prepare'], { cwd: dir });
    expect(prepare.stdout).toContain('production install (no TypeScript)');
    const help = await run(process.execPath, ['dist/cli.js', '--help'], { cwd: dir });
    expect(help.stdout).toContain('backup');
    const env = { PATH: process.env.PATH ?? '', DATABASE_PATH: path.join(tmp.dir, 'data', 'newsbot.sqlite') };
    const migrate = await run(process.execPath, ['dist/cli.js', 'migrate'], { cwd: dir, env });
    expect(migrate.stdout).toMatch(/migration/i);
  });
});
