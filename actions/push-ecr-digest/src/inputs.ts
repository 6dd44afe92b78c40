import {
  InputError,
  parseBoolean,
  parseChoice,
  parseList,
  type InputReader,
} from '@ecs-deploy/action-kit';
import { digestProblem, isValidTag, parseImageReference } from '@ecs-deploy/image-ref';

/** Where the image comes from. */
export type ImageOrigin =
  | { readonly kind: 'local-image'; readonly image: string }
  | { readonly kind: 'oci-layout' | 'oci-archive'; readonly path: string }
  | { readonly kind: 'source-tag'; readonly tag: string }
  | { readonly kind: 'source-digest'; readonly digest: string };

/** The action's inputs, parsed once. */
export interface PushInputs {
  readonly repository: string;
  readonly tags: readonly string[];
  readonly origin: ImageOrigin;
  readonly registryId?: string;
  readonly createRepository: boolean;
  readonly scanOnPush: boolean;
  readonly mutability: 'MUTABLE' | 'IMMUTABLE';
}

const REPOSITORY = /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
const TAG_FORM = 'tags of letters, digits, _ . - (up to 128 characters, not starting with . or -)';

/** Reads and checks every input before anything is called. */
export function readInputs(inputs: InputReader): PushInputs {
  const repository = inputs.required('repository', 'an ECR repository name such as team/api');
  const form =
    'an ECR repository name: lower-case letters, digits, and . _ - / between them (2 to 256 characters)';
  const first = repository.split('/')[0] ?? '';
  if (repository.includes('/') && (first.includes('.') || first.includes(':'))) {
    throw new InputError(
      'repository',
      `is "${repository}", which starts with a registry host`,
      form,
      'Give the name only (e.g. team/api); the registry host is derived in this job.',
    );
  }
  if (repository.length < 2 || repository.length > 256 || !REPOSITORY.test(repository)) {
    throw new InputError('repository', `is "${repository}"`, form);
  }
  const tags = parseList(inputs.optional('tags') ?? '', { commas: true });
  tags.forEach((tag, index) => {
    if (!isValidTag(tag)) throw new InputError('tags', `item ${index + 1} is "${tag}"`, TAG_FORM);
  });
  const source = inputs.exactlyOneOf([
    'local-image',
    'oci-layout',
    'oci-archive',
    'source-tag',
    'source-digest',
  ]);
  let origin: ImageOrigin;
  switch (source.name) {
    case 'local-image':
      try {
        parseImageReference(source.value.toLowerCase());
      } catch (error) {
        throw new InputError(
          'local-image',
          `is "${source.value}": ${error instanceof Error ? error.message : String(error)}`,
          'a local image reference such as app:build',
        );
      }
      origin = { kind: 'local-image', image: source.value };
      break;
    case 'oci-layout':
    case 'oci-archive':
      origin = { kind: source.name, path: source.value };
      break;
    case 'source-tag':
      if (!isValidTag(source.value))
        throw new InputError('source-tag', `is "${source.value}"`, TAG_FORM);
      origin = { kind: 'source-tag', tag: source.value };
      break;
    case 'source-digest': {
      const problem = digestProblem(source.value);
      if (problem !== undefined)
        throw new InputError(
          'source-digest',
          `is "${source.value}", but ${problem}`,
          'sha256:<64 lower-case hex characters>',
        );
      origin = { kind: 'source-digest', digest: source.value };
      break;
    }
  }
  if (
    tags.length === 0 &&
    (origin.kind === 'local-image' ||
      origin.kind === 'source-tag' ||
      origin.kind === 'source-digest')
  ) {
    throw new InputError(
      'tags',
      'is empty',
      `at least one tag: ${origin.kind === 'local-image' ? 'Docker pushes by tag' : 'a promotion adds tags'}`,
    );
  }
  const registryId = inputs.optional('registry-id');
  if (registryId !== undefined && !/^\d{12}$/.test(registryId))
    throw new InputError('registry-id', `is "${registryId}"`, 'a 12-digit AWS account id');
  return {
    repository,
    tags,
    origin,
    registryId,
    createRepository: inputs.parsed('create-repository', parseBoolean, 'true or false'),
    scanOnPush: inputs.parsed('scan-on-push', parseBoolean, 'true or false'),
    mutability: inputs.parsed(
      'image-tag-mutability',
      (name, raw) => parseChoice(name, raw, ['MUTABLE', 'IMMUTABLE'] as const),
      'MUTABLE or IMMUTABLE',
    ),
  };
}
