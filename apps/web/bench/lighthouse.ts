/**
 * Lighthouse (mobile, its default form factor, with simulated throttling) on the production build:
 * the performance and accessibility scores of `/` and `/clinicians/apply`.
 *
 * `pnpm --filter @telehealth/web bench:lighthouse` starts `next start` (the existing build; it builds
 * nothing) on a free port inside `local-stack run`, or measures `BASE_URL` when set. Chromium is
 * Debian's (`CHROME_PATH`, default /usr/bin/chromium), headless, and may only reach localhost: every
 * other host name resolves to nothing, and the background services that phone home are off.
 * `LIGHTHOUSE_RUNS` (default 1) runs each page that many times and reports the median.
 * `measureLighthouse(baseUrl, paths)` is for `bench/run.ts`.
 */
import { fileURLToPath } from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { withServer } from './first-load-js';

export interface LighthouseScores {
  path: string;
  /** 0–100, the median of the runs. */
  performance: number;
  accessibility: number;
  /** Audits below a perfect score in the median run, for fixing. */
  failing: { id: string; title: string; score: number | null; displayValue?: string }[];
  metrics: Record<string, string | undefined>;
}

const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--disable-domain-reliability',
  '--disable-client-side-phishing-detection',
  '--disable-quic',
  '--metrics-recording-only',
  // Nothing but this machine: any other host fails to resolve.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
];

const METRICS = [
  'first-contentful-paint',
  'largest-contentful-paint',
  'total-blocking-time',
  'cumulative-layout-shift',
  'speed-index',
  'interactive',
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

export async function measureLighthouse(
  baseUrl: string,
  paths: readonly string[] = ['/', '/clinicians/apply'],
  { runs = Number(process.env.LIGHTHOUSE_RUNS ?? 1) }: { runs?: number } = {},
): Promise<LighthouseScores[]> {
  const host = new URL(baseUrl).hostname;
  if (!['localhost', '127.0.0.1'].includes(host))
    throw new Error(`Lighthouse only measures localhost, not ${host}`);
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    chromeFlags: CHROME_FLAGS,
    logLevel: 'silent',
  });
  try {
    const results: LighthouseScores[] = [];
    for (const path of paths) {
      const url = new URL(path, baseUrl).href;
      const all: LighthouseScores[] = [];
      for (let run = 0; run < runs; run += 1) {
        const result = await lighthouse(url, {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance', 'accessibility'],
        });
        if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
        const { lhr } = result;
        if (lhr.runtimeError)
          throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
        const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
        const auditIds = new Set(
          ['performance', 'accessibility'].flatMap(
            (id) => lhr.categories[id]?.auditRefs.map((ref) => ref.id) ?? [],
          ),
        );
        const failing = [...auditIds]
          .map((id) => lhr.audits[id])
          .filter(
            (audit): audit is NonNullable<typeof audit> =>
              audit !== undefined &&
              audit.score !== null &&
              audit.score < 1 &&
              audit.scoreDisplayMode !== 'informative' &&
              audit.scoreDisplayMode !== 'manual' &&
              audit.scoreDisplayMode !== 'notApplicable',
          )
          .map((audit) => ({
            id: audit.id,
            title: audit.title,
            score: audit.score,
            ...(audit.displayValue ? { displayValue: audit.displayValue } : {}),
          }));
        all.push({
          path,
          performance: score('performance'),
          accessibility: score('accessibility'),
          failing,
          metrics: Object.fromEntries(METRICS.map((id) => [id, lhr.audits[id]?.displayValue])),
        });
      }
      const performance = median(all.map((r) => r.performance));
      const chosen = all.find((r) => r.performance === performance) ?? all[0];
      if (!chosen) continue;
      results.push({ ...chosen, accessibility: median(all.map((r) => r.accessibility)) });
    }
    return results;
  } finally {
    chrome.kill();
  }
}

export function formatLighthouse(results: readonly LighthouseScores[], { detail = false } = {}): string {
  const lines: string[] = [];
  for (const r of results) {
    lines.push(
      `${r.path.padEnd(20)} Lighthouse mobile: performance ${String(r.performance).padStart(3)}, accessibility ${String(r.accessibility).padStart(3)}`,
    );
    if (detail) {
      lines.push(
        `    ${Object.entries(r.metrics)
          .map(([id, value]) => `${id} ${value ?? '?'}`)
          .join(', ')}`,
      );
      for (const audit of r.failing) {
        lines.push(
          `    below 100: ${audit.id} (${audit.score})${audit.displayValue ? ` ${audit.displayValue}` : ''}`,
        );
      }
    }
  }
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const paths = process.argv.slice(2).filter((a) => a.startsWith('/'));
  const results = await withServer((baseUrl) => measureLighthouse(baseUrl, paths.length ? paths : undefined));
  console.info(formatLighthouse(results, { detail: process.argv.includes('--detail') }));
}
