/** Name → value pairs: a Map (ordered, safe for any key) or a plain object literal. */
export type StringMap = ReadonlyMap<string, string> | Readonly<Record<string, string>>;

/** Changes to make to a task definition; every member is optional and absent means "keep". */
export interface RenderEdits {
  /** Image per container name: the usual way to render digests into a multi-container task. */
  readonly images?: StringMap;
  /** Edits to single containers, applied in order. */
  readonly containers?: readonly ContainerEdits[];
  /** Task cpu: a number of CPU units or a string such as "256", "1 vCPU", ".25 vcpu". */
  readonly cpu?: string | number;
  /** Task memory: a number of MiB or a string such as "512", "2 GB", "0.5 GB". */
  readonly memory?: string | number;
  /** IAM role the task's containers assume (ARN or role name). */
  readonly taskRoleArn?: string;
  /** IAM role ECS uses to pull images, read secrets and write logs (ARN or role name). */
  readonly executionRoleArn?: string;
}

/** Edits to one container. */
export interface ContainerEdits {
  /** The container to edit; may be left out when the task has exactly one container. */
  readonly containerName?: string;
  /** The image reference, e.g. `<registry>/<repository>@sha256:…`. */
  readonly image?: string;
  /**
   * Contents of dotenv files (already read by the caller), applied in order before
   * `environment`, so explicit variables win. See `parseDotenv` for the syntax.
   */
  readonly environmentFiles?: readonly string[];
  /** Environment variables to set: same name replaced in place, new ones appended. */
  readonly environment?: StringMap;
  /** Secrets to set, name → valueFrom (Secrets Manager ARN or SSM parameter): replace or append. */
  readonly secrets?: StringMap;
  /** Log configuration changes. */
  readonly logConfiguration?: LogConfigurationEdit;
  /** Docker labels to set (merged into the existing ones). */
  readonly dockerLabels?: StringMap;
  /** The command: a shell-quoted string (see `parseCommand`) or the argv list itself. */
  readonly command?: string | readonly string[];
}

/**
 * A change of log configuration. Options are merged into the existing ones when the driver
 * stays the same; a different driver starts from no options, since options are driver-specific.
 */
export interface LogConfigurationEdit {
  /** The log driver, e.g. "awslogs", "awsfirelens"; defaults to the current one. */
  readonly logDriver?: string;
  /** Driver options to set. */
  readonly options?: StringMap;
  /** Convenience for the awslogs driver (implies logDriver "awslogs"). */
  readonly awslogs?: AwslogsEdit;
}

/** The common awslogs options by name. */
export interface AwslogsEdit {
  /** awslogs-group */
  readonly group?: string;
  /** awslogs-region */
  readonly region?: string;
  /** awslogs-stream-prefix */
  readonly streamPrefix?: string;
  /** awslogs-create-group */
  readonly createGroup?: boolean;
}

/** The pairs of a `StringMap` in order. */
export function entriesOf(map: StringMap): [string, string][] {
  return isMap(map) ? [...map.entries()] : Object.entries(map);
}

function isMap(map: StringMap): map is ReadonlyMap<string, string> {
  return map instanceof Map;
}
