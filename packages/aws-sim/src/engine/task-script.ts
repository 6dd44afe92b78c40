import type {
  ContainerImageResolution,
  Service,
  ServiceRevision,
  TargetGroup,
} from '../state/model.js';
import type { ScenarioRules } from '../state/world.js';
import { secretsErrorText } from './events.js';
import type { Behaviour } from './scenario.js';
import type { HealthSetup, TaskScript } from './timeline.js';

/** Whether a task belongs to a service or was started by RunTask (labels differ). */
export type TaskKind = 'service' | 'run-task';

/**
 * The behaviour of one container: a run-time rule, else its image label (`sim.run-task` first for
 * a RunTask task), else healthy.
 */
export function containerBehaviour(
  c: ContainerImageResolution,
  rules: ScenarioRules,
  kind: TaskKind = 'service',
): Behaviour {
  const label = kind === 'run-task' ? c.runTaskBehaviour : c.labelBehaviour;
  return rules.lookup(c.imageDigest, c.repository, c.tag) ?? label ?? { kind: 'healthy' };
}

/**
 * Combines a revision's containers into what the task will do (pure): a pull failure of any
 * essential container wins, then a secrets failure, then the first essential container that
 * is not healthy.
 */
export function taskScript(
  containers: readonly ContainerImageResolution[],
  rules: ScenarioRules,
  kind: TaskKind = 'service',
): TaskScript {
  const essential = containers.filter((c) => c.essential);
  const pull = essential.find((c) => c.pullError !== undefined);
  if (pull?.pullError !== undefined)
    return { kind: 'start-failure', reason: pull.pullError, container: pull.containerName };
  const withBehaviour = essential.map((c) => ({ c, b: containerBehaviour(c, rules, kind) }));
  const secrets = withBehaviour.find(({ b }) => b.kind === 'secrets-error');
  if (secrets?.b.kind === 'secrets-error') {
    const key = secrets.b.key ?? secrets.c.secretKeys[0] ?? 'password';
    return {
      kind: 'start-failure',
      reason: secretsErrorText(key),
      container: secrets.c.containerName,
    };
  }
  const bad = withBehaviour.find(({ b }) => b.kind !== 'healthy');
  const first = bad ?? withBehaviour[0];
  return {
    kind: 'behaviour',
    behaviour: first?.b ?? { kind: 'healthy' },
    container: first?.c.containerName ?? 'app',
  };
}

/** The health checks a task of this service is subject to. */
export function healthSetup(
  service: Service,
  revision: ServiceRevision,
  targetGroups: ReadonlyMap<string, TargetGroup>,
): HealthSetup {
  const tgArn = service.loadBalancers
    .map((lb) => lb.targetGroupArn)
    .find((a) => typeof a === 'string');
  const tg = typeof tgArn === 'string' ? targetGroups.get(tgArn) : undefined;
  const check = revision.containers.find((c) => c.essential && c.healthCheck)?.healthCheck;
  return {
    gracePeriodSeconds: service.healthCheckGracePeriodSeconds,
    ...(tg
      ? {
          lb: {
            intervalSeconds: tg.healthCheckIntervalSeconds,
            healthyThresholdCount: tg.healthyThresholdCount,
            unhealthyThresholdCount: tg.unhealthyThresholdCount,
          },
        }
      : {}),
    ...(check ? { containerCheck: check } : {}),
  };
}
