/**
 * `local-stack dev`          the whole product on fixed ports, data kept under .data/ (pnpm dev).
 * `local-stack run -- CMD`   an in-memory stack on free ports for one command (tests, benchmarks).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DEV_PORTS, freePort, type LocalStack, LocalStackError, startLocalStack, testAppEnv } from './index';
import { isPortFree } from './ports';

function repoRoot(): string {
  let dir = process.cwd();
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const parent = dirname(dir);
    if (parent === dir)
      throw new LocalStackError('Run this inside the repository (no pnpm-workspace.yaml found).');
    dir = parent;
  }
  return dir;
}

/** Runs `command` with the stack's env; stops the stack when it exits or on Ctrl-C. */
function runWithStack(stack: LocalStack, command: string[], env: Record<string, string>, cwd?: string): void {
  const [file, ...args] = command;
  if (!file) throw new LocalStackError('Nothing to run: give a command after `--`.');
  // Its own process group, so a stop reaches everything it started (pnpm → next → workers).
  const child = spawn(file, args, {
    stdio: 'inherit',
    cwd,
    env: { ...process.env, ...stack.env, ...env },
    detached: true,
  });
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      child.kill(signal);
    }
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  child.on('error', async (error) => {
    console.error(`Could not start \`${file}\`: ${error.message}`);
    await stack.stop();
    process.exit(1);
  });
  child.on('exit', async (code, signal) => {
    await stack.stop();
    // Stopped on purpose (Ctrl-C): a clean exit, not a failure.
    process.exit(stopping ? 0 : (code ?? (signal ? 1 : 0)));
  });
}

async function dev(): Promise<void> {
  const root = repoRoot();
  const appPort = 3000;
  if (!(await isPortFree(appPort))) {
    throw new LocalStackError(
      `Port ${appPort} (for the app) is already in use. Is another \`pnpm dev\` running? Stop it, or find the program with \`lsof -i :${appPort}\`, then try again.`,
    );
  }
  const appUrl = `http://localhost:${appPort}`;
  console.info('Starting DynamoDB Local, the local SES inbox and the local S3…');
  const stack = await startLocalStack({ dataDir: join(root, '.data'), ports: DEV_PORTS, appOrigin: appUrl });
  console.info(
    [
      '',
      '  Local stack is up; tables and bucket are ready.',
      `  App        ${appUrl}`,
      `  Inbox      ${stack.urls.inbox}   (every email the app sends: codes, links)`,
      `  DynamoDB   ${stack.urls.dynamodb}   (data in .data/dynamodb)`,
      `  S3         ${stack.urls.s3}   (files in .data/s3)`,
      '  Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
  const webDir = join(root, 'apps', 'web');
  runWithStack(
    stack,
    [join(webDir, 'node_modules', '.bin', 'next'), 'dev', '--port', String(appPort)],
    { APP_URL: appUrl },
    webDir,
  );
}

async function run(command: string[]): Promise<void> {
  const appPort = await freePort();
  const appUrl = `http://localhost:${appPort}`;
  const stack = await startLocalStack({ appOrigin: appUrl });
  runWithStack(stack, command, { PORT: String(appPort), ...testAppEnv(appUrl) });
}

async function main(): Promise<void> {
  const [mode, ...rest] = process.argv.slice(2);
  const command = rest[0] === '--' ? rest.slice(1) : rest;
  if (mode === 'dev') return dev();
  if (mode === 'run') return run(command);
  throw new LocalStackError('Usage: local-stack dev | local-stack run -- <command…>');
}

main().catch((error: unknown) => {
  if (error instanceof LocalStackError) {
    console.error(`\n${error.message}\n`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
