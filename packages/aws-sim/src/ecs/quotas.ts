import { AwsError } from '../errors.js';
import type { Tag } from '../state/model.js';
import type { JsonObject } from '../util/json.js';

/**
 * The ECS quotas a deploy can run into, with their defaults from the "Amazon ECS service quotas"
 * page (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-quotas.html). None
 * of them is adjustable.
 */
export const ECS_QUOTAS = {
  /** Task definition size: 64 KiB (the page's "Task definition size"). */
  taskDefinitionBytes: 65_536,
  /** "Containers per task definition". */
  containersPerTaskDefinition: 10,
  /** "Tags per resource" (also the `max` of the model's `Tags` list). */
  tagsPerResource: 50,
  /** Container.image length; ECS's ClientException text names it (see checkImageName). */
  imageNameLength: 255,
} as const;

/**
 * Refuses a RegisterTaskDefinition whose JSON exceeds 64 KiB, with ECS's ClientException text
 * "Actual length: '66420'. Max allowed length is '65536' bytes." (as CloudTrail recorded it in
 * awsdocs/amazon-ecs-developer-guide#149). ECS does not publish what it measures; we count the
 * UTF-8 bytes of the request as the SDK sends it (compact JSON) without `tags`, which are not
 * part of the task definition.
 */
export function checkTaskDefinitionSize(input: JsonObject): void {
  const definition: JsonObject = { ...input };
  delete definition.tags;
  const bytes = Buffer.byteLength(JSON.stringify(definition), 'utf8');
  if (bytes > ECS_QUOTAS.taskDefinitionBytes) {
    throw new AwsError(
      'ClientException',
      `Actual length: '${bytes}'. Max allowed length is '${ECS_QUOTAS.taskDefinitionBytes}' bytes.`,
    );
  }
}

/** More than 10 containers: ClientException "Too many containers." (aws/amazon-ecs-cli#184). */
export function checkContainerCount(count: number): void {
  if (count > ECS_QUOTAS.containersPerTaskDefinition)
    throw new AwsError('ClientException', 'Too many containers.');
}

/**
 * An image reference over 255 characters: ClientException "Container.image should be 255
 * characters or less" (as reported in hashicorp/terraform-provider-aws#22629).
 */
export function checkImageName(image: string): void {
  if (image.length > ECS_QUOTAS.imageNameLength)
    throw new AwsError('ClientException', 'Container.image should be 255 characters or less');
}

/**
 * TagResource that would leave more than 50 tags (keys already present are overwritten, not
 * added). TagResource declares LimitExceededException; the message is our rendering — ECS's own
 * text for this case is not published.
 */
export function checkTagCount(existing: readonly Tag[], add: readonly Tag[]): void {
  const keys = new Set(existing.map((t) => t.key));
  for (const t of add) keys.add(t.key);
  if (keys.size > ECS_QUOTAS.tagsPerResource) {
    throw new AwsError(
      'LimitExceededException',
      `The resource would have ${keys.size} tags; the limit is ${ECS_QUOTAS.tagsPerResource} tags per resource.`,
    );
  }
}
