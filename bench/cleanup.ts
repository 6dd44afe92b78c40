// Everything the bench starts (child processes, servers, temporary directories) is registered
// here and stopped at the end, in reverse order, also on failure and on Ctrl-C.
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';

type Finalizer = () => void | Promise<void>;

const finalizers: { name: string; run: Finalizer }[] = [];
const children = new Set<ChildProcess>();

/** Registers something to undo at the end; returns a function that runs (and forgets) it now. */
export function onCleanup(name: string, run: Finalizer): () => Promise<void> {
  const entry = { name, run };
  finalizers.push(entry);
  return async () => {
    const i = finalizers.indexOf(entry);
    if (i >= 0) finalizers.splice(i, 1);
    await run();
  };
}

/** Tracks a child process until it exits; whatever is still running at the end is killed. */
export function trackChild(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** A temporary directory removed at the end. */
export function removeAtEnd(dir: string): string {
  onCleanup(`remove ${dir}`, () => {
    rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

/** Kills remaining children (by their own pid), then runs the finalizers newest first. */
export async function cleanupAll(): Promise<void> {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  children.clear();
  while (finalizers.length > 0) {
    const entry = finalizers.pop();
    if (entry === undefined) break;
    try {
      await entry.run();
    } catch (e) {
      console.error(
        `cleanup "${entry.name}" failed: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  }
}
