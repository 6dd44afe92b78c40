import { isBasicExpression, isString } from '@actions/workflow-parser';
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/index';
import type { Problem } from './load.js';
import { child, entries, items, literalValue } from './tokens.js';
import { untrustedReason } from './untrusted.js';
import { isFullSha, parseUses } from './uses.js';

/** What the policy checks allow. */
export interface PolicyOptions {
  /**
   * `owner/repo` whose actions may be pinned to a tag (`@v1`): the product's own, released
   * from this repository. Default `['your-org/ecs-deploy-actions']`.
   */
  readonly trustedRepositories?: readonly string[];
  /** Allow `contents: write` (e.g. a release workflow). Default false. */
  readonly allowContentsWrite?: boolean;
}

function at(
  file: string,
  token: TemplateToken | undefined,
  rule: string,
  message: string,
): Problem {
  const start = token?.range?.start;
  return {
    file,
    ...(start === undefined ? {} : { line: start.line, column: start.column }),
    kind: 'policy',
    rule,
    message,
  };
}

function checkUses(file: string, token: TemplateToken, trusted: readonly string[]): Problem[] {
  if (!isString(token)) return [];
  const uses = token.value;
  let target: ReturnType<typeof parseUses>;
  try {
    target = parseUses(uses, '');
  } catch {
    return [];
  }
  if (target.kind === 'local') return [];
  if (target.kind === 'docker')
    return /@sha256:[0-9a-f]{64}$/.test(target.image)
      ? []
      : [
          at(
            file,
            token,
            'unpinned-action',
            `'${uses}' is not pinned to an image digest (@sha256:…)`,
          ),
        ];
  if (target.kind !== 'remote') return [];
  const isTrusted = trusted.some((name) => name.toLowerCase() === target.repository.toLowerCase());
  if (isTrusted || isFullSha(target.ref)) return [];
  return [
    at(
      file,
      token,
      'unpinned-action',
      `'${uses}' is pinned to '${target.ref}', not a full 40-character commit sha; a tag can be moved to other code`,
    ),
  ];
}

function checkPermissions(
  file: string,
  token: TemplateToken | undefined,
  allowContentsWrite: boolean,
): Problem[] {
  if (token === undefined) return [];
  const value = literalValue(token);
  if (value === 'write-all')
    return [
      at(
        file,
        token,
        'permissions',
        'permissions: write-all grants every scope write access; list the scopes the job needs',
      ),
    ];
  const problems: Problem[] = [];
  for (const [scope, level] of entries(token)) {
    if (scope === 'contents' && literalValue(level) === 'write' && !allowContentsWrite)
      problems.push(
        at(
          file,
          level,
          'permissions',
          'contents: write lets the job push to the repository; deploy jobs need contents: read',
        ),
      );
  }
  return problems;
}

function checkRun(file: string, token: TemplateToken | undefined): Problem[] {
  if (token === undefined || !isBasicExpression(token)) return [];
  const expressions = token.originalExpressions ?? [token];
  return expressions.flatMap((expression) => {
    const reason = untrustedReason(expression.expression);
    return reason === undefined
      ? []
      : [
          at(
            file,
            expression,
            'untrusted-input-in-run',
            `\${{ ${expression.expression} }} is ${reason}, interpolated into the script before the shell runs; pass it through env: and use "$NAME"`,
          ),
        ];
  });
}

/** The policy checks over a parsed workflow's token tree. */
export function checkPolicy(
  file: string,
  root: TemplateToken,
  options: PolicyOptions = {},
): Problem[] {
  const trusted = options.trustedRepositories ?? ['your-org/ecs-deploy-actions'];
  const allow = options.allowContentsWrite ?? false;
  const problems: Problem[] = [];
  const topPermissions = child(root, 'permissions');
  problems.push(...checkPermissions(file, topPermissions, allow));
  for (const [id, job] of entries(child(root, 'jobs'))) {
    const permissions = child(job, 'permissions');
    if (topPermissions === undefined && permissions === undefined)
      problems.push(
        at(
          file,
          job,
          'permissions',
          `job '${id}' has no permissions: (and the workflow has none), so it gets the repository's default token scopes; declare the minimum, e.g. contents: read`,
        ),
      );
    problems.push(...checkPermissions(file, permissions, allow));
    const reusable = child(job, 'uses');
    if (reusable !== undefined) problems.push(...checkUses(file, reusable, trusted));
    for (const step of items(child(job, 'steps'))) {
      const uses = child(step, 'uses');
      if (uses !== undefined) problems.push(...checkUses(file, uses, trusted));
      problems.push(...checkRun(file, child(step, 'run')));
    }
  }
  return problems;
}
