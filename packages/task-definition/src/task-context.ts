import { isArray, isObject, type JsonObject, type JsonValue } from './json.js';
import type { ImageOptions } from './validate-image.js';

/** Facts about the task that container checks depend on. */
export interface TaskContext extends ImageOptions {
  readonly awsvpc: boolean;
  readonly fargate: boolean;
  /** Task-level memory in MiB, when set and readable. */
  readonly taskMemory: number | undefined;
  readonly containerNames: ReadonlySet<string>;
  readonly volumeNames: ReadonlySet<string>;
}

/** The object entries of a list, with their indexes; other entries are the shape check's business. */
export function objectEntries(list: JsonValue | undefined): [JsonObject, number][] {
  if (!isArray(list)) return [];
  return list.flatMap((item, i): [JsonObject, number][] => (isObject(item) ? [[item, i]] : []));
}
