// Loads the real task definitions in ./fixtures (copied byte for byte; see fixtures/SOURCES.md).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** File names of all fixtures, sorted. */
export const FIXTURES: readonly string[] = readdirSync(dir)
  .filter((name) => name.endsWith('.json'))
  .sort();

/** The raw text of a fixture, by file name or by its two-digit prefix. */
export function fixtureText(name: string): string {
  const file = FIXTURES.find((f) => f === name || f.startsWith(`${name}-`));
  if (file === undefined) throw new Error(`no fixture ${name}`);
  return readFileSync(join(dir, file), 'utf8');
}
