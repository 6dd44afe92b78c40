import {
  InputError,
  parseBoolean,
  parseChoice,
  parseList,
  type InputReader,
} from '@ecs-deploy/action-kit';
import { readPairs } from '@ecs-deploy/task-definition';

/** Where the base task definition comes from. */
export type BaseSource =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'family'; readonly family: string }
  | { readonly kind: 'arn'; readonly arn: string };

/** An image asked for one container, with the input it came from (for error messages). */
export interface ImageRequest {
  /** Undefined means "the only container". */
  readonly container?: string;
  readonly image: string;
  readonly source: string;
}

/** The action's inputs, parsed once. */
export interface RenderInputs {
  readonly base: BaseSource;
  /** Family to register under, replacing the base's. */
  readonly family?: string;
  readonly containerName?: string;
  readonly images: readonly ImageRequest[];
  readonly repository?: string;
  readonly registry?: string;
  /** Accept a registry of another account or region. */
  readonly allowForeignRegistry: boolean;
  readonly requireDigest: boolean;
  readonly environment?: ReadonlyMap<string, string>;
  readonly envFiles: readonly string[];
  readonly secrets?: ReadonlyMap<string, string>;
  readonly logDriver?: string;
  readonly logOptions?: ReadonlyMap<string, string>;
  readonly awslogs: {
    readonly group?: string;
    readonly region?: string;
    readonly streamPrefix?: string;
  };
  readonly dockerLabels?: ReadonlyMap<string, string>;
  readonly command?: string;
  readonly cpu?: string;
  readonly memory?: string;
  readonly taskRoleArn?: string;
  readonly executionRoleArn?: string;
  readonly cluster?: string;
  readonly service?: string;
  readonly compareWith: 'service' | 'family' | 'none';
  readonly validateOnly: boolean;
}

function containerImages(raw: string): ImageRequest[] {
  return raw.split(/\r?\n/).flatMap((line, index) => {
    const text = line.trim();
    if (text === '' || text.startsWith('#')) return [];
    const eq = text.indexOf('=');
    if (eq <= 0) {
      throw new InputError(
        'containers',
        `line ${index + 1} ("${text}") is not container-name=image`,
        'one container-name=image pair a line',
      );
    }
    return [
      {
        container: text.slice(0, eq).trim(),
        image: text.slice(eq + 1).trim(),
        source: `containers line ${index + 1}`,
      },
    ];
  });
}

/** Reads and checks every input before anything else happens. */
export function readInputs(inputs: InputReader): RenderInputs {
  const base = inputs.exactlyOneOf([
    'task-definition',
    'task-definition-family',
    'task-definition-arn',
  ]);
  const containerName = inputs.optional('container-name');
  const images: ImageRequest[] = [];
  // The runner sets every declared input, so an empty `image` is "not set" here; whether it was a
  // dropped job output is for render to tell, from the workflow and the other image sources. Only
  // the step itself can give blanks (the runner's own default is ''), so blanks are an image that
  // came out empty, and resolveImage refuses them with the dropped-output explanation.
  const image = inputs.optional('image');
  if (image !== undefined || inputs.untrimmed('image') !== '')
    images.push({ container: containerName, image: image ?? '', source: 'image' });
  images.push(...containerImages(inputs.optional('containers') ?? ''));
  const cluster = inputs.optional('cluster');
  const service = inputs.optional('service');
  const compare = parseChoice('compare-with', inputs.optional('compare-with') ?? 'auto', [
    'auto',
    'service',
    'family',
    'none',
  ] as const);
  if (compare === 'service' && (cluster === undefined || service === undefined)) {
    throw new InputError(
      'compare-with',
      'is "service" but cluster or service is empty',
      "both 'cluster' and 'service' set",
    );
  }
  const environment = inputs.maybe('environment-variables', readPairs);
  return {
    base:
      base.name === 'task-definition'
        ? { kind: 'file', path: base.value }
        : base.name === 'task-definition-family'
          ? { kind: 'family', family: base.value }
          : { kind: 'arn', arn: base.value },
    family: inputs.optional('family'),
    containerName,
    images,
    repository: inputs.optional('repository'),
    registry: inputs.optional('registry'),
    allowForeignRegistry: inputs.parsed('allow-foreign-registry', parseBoolean, 'true or false'),
    requireDigest: inputs.parsed('require-digest', parseBoolean, 'true or false'),
    environment,
    envFiles: parseList(inputs.optional('env-files') ?? ''),
    secrets: inputs.maybe('secrets', readPairs),
    logDriver: inputs.optional('log-driver'),
    logOptions: inputs.maybe('log-options', readPairs),
    awslogs: {
      group: inputs.optional('awslogs-group'),
      region: inputs.optional('awslogs-region'),
      streamPrefix: inputs.optional('awslogs-stream-prefix'),
    },
    dockerLabels: inputs.maybe('docker-labels', readPairs),
    command: inputs.optional('command'),
    cpu: inputs.optional('cpu'),
    memory: inputs.optional('memory'),
    taskRoleArn: inputs.optional('task-role-arn'),
    executionRoleArn: inputs.optional('execution-role-arn'),
    cluster,
    service,
    compareWith:
      compare === 'auto'
        ? cluster !== undefined && service !== undefined
          ? 'service'
          : 'none'
        : compare,
    validateOnly: inputs.parsed('validate-only', parseBoolean, 'true or false'),
  };
}
