/**
 * First-load JavaScript of a page, as a browser gets it: fetch the page's HTML, collect every
 * `<script src>` in it, fetch each one and gzip it with node:zlib at the default level (each file on
 * its own, as served). Two totals:
 * - `scriptsGzipBytes`: every `<script src>` in the HTML, including Next's `noModule` polyfills
 *   (38.7 KiB gzip that browsers with ES modules, i.e. every browser Next 16 supports, never download);
 * - `moduleGzipBytes`: the same without the `noModule` scripts, what a current browser downloads and
 *   runs. The framework alone is about 133 KiB this way (171 KiB with the polyfills).
 * Inline scripts (the RSC payload Next streams into the HTML as `self.__next_f.push(...)`) are not in
 * either total: they are part of the HTML document. They are reported as `inlineGzipBytes`.
 *
 * `pnpm --filter @telehealth/web bench:js` starts `next start` (the existing production build; it
 * builds nothing) on a free port inside `local-stack run`, measures `/` and `/clinicians/apply`, and
 * prints the figures. With `BASE_URL` set it measures that server instead and starts nothing.
 * `measureFirstLoadJs(baseUrl, paths)` is for `bench/run.ts`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export interface ScriptSize {
  src: string;
  /** `<script noModule>`: only browsers without ES modules fetch it. */
  noModule: boolean;
  bytes: number;
  gzipBytes: number;
}

export interface FirstLoadJs {
  path: string;
  /** Every `<script src>` of the page, in document order (duplicates counted once). */
  scripts: ScriptSize[];
  /** Sum of all external scripts, raw and gzipped (including `noModule` ones). */
  scriptsBytes: number;
  scriptsGzipBytes: number;
  /** Sum of the external scripts a browser with ES modules loads (without `noModule` ones). */
  moduleGzipBytes: number;
  /** Inline `<script>` bodies (RSC payload, bootstrap), gzipped one by one; reported, not in the total. */
  inlineCount: number;
  inlineGzipBytes: number;
}

const SCRIPT_TAG = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;
const SRC_ATTRIBUTE = /\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i;

function decodeEntities(value: string): string {
  return value
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'");
}

/** The `src` of each script tag and the bodies of inline ones, in document order. */
export function scriptsInHtml(html: string): {
  sources: { src: string; noModule: boolean }[];
  inline: string[];
} {
  const sources: { src: string; noModule: boolean }[] = [];
  const inline: string[] = [];
  for (const [, attributes = '', body = ''] of html.matchAll(SCRIPT_TAG)) {
    const src = SRC_ATTRIBUTE.exec(attributes);
    const value = src?.[1] ?? src?.[2] ?? src?.[3];
    if (value) {
      const decoded = decodeEntities(value);
      const noModule = /\bnomodule\b/i.test(attributes.replace(SRC_ATTRIBUTE, ''));
      if (!sources.some((s) => s.src === decoded)) sources.push({ src: decoded, noModule });
    } else if (body.trim()) {
      inline.push(body);
    }
  }
  return { sources, inline };
}

async function fetchText(url: string): Promise<string> {
  const response = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return response.text();
}

const gzipSize = (text: string) => gzipSync(Buffer.from(text)).byteLength;

export async function measureFirstLoadJs(
  baseUrl: string,
  paths: readonly string[] = ['/', '/clinicians/apply'],
): Promise<FirstLoadJs[]> {
  const results: FirstLoadJs[] = [];
  for (const path of paths) {
    const pageUrl = new URL(path, baseUrl);
    const html = await fetchText(pageUrl.href);
    const { sources, inline } = scriptsInHtml(html);
    const scripts = await Promise.all(
      sources.map(async ({ src, noModule }) => {
        const scriptUrl = new URL(src, pageUrl);
        if (scriptUrl.origin !== pageUrl.origin)
          throw new Error(`${path} loads a script from ${scriptUrl.origin}`);
        const text = await fetchText(scriptUrl.href);
        return { src, noModule, bytes: Buffer.byteLength(text), gzipBytes: gzipSize(text) };
      }),
    );
    results.push({
      path,
      scripts,
      scriptsBytes: scripts.reduce((sum, s) => sum + s.bytes, 0),
      scriptsGzipBytes: scripts.reduce((sum, s) => sum + s.gzipBytes, 0),
      moduleGzipBytes: scripts.reduce((sum, s) => sum + (s.noModule ? 0 : s.gzipBytes), 0),
      inlineCount: inline.length,
      inlineGzipBytes: inline.reduce((sum, body) => sum + gzipSize(body), 0),
    });
  }
  return results;
}

export const kib = (bytes: number) => (bytes / 1024).toFixed(1);

export function formatFirstLoadJs(results: readonly FirstLoadJs[], { detail = false } = {}): string {
  const lines: string[] = [];
  for (const r of results) {
    const noModule = r.scriptsGzipBytes - r.moduleGzipBytes;
    lines.push(
      `${r.path.padEnd(20)} first-load JS ${String(r.moduleGzipBytes).padStart(7)} B = ${kib(r.moduleGzipBytes).padStart(5)} KiB gzip` +
        ` without noModule polyfills; all <script src> ${String(r.scriptsGzipBytes).padStart(7)} B = ${kib(r.scriptsGzipBytes).padStart(5)} KiB` +
        ` (${r.scripts.length} scripts, noModule ${kib(noModule)} KiB; ${kib(r.scriptsBytes)} KiB raw;` +
        ` inline scripts not counted: ${r.inlineCount}, ${kib(r.inlineGzipBytes)} KiB gzip)`,
    );
    if (detail) {
      for (const s of [...r.scripts].sort((a, b) => b.gzipBytes - a.gzipBytes)) {
        lines.push(
          `    ${kib(s.gzipBytes).padStart(6)} KiB gzip  ${kib(s.bytes).padStart(7)} KiB raw  ${s.src}${s.noModule ? '  (noModule)' : ''}`,
        );
      }
    }
  }
  return lines.join('\n');
}

const appDir = fileURLToPath(new URL('..', import.meta.url));

/** Starts `next start` (the existing build) on `port` and resolves once `/` answers. */
export async function startNext(port: number): Promise<ChildProcess> {
  const child = spawn('pnpm', ['exec', 'next', 'start', '--port', String(port)], {
    cwd: appDir,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: process.env,
  });
  for (let i = 0; i < 300; i += 1) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    const ok = await fetch(`http://localhost:${port}/`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return child;
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGTERM');
  throw new Error('next start did not answer');
}

/** Runs `use(baseUrl)` against `BASE_URL`, or against a `next start` of its own on a free port. */
export async function withServer<T>(use: (baseUrl: string) => Promise<T>): Promise<T> {
  if (process.env.BASE_URL) return use(process.env.BASE_URL);
  const { freePort } = await import('@telehealth/local-stack');
  const port = await freePort();
  const next = await startNext(port);
  try {
    return await use(`http://localhost:${port}`);
  } finally {
    next.kill('SIGTERM');
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const paths = process.argv.slice(2).filter((a) => a.startsWith('/'));
  const results = await withServer((baseUrl) =>
    measureFirstLoadJs(baseUrl, paths.length ? paths : undefined),
  );
  console.info(formatFirstLoadJs(results, { detail: process.argv.includes('--detail') }));
}
