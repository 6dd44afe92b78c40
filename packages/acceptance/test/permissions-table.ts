// The Permissions table of an action's README, and the IAM actions behind the registry requests
// the simulator's registry served. No tests here; permissions.test.ts uses both.
//
// The table format every README follows, under a `## Permissions` heading:
//
//   | IAM action                   | When                        | In the simulator          |
//   | ---------------------------- | --------------------------- | ------------------------- |
//   | `ecr:DescribeRepositories`   | always                      | API                       |
//   | `ecr:InitiateLayerUpload`    | pushes (`oci-layout`, …)    | registry                  |
//   | `iam:PassRole`               | …                           | not observable: <why>     |
//
// "In the simulator" says how the test sees the action used: `API` (the simulator's request log),
// `registry` (a registry request, mapped below), `API, registry`, or `not observable: <why>` for an
// action AWS authorises without a call of its own (iam:PassRole, tag-on-create ecs:TagResource).
// An action that calls no AWS API has the heading and a sentence, no table.

/** How an IAM action shows up while an action's scenarios run. */
export type Seen = 'API' | 'registry';

/** One row of a Permissions table. */
export interface PermissionRow {
  /** `service:Action`, e.g. `ecr:DescribeRepositories`. */
  readonly action: string;
  /** When the action needs it: always, only with an input, only on failure … */
  readonly when: string;
  /** Where the test sees it used; empty when it cannot be observed. */
  readonly seen: readonly Seen[];
  /** Why it cannot be observed in the simulator, when it cannot. */
  readonly unobservable?: string;
}

const HEADER = ['IAM action', 'When', 'In the simulator'];

function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((cell) => cell.trim());
}

/** Parses the `## Permissions` section of a README; throws on a missing or malformed one. */
export function permissionsOf(readme: string, name: string): PermissionRow[] {
  const lines = readme.split('\n');
  const start = lines.findIndex((line) => line.trim() === '## Permissions');
  if (start < 0) throw new Error(`${name}: no "## Permissions" section`);
  const end = lines.findIndex((line, index) => index > start && /^##? /.test(line));
  const table = lines.slice(start + 1, end < 0 ? undefined : end).filter((l) => l.startsWith('|'));
  if (table.length === 0) return [];
  const [header = '', rule = '', ...rows] = table;
  if (cells(header).join(' | ') !== HEADER.join(' | '))
    throw new Error(`${name}: the Permissions table header is not "| ${HEADER.join(' | ')} |"`);
  if (!cells(rule).every((cell) => /^:?-{3,}:?$/.test(cell)))
    throw new Error(`${name}: the Permissions table has no separator row`);
  return rows.map((row) => {
    const [action = '', when = '', seen = '', ...rest] = cells(row);
    const actionMatch = /^`([a-z0-9-]+:[A-Za-z0-9]+)`$/.exec(action);
    if (rest.length > 0 || actionMatch?.[1] === undefined || when === '')
      throw new Error(`${name}: malformed Permissions row: ${row}`);
    const unobservable = /^not observable: (.+)$/.exec(seen)?.[1];
    if (unobservable !== undefined) return { action: actionMatch[1], when, seen: [], unobservable };
    const kinds = seen.split(/,\s*/);
    if (!kinds.every((kind): kind is Seen => kind === 'API' || kind === 'registry'))
      throw new Error(`${name}: "${seen}" is not API, registry or "not observable: <why>"`);
    return { action: actionMatch[1], when, seen: kinds };
  });
}

/**
 * The IAM actions ECR authorises for one registry request (`METHOD /v2/…`), after AWS's ECR
 * documentation: "IAM permissions for pushing an image"
 * (https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-push-iam.html), "Private registry
 * authentication" (https://docs.aws.amazon.com/AmazonECR/latest/userguide/registry_auth.html) and
 * the ECR actions in the Service Authorization Reference
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonelasticcontainerregistry.html).
 * The `/v2/` ping needs only the token from ecr:GetAuthorizationToken, which the API log shows.
 * Throws for a request with no mapping, so a new kind of registry request fails the test.
 */
export function registryPermissions(request: string): readonly string[] {
  const [method = '', path = ''] = request.split(' ');
  if (path === '/v2/' || path === '/v2') return [];
  const match = /^\/v2\/.+?\/(blobs\/uploads\/(.*)|blobs\/[^/]+|manifests\/[^/]+|tags\/list)$/.exec(
    path,
  );
  const route = match?.[1];
  if (route !== undefined) {
    if (route.startsWith('blobs/uploads/')) {
      const session = match?.[2] ?? '';
      if (session === '' && method === 'POST') return ['ecr:InitiateLayerUpload'];
      if (session !== '' && method === 'PATCH') return ['ecr:UploadLayerPart'];
      // A PUT carries the last (or only) part of the layer and completes the upload.
      if (session !== '' && method === 'PUT')
        return ['ecr:UploadLayerPart', 'ecr:CompleteLayerUpload'];
    } else if (route.startsWith('blobs/')) {
      if (method === 'HEAD') return ['ecr:BatchCheckLayerAvailability'];
      if (method === 'GET') return ['ecr:GetDownloadUrlForLayer'];
    } else if (route.startsWith('manifests/')) {
      if (method === 'HEAD' || method === 'GET') return ['ecr:BatchGetImage'];
      if (method === 'PUT') return ['ecr:PutImage'];
      if (method === 'DELETE') return ['ecr:BatchDeleteImage'];
    } else if (method === 'GET') return ['ecr:ListImages'];
  }
  throw new Error(`no IAM action is known for the registry request "${request}"`);
}

/** What a set of scenarios used, by IAM action. */
export interface Observed {
  readonly api: ReadonlySet<string>;
  readonly registry: ReadonlySet<string>;
}

/** Every disagreement between a Permissions table and what the scenarios used. */
export function tableProblems(rows: readonly PermissionRow[], observed: Observed): string[] {
  const problems: string[] = [];
  const byAction = new Map(rows.map((row) => [row.action, row]));
  if (byAction.size !== rows.length) problems.push('an IAM action is listed twice');
  for (const [kind, actions] of [
    ['API', observed.api],
    ['registry', observed.registry],
  ] as const) {
    for (const action of actions) {
      const row = byAction.get(action);
      if (row === undefined) problems.push(`${action} is used (${kind}) but not listed`);
      else if (!row.seen.includes(kind))
        problems.push(`${action} is used (${kind}) but its row says "${row.seen.join(', ')}"`);
    }
  }
  for (const row of rows) {
    for (const kind of row.seen) {
      const actions = kind === 'API' ? observed.api : observed.registry;
      if (!actions.has(row.action))
        problems.push(`${row.action} is listed (${kind}) but no scenario used it that way`);
    }
  }
  return problems;
}

const IAM_ACTION = /\b(?:ecr|ecs|sts|iam|elasticloadbalancing):[A-Z][A-Za-z]+/g;
const OUR_ACTION = /uses:\s*your-org\/ecs-deploy-actions\/actions\/([a-z-]+)@/g;

/**
 * The IAM actions a workflow's header comment names, the other workflow files it refers to (whose
 * roles it shares, e.g. "see deploy.yml"), and which of our actions it uses.
 */
export function workflowIam(text: string): {
  named: Set<string>;
  refers: Set<string>;
  uses: Set<string>;
} {
  const header = text
    .split('\n')
    .filter((line) => line.startsWith('#'))
    .join('\n');
  return {
    named: new Set(header.match(IAM_ACTION) ?? []),
    refers: new Set(header.match(/\b[\w-]+\.yml\b/g) ?? []),
    uses: new Set(
      [...text.matchAll(OUR_ACTION)].flatMap((m) => (m[1] === undefined ? [] : [m[1]])),
    ),
  };
}

/**
 * Where a workflow's IAM comment disagrees with the Permissions tables of the actions it uses:
 * a name no table lists (stale or misspelt), or a row needed on every run (its "When" begins with
 * "always" or "unless") that neither the comment nor the workflows it shares roles with name.
 */
export function workflowProblems(
  named: ReadonlySet<string>,
  tables: ReadonlyMap<string, readonly PermissionRow[]>,
  shared: ReadonlySet<string> = new Set(),
): string[] {
  const rows = [...tables.values()].flat();
  const listed = new Set(rows.map((row) => row.action));
  const problems = [...named]
    .filter((action) => !listed.has(action))
    .map((action) => `${action} is named, but no used action's Permissions lists it`);
  for (const [action, table] of tables)
    for (const row of table)
      if (/^(always|unless)\b/.test(row.when) && !named.has(row.action) && !shared.has(row.action))
        problems.push(`${row.action} (${action}: ${row.when}) is not named`);
  return problems;
}
