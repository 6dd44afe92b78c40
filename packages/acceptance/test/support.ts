// Shared pieces of the acceptance matrices: checks every case repeats, and small builders.
import { expect } from '@jest/globals';
import { existsSync } from 'node:fs';
import { REPO_ROOT, type StepResult } from '@ecs-deploy/runner-harness';

/** The actions that call AWS, as named under actions/ (check-workflows reads files only). */
export type ActionName =
  | 'compute-image-tag'
  | 'push-ecr-digest'
  | 'render-task-def'
  | 'ecs-rolling-deploy'
  | 'wait-healthy'
  | 'rollback-digest'
  | 'ecs-run-task';

/** A digest of the right form that names nothing in the registry. */
export const SOME_DIGEST = `sha256:${'a'.repeat(64)}`;

/** The environment a workflow step of a push to main would see. */
export const GITHUB_ENV = {
  GITHUB_SHA: '10683f6edf72a951e1057f6f3bb713373cf08333',
  GITHUB_REF: 'refs/heads/main',
  GITHUB_EVENT_NAME: 'push',
  GITHUB_RUN_ID: '4242',
  GITHUB_RUN_ATTEMPT: '1',
  GITHUB_REPOSITORY: 'acme/api',
  GITHUB_ACTOR: 'dev',
  GITHUB_SERVER_URL: 'https://github.com',
} as const;

/** The error annotations of a step. */
export function errorAnnotations(result: StepResult): string[] {
  return result.annotations.filter((a) => a.level === 'error').map((a) => a.message);
}

/** Text to show when an expectation about a step fails. */
export function describeStep(result: StepResult): string {
  return [
    `exit ${String(result.exitCode)} signal ${String(result.signal)}`,
    '--- stdout',
    result.stdout.slice(-4000),
    '--- stderr',
    result.stderr.slice(-2000),
  ].join('\n');
}

/**
 * The verdict every bad input must get: a non-zero exit, exactly one error annotation, which
 * names the input (`Input 'x'`, or `Inputs 'x', 'y'` for a choice between several) and states the
 * expected form.
 */
export function expectRefused(result: StepResult, input: string, expected: RegExp): void {
  const errors = errorAnnotations(result);
  const exited =
    result.exitCode !== null && result.exitCode !== 0 ? 'non-zero' : describeStep(result);
  expect(exited).toBe('non-zero');
  expect(errors).toHaveLength(1);
  const [message = ''] = errors;
  const escaped = input.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  expect(message).toMatch(new RegExp(`Inputs? (?:'[\\w-]+',? (?:and )?)*'${escaped}'`));
  expect(message).toMatch(expected);
}

/** Waits until `check` holds (polling), or fails after `ms`. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  ms: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Waits for `dist/<action>/index.js`: the bundles are committed, but another engineer's rebuild
 * removes them for a while, and these tests must wait for it rather than build.
 */
export async function bundleReady(action: ActionName, ms = 180_000): Promise<void> {
  const file = `${REPO_ROOT}dist/${action}/index.js`;
  await eventually(() => existsSync(file), ms, `${file} (being rebuilt?)`);
}
