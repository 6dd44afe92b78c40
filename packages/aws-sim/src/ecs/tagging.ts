import { AwsError } from '../errors.js';
import type { Tag } from '../state/model.js';
import type { SimContext } from '../state/context.js';
import type { World } from '../state/world.js';
import type { Json, JsonObject } from '../util/json.js';
import { reqString, stringArray } from '../util/json.js';
import { checkTagCount } from './quotas.js';
import { mergeTags, parseTags, renderTags } from './tags.js';
import { findTaskDefinition } from './task-definitions.js';

function tagsOf(world: World, arn: string): Tag[] {
  const [, rest = ''] = arn.split(`:${world.account}:`);
  const [kind = '', ...path] = rest.split('/');
  let tags: Tag[] | undefined;
  if (kind === 'cluster') tags = world.clusters.get(path[0] ?? '')?.tags;
  if (kind === 'service') tags = world.findService(path[0] ?? '', path[1] ?? '')?.tags;
  if (kind === 'task-definition') tags = findTaskDefinition(world, arn)?.tags;
  if (kind === 'task') tags = world.tasks.has(path[1] ?? '') ? [] : undefined;
  if (!tags)
    throw new AwsError('InvalidParameterException', 'The specified resource is not found.');
  return tags;
}

/** TagResource. */
export function tagResource(input: JsonObject, ctx: SimContext): Json {
  const tags = tagsOf(ctx.world, reqString(input, 'resourceArn'));
  const add = parseTags(input.tags);
  checkTagCount(tags, add);
  mergeTags(tags, add);
  return {};
}

/** UntagResource. */
export function untagResource(input: JsonObject, ctx: SimContext): Json {
  const tags = tagsOf(ctx.world, reqString(input, 'resourceArn'));
  const drop = new Set(stringArray(input, 'tagKeys'));
  const keep = tags.filter((t) => !drop.has(t.key));
  tags.splice(0, tags.length, ...keep);
  return {};
}

/** ListTagsForResource. */
export function listTagsForResource(input: JsonObject, ctx: SimContext): Json {
  return { tags: renderTags(tagsOf(ctx.world, reqString(input, 'resourceArn'))) };
}
