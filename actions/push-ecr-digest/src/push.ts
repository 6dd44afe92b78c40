import { ActionError, type Logger } from '@ecs-deploy/action-kit';
import type { EcrApi } from '@ecs-deploy/aws';
import { openLocalImage, pushOverApi, registryLogin } from './daemonless.js';
import { pushWithDocker, type DockerRunner } from './docker.js';
import type { PushInputs } from './inputs.js';
import { findSource, putTags } from './promote.js';
import { ensureRepository } from './repository.js';
import { planTags, tagDigests } from './tags.js';
import { verifyPushed } from './verify.js';

/** What pushing needs from outside. */
export interface PushDeps {
  readonly ecr: EcrApi;
  readonly docker: DockerRunner;
  readonly log: Logger;
  /** The runner's cancel: checked between phases, so a cancelled step stops before the next write. */
  readonly signal?: AbortSignal;
}

function stopIfCancelled(signal: AbortSignal | undefined, done: string): void {
  if (signal?.aborted === true) throw new ActionError(`Stopped on the runner's cancel ${done}.`);
}

/** The pushed image. */
export interface PushOutcome {
  readonly digest: string;
  readonly tags: readonly string[];
  /** `<registry>/<repository>@<digest>` for this job. */
  readonly image: string;
  readonly tagsAlreadyThere: readonly string[];
}

/** Pushes or promotes, then verifies; every tag conflict is found before anything is written. */
export async function push(inputs: PushInputs, deps: PushDeps): Promise<PushOutcome> {
  const { ecr, log } = deps;
  const repo = await ensureRepository(ecr, inputs, log);
  const current = await tagDigests(ecr, inputs.repository, repo.registryId, inputs.tags);
  const { origin } = inputs;
  let digest: string;
  let already: readonly string[];
  if (origin.kind === 'source-tag' || origin.kind === 'source-digest') {
    const source = await findSource(ecr, inputs.repository, repo.registryId, origin);
    const plan = planTags(inputs.tags, current, source.digest, repo.immutable, inputs.repository);
    stopIfCancelled(deps.signal, 'before tagging: nothing was changed');
    await putTags(ecr, inputs.repository, repo.registryId, source, plan.put);
    for (const { tag, from } of plan.moved) log.info(`tag ${tag} moved from ${from}`);
    digest = source.digest;
    already = plan.already;
  } else if (origin.kind === 'local-image') {
    const login = await registryLogin(ecr, log);
    digest = await pushWithDocker(
      deps.docker,
      origin.image,
      login,
      repo.host,
      inputs.repository,
      inputs.tags,
      log,
    );
    // Docker knows the digest only once it has pushed, so an immutable clash surfaces here.
    already = planTags(inputs.tags, current, digest, repo.immutable, inputs.repository).already;
  } else {
    const source = await openLocalImage(origin.path, origin.kind);
    try {
      const plan = planTags(
        inputs.tags,
        current,
        source.root.digest,
        repo.immutable,
        inputs.repository,
      );
      const login = await registryLogin(ecr, log);
      stopIfCancelled(deps.signal, 'before pushing: nothing was uploaded');
      digest = await pushOverApi(source, login, inputs.repository, plan.put, log, deps.signal);
      already = plan.already;
    } finally {
      await source.close();
    }
  }
  stopIfCancelled(
    deps.signal,
    `after pushing ${digest}, before verifying it: do not deploy it until a re-run verifies it`,
  );
  await verifyPushed(ecr, inputs.repository, repo.registryId, digest, inputs.tags);
  return {
    digest,
    tags: inputs.tags,
    image: `${repo.host}/${inputs.repository}@${digest}`,
    tagsAlreadyThere: already,
  };
}
