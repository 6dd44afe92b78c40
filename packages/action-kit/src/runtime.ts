import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';

/** Everything the kit needs from the process, so tests can hand in a plain object. */
export interface Runtime {
  /** The step's environment (INPUT_*, GITHUB_*, RUNNER_*). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Writes one line to the step log (stdout, which the runner parses for commands). */
  writeLine(line: string): void;
  /** Appends text to an environment or summary file. */
  appendFile(path: string, text: string): void;
  /** A fresh random id for file-command delimiters. */
  randomId(): string;
  /** Marks the step failed (non-zero exit) without cutting pending I/O short. */
  setExitCode(code: number): void;
}

/** The runtime of a real step: process.env, stdout and the file system. */
export function processRuntime(): Runtime {
  return {
    env: process.env,
    writeLine: (line) => {
      process.stdout.write(`${line}\n`);
    },
    appendFile: (path, text) => {
      appendFileSync(path, text, 'utf8');
    },
    randomId: () => randomUUID(),
    setExitCode: (code) => {
      process.exitCode = code;
    },
  };
}
