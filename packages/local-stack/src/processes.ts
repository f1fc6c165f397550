import { type ChildProcess, spawn } from 'node:child_process';
import { LocalStackError } from './errors';

export interface ManagedProcess {
  name: string;
  child: ChildProcess;
  /** The last lines it printed, for error messages. */
  output: () => string;
  stop: () => Promise<void>;
}

const running = new Set<ChildProcess>();
// If this process dies without calling stop, take the stand-ins with it.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export function startProcess(name: string, command: string, args: string[], cwd?: string): ManagedProcess {
  const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    if (lines.length > 40) lines.splice(0, lines.length - 40);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.once('exit', () => running.delete(child));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      // A stand-in frozen by a fault-injection test handles SIGTERM only once it runs again.
      child.kill('SIGCONT');
      child.kill('SIGTERM');
    });
  return { name, child, output: () => lines.join('\n'), stop };
}

/** Polls `check` until it resolves true, failing early if the process exits. */
export async function waitUntilReady(
  proc: ManagedProcess,
  check: () => Promise<boolean>,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null) {
      throw new LocalStackError(`${proc.name} exited while starting:\n${proc.output()}`);
    }
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new LocalStackError(`${proc.name} did not answer within ${timeoutMs / 1000} s:\n${proc.output()}`);
}

export async function httpAnswers(url: string): Promise<boolean> {
  const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
  await response.body?.cancel();
  return response.status < 500;
}
