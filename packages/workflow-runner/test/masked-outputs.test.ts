import { describe, expect, it } from '@jest/globals';
import { formatProblem, validateWorkflow, type Problem } from '../src/index.js';
import { expressionReferences, scriptWrites } from '../src/references.js';
import { fixture } from './helpers.js';

const CREDENTIALS =
  'aws-actions/configure-aws-credentials@a03048d87541d1d9fcf2ecf528a4a65ba9bd7838';
const ECR_LOGIN = 'aws-actions/amazon-ecr-login@062b18b96a7aff071d4dc91bc00c4c1a7945b076';

/** A one-job workflow with these outputs and steps (YAML, indented for `jobs.build`). */
function workflow(body: string, env = ''): string {
  return `name: t
on: push
permissions:
  contents: read
jobs:
  build:
    runs-on: ubuntu-latest
${env}${body}`;
}

async function masked(content: string): Promise<Problem[]> {
  const problems = await validateWorkflow('inline.yml', { content });
  return problems.filter((p) => p.rule === 'masked-job-output');
}

describe('masked-job-output (validateWorkflow)', () => {
  it('flags the seed bug: an image URI built from secrets.AWS_ACCOUNT_ID, with source and fix', async () => {
    const found = await masked(
      workflow(`    outputs:
      image: \${{ secrets.AWS_ACCOUNT_ID }}.dkr.ecr.us-east-1.amazonaws.com/app:\${{ github.sha }}
    steps:
      - run: echo build
`),
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ line: 9, severity: 'error' });
    expect(found[0]?.message).toMatch(
      /^jobs\.build\.outputs\.image can carry a masked value \(secrets\.AWS_ACCOUNT_ID\)/,
    );
    expect(found[0]?.message).toContain(
      'Pass only the tag or digest between jobs; derive the registry host in the deploying job — render-task-def does it from STS and the region.',
    );
  });

  it('flags the repository example of the bug (a run: step writes the URI from env ACCOUNT)', async () => {
    const problems = await validateWorkflow(fixture('examples/deploy-image-uri.yml'));
    expect(problems.map((p) => `${p.line ?? 0} ${p.rule ?? ''}`)).toEqual(['18 masked-job-output']);
    expect(problems[0]?.message).toContain('(secrets.AWS_ACCOUNT_ID via steps.uri.outputs.image)');
  });

  it('flags the registry output of amazon-ecr-login when configure-aws-credentials masks the account id', async () => {
    const problems = await validateWorkflow(fixture('aws-login.yml'));
    const found = problems.filter((p) => p.rule === 'masked-job-output');
    expect(found.map((p) => `${p.line ?? 0} ${p.severity ?? ''}`)).toEqual(['11 error']);
    expect(found[0]?.message).toContain(
      'steps.ecr.outputs.registry of aws-actions/amazon-ecr-login (the account id, masked by aws-actions/configure-aws-credentials with mask-aws-account-id)',
    );
  });

  it('passes a registry output when nothing in the job masks the account id (the default)', async () => {
    expect(
      await masked(
        workflow(`    outputs:
      registry: \${{ steps.ecr.outputs.registry }}
    steps:
      - uses: ${CREDENTIALS}
        with:
          aws-region: eu-west-1
      - id: ecr
        uses: ${ECR_LOGIN}
`),
      ),
    ).toEqual([]);
  });

  it('passes the registry of ECR Public, which holds no account id', async () => {
    expect(
      await masked(
        workflow(`    outputs:
      registry: \${{ steps.ecr.outputs.registry }}
    steps:
      - uses: ${CREDENTIALS}
        with:
          aws-region: us-east-1
          mask-aws-account-id: true
      - id: ecr
        uses: ${ECR_LOGIN}
        with:
          registry-type: public
`),
      ),
    ).toEqual([]);
  });

  it('warns about a registry output in a job whose environment secrets are referenced', async () => {
    const found = await masked(
      workflow(
        `    outputs:
      registry: \${{ steps.ecr.outputs.registry }}
    steps:
      - uses: ${CREDENTIALS}
        with:
          role-to-assume: arn:aws:iam::\${{ secrets.DEPLOY_ACCOUNT }}:role/x
          aws-region: eu-west-1
      - id: ecr
        uses: ${ECR_LOGIN}
`,
        '    environment: prod\n',
      ),
    );
    expect(found.map((p) => p.severity)).toEqual(['warning']);
    expect(found.map(formatProblem)[0]).toMatch(
      /^inline\.yml:10:17: warning: jobs\.build\.outputs\.registry /,
    );
    expect(found[0]?.message).toContain(
      "secrets.DEPLOY_ACCOUNT of environment 'prod', if it holds the account id",
    );
  });

  it('traces GITHUB_ENV, shell assignments, heredocs and env: through run steps', async () => {
    const found = await masked(
      workflow(`    env:
      TOKEN: \${{ secrets.NPM_TOKEN }}
    outputs:
      via-env-file: \${{ env.FROM_FILE }}
      via-assignment: \${{ steps.b.outputs.uri }}
      via-heredoc: \${{ steps.b.outputs.notes }}
      plain: \${{ steps.b.outputs.tag }}
      key: \${{ steps.c.outputs.key }}
    steps:
      - run: echo "FROM_FILE=$TOKEN" >> "$GITHUB_ENV"
      - id: b
        run: |
          registry="x-\${FROM_FILE}"
          echo "uri=$registry/app" >> "$GITHUB_OUTPUT"
          echo "notes<<EOF" >> "$GITHUB_OUTPUT"
          echo "token $TOKEN" >> "$GITHUB_OUTPUT"
          echo "EOF" >> "$GITHUB_OUTPUT"
          echo "tag=sha-\${{ github.sha }}" >> "$GITHUB_OUTPUT"
      - uses: ${CREDENTIALS}
        with:
          aws-region: eu-west-1
      - id: c
        run: echo "key=$AWS_ACCESS_KEY_ID" >> "$GITHUB_OUTPUT"
`),
    );
    expect(found.map((p) => p.message.split(' can carry')[0])).toEqual([
      'jobs.build.outputs.via-env-file',
      'jobs.build.outputs.via-assignment',
      'jobs.build.outputs.via-heredoc',
      'jobs.build.outputs.key',
    ]);
    expect(found[3]?.message).toContain(
      'AWS_ACCESS_KEY_ID exported by aws-actions/configure-aws-credentials',
    );
  });

  it('flags the job token, and passes vars and needs outputs nothing masks', async () => {
    const found = await masked(
      workflow(`    outputs:
      token: \${{ steps.t.outputs.auth }}
      plain: \${{ vars.AWS_ACCOUNT_ID }}-\${{ needs.x.outputs.y }}
    steps:
      - id: t
        run: echo "auth=Bearer \${{ github.token }}" >> "$GITHUB_OUTPUT"
`),
    );
    expect(found.map((p) => p.message.split(' The runner')[0])).toEqual([
      'jobs.build.outputs.token can carry a masked value (github.token via steps.t.outputs.auth).',
    ]);
  });

  it('flags an output built from what an earlier step passed to ::add-mask::', async () => {
    const problems = await validateWorkflow(fixture('add-mask-output.yml'));
    expect(problems.map((p) => p.message.split('. The runner')[0])).toEqual([
      "jobs.build.outputs.image can carry a masked value (vars.AWS_ACCOUNT_ID via steps.uri.outputs.image, masked by ::add-mask:: in step 'mask the account id')",
      "jobs.build.outputs.registry can carry a masked value (vars.AWS_ACCOUNT_ID via steps.uri.outputs.registry, masked by ::add-mask:: in step 'mask the account id')",
    ]);
  });

  it('passes tag and digest outputs of a job in an environment that uses secrets', async () => {
    expect(await validateWorkflow(fixture('digest-only.yml'))).toEqual([]);
  });
});

describe('references and script writes', () => {
  it.each([
    ["secrets.A && secrets['B']", ['secret:A', 'secret:B']],
    ['toJSON(secrets)', ['secret:*']],
    ["steps.x.outputs.y || steps['x-1'].outputs['z']", ['step-output:x.y', 'step-output:x-1.z']],
    ["env.A == 'secrets.B'", ['env:A']],
    ['github.env', ['other:github.env']],
    [
      "vars['AWS_ACCOUNT_ID'] || needs.a.outputs.b",
      ['other:vars.AWS_ACCOUNT_ID', 'other:needs.a.outputs.b'],
    ],
  ])('%s', (expression, expected) => {
    const refs = expressionReferences(expression).map((r) =>
      r.kind === 'step-output'
        ? `${r.kind}:${r.step}.${r.output}`
        : `${r.kind}:${r.kind === 'other' ? r.path : r.name}`,
    );
    expect(refs).toEqual(expected);
  });

  it('finds GITHUB_OUTPUT and GITHUB_ENV writes, set-output, and assignments', () => {
    const writes = scriptWrites(
      [
        'x="$A"',
        'echo "out=$x" >> "$GITHUB_OUTPUT"',
        'echo "::set-output name=old::$B"',
        'printf "E=%s\\n" "$C" | tee -a $GITHUB_ENV',
      ].join('\n'),
    );
    expect([...writes.outputs.keys()]).toEqual(['out', 'old']);
    expect([...writes.env.keys()]).toEqual(['E']);
    expect(writes.assignments.get('x')).toEqual(['"$A"']);
  });
});
