import { AwsError, SimConfigError } from '../errors.js';
import type { ServiceName } from '../log/request-log.js';
import type { Json, JsonObject } from '../util/json.js';
import type { WireProtocol } from '../protocol/wire.js';
import { modelOf } from './models.js';
import { requestError } from './request-errors.js';
import {
  JSON_ENCODING,
  QUERY_INPUT_ENCODING,
  QUERY_OUTPUT_ENCODING,
  type Encoding,
} from './scalars.js';
import { validateShape } from './validate.js';
import { describeViolation, type Violation } from './violation.js';

/**
 * `strict`: requests that break the model are refused as AWS would, and a response that breaks it
 * is answered as HTTP 500 InternalFailure and recorded (Simulator.close() then throws).
 * `requests`: requests are checked, responses are not. `off`: no model checks.
 */
export type ModelCheckMode = 'strict' | 'requests' | 'off';

const MODES: readonly ModelCheckMode[] = ['strict', 'requests', 'off'];

/** Parses a mode name (CLI flag, AWS_SIM_MODEL_CHECK). */
export function parseModelCheckMode(text: string): ModelCheckMode {
  const mode = MODES.find((m) => m === text);
  if (!mode) throw new SimConfigError(`model check mode must be one of ${MODES.join(', ')}`);
  return mode;
}

/** AWS_SIM_MODEL_CHECK if set; else strict under jest (JEST_WORKER_ID), else requests. */
export function defaultModelCheckMode(env: NodeJS.ProcessEnv = process.env): ModelCheckMode {
  const named = env.AWS_SIM_MODEL_CHECK;
  if (named !== undefined && named !== '') return parseModelCheckMode(named);
  return env.JEST_WORKER_ID !== undefined ? 'strict' : 'requests';
}

/** A response the simulator sent (as a 500) because the handler's result broke the model. */
export interface ResponseViolation {
  service: ServiceName;
  operation: string;
  requestId: string;
  violations: Violation[];
}

/** Thrown by Simulator.close() when responses broke the model during the run. */
export class ModelViolationError extends Error {
  constructor(readonly found: readonly ResponseViolation[]) {
    super(
      `the simulator sent ${found.length} response(s) that break the AWS model:\n` +
        found
          .map(
            (f) =>
              `  ${f.service}:${f.operation}: ${f.violations.map(describeViolation).join('; ')}`,
          )
          .join('\n'),
    );
    this.name = 'ModelViolationError';
  }
}

/**
 * Errors any operation may answer without declaring them: the protocol's and the front end's
 * (throttling, validation, serialisation, auth, service faults), as the simulator's fault
 * injection and model check send them.
 */
const COMMON_ERRORS: ReadonlySet<string> = new Set([
  'ThrottlingException',
  'Throttling',
  'ServerException',
  'ServiceUnavailableException',
  'ServiceUnavailable',
  'InternalFailure',
  'ExpiredTokenException',
  'ExpiredToken',
  'AccessDeniedException',
  'AccessDenied',
  'SerializationException',
  'ValidationError',
  'UnknownOperationException',
  'InvalidAction',
]);

const isQuery = (service: ServiceName): boolean =>
  service === 'sts' || service === 'elasticloadbalancing';

/** Validates requests and responses of the simulated services against botocore's models. */
export class ModelChecker {
  private readonly found: ResponseViolation[] = [];

  constructor(readonly mode: ModelCheckMode) {}

  /**
   * The error AWS would answer for `input`, or undefined when it conforms (or checks are off).
   * `protocol` says how the input was encoded (default: the service's only protocol).
   */
  checkRequest(
    service: ServiceName,
    operation: string,
    input: JsonObject,
    protocol?: WireProtocol,
  ): AwsError | undefined {
    if (this.mode === 'off') return undefined;
    const model = modelOf(service);
    const shape = model.operations[operation]?.input?.shape;
    if (!shape) return undefined;
    const query = protocol === undefined ? isQuery(service) : protocol === 'awsQuery';
    const body: JsonObject = { ...input };
    if (query) {
      delete body.Action;
      delete body.Version;
    }
    const encoding: Encoding = query ? QUERY_INPUT_ENCODING : JSON_ENCODING;
    const violations = validateShape(model, shape, body, { encoding, nullMembers: 'absent' });
    return violations.length > 0 ? requestError(service, violations) : undefined;
  }

  /**
   * Checks a handler's result. In strict mode a result that breaks the model is recorded and the
   * 500 InternalFailure to send instead is returned; otherwise undefined.
   */
  checkResponse(
    service: ServiceName,
    operation: string,
    output: Json,
    requestId: string,
  ): AwsError | undefined {
    if (this.mode !== 'strict') return undefined;
    const model = modelOf(service);
    const shape = model.operations[operation]?.output?.shape;
    const encoding = isQuery(service) ? QUERY_OUTPUT_ENCODING : JSON_ENCODING;
    const violations: Violation[] = shape
      ? validateShape(model, shape, output, { encoding, nullMembers: 'reject' })
      : isEmptyObject(output)
        ? []
        : [{ path: '', rule: 'unknown-member', constraint: `${operation} has no output shape` }];
    if (violations.length === 0) return undefined;
    this.found.push({ service, operation, requestId, violations });
    return new AwsError(
      'InternalFailure',
      `Simulator bug: the ${service}:${operation} response breaks the AWS model ` +
        `(botocore ${model.header.botocoreVersion}): ${violations.map(describeViolation).join('; ')}`,
      500,
    );
  }

  /**
   * Checks an error a handler threw. In strict mode an error code the operation does not declare
   * (nor the protocol's common errors) is a simulator bug: recorded, and the 500 to send instead
   * is returned — an SDK could only show it as an unmodelled error.
   */
  checkError(
    service: ServiceName,
    operation: string,
    error: AwsError,
    requestId: string,
  ): AwsError | undefined {
    if (this.mode !== 'strict') return undefined;
    const model = modelOf(service);
    const declared = model.operations[operation]?.errors ?? [];
    const codes = new Set(declared.map((name) => model.shapes[name]?.error?.code ?? name));
    const code = error.code.slice(error.code.indexOf('#') + 1);
    if (codes.has(code) || COMMON_ERRORS.has(code)) return undefined;
    const violation: Violation = {
      path: '',
      rule: 'undeclared-error',
      constraint: `must be one of the errors ${operation} declares: [${[...codes].join(', ')}]`,
      value: code,
    };
    this.found.push({ service, operation, requestId, violations: [violation] });
    return new AwsError(
      'InternalFailure',
      `Simulator bug: ${service}:${operation} answered ${code} (${error.message}), an error the AWS model does not declare for it.`,
      500,
    );
  }

  /** Responses that broke the model so far. */
  violations(): readonly ResponseViolation[] {
    return this.found;
  }
}

function isEmptyObject(v: Json): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0;
}
