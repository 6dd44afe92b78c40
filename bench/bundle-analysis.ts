// Bundle size per action, and what a cold start spends its time on: each action is rebuilt by
// scripts/build.mjs with source maps added (into a temporary directory; dist/ is never touched),
// the map attributes the bundle's bytes to packages, and a --cpu-prof run of the rebuilt bundle
// (identical code) attributes self time to packages and functions.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, actionNode } from '@ecs-deploy/runner-harness';
import { bundleFiles, type ActionInfo } from './actions.js';
import { removeAtEnd, trackChild } from './cleanup.js';
import { measure } from './spawn.js';
import {
  charsBySource,
  familyOf,
  packageOf,
  parseSourceMap,
  sourceAt,
  type SourceMap,
} from './sourcemap.js';

/** The official aws-actions/amazon-ecs-deploy-task-definition bundle, for comparison. */
export const OFFICIAL_BUNDLE_BYTES = 2.6e6;

export interface BundleSize {
  readonly action: string;
  readonly files: { file: string; bytes: number }[];
  readonly bytes: number;
}

/** Sizes of every built action's JavaScript (index.js + chunks; licences and maps excluded). */
export function bundleSizes(actions: readonly ActionInfo[]): BundleSize[] {
  return actions
    .filter((a) => a.built)
    .map((a) => {
      const files = bundleFiles(a.main);
      return { action: a.name, files, bytes: files.reduce((s, f) => s + f.bytes, 0) };
    });
}

/** A share of something (bytes or ms) by group, largest first. */
export interface Share {
  readonly name: string;
  readonly value: number;
  readonly fraction: number;
}

export interface ProfileSummary {
  readonly runs: number;
  /** Sampled time per run (ms), i.e. what the profiler saw of the process. */
  readonly sampledMsPerRun: number;
  /** Self time by what it was doing (see categorize). */
  readonly byCategory: Share[];
  readonly byPackage: Share[];
  /** Top functions by self time: `name (package: file)`. */
  readonly topFunctions: Share[];
}

export interface BundleAnalysis {
  readonly action: string;
  /** The rebuilt bundle equals dist/<action>/index.js (apart from the source-map comment). */
  readonly rebuildMatchesDist: boolean;
  readonly bytesByFamily: Share[];
  readonly bytesByPackage: Share[];
  readonly profile: ProfileSummary | undefined;
  readonly error?: string;
}

function shares(totals: Map<string, number>, limit = Infinity): Share[] {
  const sum = [...totals.values()].reduce((s, v) => s + v, 0);
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([name, value]) => ({ name, value, fraction: sum > 0 ? value / sum : 0 }));
}

function group(totals: Map<string, number>, key: (name: string) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (const [name, value] of totals) out.set(key(name), (out.get(key(name)) ?? 0) + value);
  return out;
}

/**
 * Rebuilds one action with source maps by scripts/build.mjs itself (`--out-dir`, `--source-map`),
 * so the analysed bundle is built exactly as dist/ is; returns the directory of its files.
 */
async function rebuild(action: string, outDir: string): Promise<string> {
  const args = [join(REPO_ROOT, 'scripts/build.mjs'), '--out-dir', outDir, '--source-map', action];
  const child = trackChild(
    spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'] }),
  );
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const code = await new Promise<number | null>((done) => child.once('close', done));
  if (code !== 0) throw new Error(`ncc failed for ${action} (exit ${code}): ${stderr.slice(-400)}`);
  return join(outDir, action);
}

interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  }[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time (ms) per package and per function of one .cpuprofile. */
function attributeProfile(
  profile: CpuProfile,
  bundleUrl: string,
  map: SourceMap,
  byPackage: Map<string, number>,
  byFunction: Map<string, number>,
  byCategory: Map<string, number>,
): number {
  const self = new Map<number, number>();
  const { samples, timeDeltas } = profile;
  let total = 0;
  for (let i = 0; i < samples.length; i++) {
    const dt = (timeDeltas[i + 1] ?? 0) / 1000;
    total += dt;
    const id = samples[i] ?? -1;
    self.set(id, (self.get(id) ?? 0) + dt);
  }
  for (const node of profile.nodes) {
    const ms = self.get(node.id) ?? 0;
    if (ms === 0) continue;
    const { url, functionName, lineNumber, columnNumber } = node.callFrame;
    let pkg: string;
    let where: string;
    if (url === bundleUrl) {
      const source = sourceAt(map, lineNumber, columnNumber);
      pkg = source === undefined ? '(bundle, unmapped)' : packageOf(source);
      where =
        source === undefined
          ? 'index.js'
          : source.replace(/^.*node_modules\//, '').replace(/^(\.\.\/)+/, '');
    } else if (url.startsWith('node:')) {
      pkg = `node:${url.slice(5).split('/').slice(0, 3).join('/')}`;
      where = url;
    } else if (url === '') {
      pkg = functionName.startsWith('(') ? functionName : '(native)';
      where = functionName;
    } else {
      pkg = url;
      where = url;
    }
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + ms);
    const category = categorize(pkg, functionName);
    byCategory.set(category, (byCategory.get(category) ?? 0) + ms);
    const fn = `${functionName || '(anonymous)'} — ${where}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
  }
  return total;
}

/**
 * What a sample was doing, in terms the lead can act on. Two frames dominate and say more by
 * their name than by their file: compileSourceTextModule (V8 parsing the whole ESM bundle before
 * it runs) and __nccwpck_require__ (webpack's require: the self time is the lazy compilation of
 * each bundled module's factory when it is first required).
 */
function categorize(pkg: string, functionName: string): string {
  if (functionName === 'compileSourceTextModule') return 'parse bundle (compileSourceTextModule)';
  if (functionName === '__nccwpck_require__')
    return 'compile bundled modules on first require (__nccwpck_require__)';
  if (pkg.startsWith('node:internal/bootstrap')) return 'load Node built-ins (http, crypto, …)';
  if (pkg.startsWith('node:internal/modules')) return 'node: module loader';
  if (pkg.startsWith('node:')) return 'node: other internals';
  if (pkg.startsWith('(')) return pkg;
  return `run: ${familyOf(pkg)}`;
}

/** Rebuilds every action (two at a time: two cores), then analyses them one by one. */
export async function analyzeBundles(
  actions: readonly ActionInfo[],
  stepEnv: (action: ActionInfo) => Record<string, string>,
  cwd: string,
  runs: number,
): Promise<BundleAnalysis[]> {
  const outs = new Map<string, string>();
  const errors = new Map<string, string>();
  const queue = [...actions];
  await Promise.all(
    [0, 1].map(async () => {
      for (let a = queue.shift(); a !== undefined; a = queue.shift()) {
        const out = removeAtEnd(mkdtempSync(join(tmpdir(), `bench-ncc-${a.name}-`)));
        try {
          outs.set(a.name, await rebuild(a.name, out));
        } catch (e) {
          errors.set(a.name, e instanceof Error ? e.message : String(e));
        }
      }
    }),
  );
  const results: BundleAnalysis[] = [];
  for (const action of actions) {
    const out = outs.get(action.name);
    if (out === undefined) {
      results.push({
        action: action.name,
        rebuildMatchesDist: false,
        bytesByFamily: [],
        bytesByPackage: [],
        profile: undefined,
        error: errors.get(action.name) ?? 'not rebuilt',
      });
      continue;
    }
    results.push(await analyzeBuilt(action, out, stepEnv(action), cwd, runs));
  }
  return results;
}

/** Attributes bytes and profiles `runs` cold starts of the rebuilt bundle in `out`. */
async function analyzeBuilt(
  action: ActionInfo,
  out: string,
  stepEnv: Record<string, string>,
  cwd: string,
  runs: number,
): Promise<BundleAnalysis> {
  try {
    const code = readFileSync(join(out, 'index.js'), 'utf8');
    const map = parseSourceMap(readFileSync(join(out, 'index.js.map'), 'utf8'));
    const committed = readFileSync(action.main, 'utf8');
    const strip = (s: string): string =>
      s.replace(/\n?\/\/# sourceMappingURL=.*\s*$/, '').trimEnd();
    const rebuildMatchesDist = strip(code) === strip(committed);
    const bytesBySource = charsBySource(code, map);
    const bytesByPackage = group(bytesBySource, (s) => (s.startsWith('(') ? s : packageOf(s)));
    const bytesByFamily = group(bytesByPackage, familyOf);

    const profDir = removeAtEnd(mkdtempSync(join(tmpdir(), `bench-prof-${action.name}-`)));
    const byPackage = new Map<string, number>();
    const byFunction = new Map<string, number>();
    const byCategory = new Map<string, number>();
    let sampled = 0;
    for (let i = 0; i < runs; i++) {
      await measure(
        actionNode(),
        [
          '--cpu-prof',
          '--cpu-prof-dir',
          profDir,
          '--cpu-prof-interval',
          '100',
          join(out, 'index.js'),
        ],
        { env: stepEnv, cwd, timeoutMs: 20_000, probe: false },
      );
    }
    const files = readdirSync(profDir).filter((f) => f.endsWith('.cpuprofile'));
    const bundleUrl = `file://${join(out, 'index.js')}`;
    for (const f of files) {
      const profile = JSON.parse(readFileSync(join(profDir, f), 'utf8')) as CpuProfile;
      sampled += attributeProfile(profile, bundleUrl, map, byPackage, byFunction, byCategory);
    }
    const perRun = (list: Share[]): Share[] =>
      list.map((x) => ({ ...x, value: x.value / Math.max(1, files.length) }));
    const profile: ProfileSummary | undefined =
      files.length === 0
        ? undefined
        : {
            runs: files.length,
            sampledMsPerRun: sampled / files.length,
            byCategory: perRun(shares(byCategory)),
            byPackage: perRun(shares(byPackage, 12)),
            topFunctions: perRun(shares(byFunction, 12)),
          };
    return {
      action: action.name,
      rebuildMatchesDist,
      bytesByFamily: shares(bytesByFamily),
      bytesByPackage: shares(bytesByPackage, 12),
      profile,
    };
  } catch (e) {
    return {
      action: action.name,
      rebuildMatchesDist: false,
      bytesByFamily: [],
      bytesByPackage: [],
      profile: undefined,
      error: e instanceof Error ? e.message : String(e),
    };
  }
}
