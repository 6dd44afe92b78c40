import { describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import { ACTIONS_VERSION } from '../src/index.js';

const root = new URL('../../../', import.meta.url);

describe('ACTIONS_VERSION', () => {
  it("is the root package.json's version", () => {
    const { version } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
      version: string;
    };
    expect(ACTIONS_VERSION).toBe(version);
  });

  it('is the only version an action states', () => {
    const actions = readdirSync(new URL('actions/', root), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(actions.length).toBeGreaterThan(0);
    for (const action of actions) {
      const src = new URL(`actions/${action}/src/`, root);
      let files: string[];
      try {
        files = readdirSync(src).filter((name) => name.endsWith('.ts'));
      } catch {
        continue;
      }
      for (const file of files) {
        const text = readFileSync(new URL(file, src), 'utf8');
        expect({ file: `${action}/src/${file}`, own: /\bVERSION\s*=\s*['"`]/.test(text) }).toEqual({
          file: `${action}/src/${file}`,
          own: false,
        });
      }
    }
  });
});
