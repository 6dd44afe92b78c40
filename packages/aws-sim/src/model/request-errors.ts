import { AwsError } from '../errors.js';
import type { ServiceName } from '../log/request-log.js';
import type { Violation } from './violation.js';

/** Java type names as Coral's JSON deserialiser reports them. */
const JAVA_TYPE: Readonly<Record<string, string>> = {
  integer: 'Integer',
  long: 'Long',
  float: 'Float',
  double: 'Double',
  boolean: 'Boolean',
  timestamp: 'Date',
  string: 'String',
};

const JSON_TOKEN: Readonly<Record<string, string>> = {
  string: 'STRING_VALUE',
  number: 'NUMBER_VALUE',
  boolean: 'BOOLEAN_VALUE',
};

/**
 * A type mismatch in an awsJson body is a deserialisation failure, not a validation one: ECS
 * answers `SerializationException` "STRING_VALUE cannot be converted to Integer" for a string
 * where an integer belongs (the wording reported in aws/aws-cdk-cli#973). Other combinations
 * (an object where a scalar belongs, …) follow the same pattern; their exact texts are our
 * rendering.
 */
function serialization(v: Violation): AwsError {
  const token = JSON_TOKEN[v.actualType ?? ''];
  const target = JAVA_TYPE[v.expectedType ?? ''];
  const message =
    token && target
      ? `${token} cannot be converted to ${target}`
      : v.actualType === 'object'
        ? `Start of structure or map found where not expected at '${v.path}'.`
        : v.actualType === 'list'
          ? `Start of list found where not expected at '${v.path}'.`
          : `Unexpected value at '${v.path}': ${v.constraint}.`;
  return new AwsError('SerializationException', message);
}

/** Coral's generic validation sentence: "Value 'x' at 'path' failed to satisfy constraint: …". */
function coralSentence(v: Violation): string {
  if (v.rule === 'unknown-member') return `'${v.path}' ${v.constraint}`;
  const value = v.value !== undefined ? `Value '${v.value}' at` : 'Value null at';
  return `${value} '${v.path}' failed to satisfy constraint: Member ${v.constraint}`;
}

function coralSummary(violations: readonly Violation[]): string {
  const n = violations.length;
  return `${n} validation error${n === 1 ? '' : 's'} detected: ${violations.map(coralSentence).join('; ')}`;
}

/**
 * ECR's own wording for a model constraint, e.g. "Invalid parameter at 'repositoryName' failed to
 * satisfy constraint: 'must satisfy regular expression '…''" and "… 'must have length greater
 * than or equal to 2'" (both as reported by ECR users: jenkins-x/jx#1344, aws/aws-dotnet-deploy#549).
 */
function ecrMessage(v: Violation): string {
  if (v.rule === 'unknown-member') return `Invalid parameter at '${v.path}': ${v.constraint}`;
  const constraint = v.constraint.replace(
    /^must satisfy regular expression pattern: (.*)$/s,
    "must satisfy regular expression '$1'",
  );
  return `Invalid parameter at '${v.path}' failed to satisfy constraint: '${constraint}'`;
}

/**
 * The error AWS answers for a request that breaks the service's model. awsQuery services (STS,
 * ELBv2, and CloudWatch, whose JSON and CBOR protocols keep its query-era codes) answer `ValidationError` with Coral's "N validation errors detected: …" text. ECS and
 * ECR answer `SerializationException` for a type mismatch and otherwise the
 * `InvalidParameterException` both models declare on every operation (ECS for bad parameters,
 * ECR with its "Invalid parameter at …" text). Checks the service leaves to its SDKs (`required`)
 * are answered the same way: a hand-built request reaches the server with them missing.
 */
export function requestError(service: ServiceName, violations: readonly Violation[]): AwsError {
  const first = violations[0];
  if (!first) throw new Error('requestError needs at least one violation');
  if (service === 'sts' || service === 'elasticloadbalancing' || service === 'monitoring')
    return new AwsError('ValidationError', coralSummary(violations));
  const typeError = violations.find((v) => v.rule === 'type');
  if (typeError) return serialization(typeError);
  if (service === 'ecr') return new AwsError('InvalidParameterException', ecrMessage(first));
  return new AwsError('InvalidParameterException', coralSummary(violations));
}
