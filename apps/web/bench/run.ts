/**
 * `pnpm bench`: drives POST /api/patient/provisional, a wrong-code POST /api/patient/verify and
 * GET /api/health with autocannon (50 connections) against the production build (`next start`) and
 * against a bare node:http server that calls the very same route handlers (bench/bare-server.ts), on
 * the same in-memory local stack. Prints requests/s, latency percentiles, the servers' CPU time per
 * request and the Next ÷ bare ratios, and writes the figures into docs/performance.md. Run through
 * `local-stack run` (the package script does).
 *
 * Each endpoint is measured in short runs in alternating order (Next, bare, bare, Next, …), so drift
 * on a shared machine (DynamoDB Local's JIT, its growing tables, other work) does not favour either;
 * a run waits until other processes leave the machine nearly idle, and one they disturbed anyway is
 * measured again once. The table says how much of the machine other work used during the runs.
 *
 * BENCH_SECONDS     seconds per run (5)
 * BENCH_ROUNDS      runs per endpoint and server (4)
 * BENCH_QUIET_WAIT  seconds to wait for other work to settle before a run (120)
 * BENCH_PROFILE     a folder: run both servers under `node --cpu-prof` and write their profiles
 *                   there, with the measured windows (bench/profile.ts summarises them); the docs
 *                   are not written then.
 * BENCH_NODE_FLAGS  extra node flags for both servers (experiments, e.g. --trace-gc)
 * BENCH_ENDPOINTS   e.g. `verify,health`: measure only those (experiments; the docs are not written)
 */

import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { signupInput } from '@telehealth/contracts/fixtures';
import { freePort } from '@telehealth/local-stack';
import autocannon from 'autocannon';
import { formatFirstLoadJs, measureFirstLoadJs } from './first-load-js';

const CONNECTIONS = 50;
const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
/** Unmeasured load on each server right before an endpoint's runs. */
const WARM_SECONDS = 4;
/** A run starts once other processes use less than this share of the machine (or after the wait). */
const QUIET_SHARE = 0.1;
/** A run during which other processes used more than this share is measured once more. */
const MAX_OTHERS_SHARE = 0.25;
const QUIET_WAIT_SECONDS = Number(process.env.BENCH_QUIET_WAIT ?? 120);
const MAX_ATTEMPTS = 2;
const PROFILE_DIR = process.env.BENCH_PROFILE ? resolve(process.env.BENCH_PROFILE) : undefined;
/** Wrong codes a code takes before it is spent: every verify request stays on the wrong-code path. */
const MAX_WRONG_TRIES_PER_CODE = 5;
const NODE_FLAGS = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
const appDir = fileURLToPath(new URL('..', import.meta.url));
const docPath = fileURLToPath(new URL('../../../docs/performance.md', import.meta.url));
const require = createRequire(import.meta.url);

type ServerName = 'Next.js route handlers' | 'bare node:http';
const NEXT: ServerName = 'Next.js route handlers';
const BARE: ServerName = 'bare node:http';

const ENDPOINTS = {
  signup: 'POST /api/patient/provisional',
  verify: 'POST /api/patient/verify (wrong code)',
  health: 'GET /api/health',
} as const;
type EndpointKey = keyof typeof ENDPOINTS;

interface Figures {
  requests: number;
  /** The median run's requests/s: one run disturbed by a pause elsewhere does not swing it. */
  rps: number;
  /** The slowest and fastest run's requests/s. */
  rpsRange: [number, number];
  /** All runs together: requests ÷ seconds. */
  rpsAll: number;
  p50: number;
  p95: number;
  p99: number;
  statuses: Record<string, number>;
  /** The server process's CPU time (user + system) per answered request, in ms. */
  cpuMsPerRequest: number;
  /** Share of the machine's CPU used by other work (not this benchmark) during the runs. */
  others: number;
}

interface Run {
  latencies: number[];
  statuses: Record<string, number>;
  seconds: number;
  cpuMs: number;
  others: number;
}

// ---------------------------------------------------------------------------------------------
// Processes and CPU time

interface Server {
  name: ServerName;
  base: string;
  process: ChildProcess;
}

function startServer(name: ServerName, port: number): Server {
  const profile = PROFILE_DIR
    ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`, `--cpu-prof-name=${name.split(' ')[0]}.cpuprofile`]
    : [];
  // The same extra node flags for both servers, for experiments (e.g. --trace-gc).
  profile.push(...NODE_FLAGS);
  // Both run as plain node processes (no pnpm or tsx wrapper), so the pid is the server's own.
  const args =
    name === NEXT
      ? [...profile, require.resolve('next/dist/bin/next'), 'start', '--port', String(port)]
      : [...profile, '--import', 'tsx', 'bench/bare-server.ts', String(port)];
  const child = spawn(process.execPath, args, {
    cwd: appDir,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      TSX_TSCONFIG_PATH: 'bench/tsconfig.json',
    },
  });
  // The same address for both: no name lookup, IPv4 loopback.
  return { name, base: `http://127.0.0.1:${port}`, process: child };
}

function stop(server: Server): Promise<void> {
  return new Promise((done) => {
    if (server.process.exitCode !== null) return done();
    server.process.once('exit', () => done());
    server.process.kill('SIGTERM');
  });
}

const TICKS_PER_SECOND = 100;

/** User + system CPU ticks of a process (Linux; 0 elsewhere). */
function processTicks(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

const processCpuMs = (pid: number | undefined) => (processTicks(pid) * 1000) / TICKS_PER_SECOND;

/** Busy and total CPU ticks of the whole machine (Linux; zeros elsewhere). */
function machineTicks(): { busy: number; total: number } {
  try {
    const [, ...values] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/);
    const ticks = values.map(Number);
    const total = ticks.reduce((a, b) => a + b, 0);
    const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return { busy: 0, total: 0 };
  }
}

function parentOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return 0;
  }
}

/**
 * This benchmark's processes: everything under the outermost `local-stack` ancestor (DynamoDB Local,
 * the SES and S3 stand-ins, this script, both servers). CPU used by anything else is other work on the
 * machine, which would distort the comparison.
 */
function benchRoot(): number {
  let root = process.pid;
  for (let pid = process.pid; pid > 1; pid = parentOf(pid)) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('local-stack')) root = pid;
    } catch {
      break;
    }
  }
  return root;
}

function treeTicks(root: number): number {
  let pids: number[];
  try {
    pids = readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map(Number);
  } catch {
    return 0;
  }
  const children = new Map<number, number[]>();
  for (const pid of pids) {
    const parent = parentOf(pid);
    children.set(parent, [...(children.get(parent) ?? []), pid]);
  }
  let ticks = 0;
  const queue = [root];
  for (let pid = queue.pop(); pid !== undefined; pid = queue.pop()) {
    ticks += processTicks(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return ticks;
}

const root = benchRoot();

/** CPU samples of the machine and of this benchmark's processes, to tell how busy the rest is. */
function cpuSnapshot() {
  return { machine: machineTicks(), ours: treeTicks(root) };
}

/** Share of the machine's CPU used by processes outside this benchmark between two snapshots. */
function othersShare(before: ReturnType<typeof cpuSnapshot>, after: ReturnType<typeof cpuSnapshot>): number {
  const total = after.machine.total - before.machine.total;
  if (total <= 0) return 0;
  const others = after.machine.busy - before.machine.busy - (after.ours - before.ours);
  return Math.max(0, others / total);
}

/** Waits (up to BENCH_QUIET_WAIT seconds) until other work leaves the machine nearly idle. */
async function quiet(): Promise<void> {
  const deadline = Date.now() + QUIET_WAIT_SECONDS * 1000;
  for (;;) {
    const before = cpuSnapshot();
    await new Promise((r) => setTimeout(r, 1000));
    const share = othersShare(before, cpuSnapshot());
    if (share < QUIET_SHARE) return;
    if (Date.now() > deadline) {
      console.warn(`Other work uses ${Math.round(share * 100)}% of the CPU; measuring anyway.`);
      return;
    }
  }
}

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 300; i += 1) {
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer`);
}

// ---------------------------------------------------------------------------------------------
// Load

let ipSequence = 0;
/** A distinct client address per request, so the per-IP limits measure the normal path. */
const nextIp = () => {
  ipSequence += 1;
  return `10.${(ipSequence >> 16) & 255}.${(ipSequence >> 8) & 255}.${ipSequence & 255}`;
};

/** A request body, and the signup cookie its browser sends (signup codes are bound to it). */
interface BenchRequest {
  body: string;
  binding?: string;
}

/** Signups made so far (by either server: they share the stack and the secret), and their wrong tries. */
const created: Array<{ email: string; binding: string; tries: number }> = [];
let verifyCursor = 0;
let overused = 0;

function signupRequest(): BenchRequest {
  const email = `bench.${randomUUID()}@example.com`;
  const binding = randomBytes(32).toString('base64url');
  created.push({ email, binding, tries: 0 });
  const body = JSON.stringify(signupInput({ firstName: 'Bench', lastName: 'Patient', email }));
  return { body, binding };
}

/**
 * A wrong code for a signup made earlier, from its browser: two reads, one transaction, one read.
 * Signups take turns, and each takes at most MAX_WRONG_TRIES_PER_CODE, so every request stays on the
 * wrong-code path rather than the cheaper one for a spent code.
 */
function wrongCodeRequest(): BenchRequest {
  for (let looked = 0; looked < created.length; looked += 1) {
    const signup = created[verifyCursor % created.length];
    verifyCursor = (verifyCursor + 1) % created.length;
    if (signup && signup.tries < MAX_WRONG_TRIES_PER_CODE) {
      signup.tries += 1;
      return { body: JSON.stringify({ email: signup.email, code: '000000' }), binding: signup.binding };
    }
  }
  // Every code is spent: counted and reported, since these take the cheaper path.
  overused += 1;
  const signup = created[Math.floor(Math.random() * created.length)];
  if (!signup) throw new Error('no signups to verify');
  return { body: JSON.stringify({ email: signup.email, code: '000000' }), binding: signup.binding };
}

interface Load {
  path: string;
  method: 'GET' | 'POST';
  next?: () => BenchRequest;
}

/** BENCH_ENDPOINTS=verify,health measures only those (experiments; the docs are then not written). */
const MEASURED = (process.env.BENCH_ENDPOINTS?.split(',') ?? Object.keys(ENDPOINTS)) as EndpointKey[];

const loads: Record<EndpointKey, Load> = {
  signup: { path: '/api/patient/provisional', method: 'POST', next: signupRequest },
  verify: { path: '/api/patient/verify', method: 'POST', next: wrongCodeRequest },
  health: { path: '/api/health', method: 'GET' },
};

async function drive(server: Server, load: Load, seconds: number): Promise<Run> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let finish: (result: autocannon.Result) => void = () => {};
  let fail: (error: unknown) => void = () => {};
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const cpuBefore = processCpuMs(server.process.pid);
  const snapshotBefore = cpuSnapshot();
  const started = performance.now();
  const instance = autocannon(
    {
      url: `${server.base}${load.path}`,
      connections: CONNECTIONS,
      duration: seconds,
      requests: [
        {
          method: load.method,
          setupRequest: (request) => {
            const headers: Record<string, string> = { 'x-forwarded-for': nextIp() };
            if (!load.next) return { ...request, headers };
            const { body, binding } = load.next();
            headers['content-type'] = 'application/json';
            if (binding) headers.cookie = `lumen-signup=${binding}`;
            return { ...request, headers, body };
          },
        },
      ],
    },
    (error, result) => (error ? fail(error) : finish(result)),
  );
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    latencies.push(responseTime);
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
  });
  await done;
  const elapsed = (performance.now() - started) / 1000;
  const snapshotAfter = cpuSnapshot();
  return {
    latencies,
    statuses,
    seconds: elapsed,
    cpuMs: processCpuMs(server.process.pid) - cpuBefore,
    others: othersShare(snapshotBefore, snapshotAfter),
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function combine(runs: Run[]): Figures {
  const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const statuses: Record<string, number> = {};
  for (const run of runs)
    for (const [status, n] of Object.entries(run.statuses)) statuses[status] = (statuses[status] ?? 0) + n;
  const seconds = runs.reduce((sum, r) => sum + r.seconds, 0);
  const cpuMs = runs.reduce((sum, r) => sum + r.cpuMs, 0);
  const perRun = runs.map((r) => r.latencies.length / r.seconds).sort((a, b) => a - b);
  const middle = perRun.length / 2;
  return {
    requests: latencies.length,
    rps:
      perRun.length % 2
        ? (perRun[Math.floor(middle)] ?? 0)
        : ((perRun[middle - 1] ?? 0) + (perRun[middle] ?? 0)) / 2,
    rpsRange: [perRun[0] ?? 0, perRun[perRun.length - 1] ?? 0],
    rpsAll: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    statuses,
    cpuMsPerRequest: cpuMs / Math.max(1, latencies.length),
    others: runs.reduce((sum, r) => sum + r.others * r.seconds, 0) / seconds,
  };
}

// ---------------------------------------------------------------------------------------------

interface Row {
  endpoint: EndpointKey;
  server: ServerName;
  figures: Figures;
}

interface Window {
  server: ServerName;
  endpoint: EndpointKey;
  /** process.hrtime in µs: the same monotonic clock as the V8 profiles' timestamps. */
  startUs: number;
  endUs: number;
  requests: number;
}

const hrtimeUs = () => Number(process.hrtime.bigint() / 1000n);

async function main() {
  if (PROFILE_DIR) mkdirSync(PROFILE_DIR, { recursive: true });
  const servers = [startServer(NEXT, Number(process.env.PORT)), startServer(BARE, await freePort())];
  const windows: Window[] = [];
  try {
    await Promise.all(servers.map((s) => waitFor(`${s.base}/api/health`)));
    // Warm both servers and DynamoDB Local's JIT on every path (the signups also feed the verifies):
    // the JVM takes tens of seconds of load to settle.
    for (const server of [...servers, ...servers])
      for (const load of Object.values(loads)) await drive(server, load, 4);
    const runs = new Map<string, Run[]>();
    for (const endpoint of MEASURED) {
      // Each server again on this endpoint right before its runs, so the first run is not a cold one.
      for (const server of servers) await drive(server, loads[endpoint], WARM_SECONDS);
      for (let round = 0; round < ROUNDS; round += 1) {
        // Next, bare, then bare, Next: each server goes first as often as it goes second.
        const order = round % 2 === 0 ? servers : [...servers].reverse();
        for (const server of order) {
          let run: Run;
          let startUs: number;
          for (let attempt = 1; ; attempt += 1) {
            await quiet();
            startUs = hrtimeUs();
            run = await drive(server, loads[endpoint], DURATION_SECONDS);
            if (run.others < MAX_OTHERS_SHARE || attempt === MAX_ATTEMPTS) break;
            console.warn(
              `Other work used ${Math.round(run.others * 100)}% of the CPU during ${ENDPOINTS[endpoint]} on ${server.name}: measuring it again.`,
            );
          }
          windows.push({
            server: server.name,
            endpoint,
            startUs,
            endUs: hrtimeUs(),
            requests: run.latencies.length,
          });
          const key = `${endpoint}|${server.name}`;
          runs.set(key, [...(runs.get(key) ?? []), run]);
        }
      }
    }
    const rows: Row[] = [];
    for (const endpoint of MEASURED)
      for (const server of [NEXT, BARE])
        rows.push({ endpoint, server, figures: combine(runs.get(`${endpoint}|${server}`) ?? []) });
    if (overused) {
      console.warn(
        `${overused} verify requests reused a code past ${MAX_WRONG_TRIES_PER_CODE} wrong tries (a cheaper path): lengthen the signup runs.`,
      );
    }
    // Each run's requests/s, to show the spread behind the averages (console only).
    for (const [key, list] of runs) {
      const each = list.map((r) => Math.round(r.latencies.length / r.seconds)).join(', ');
      console.info(`${key.replace('|', ' on ')}: ${each} requests/s`);
    }
    // The pages' first-load JS, from the same production build (the Next server is still up).
    const pages = formatFirstLoadJs(await measureFirstLoadJs(servers[0]?.base ?? ''));
    const report = `${render(rows)}\n\nFirst-load JS (gzip, \`bench/first-load-js.ts\`):\n\n\`\`\`\n${pages}\n\`\`\``;
    console.info(`\n${report}\n`);
    if (PROFILE_DIR) {
      writeFileSync(resolve(PROFILE_DIR, 'windows.json'), JSON.stringify(windows, null, 2));
      console.info(`Profiles and windows in ${PROFILE_DIR}; summarise with bench/profile.ts.`);
    } else if (MEASURED.length === Object.keys(ENDPOINTS).length) {
      writeDoc(report);
    }
  } finally {
    await Promise.all(servers.map(stop));
  }
}

function render(rows: Row[]): string {
  const fmt = (n: number) => Math.round(n).toString();
  const lines = rows.map(
    ({ endpoint, server, figures: f }) =>
      `| ${ENDPOINTS[endpoint]} | ${server} | ${fmt(f.rps)} | ${fmt(f.rpsRange[0])}–${fmt(f.rpsRange[1])} | ${fmt(f.p50)} | ${fmt(f.p95)} | ${fmt(f.p99)} | ${f.requests} | ${Object.entries(
        f.statuses,
      )
        .map(([s, n]) => `${s}: ${n}`)
        .join(', ')} | ${f.cpuMsPerRequest.toFixed(2)} | ${Math.round(f.others * 100)}% |`,
  );
  const table = [
    '| endpoint | server | requests/s (median run) | runs (min–max) | p50 ms | p95 ms | p99 ms | requests | statuses | server CPU ms/request | other work on the machine |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...lines,
  ].join('\n');
  const ratios = MEASURED.map((endpoint) => {
    const [app, bare] = [NEXT, BARE].map(
      (server) => rows.find((r) => r.server === server && r.endpoint === endpoint)?.figures,
    );
    const ratio = (app?.rps ?? 0) / (bare?.rps || 1);
    const cpu = (app?.cpuMsPerRequest ?? 0) - (bare?.cpuMsPerRequest ?? 0);
    const all = (app?.rpsAll ?? 0) / (bare?.rpsAll || 1);
    return `- ${ENDPOINTS[endpoint]}: Next.js serves **${ratio.toFixed(2)}×** the requests/s of the bare server (median runs; all runs together ${all.toFixed(2)}×); it spends ${cpu.toFixed(2)} ms more server CPU per request (${(app?.cpuMsPerRequest ?? 0).toFixed(2)} vs ${(bare?.cpuMsPerRequest ?? 0).toFixed(2)} ms).`;
  });
  return `${table}\n\n${ratios.join('\n')}`;
}

const BEGIN = '<!-- bench:begin -->';
const END = '<!-- bench:end -->';

/** Replaces the figures between the markers in docs/performance.md; the rest is written by people. */
function writeDoc(report: string) {
  const figures = `${BEGIN}
Last run: ${new Date().toISOString()}, Node ${process.versions.node}, ${cpus().length} cores, ${CONNECTIONS} connections,
${ROUNDS} × ${DURATION_SECONDS} s per endpoint and server.

${report}
${END}`;
  const doc = readFileSync(docPath, 'utf8');
  const begin = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  if (begin < 0 || end < begin) throw new Error(`docs/performance.md has no ${BEGIN} … ${END} section`);
  writeFileSync(docPath, `${doc.slice(0, begin)}${figures}${doc.slice(end + END.length)}`);
  console.info('Wrote the figures into docs/performance.md');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
