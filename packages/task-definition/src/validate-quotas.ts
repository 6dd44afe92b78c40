/*
 * The registration quotas ECS enforces, checked before anything is deployed so a deploy does not
 * fail at RegisterTaskDefinition. Values from the "Amazon ECS service quotas" page
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-quotas.html: task
 * definition size 64 KiB, 10 containers per task definition, 50 tags per resource), and the
 * 255-character image limit of the Container.image parameter; the messages quote ECS's texts.
 */
import { isArray, isObject, type JsonObject, type JsonValue } from './json.js';
import { childPath } from './path.js';
import { error, type Problem } from './problems.js';
import type { Tag } from './types.js';

/** The registration quotas, as ECS counts them. */
export const ECS_REGISTRATION_QUOTAS = {
  taskDefinitionBytes: 65_536,
  containers: 10,
  imageLength: 255,
  tags: 50,
} as const;

/**
 * How ECS measures the size: ECS does not publish it, so we count what is sent, the UTF-8 bytes
 * of the RegisterTaskDefinition request body as the SDK writes it (compact JSON), without `tags`,
 * which are the resource's, not the task definition's.
 */
export function taskDefinitionBytes(definition: JsonObject): number {
  const rest: JsonObject = { ...definition };
  delete rest.tags;
  return bytesOf(rest);
}

function bytesOf(value: JsonValue | undefined): number {
  return value === undefined ? 0 : Buffer.byteLength(JSON.stringify(value), 'utf8');
}

const SIZE_FIX =
  'Move large values out of the task definition: read secrets and large configuration from ' +
  'Secrets Manager or SSM Parameter Store (`secrets` with valueFrom; values are fetched when the ' +
  'task starts), put many variables in an env file in S3 (`environmentFiles`), or bake static ' +
  'files into the image.';

/** Task-level quota problems: size, number of containers, image length. */
export function checkQuotas(definition: JsonObject): Problem[] {
  const problems: Problem[] = [];
  const bytes = taskDefinitionBytes(definition);
  const max = ECS_REGISTRATION_QUOTAS.taskDefinitionBytes;
  if (bytes > max) {
    problems.push(
      error(
        '',
        'task-definition-too-large',
        `the task definition is ${bytes} bytes as RegisterTaskDefinition sends it, over ECS's ` +
          `limit of ${max} (64 KiB), so ECS would refuse it: "Actual length: '${bytes}'. Max ` +
          `allowed length is '${max}' bytes." Largest parts: ${largestParts(definition).join('; ')}`,
        SIZE_FIX,
      ),
    );
  }
  const containers = definition.containerDefinitions;
  if (isArray(containers)) {
    if (containers.length > ECS_REGISTRATION_QUOTAS.containers) {
      problems.push(
        error(
          'containerDefinitions',
          'too-many-containers',
          `Too many containers. (ECS allows ${ECS_REGISTRATION_QUOTAS.containers} per task definition; this one has ${containers.length})`,
          'Split the containers over several task definitions (services), or merge sidecars.',
        ),
      );
    }
    containers.forEach((container, i) => {
      const image = isObject(container) ? container.image : undefined;
      if (typeof image === 'string' && image.length > ECS_REGISTRATION_QUOTAS.imageLength) {
        problems.push(
          error(
            childPath('containerDefinitions', i, 'image'),
            'image-too-long',
            `Container.image should be 255 characters or less (this one has ${image.length})`,
            'Use a shorter repository name or tag; a digest reference <registry>/<repository>@sha256:… leaves 175 characters for the registry and repository.',
          ),
        );
      }
    });
  }
  return problems;
}

/** Tags registered with the definition: at most 50 (`Tags` in packages/aws-sim/models/ecs.json). */
export function checkTags(tags: readonly Tag[] | undefined, path = 'tags'): Problem[] {
  const count = tags?.length ?? 0;
  if (count <= ECS_REGISTRATION_QUOTAS.tags) return [];
  return [
    error(
      path,
      'too-many-tags',
      `${count} tags; ECS allows ${ECS_REGISTRATION_QUOTAS.tags} per resource ("Member must have length less than or equal to 50")`,
      'Drop tags you do not need (tags of the base task definition are carried over).',
    ),
  ];
}

/** The biggest members, largest first, named by container: where the bytes are. */
function largestParts(definition: JsonObject): string[] {
  const parts: { what: string; bytes: number; detail?: string }[] = [];
  for (const [key, value] of Object.entries(definition)) {
    if (key === 'tags' || key === 'containerDefinitions') continue;
    parts.push({ what: key, bytes: bytesOf(value) });
  }
  const containers = definition.containerDefinitions;
  (isArray(containers) ? containers : []).forEach((container, i) => {
    if (!isObject(container)) return;
    const name = typeof container.name === 'string' ? `name=${container.name}` : String(i);
    for (const [key, value] of Object.entries(container)) {
      const detail =
        (key === 'environment' || key === 'secrets') && isArray(value)
          ? biggestEntries(value)
          : undefined;
      parts.push({
        what: `containerDefinitions[${name}].${key}`,
        bytes: bytesOf(value),
        ...(detail === undefined ? {} : { detail }),
      });
    }
  });
  return parts
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 3)
    .map((p) => `${p.what} ${p.bytes} bytes${p.detail === undefined ? '' : ` (${p.detail})`}`);
}

/** "120 entries; biggest: CERT 40012 bytes, CONFIG 9000 bytes" (names only, never values). */
function biggestEntries(list: readonly JsonValue[]): string {
  const sized = list.flatMap((item) =>
    isObject(item) && typeof item.name === 'string'
      ? [{ name: item.name, bytes: bytesOf(item) }]
      : [],
  );
  const top = sized
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 3)
    .map((e) => `${e.name} ${e.bytes} bytes`);
  return `${list.length} entries; biggest: ${top.join(', ')}`;
}
