import {
  ActionError,
  InputError,
  explainEmptyInput,
  markEmptyInputs,
  type InputSource,
} from '@ecs-deploy/action-kit';
import { describeTaskDefinitionDocument, type EcsApi } from '@ecs-deploy/aws';
import {
  ParseError,
  ValidationError,
  checkTags,
  diffTaskDefinitions,
  taskDefinitionBytes,
  formatPatch,
  hasErrors,
  parseTaskDefinition,
  renderTaskDefinition,
  stripReadOnlyFields,
  validateTaskDefinition,
  type Change,
  type ContainerEdits,
  type Problem,
  type RenderEdits,
  type Tag,
  type TaskDefinitionDocument,
  DROPPED_OUTPUT_CAUSE,
  DROPPED_OUTPUT_FIX,
  TASK_DEFINITION_FORM,
} from '@ecs-deploy/task-definition';
import { parseImageReference } from '@ecs-deploy/image-ref';
import { resolveImage, type RegistryLookup } from './images.js';
import { attributeProblems, editsError } from './provenance.js';
import { environmentRedactor } from './redact.js';
import type { RenderInputs } from './inputs.js';

/** What render needs from outside: files, and AWS only when the inputs ask for it. */
export interface RenderDeps {
  readFile(path: string): string;
  /** Created on first use, so a file base with `registry` given needs no credentials. */
  ecs(): EcsApi;
  registryHost: RegistryLookup;
  /**
   * Refuses an ECR host an image input names in another region, partition or account (the rule
   * `registry` follows; see registry.ts checkRegistryHost). `where` says which line or container.
   */
  checkImageHost(input: string, host: string, where: string): Promise<void>;
  /** Where the running step's workflow sets an input (undefined when it cannot be told). */
  inputSource(input: string): Promise<InputSource | undefined>;
}

/** The rendered definition and what is known about it. */
export interface RenderResult {
  /** RegisterTaskDefinition input: read-only fields dropped, edits applied, validated. */
  readonly definition: TaskDefinitionDocument;
  readonly tags?: readonly Tag[];
  readonly family: string;
  readonly images: Readonly<Record<string, string>>;
  /** Warnings (errors stop the render). */
  readonly warnings: readonly Problem[];
  /** ARN of the definition compared with, when one was. */
  readonly comparedWith?: string;
  readonly changes: readonly Change[];
  readonly patch: string;
  readonly changed: boolean;
}

function readFileFor(deps: RenderDeps, input: string, path: string): string {
  try {
    return deps.readFile(path);
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new InputError(
      input,
      `names "${path}", which could not be read (${code ?? String(error)})`,
      'a path relative to the workspace',
    );
  }
}

async function loadBase(
  inputs: RenderInputs,
  deps: RenderDeps,
): Promise<{ definition: TaskDefinitionDocument; tags?: Tag[] }> {
  if (inputs.base.kind === 'file') {
    try {
      const parsed = parseTaskDefinition(readFileFor(deps, 'task-definition', inputs.base.path));
      return { definition: parsed.taskDefinition, tags: parsed.tags };
    } catch (error) {
      if (error instanceof ParseError)
        throw new InputError(
          'task-definition',
          `(${inputs.base.path}): ${error.message}`,
          TASK_DEFINITION_FORM,
        );
      throw error;
    }
  }
  const name = inputs.base.kind === 'family' ? inputs.base.family : inputs.base.arn;
  return describe(deps.ecs(), name);
}

async function describe(
  ecs: EcsApi,
  name: string,
): Promise<{ definition: TaskDefinitionDocument; tags?: Tag[] }> {
  const { definition, tags } = await describeTaskDefinitionDocument(ecs, name);
  return {
    definition: definition as TaskDefinitionDocument,
    tags: tags.length === 0 ? undefined : tags,
  };
}

function containerEdits(inputs: RenderInputs, deps: RenderDeps): ContainerEdits | undefined {
  const { group, region, streamPrefix } = inputs.awslogs;
  const awslogs = group !== undefined || region !== undefined || streamPrefix !== undefined;
  const logs = awslogs || inputs.logDriver !== undefined || inputs.logOptions !== undefined;
  const environmentFiles = inputs.envFiles.map((path) => readFileFor(deps, 'env-files', path));
  const edits: ContainerEdits = {
    containerName: inputs.containerName,
    environment: inputs.environment,
    environmentFiles: environmentFiles.length === 0 ? undefined : environmentFiles,
    secrets: inputs.secrets,
    dockerLabels: inputs.dockerLabels,
    command: inputs.command,
    logConfiguration: logs
      ? {
          logDriver: inputs.logDriver,
          options: inputs.logOptions,
          awslogs: awslogs ? inputs.awslogs : undefined,
        }
      : undefined,
  };
  const edited = [
    edits.environment,
    edits.environmentFiles,
    edits.secrets,
    edits.dockerLabels,
    edits.command,
    edits.logConfiguration,
  ];
  return edited.some((value) => value !== undefined) ? edits : undefined;
}

function containersOf(definition: TaskDefinitionDocument): { name?: unknown; image?: unknown }[] {
  const list = definition.containerDefinitions;
  return Array.isArray(list) ? (list as { name?: unknown; image?: unknown }[]) : [];
}

/**
 * In a pull-request check the images this run does not set are the deploy's to fill in, so an
 * unrendered placeholder or a tag there is reported, not fatal.
 */
function relaxForCheck(
  problems: Problem[],
  definition: TaskDefinitionDocument,
  setByRun: ReadonlySet<string>,
): Problem[] {
  const containers = containersOf(definition);
  return problems.map((problem) => {
    const relaxable = problem.code === 'image-placeholder' || problem.code === 'image-not-pinned';
    return relaxable && onKeptImage(problem, containers, setByRun)
      ? { ...problem, severity: 'warning' }
      : problem;
  });
}

/** True when `problem` is about the image of a container this run gave no image. */
function onKeptImage(
  problem: Problem,
  containers: readonly { name?: unknown }[],
  setByRun: ReadonlySet<string>,
): boolean {
  const match = /^containerDefinitions\[(\d+)\]\.image$/.exec(problem.path);
  const name = match === null ? undefined : containers[Number(match[1])]?.name;
  return typeof name === 'string' && !setByRun.has(name);
}

const IMAGE_INPUTS = ['image', 'containers'] as const;

/**
 * With no image input set, the base's images are kept: right for a config-only render, wrong when
 * the workflow meant to set one from a job output that arrived empty. The workflow file tells.
 */
async function refuseDroppedImageInputs(deps: RenderDeps): Promise<void> {
  for (const input of IMAGE_INPUTS) {
    const explanation = explainEmptyInput(input, await deps.inputSource(input));
    if (explanation !== undefined)
      throw new InputError(
        input,
        `is empty, so the base's images would be deployed unchanged. ${explanation}`,
        undefined,
        DROPPED_OUTPUT_FIX,
      );
  }
}

/**
 * Image problems on containers this run gave no image: when no image input was set at all, say
 * that nothing replaced the base's value, since an empty input may be the cause.
 */
function explainKeptImages(
  problems: Problem[],
  definition: TaskDefinitionDocument,
  setByRun: ReadonlySet<string>,
): { problems: Problem[]; explained: boolean } {
  const containers = containersOf(definition);
  let explained = false;
  const result = problems.map((problem) => {
    if (!onKeptImage(problem, containers, setByRun) || problem.severity !== 'error') return problem;
    const kinds = ['image-placeholder', 'image-empty', 'image-incomplete', 'image-not-pinned'];
    if (!kinds.includes(problem.code)) return problem;
    explained = true;
    const cause = problem.message.includes(DROPPED_OUTPUT_CAUSE) ? '' : ` ${DROPPED_OUTPUT_CAUSE}`;
    return {
      ...problem,
      message: `${problem.message}. Inputs 'image' and 'containers' are empty, so the base's value was kept.${cause}`,
      fix: problem.fix ?? DROPPED_OUTPUT_FIX,
    };
  });
  return { problems: result, explained };
}

/** Renders, validates and compares; throws before returning anything invalid. */
export async function render(inputs: RenderInputs, deps: RenderDeps): Promise<RenderResult> {
  if (inputs.images.length === 0) await refuseDroppedImageInputs(deps);
  const images = await Promise.all(
    inputs.images.map(async (request) => ({
      ...request,
      image: await resolveImage(request, inputs.repository, deps.registryHost),
    })),
  );
  await checkImageHosts(inputs, deps);
  const container = containerEdits(inputs, deps);
  const base = await loadBase(inputs, deps);
  const stripped = stripReadOnlyFields(base.definition);
  const soleContainer =
    containersOf(stripped).length === 1 ? containersOf(stripped)[0]?.name : undefined;
  const edits: RenderEdits = {
    images: new Map(
      images.filter((i) => i.container !== undefined).map((i) => [i.container ?? '', i.image]),
    ),
    containers: [
      ...images.filter((i) => i.container === undefined).map((i) => ({ image: i.image })),
      ...(container === undefined ? [] : [container]),
    ],
    cpu: inputs.cpu,
    memory: inputs.memory,
    taskRoleArn: inputs.taskRoleArn,
    executionRoleArn: inputs.executionRoleArn,
  };
  let definition: TaskDefinitionDocument;
  try {
    definition = renderTaskDefinition(
      inputs.family === undefined ? stripped : { ...stripped, family: inputs.family },
      edits,
    );
  } catch (error) {
    if (error instanceof ValidationError) throw editsError(error.problems);
    throw error;
  }
  const setByRun = new Set(
    images.map((i) => i.container ?? (typeof soleContainer === 'string' ? soleContainer : '')),
  );
  let problems = attributeProblems(
    [
      ...validateTaskDefinition(definition, { requireDigest: inputs.requireDigest }),
      // Registered with the definition (main.ts writes them into the file), so ECS counts them.
      ...checkTags(base.tags),
    ],
    containersOf(definition),
    {
      ...(inputs.containerName === undefined ? {} : { container: inputs.containerName }),
      secrets: new Set(inputs.secrets?.keys() ?? []),
      environment: new Set(inputs.environment?.keys() ?? []),
      logInputs: new Set(
        [
          ['log-driver', inputs.logDriver],
          ['log-options', inputs.logOptions],
          ['awslogs-group', inputs.awslogs.group],
          ['awslogs-region', inputs.awslogs.region],
          ['awslogs-stream-prefix', inputs.awslogs.streamPrefix],
        ].flatMap(([name, value]) => (value === undefined ? [] : [name as string])),
      ),
    },
  );
  problems = explainSize(problems, stripped, definition, inputs, container);
  if (inputs.validateOnly) problems = relaxForCheck(problems, definition, setByRun);
  const kept =
    inputs.images.length === 0
      ? explainKeptImages(problems, definition, setByRun)
      : { problems, explained: false };
  if (hasErrors(kept.problems))
    throw markEmptyInputs(
      new ValidationError(kept.problems, `the rendered task definition (${describeBase(inputs)})`),
      kept.explained ? ['image'] : [],
    );
  const family = typeof definition.family === 'string' ? definition.family : '';
  const compared = await loadCompared(inputs, deps, family);
  // Diffs are shown in logs, summaries and outputs: environment values go in as fingerprints.
  const redact = environmentRedactor();
  const shown = redact(definition);
  const liveShown = compared === undefined ? undefined : redact(compared.definition);
  const changes = liveShown === undefined ? [] : diffTaskDefinitions(liveShown, shown);
  return {
    definition,
    tags: base.tags,
    family,
    images: Object.fromEntries(
      containersOf(definition).flatMap((c) =>
        typeof c.name === 'string' && typeof c.image === 'string' ? [[c.name, c.image]] : [],
      ),
    ),
    warnings: problems,
    comparedWith: compared?.arn,
    changes,
    patch:
      compared === undefined || liveShown === undefined
        ? ''
        : formatPatch(liveShown, shown, { labels: [compared.arn, 'rendered'] }),
    changed: compared === undefined || changes.length > 0,
  };
}

/**
 * A definition over ECS's size limit that the inputs grew: how many bytes they added, and which
 * inputs (largest first), so the error names the input to change, not only the file.
 */
function explainSize(
  problems: Problem[],
  base: TaskDefinitionDocument,
  rendered: TaskDefinitionDocument,
  inputs: RenderInputs,
  edits: ContainerEdits | undefined,
): Problem[] {
  const added = taskDefinitionBytes(rendered) - taskDefinitionBytes(base);
  if (added <= 0 || edits === undefined) return problems;
  const pairs = (map: ReadonlyMap<string, string> | undefined): number =>
    map === undefined ? 0 : Buffer.byteLength(JSON.stringify([...map]), 'utf8');
  const sizes = [
    ["Input 'environment-variables'", pairs(inputs.environment)],
    ["Input 'env-files'", (edits.environmentFiles ?? []).reduce((n, t) => n + t.length, 0)],
    ["Input 'secrets'", pairs(inputs.secrets)],
    ["Input 'docker-labels'", pairs(inputs.dockerLabels)],
    ["Input 'log-options'", pairs(inputs.logOptions)],
    ["Input 'command'", inputs.command?.length ?? 0],
  ] as const;
  const named = sizes
    .filter(([, bytes]) => bytes > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([input, bytes]) => `${input} (about ${bytes} bytes)`);
  if (named.length === 0) return problems;
  return problems.map((problem) =>
    problem.code === 'task-definition-too-large'
      ? {
          ...problem,
          message: `${problem.message}. The inputs added ${added} bytes to the base: ${named.join(', ')}`,
        }
      : problem,
  );
}

/** Every ECR host the image inputs name, held to the same rule as `registry`. */
async function checkImageHosts(inputs: RenderInputs, deps: RenderDeps): Promise<void> {
  const repositoryHost =
    inputs.repository === undefined ? undefined : parseImageReference(inputs.repository).registry;
  for (const request of inputs.images) {
    const given = request.image.trim();
    const bare = !given.includes('/');
    const input = bare ? 'repository' : (request.source.split(' ')[0] ?? request.source);
    const host = bare ? repositoryHost : parseImageReference(given).registry;
    if (host === undefined) continue;
    const where = request.source === input ? '' : `the registry in ${request.source}`;
    await deps.checkImageHost(input, host, where);
  }
}

function describeBase(inputs: RenderInputs): string {
  return inputs.base.kind === 'file'
    ? inputs.base.path
    : inputs.base.kind === 'family'
      ? inputs.base.family
      : inputs.base.arn;
}

async function loadCompared(
  inputs: RenderInputs,
  deps: RenderDeps,
  family: string,
): Promise<{ arn: string; definition: TaskDefinitionDocument } | undefined> {
  if (inputs.compareWith === 'none') return undefined;
  const ecs = deps.ecs();
  let name = family;
  if (inputs.compareWith === 'service') {
    const answer = await ecs.describeServices({
      cluster: inputs.cluster,
      services: [inputs.service ?? ''],
    });
    const service = answer.services?.[0];
    if (service?.taskDefinition === undefined) {
      throw new ActionError(
        `Service '${inputs.service ?? ''}' was not found in cluster '${inputs.cluster ?? ''}' (${answer.failures?.[0]?.reason ?? 'no answer'}).`,
        'Check the cluster and service inputs, or set compare-with: family or none.',
      );
    }
    name = service.taskDefinition;
  } else if (family === '') {
    return undefined;
  }
  try {
    const live = await describe(ecs, name);
    const arn =
      typeof live.definition.taskDefinitionArn === 'string'
        ? live.definition.taskDefinitionArn
        : name;
    return { arn, definition: live.definition };
  } catch (error) {
    // A family registered for the first time has nothing live to compare with.
    if (
      inputs.compareWith === 'family' &&
      error instanceof Error &&
      /Unable to describe task definition/i.test(error.message)
    )
      return undefined;
    throw error;
  }
}
