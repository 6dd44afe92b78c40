import type { Runtime } from '../src/index.js';

/** A runtime that records what the kit writes, for tests. */
export function fakeRuntime(env: Record<string, string> = {}): Runtime & {
  lines: string[];
  files: Map<string, string>;
  exitCode: number | undefined;
} {
  let counter = 0;
  const state = {
    env,
    lines: [] as string[],
    files: new Map<string, string>(),
    exitCode: undefined as number | undefined,
    writeLine(line: string): void {
      state.lines.push(line);
    },
    appendFile(path: string, text: string): void {
      state.files.set(path, (state.files.get(path) ?? '') + text);
    },
    randomId(): string {
      counter += 1;
      return `id${counter}`;
    },
    setExitCode(code: number): void {
      state.exitCode = code;
    },
  };
  return state;
}
