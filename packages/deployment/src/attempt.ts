import type { ResolvedDriverConfig } from './config.js';
import { observe, type ObserverMemory } from './observe.js';
import {
  classifySourceError,
  type Clock,
  type DeploymentSource,
  type SourceFailure,
} from './source.js';
import type { FollowerState } from './state.js';
import type { Observation } from './types.js';

// Only the source's calls are classified here; a bug in step() must surface as itself.

class Cancelled extends Error {}

// A function, so TypeScript does not narrow `aborted` across awaits.
export function aborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

/** Rejects with `Cancelled` as soon as `signal` aborts, whether or not `work` listens to it. */
function abortable<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => {
      reject(new Cancelled());
    };
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}

/** One poll's outcome. */
export type Attempt =
  | { kind: 'observed'; obs: Observation; memory: ObserverMemory }
  | { kind: 'failed'; failure: SourceFailure }
  | { kind: 'cancelled' };

/** One observation, with source errors classified and cancellation noticed promptly. */
export async function tryObserve(
  source: DeploymentSource,
  state: FollowerState,
  memory: ObserverMemory,
  cfg: ResolvedDriverConfig,
  clock: Clock,
  signal: AbortSignal | undefined,
): Promise<Attempt> {
  try {
    const made = await abortable(observe(source, state, cfg, memory, clock, signal), signal);
    return { kind: 'observed', ...made };
  } catch (err) {
    if (aborted(signal) || err instanceof Cancelled) return { kind: 'cancelled' };
    return { kind: 'failed', failure: classifySourceError(err) };
  }
}
