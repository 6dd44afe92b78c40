import { AwsError } from '../errors.js';
import type { Tag } from '../state/model.js';
import type { Json } from '../util/json.js';
import { isObject } from '../util/json.js';

/** Parses an ECS `tags` list (`[{key, value}]`). */
export function parseTags(raw: Json | undefined): Tag[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw new AwsError('InvalidParameterException', 'Tags must be a list.');
  return raw.map((t) => {
    if (!isObject(t) || typeof t.key !== 'string' || t.key === '') {
      throw new AwsError('InvalidParameterException', 'Tag keys must be non-empty strings.');
    }
    return { key: t.key, value: typeof t.value === 'string' ? t.value : '' };
  });
}

/** Renders tags for a response. */
export function renderTags(tags: readonly Tag[]): Json[] {
  return tags.map((t) => ({ key: t.key, value: t.value }));
}

/** Merges tags in place: same key overwrites. */
export function mergeTags(into: Tag[], add: readonly Tag[]): void {
  for (const t of add) {
    const existing = into.find((x) => x.key === t.key);
    if (existing) existing.value = t.value;
    else into.push({ ...t });
  }
}
