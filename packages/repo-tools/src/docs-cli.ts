// `npm run docs` writes every action README's generated block and action-catalog.md;
// `npm run check-docs` fails when any is stale or an input/output has no description.
// Both fail on a relative link or a cited path that does not resolve in the repository.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, loadActionMetadata } from '@ecs-deploy/runner-harness';
import { catalog, metadataProblems, spliceReadme } from './docs.js';
import { brokenLinks } from './links.js';

const write = process.argv.includes('--write');
const actionsDir = join(REPO_ROOT, 'actions');
const actions = readdirSync(actionsDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(actionsDir, entry.name, 'action.yml')))
  .map((entry) => ({
    dirName: entry.name,
    metadata: loadActionMetadata(join(actionsDir, entry.name)),
  }))
  .sort((a, b) => a.dirName.localeCompare(b.dirName));

const problems = actions.flatMap(({ dirName, metadata }) => metadataProblems(dirName, metadata));
const stale: string[] = [];
const expected = new Map<string, string>();
for (const { dirName, metadata } of actions) {
  const file = join(actionsDir, dirName, 'README.md');
  expected.set(
    file,
    spliceReadme(existsSync(file) ? readFileSync(file, 'utf8') : undefined, dirName, metadata),
  );
}
expected.set(join(REPO_ROOT, 'action-catalog.md'), catalog(actions));
for (const [file, text] of expected) {
  const current = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  if (current === text) continue;
  if (write) writeFileSync(file, text);
  else stale.push(file.slice(REPO_ROOT.length));
}
for (const problem of problems) console.error(problem);
for (const file of stale)
  console.error(`${file} is stale: run 'npm run docs' and commit the result`);

// The files git tracks (as a clean clone has them), less those deleted in the work tree.
const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: REPO_ROOT, encoding: 'utf8' })
  .split('\0')
  .filter((file) => file !== '' && existsSync(join(REPO_ROOT, file)));
const broken = brokenLinks({
  files: tracked,
  read: (file) => readFileSync(join(REPO_ROOT, file), 'utf8'),
});
for (const link of broken) console.error(`${link.file}:${link.line}: ${link.target} → ${link.why}`);

if (problems.length > 0 || stale.length > 0 || broken.length > 0) process.exit(1);
console.log(
  write
    ? `docs written for ${actions.length} action(s); links resolve in ${tracked.length} files`
    : `docs are up to date for ${actions.length} action(s); links resolve in ${tracked.length} files`,
);
