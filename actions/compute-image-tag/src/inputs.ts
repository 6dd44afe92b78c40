import { parseInteger, parseList, type InputReader } from '@ecs-deploy/action-kit';
import type { TagInputs } from './compute.js';

/** Reads the action's inputs once. */
export function readInputs(inputs: InputReader): TagInputs {
  return {
    environment: inputs.optional('environment'),
    sha: inputs.optional('sha'),
    format: inputs.optional('format'),
    extraTags: parseList(inputs.optional('extra-tags') ?? ''),
    shortShaLength: inputs.parsed(
      'short-sha-length',
      (name, raw) => parseInteger(name, raw, { min: 7, max: 40 }),
      'a whole number from 7 to 40',
    ),
  };
}
