import { findPlaceholder } from './placeholders.js';
import { error, type Problem } from './problems.js';

/*
 * `secrets[].valueFrom` is not checked by RegisterTaskDefinition; a bad one fails only when a
 * task starts (docs/aws-behaviour.md#secret-references). These checks move that failure to render time.
 *
 * SSM by name: ECS accepts the full ARN, or the parameter name when the parameter lives in the
 * task's region. A top-level name without a slash ("my-param") is a valid SSM name and is
 * accepted. A name with a slash must start with one ("/app/db"): SSM rejects "app/db", and such
 * a value is usually a Secrets Manager secret name, which ECS would look up in SSM and not find.
 */

const FULL_FORM =
  'arn:aws:secretsmanager:<region>:<account>:secret:<name>:<json-key>:<version-stage>:<version-id>';
const ACCOUNT = /^\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const SSM_NAME = /^[A-Za-z0-9_.\-/]+$/;

/**
 * Problems with one `valueFrom`: Secrets Manager ARN (with optional selectors) or SSM parameter.
 * Messages do not quote a malformed value: a secret pasted here by mistake must not reach the log.
 */
export function checkValueFrom(valueFrom: string, path: string): Problem[] {
  if (valueFrom.trim() === '') return [error(path, 'secret-value-empty', 'valueFrom is empty')];
  const placeholder = findPlaceholder(valueFrom);
  if (placeholder !== undefined) {
    return [
      error(
        path,
        'placeholder',
        `valueFrom still holds the placeholder ${placeholder}`,
        'Replace the placeholder with the real ARN or parameter name before deploying.',
      ),
    ];
  }
  if (!valueFrom.startsWith('arn:')) return checkSsmName(valueFrom, path);
  const parts = valueFrom.split(':');
  const service = parts[2] ?? '';
  if (parts.length < 6 || parts[1] === '' || (parts[5] ?? '') === '') {
    return [
      error(
        path,
        'secret-arn-invalid',
        'valueFrom starts with "arn:" but is not a complete ARN (arn:<partition>:<service>:<region>:<account>:<resource>)',
      ),
    ];
  }
  const where = accountRegionProblem(parts[3] ?? '', parts[4] ?? '', path);
  if (where !== undefined) return [where];
  if (service === 'secretsmanager') return checkSecretsManager(valueFrom, parts.slice(5), path);
  if (service === 'ssm') return checkSsmArn(parts.slice(5).join(':'), path);
  return [
    error(
      path,
      'secret-arn-invalid',
      `valueFrom is a "${service}" ARN; ECS reads secrets only from Secrets Manager and SSM Parameter Store`,
    ),
  ];
}

function accountRegionProblem(region: string, account: string, path: string): Problem | undefined {
  if (!REGION.test(region))
    return error(path, 'secret-arn-invalid', `"${region}" in the ARN is not an AWS region`);
  if (!ACCOUNT.test(account))
    return error(path, 'secret-arn-invalid', `the account id in the ARN must be 12 digits`);
  return undefined;
}

function checkSecretsManager(arn: string, resource: string[], path: string): Problem[] {
  const [type, name = '', ...selectors] = resource;
  if (type !== 'secret' || name === '') {
    return [
      error(
        path,
        'secret-arn-invalid',
        'a Secrets Manager ARN continues with ":secret:<name>"',
        `The full form is ${FULL_FORM}.`,
      ),
    ];
  }
  if (selectors.length === 0) return [];
  if (selectors.length !== 3) {
    const head = arn.split(':').slice(0, 7).join(':');
    const key = selectors[0] ?? '';
    return [
      error(
        path,
        'secret-json-key-form',
        `has ${selectors.length} selector${selectors.length === 1 ? '' : 's'} after the secret name, but ECS reads exactly three ` +
          '(json-key:version-stage:version-id, empty ones included); a task using it fails to start with ' +
          '"retrieved secret from Secrets Manager did not contain json key"',
        selectors.length < 3
          ? `Keep the trailing colons: ${head}:${key}:: for json key "${key}". The full form is ${FULL_FORM}.`
          : `The full form is ${FULL_FORM}.`,
      ),
    ];
  }
  if (selectors[1] !== '' && selectors[2] !== '') {
    return [
      error(
        path,
        'secret-stage-and-id',
        'names both a version stage and a version id; Secrets Manager accepts only one',
        'Keep one of them and leave the other empty.',
      ),
    ];
  }
  return [];
}

function checkSsmArn(resource: string, path: string): Problem[] {
  if (!resource.startsWith('parameter/')) {
    return [
      error(
        path,
        'secret-arn-invalid',
        'an SSM ARN continues with ":parameter/<name>"',
        'For the parameter /app/db the ARN ends in ":parameter/app/db".',
      ),
    ];
  }
  return checkSsmName(resource.slice('parameter'.length), path, true);
}

function checkSsmName(name: string, path: string, fromArn = false): Problem[] {
  const fault = !SSM_NAME.test(name)
    ? 'may only hold letters, digits, ".", "-", "_" and "/"'
    : name.includes('//') || (name.includes('/') && name.endsWith('/'))
      ? 'has an empty path segment'
      : name.includes('/') && !name.startsWith('/')
        ? 'has a "/" but does not start with one'
        : undefined;
  if (fault === undefined) return [];
  return [
    error(
      path,
      'ssm-parameter-invalid',
      `valueFrom is not a valid SSM parameter name: it ${fault}`,
      fromArn
        ? 'Write the ARN as arn:aws:ssm:<region>:<account>:parameter/<name without its leading slash>.'
        : 'Write an SSM parameter as its ARN or its name ("/app/db"); a value that is not a Secrets Manager ARN is looked up in SSM, so a Secrets Manager secret needs its full ARN.',
    ),
  ];
}
