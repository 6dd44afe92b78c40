// Runs one child process and measures it: wall time from spawn to exit (parent's monotonic
// clock) and the child's own peak RSS, which a tiny preload reports on fd 3 at exit
// (process.resourceUsage().maxRSS) — no /usr/bin/time needed.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Readable } from 'node:stream';
import { removeAtEnd, trackChild } from './cleanup.js';

/** The preload: CommonJS, so it does not start the ESM loader for `node -e 0`. */
const PROBE_SOURCE = `'use strict';
const { writeSync } = require('node:fs');
process.on('exit', (code) => {
  try {
    const u = process.resourceUsage();
    writeSync(3, JSON.stringify({ maxRSS: u.maxRSS, cpu: u.userCPUTime + u.systemCPUTime, code }));
  } catch {}
});
`;

let probePath: string | undefined;

/** Writes the preload into a temporary directory once; returns its path. */
export function rssProbe(): string {
  if (probePath === undefined) {
    const dir = removeAtEnd(mkdtempSync(join(tmpdir(), 'bench-probe-')));
    probePath = join(dir, 'rss-probe.cjs');
    writeFileSync(probePath, PROBE_SOURCE);
  }
  return probePath;
}

/** One measured run. */
export interface Measured {
  /** performance.now() just before spawn (the zero of `wallMs` and of endpoint arrivals). */
  readonly startedAt: number;
  readonly wallMs: number;
  /** Peak resident set size in bytes, from the child itself; undefined if it did not report. */
  readonly maxRssBytes: number | undefined;
  /** User + system CPU time of the child (ms): far less sensitive to a busy machine than wall. */
  readonly cpuMs: number | undefined;
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly timedOut: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

/** Spawns `node [--require probe] …args`, waits for it and returns the measurements. */
export async function measure(
  node: string,
  args: readonly string[],
  options: { env: Record<string, string>; cwd: string; timeoutMs: number; probe?: boolean },
): Promise<Measured> {
  const argv = options.probe === false ? [...args] : ['--require', rssProbe(), ...args];
  const startedAt = performance.now();
  const child = trackChild(
    spawn(node, argv, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    }),
  );
  let stdout = '';
  let stderr = '';
  let report = '';
  child.stdout?.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr?.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const fd3 = child.stdio[3] as Readable | null;
  fd3?.setEncoding('utf8').on('data', (c: string) => (report += c));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, options.timeoutMs);
  let exitedAt = 0;
  const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>(
    (done, fail) => {
      child.once('error', fail);
      child.once('exit', () => (exitedAt = performance.now()));
      child.once('close', (code, sig) => {
        done([code, sig]);
      });
    },
  );
  clearTimeout(timer);
  let maxRssBytes: number | undefined;
  let cpuMs: number | undefined;
  try {
    const parsed = JSON.parse(report) as { maxRSS?: number; cpu?: number };
    if (typeof parsed.maxRSS === 'number') maxRssBytes = parsed.maxRSS * 1024;
    if (typeof parsed.cpu === 'number') cpuMs = parsed.cpu / 1000;
  } catch {
    maxRssBytes = undefined;
  }
  return {
    startedAt,
    wallMs: exitedAt - startedAt,
    maxRssBytes,
    cpuMs,
    exitCode,
    signal,
    timedOut,
    stdout,
    stderr,
  };
}

/** The first `::error` line of a step's stdout, for diagnostics. */
export function firstError(stdout: string): string | undefined {
  const line = stdout.split('\n').find((l) => l.startsWith('::error'));
  return line?.replace(/^::error[^:]*::/, '').slice(0, 200);
}
