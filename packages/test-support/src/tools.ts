// Tests that need a program this machine may lack (docker-registry, skopeo, the AWS CLI): they are
// always declared, so a missing program never makes cases vanish from the count. Locally they are
// reported as skipped with the reason in their name; under CI=true they fail with that reason,
// because CI is where every test must run.
import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { beforeAll, describe, it } from '@jest/globals';
import { DEFAULT_DOCKER_REGISTRY_BINARY } from '@ecs-deploy/aws-sim/registry';

/** A test body as jest takes it. */
export type TestFn = Parameters<typeof it>[1];

/** Declares tests that run only when a requirement holds; see requireTool. */
export interface Requirement {
  /** Whether the requirement holds here. */
  readonly met: boolean;
  /** Why it does not, with the fix, e.g. "skopeo not installed — apt-get install skopeo". */
  readonly reason: string;
  /** Like jest's `it`: runs, or is skipped (locally) or fails (CI=true) with the reason in its name. */
  it(name: string, fn: TestFn, timeout?: number): void;
  /** Like jest's `describe`, with the same three outcomes for every test declared inside. */
  describe(name: string, fn: () => void): void;
}

/** A program a test needs, and how to install it. */
export interface ToolSpec {
  /** Name shown in test names and messages. */
  readonly name: string;
  /** Executable: an absolute path, or a name looked up on PATH; default `name`. */
  readonly binary?: string;
  /** The command that installs it, e.g. "apt-get install skopeo". */
  readonly install: string;
}

/** A requirement that is not met: thrown by every test it gates when CI=true. */
export class RequirementNotMet extends Error {
  constructor(reason: string) {
    super(`${reason} (CI=true: tests that cannot run fail instead of being skipped)`);
    this.name = 'RequirementNotMet';
  }
}

/** True under CI: GitHub Actions and most CI systems set CI=true. */
export function isCi(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.CI === 'true';
}

/** The executable's path, or undefined when it is not there (or not executable). */
export function findExecutable(
  binary: string,
  path: string = process.env.PATH ?? '',
): string | undefined {
  const candidates = isAbsolute(binary)
    ? [binary]
    : path
        .split(delimiter)
        .filter((dir) => dir !== '')
        .map((dir) => join(dir, binary));
  return candidates.find((candidate) => {
    try {
      accessSync(candidate, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * Gates tests on a condition. When it does not hold, each gated test is still declared: skipped
 * with "[skipped: reason]" in its name, or, when `ci` is true, failing with the reason.
 */
export function requireThat(met: boolean, reason: string, ci: boolean = isCi()): Requirement {
  if (met) {
    return {
      met,
      reason,
      it: (name, fn, timeout) => {
        it(name, fn, timeout);
      },
      describe: (name, fn) => {
        describe(name, fn);
      },
    };
  }
  if (!ci) {
    const tag = `[skipped: ${reason}]`;
    return {
      met,
      reason,
      it: (name, fn, timeout) => {
        it.skip(`${name} ${tag}`, fn, timeout);
      },
      // describe.skip still collects the tests inside, so they are counted, but runs no hook.
      describe: (name, fn) => {
        describe.skip(`${name} ${tag}`, fn);
      },
    };
  }
  const tag = `[required under CI: ${reason}]`;
  const fail = (): never => {
    throw new RequirementNotMet(reason);
  };
  return {
    met,
    reason,
    it: (name) => {
      it(`${name} ${tag}`, fail);
    },
    // A failing beforeAll fails every test of the block with the reason; the tests' bodies do not
    // run (the block's own hooks still do, and may add their own failure).
    describe: (name, fn) => {
      describe(`${name} ${tag}`, () => {
        beforeAll(fail);
        fn();
      });
    },
  };
}

/** Gates tests on a program being installed. */
export function requireTool(spec: ToolSpec, ci: boolean = isCi()): Requirement {
  const found = findExecutable(spec.binary ?? spec.name) !== undefined;
  return requireThat(found, `${spec.name} not installed — ${spec.install}`, ci);
}

/** Debian's registry (distribution 2.8), which startDockerRegistry launches. */
export const DOCKER_REGISTRY: ToolSpec = {
  name: 'docker-registry',
  binary: DEFAULT_DOCKER_REGISTRY_BINARY,
  install: 'apt-get install docker-registry',
};

/** skopeo, the independent registry client. */
export const SKOPEO: ToolSpec = { name: 'skopeo', install: 'apt-get install skopeo' };

/** The AWS CLI (v1 or v2), the independent AWS client. */
export const AWS_CLI: ToolSpec = { name: 'aws', install: 'apt-get install awscli' };
