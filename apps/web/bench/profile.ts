/**
 * Summarises the CPU profiles of `BENCH_PROFILE=<dir> pnpm bench`: for each server and endpoint, the
 * samples inside the measured runs only (not start-up or warm-up), as CPU ms per request by category
 * and the functions with the most self time.
 *
 *   pnpm --filter @telehealth/web exec tsx bench/profile.ts <dir> [top=25]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}
interface Window {
  server: string;
  endpoint: string;
  startUs: number;
  endUs: number;
  requests: number;
}

/** Where a function's code comes from, by its script's address. */
export function categoryOf({ functionName, url }: CallFrame): string {
  if (!url) {
    if (functionName === '(garbage collector)') return 'GC';
    if (functionName === '(idle)') return 'idle';
    if (functionName === '(program)') return 'V8/native (program)';
    if (functionName.startsWith('RegExp:')) return 'native: regular expressions';
    if (
      /^(writev|writeBuffer|writeUtf8String|writeLatin1String|writeAsciiString|close|connect)$/.test(
        functionName,
      )
    )
      return 'native: socket writes';
    if (functionName === 'runMicrotasks' || functionName === 'enqueueMicrotask') return 'native: microtasks';
    return 'native: other';
  }
  if (url.includes('/next/dist/compiled/')) return 'Next.js compiled deps';
  if (url.includes('/next/dist/')) return 'Next.js server';
  if (url.includes('/.next/server/')) return 'app bundle (.next/server)';
  if (/@aws-sdk|@smithy|@aws-crypto|fast-xml-parser|bowser/.test(url)) return 'AWS SDK';
  if (/\/zod\/|@telehealth\+contracts|packages\/contracts/.test(url)) return 'zod + contracts';
  if (/react-dom|\/react\/|@react-email|prettier|html-to-text|htmlparser2|entities|domhandler/.test(url))
    return 'email rendering (React)';
  if (/apps\/web\/src|packages\/data|bench\//.test(url)) return 'app source';
  if (url.startsWith('node:internal/deps/undici')) return 'Node: undici (Request/Response)';
  if (/^node:internal\/webstreams/.test(url)) return 'Node: web streams';
  if (/^node:(_http|http|internal\/http|https|net|internal\/net|internal\/stream_base)/.test(url))
    return 'Node: http/net';
  if (/^node:(internal\/)?(async_hooks|internal\/async_local_storage|internal\/async_context)/.test(url))
    return 'Node: async context';
  if (url.startsWith('node:')) return 'Node: other internals';
  if (url.includes('/node_modules/'))
    return `other package: ${url.split('/node_modules/').pop()?.split('/')[0]}`;
  return 'other';
}

function shortUrl(url: string): string {
  if (!url) return '';
  const tail = url.split('/node_modules/').pop() ?? url;
  return tail.replace(/^.*\/\.next\//, '.next/').replace(/^.*\/apps\/web\//, '');
}

/** Samples inside any of the windows (the rounds of one endpoint on one server), per request. */
function summarise(profile: CpuProfile, windows: Window[], top: number): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const requests = windows.reduce((sum, w) => sum + w.requests, 0);
  const self = new Map<string, number>();
  const categories = new Map<string, number>();
  let time = profile.startTime;
  let busyUs = 0;
  for (let i = 0; i < profile.samples.length; i += 1) {
    // A sample stands for the time since the previous one.
    const us = profile.timeDeltas[i] ?? 0;
    time += us;
    if (!windows.some((w) => time >= w.startUs && time <= w.endUs)) continue;
    const node = byId.get(profile.samples[i] ?? -1);
    if (!node) continue;
    const category = categoryOf(node.callFrame);
    if (category === 'idle') continue;
    busyUs += us;
    categories.set(category, (categories.get(category) ?? 0) + us);
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || '(anonymous)'}  ${shortUrl(url)}${url ? `:${lineNumber + 1}` : ''}`;
    self.set(key, (self.get(key) ?? 0) + us);
  }
  const perRequest = (us: number) => (us / 1000 / Math.max(1, requests)).toFixed(3);
  const share = (us: number) => `${((100 * us) / Math.max(1, busyUs)).toFixed(1)}%`;
  const first = windows[0];
  return [
    `## ${first?.server}: ${first?.endpoint} (${requests} requests)`,
    '',
    `Sampled CPU per request: ${perRequest(busyUs)} ms`,
    '',
    '| category | ms/request | share |',
    '|---|---|---|',
    ...[...categories.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([name, us]) => `| ${name} | ${perRequest(us)} | ${share(us)} |`),
    '',
    '| self time: function, script:line | ms/request | share |',
    '|---|---|---|',
    ...[...self.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => `| ${name.replaceAll('|', '\\|')} | ${perRequest(us)} | ${share(us)} |`),
    '',
  ].join('\n');
}

function main() {
  const [dir, topArg] = process.argv.slice(2);
  if (!dir) throw new Error('usage: tsx bench/profile.ts <dir> [top]');
  const top = Number(topArg ?? 25);
  const windows = JSON.parse(readFileSync(join(dir, 'windows.json'), 'utf8')) as Window[];
  const files: Record<string, string> = {
    'Next.js route handlers': 'Next.js.cpuprofile',
    'bare node:http': 'bare.cpuprofile',
  };
  const groups = new Map<string, Window[]>();
  for (const w of windows) {
    const key = `${w.endpoint}|${w.server}`;
    groups.set(key, [...(groups.get(key) ?? []), w]);
  }
  const profiles = new Map<string, CpuProfile>();
  for (const group of groups.values()) {
    const server = group[0]?.server ?? '';
    const file = files[server];
    if (!file) continue;
    if (!profiles.has(server)) profiles.set(server, JSON.parse(readFileSync(join(dir, file), 'utf8')));
    const profile = profiles.get(server);
    if (profile) console.info(summarise(profile, group, top));
  }
}

main();
