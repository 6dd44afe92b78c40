import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getExecOutput } from '@actions/exec';
import { ActionError, type Logger } from '@ecs-deploy/action-kit';
import type { RegistryLogin } from './daemonless.js';

/** Runs the docker CLI; tests hand in a fake or put a stand-in `docker` on PATH. */
export type DockerRunner = (
  args: readonly string[],
  options: { input?: string; env: Record<string, string> },
) => Promise<{ exitCode: number; stdout: string; stderr: string }>;

/** The real docker CLI through @actions/exec (the command line is logged; stdin is not). */
export const dockerCli: DockerRunner = async (args, options) => {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  return getExecOutput('docker', [...args], {
    env: { ...env, ...options.env },
    ignoreReturnCode: true,
    ...(options.input === undefined ? {} : { input: Buffer.from(options.input) }),
  });
};

/**
 * Tags and pushes a local image with the Docker CLI, logged in with `--password-stdin` against a
 * throw-away DOCKER_CONFIG, so the registry password is never on a command line and never left
 * in the runner's ~/.docker/config.json for later steps. Returns the digest the push reports.
 */
export async function pushWithDocker(
  docker: DockerRunner,
  localImage: string,
  login: RegistryLogin,
  host: string,
  repository: string,
  tags: readonly string[],
  log: Logger,
): Promise<string> {
  const config = mkdtempSync(join(tmpdir(), 'docker-config-'));
  const env = { DOCKER_CONFIG: config };
  const run = async (args: readonly string[], input?: string): Promise<string> => {
    const result = await docker(args, { env, ...(input === undefined ? {} : { input }) });
    if (result.exitCode !== 0) {
      throw new ActionError(
        `docker ${args[0] ?? ''} failed (exit ${result.exitCode}): ${log.redact(result.stderr.trim() || result.stdout.trim())}`,
      );
    }
    return result.stdout;
  };
  try {
    await run(
      ['login', '--username', login.username, '--password-stdin', login.endpoint],
      login.password,
    );
    const digests = new Set<string>();
    for (const tag of tags) {
      const target = `${host}/${repository}:${tag}`;
      await run(['tag', localImage, target]);
      const output = await run(['push', target]);
      const found = [...output.matchAll(/digest: (sha256:[a-f0-9]{64})/g)].at(-1)?.[1];
      if (found === undefined)
        throw new ActionError(`docker push ${target} did not report a digest.`);
      digests.add(found);
    }
    if (digests.size !== 1)
      throw new ActionError(
        `docker push reported different digests for the tags of one image: ${[...digests].join(', ')}.`,
      );
    return [...digests][0] ?? '';
  } finally {
    await docker(['logout', login.endpoint], { env }).catch(() => undefined);
    rmSync(config, { recursive: true, force: true });
  }
}
