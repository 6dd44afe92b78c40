// Builds every action into dist/<name>/ with ncc, from scratch: one bundle per action (ESM,
// minified, with the package.json that marks it ESM and the licences of what it bundles), plus a
// chunk file for each dynamic import() (loaded only when a run reaches it).
// `node scripts/build.mjs wait-healthy …` rebuilds only the actions named.
// `--out-dir DIR` writes to DIR/<name>/ instead of dist/ and `--source-map` adds the maps: the
// bench (bench/bundle-analysis.ts) rebuilds with these, so it measures exactly this build.
//
// ncc is called through its API rather than its CLI for one option the CLI lacks: mainFields.
// With ['module', 'main'] webpack takes the SDK's ES-module builds (dist-es) instead of its
// CommonJS ones (dist-cjs). Those load the credential providers a run may not need (SSO, INI,
// process, web identity, container/instance metadata, and the nested SSO/STS clients behind them)
// with import(), which becomes separate chunks, where dist-cjs has require() calls that webpack
// bundles into index.js; and their one-file-per-command layout lets webpack drop what no action
// calls. Packages with an `exports` map resolve through it as before.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = new URL('..', import.meta.url).pathname;
const ncc = createRequire(import.meta.url)('@vercel/ncc');

const all = readdirSync(join(root, 'actions'), { withFileTypes: true })
  .filter(
    (entry) => entry.isDirectory() && existsSync(join(root, 'actions', entry.name, 'action.yml')),
  )
  .map((entry) => entry.name)
  .sort();

const args = process.argv.slice(2);
const sourceMap = args.includes('--source-map');
const outFlag = args.indexOf('--out-dir');
const outArg = outFlag < 0 ? join(root, 'dist') : args[outFlag + 1];
if (outArg === undefined || outArg.startsWith('--')) throw new Error('--out-dir needs a directory');
const outRoot = resolve(outArg);
const named = args.filter((a, i) => !a.startsWith('--') && (outFlag < 0 || i !== outFlag + 1));
for (const name of named) if (!all.includes(name)) throw new Error(`no action named ${name}`);
const actions = named.length > 0 ? named : all;

if (named.length === 0 && outFlag < 0) rmSync(outRoot, { recursive: true, force: true });
else for (const name of actions) rmSync(join(outRoot, name), { recursive: true, force: true });

async function build(name) {
  const out = join(outRoot, name);
  let result;
  try {
    result = await ncc(join(root, 'actions', name, 'src/main.ts'), {
      minify: true,
      target: 'es2022',
      license: 'licenses.txt',
      quiet: true,
      transpileOnly: true,
      cache: false,
      sourceMap,
      sourceMapRegister: false,
      mainFields: ['module', 'main'],
    });
  } catch (error) {
    throw new Error(`ncc failed for ${name}: ${error instanceof Error ? error.message : error}`, {
      cause: error,
    });
  }
  const { code, map, assets } = result;
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'index.js'), code);
  if (map !== undefined) writeFileSync(join(out, 'index.js.map'), map);
  for (const [file, asset] of Object.entries(assets)) {
    mkdirSync(dirname(join(out, file)), { recursive: true });
    writeFileSync(join(out, file), asset.source);
  }
}

/** Builds one action in a child process of this script (ncc's API builds in-process). */
function buildInChild(name) {
  const flags = [
    ...(outFlag < 0 ? [] : ['--out-dir', outRoot]),
    ...(sourceMap ? ['--source-map'] : []),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), ...flags, name], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`ncc failed for ${name} (exit ${code})`)),
    );
  });
}

// ncc resolves the entry and looks for tsconfig.json from the working directory; sources in the
// maps are named relative to it.
process.chdir(root);
if (actions.length === 1) await build(actions[0]);
else {
  // Two at a time, each in its own process: the machines have two cores.
  const queue = [...actions];
  await Promise.all(
    [0, 1].map(async () => {
      for (let name = queue.shift(); name !== undefined; name = queue.shift())
        await buildInChild(name);
    }),
  );
}
console.log(`built ${actions.length} action(s): ${actions.join(', ')}`);
