import type { RegistryBackend } from '../registry/backend.js';
import type { ContainerImageResolution, TaskDefinitionRecord } from '../state/model.js';
import type { JsonObject } from '../util/json.js';
import { isObject } from '../util/json.js';
import { isOurRegistry, parseImageRef } from '../util/image-ref.js';
import { pullErrorText } from './events.js';
import type { Behaviour } from './scenario.js';
import { parseScenario } from './scenario.js';

/** What the resolver needs: the registry, and which digests ECR has deleted. */
export interface ResolveDeps {
  registry: RegistryBackend;
  /** True when ECR's BatchDeleteImage removed this digest (the backend cannot delete manifests). */
  isDeleted: (repository: string, digest: string) => boolean;
}

const SCENARIO_LABEL = 'sim.scenario';
const RUN_TASK_LABEL = 'sim.run-task';
const LOGS_LABEL = 'sim.logs';

/**
 * Resolves every container image of a task definition against the registry, once, at deployment
 * time (ECS's "container image resolution"): tag → digest, a missing image → the
 * CannotPullContainerError text, and the `sim.*` labels of the image config (scenario, run-task
 * scenario, log lines).
 */
export async function resolveContainers(
  td: TaskDefinitionRecord,
  deps: ResolveDeps,
): Promise<ContainerImageResolution[]> {
  const containers = Array.isArray(td.body.containerDefinitions)
    ? td.body.containerDefinitions.filter(isObject)
    : [];
  return Promise.all(containers.map((c) => resolveOne(c, deps)));
}

async function resolveOne(c: JsonObject, deps: ResolveDeps): Promise<ContainerImageResolution> {
  const image = typeof c.image === 'string' ? c.image : '';
  const base: ContainerImageResolution = {
    containerName: typeof c.name === 'string' ? c.name : 'app',
    image,
    essential: c.essential !== false,
    secretKeys: secretKeys(c),
    ...healthCheckOf(c),
    ...portOf(c),
    ...awslogsOf(c),
  };
  const ref = parseImageRef(image);
  if (!isOurRegistry(ref.host, deps.registry.host)) {
    // Images from registries we do not simulate are assumed pullable; a pinned digest is kept.
    return ref.digest !== undefined ? { ...base, imageDigest: ref.digest } : base;
  }
  const tag = ref.digest === undefined ? (ref.tag ?? 'latest') : ref.tag;
  const withRepo = { ...base, repository: ref.repository, ...(tag !== undefined ? { tag } : {}) };
  const manifest = await deps.registry.getManifest(ref.repository, ref.digest ?? tag ?? 'latest');
  if (!manifest || deps.isDeleted(ref.repository, manifest.digest)) {
    return { ...withRepo, pullError: pullErrorText(image) };
  }
  const labels = await imageLabels(deps.registry, ref.repository, manifest.body);
  return { ...withRepo, imageDigest: manifest.digest, ...fromLabels(labels ?? {}) };
}

/**
 * What the `sim.*` labels say. A malformed scenario must not break a deployment: the image then
 * simply behaves healthily.
 */
function fromLabels(
  labels: Record<string, string>,
): Pick<ContainerImageResolution, 'labelBehaviour' | 'runTaskBehaviour' | 'logLines'> {
  const scenario = (name: string): Behaviour | undefined => {
    const value = labels[name];
    if (value === undefined) return undefined;
    try {
      return parseScenario(value);
    } catch {
      return undefined;
    }
  };
  const labelBehaviour = scenario(SCENARIO_LABEL);
  const runTaskBehaviour = scenario(RUN_TASK_LABEL) ?? labelBehaviour;
  const logs = labels[LOGS_LABEL];
  return {
    ...(labelBehaviour ? { labelBehaviour } : {}),
    ...(runTaskBehaviour ? { runTaskBehaviour } : {}),
    // A Dockerfile LABEL cannot hold a newline, so the two characters `\n` separate lines too.
    ...(logs !== undefined && logs !== '' ? { logLines: logs.split(/\r?\n|\\n/) } : {}),
  };
}

/** The image config's labels (first child of an index); undefined if it has none. */
async function imageLabels(
  registry: RegistryBackend,
  repository: string,
  body: Buffer,
): Promise<Record<string, string> | undefined> {
  let manifest: unknown;
  try {
    manifest = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  if (!isObject(manifest)) return undefined;
  if (Array.isArray(manifest.manifests)) {
    const first = manifest.manifests.find(isObject);
    if (!first || typeof first.digest !== 'string') return undefined;
    const child = await registry.getManifest(repository, first.digest);
    return child ? imageLabels(registry, repository, child.body) : undefined;
  }
  const config = isObject(manifest.config) ? manifest.config : undefined;
  if (typeof config?.digest !== 'string') return undefined;
  const blob = await registry.getBlob(repository, config.digest);
  if (!blob) return undefined;
  try {
    const parsed: unknown = JSON.parse(blob.toString('utf8'));
    const inner = isObject(parsed) && isObject(parsed.config) ? parsed.config : undefined;
    if (!inner || !isObject(inner.Labels)) return undefined;
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(inner.Labels)) if (typeof v === 'string') out[k] = v;
    return out;
  } catch {
    return undefined;
  }
}

/** The awslogs destination of a container definition, if it logs to CloudWatch. */
function awslogsOf(c: JsonObject): Pick<ContainerImageResolution, 'awslogs'> {
  const lc = isObject(c.logConfiguration) ? c.logConfiguration : undefined;
  const options = lc && isObject(lc.options) ? lc.options : undefined;
  const group = options?.['awslogs-group'];
  if (lc?.logDriver !== 'awslogs' || typeof group !== 'string') return {};
  const prefix = options?.['awslogs-stream-prefix'];
  return {
    awslogs: {
      group,
      ...(typeof prefix === 'string' && prefix !== '' ? { streamPrefix: prefix } : {}),
    },
  };
}

function secretKeys(c: JsonObject): string[] {
  const secrets = Array.isArray(c.secrets) ? c.secrets.filter(isObject) : [];
  return secrets.map((s) => {
    const from = typeof s.valueFrom === 'string' ? s.valueFrom : '';
    // arn:aws:secretsmanager:<region>:<acct>:secret:<name>:<json-key>:<stage>:<id>
    const parts = from.split(':');
    const jsonKey = from.startsWith('arn:aws:secretsmanager:') ? parts[7] : undefined;
    return jsonKey !== undefined && jsonKey !== ''
      ? jsonKey
      : typeof s.name === 'string'
        ? s.name
        : 'password';
  });
}

function healthCheckOf(c: JsonObject): Pick<ContainerImageResolution, 'healthCheck'> {
  if (!isObject(c.healthCheck)) return {};
  const h = c.healthCheck;
  return {
    healthCheck: {
      intervalSeconds: typeof h.interval === 'number' ? h.interval : 30,
      retries: typeof h.retries === 'number' ? h.retries : 3,
      startPeriodSeconds: typeof h.startPeriod === 'number' ? h.startPeriod : 0,
    },
  };
}

function portOf(c: JsonObject): Pick<ContainerImageResolution, 'containerPort'> {
  const first = Array.isArray(c.portMappings) ? c.portMappings.find(isObject) : undefined;
  return typeof first?.containerPort === 'number' ? { containerPort: first.containerPort } : {};
}
