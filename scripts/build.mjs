// Builds every action into dist/<name>/ with ncc, from scratch: one bundle per action (ESM,
// minified, with the package.json that marks it ESM and the licences of what it bundles).
// `node scripts/build.mjs wait-healthy …` rebuilds only the actions named.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const all = readdirSync(join(root, 'actions'), { withFileTypes: true })
  .filter(
    (entry) => entry.isDirectory() && existsSync(join(root, 'actions', entry.name, 'action.yml')),
  )
  .map((entry) => entry.name)
  .sort();
const named = process.argv.slice(2);
for (const name of named) if (!all.includes(name)) throw new Error(`no action named ${name}`);
const actions = named.length > 0 ? named : all;

if (named.length === 0) rmSync(join(root, 'dist'), { recursive: true, force: true });
else for (const name of named) rmSync(join(root, 'dist', name), { recursive: true, force: true });

function build(name) {
  const args = [
    join(root, 'node_modules/@vercel/ncc/dist/ncc/cli.js'),
    'build',
    join('actions', name, 'src/main.ts'),
    '--out',
    join('dist', name),
    '--minify',
    '--target',
    'es2022',
    '--license',
    'licenses.txt',
    '--quiet',
    '--transpile-only',
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' });
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`ncc failed for ${name} (exit ${code})`)),
    );
  });
}

// Two at a time: the machines have two cores.
const queue = [...actions];
await Promise.all(
  [0, 1].map(async () => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) await build(name);
  }),
);
console.log(`built ${actions.length} action(s): ${actions.join(', ')}`);
