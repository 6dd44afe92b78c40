// The machine the figures were taken on, for the JSON and README.md.
import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus, release, totalmem } from 'node:os';
import { actionNode } from '@ecs-deploy/runner-harness';

export interface Machine {
  readonly nproc: number;
  readonly cpuModel: string;
  readonly memoryBytes: number;
  readonly kernel: string;
  /** Node running the bench (tsx) and the simulator. */
  readonly benchNode: string;
  /** Node running the bundles (runner-harness actionNode(): the runner's Node 24). */
  readonly actionNode: string;
}

export function describeMachine(): Machine {
  let actionVersion: string;
  try {
    actionVersion = execFileSync(actionNode(), ['-p', 'process.version'], {
      encoding: 'utf8',
    }).trim();
  } catch {
    actionVersion = 'unknown (actionNode() failed)';
  }
  return {
    nproc: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryBytes: totalmem(),
    kernel: release(),
    benchNode: process.version,
    actionNode: actionVersion,
  };
}
