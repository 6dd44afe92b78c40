import { isMapping, isString } from '@actions/workflow-parser';
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/index';
import type { Problem } from './load.js';
import {
  expressionReferences,
  scriptWrites,
  shellVariables,
  type Reference,
} from './references.js';
import { child, displayText, entries, expressionsOf, items } from './tokens.js';
import { parseUses } from './uses.js';

/*
 * The runner drops a job output whose value masking would change (JobExtension.FinalizeJob,
 * "Skip output '<name>' since it may contain secret."), and the next job receives ''. This rule
 * follows each `jobs.<id>.outputs.<name>` back through `steps.<id>.outputs`, `env`, and the lines
 * of `run:` scripts that write GITHUB_OUTPUT / GITHUB_ENV, to what the runner masks in that job.
 */

/**
 * Where part of a value comes from. Without `leaf` it is masked (`certain` false when only if a
 * secret holds the account id); with `leaf` it is a plain origin such as `vars.AWS_ACCOUNT_ID`,
 * masked only when a step passes the same origin to `::add-mask::`.
 */
interface Source {
  readonly text: string;
  readonly certain: boolean;
  readonly leaf?: string;
}

function leaf(path: string): Source {
  return { text: path, certain: true, leaf: path };
}

const ADD_MASK = /::add-mask::|##\[add-mask\]/i;

const FIX =
  'Pass only the tag or digest between jobs; derive the registry host in the deploying job — render-task-def does it from STS and the region.';

interface StepInfo {
  readonly id: string;
  /** How a message names the step: its id, else its name, else its position. */
  readonly label: string;
  readonly token: TemplateToken;
  readonly uses?: string;
  readonly run?: string;
}

/** configure-aws-credentials v5 reads the flag with getBooleanInput (true | True | TRUE). */
function maskFlag(value: TemplateToken | undefined): 'yes' | 'no' | 'maybe' {
  if (value === undefined) return 'no';
  if (!isString(value)) return /^(true|True|TRUE)$/.test(displayText(value)) ? 'yes' : 'maybe';
  return ['true', 'True', 'TRUE'].includes(value.value) ? 'yes' : 'no';
}

function actionOf(uses: string | undefined): string {
  if (uses === undefined) return '';
  try {
    const target = parseUses(uses, 'your-org/ecs-deploy-actions');
    if (target.kind === 'remote')
      return `${target.repository}${target.path === '' ? '' : `/${target.path}`}`.toLowerCase();
    if (target.kind === 'own') return `your-org/ecs-deploy-actions/${target.path}`.toLowerCase();
  } catch {
    // Not a form this rule knows; the parser reports it.
  }
  return '';
}

const CREDENTIALS = 'aws-actions/configure-aws-credentials';
const ECR_LOGIN = 'aws-actions/amazon-ecr-login';
const PUSH_DIGEST = 'your-org/ecs-deploy-actions/actions/push-ecr-digest';

/** The analysis of one job. */
class JobTrace {
  private readonly steps: StepInfo[];
  private readonly secrets: string[];

  constructor(
    private readonly job: TemplateToken,
    private readonly workflowEnv: TemplateToken | undefined,
    workflowExpressions: readonly string[],
  ) {
    this.steps = items(child(job, 'steps')).flatMap((token, index) => {
      const id = child(token, 'id');
      const uses = child(token, 'uses');
      const run = child(token, 'run');
      const name = child(token, 'name');
      return [
        {
          id: id !== undefined && isString(id) ? id.value : `__${index}`,
          label:
            id !== undefined && isString(id)
              ? id.value
              : name === undefined
                ? `#${index + 1}`
                : displayText(name),
          token,
          ...(uses !== undefined && isString(uses) ? { uses: uses.value } : {}),
          ...(run === undefined ? {} : { run: displayText(run) }),
        },
      ];
    });
    const names = [...expressionsOf(job), ...workflowExpressions]
      .flatMap(expressionReferences)
      .flatMap((ref) => (ref.kind === 'secret' ? [ref.name] : []));
    this.secrets = [...new Set(names)].filter((name) => name.toUpperCase() !== 'GITHUB_TOKEN');
  }

  private environmentName(): string | undefined {
    const token = child(this.job, 'environment');
    if (token === undefined) return undefined;
    const name = isMapping(token) ? child(token, 'name') : token;
    return name === undefined ? undefined : displayText(name);
  }

  /**
   * What masks the account id in this job. configure-aws-credentials masks it (setSecret in
   * exportAccountId) when `mask-aws-account-id` is true, or MASK_AWS_ACCOUNT_ID is set in env
   * (translateEnvVariables). A referenced secret masks it when it holds it: any secret of a job
   * with `environment:` (environment secrets are where account ids usually live), elsewhere one
   * whose name mentions ACCOUNT.
   */
  private accountIdMaskers(): Source[] {
    const found: Source[] = [];
    for (const step of this.steps) {
      if (actionOf(step.uses) !== CREDENTIALS) continue;
      const flag = maskFlag(
        child(child(step.token, 'with'), 'mask-aws-account-id') ??
          child(child(step.token, 'env'), 'MASK_AWS_ACCOUNT_ID') ??
          child(child(this.job, 'env'), 'MASK_AWS_ACCOUNT_ID') ??
          child(this.workflowEnv, 'MASK_AWS_ACCOUNT_ID'),
      );
      if (flag !== 'no')
        found.push({
          text: `${CREDENTIALS} with mask-aws-account-id${flag === 'yes' ? '' : ' (when true)'}`,
          certain: flag === 'yes',
        });
    }
    const environment = this.environmentName();
    for (const name of this.secrets)
      if (environment !== undefined || /account/i.test(name))
        found.push({
          text: `secrets.${name}${environment === undefined ? '' : ` of environment '${environment}'`}, if it holds the account id`,
          certain: false,
        });
    return found;
  }

  /** What a known action's output carries (facts from the actions' own source). */
  private knownOutput(step: StepInfo, output: string): Source[] {
    const action = actionOf(step.uses);
    const name = `steps.${step.id}.outputs.${output}`;
    const via = (sources: Source[], what: string): Source[] =>
      sources.map((s) => ({
        text: `${name} of ${what} (the account id, masked by ${s.text})`,
        certain: s.certain,
      }));
    if (action === CREDENTIALS) {
      // exportCredentials always calls setSecret on the key id, secret key and session token.
      if (['aws-access-key-id', 'aws-secret-access-key', 'aws-session-token'].includes(output))
        return [{ text: `${name} of ${CREDENTIALS}`, certain: true }];
      if (output === 'aws-account-id' || output === 'authenticated-arn')
        return via(this.accountIdMaskers(), CREDENTIALS);
    }
    if (action === ECR_LOGIN) {
      // ECR Public's registry (public.ecr.aws) holds no account id.
      const type = child(child(step.token, 'with'), 'registry-type');
      const isPublic = type !== undefined && /^public$/i.test(displayText(type));
      if (output === 'registry') return isPublic ? [] : via(this.accountIdMaskers(), ECR_LOGIN);
      const maskPassword = child(child(step.token, 'with'), 'mask-password');
      if (
        output.startsWith('docker_password_') &&
        !(maskPassword !== undefined && /^false$/i.test(displayText(maskPassword)))
      )
        return [{ text: `${name} of ${ECR_LOGIN}`, certain: true }];
    }
    if (action === PUSH_DIGEST && output === 'image')
      return via(this.accountIdMaskers(), 'push-ecr-digest');
    return [];
  }

  /** The sources behind one expression, evaluated in the scope of step `at` (or the job end). */
  expression(expression: string, at: number, seen: Set<string>): Source[] {
    return expressionReferences(expression).flatMap((ref) => this.reference(ref, at, seen));
  }

  private reference(ref: Reference, at: number, seen: Set<string>): Source[] {
    switch (ref.kind) {
      case 'secret':
        return [{ text: ref.name === '*' ? 'secrets' : `secrets.${ref.name}`, certain: true }];
      case 'env':
        return this.env(ref.name, at, seen);
      case 'step-output':
        return this.stepOutput(ref.step, ref.output, seen);
      case 'other':
        // The job token is registered with the masker like a secret.
        return ref.path.toLowerCase() === 'github.token'
          ? [{ text: 'github.token', certain: true }]
          : [leaf(ref.path)];
    }
  }

  private once(key: string, seen: Set<string>, compute: () => Source[]): Source[] {
    if (seen.has(key)) return [];
    seen.add(key);
    return compute();
  }

  private valueSources(token: TemplateToken | undefined, at: number, seen: Set<string>): Source[] {
    return expressionsOf(token).flatMap((expression) => this.expression(expression, at, seen));
  }

  /** An env variable as step `at` sees it: its own env, earlier GITHUB_ENV writes, the job's, the workflow's. */
  private env(name: string, at: number, seen: Set<string>): Source[] {
    return this.once(`env:${name}:${at}`, seen, () => {
      const step = this.steps[at];
      const own = child(child(step?.token, 'env'), name);
      if (own !== undefined) return this.valueSources(own, at, seen);
      for (let index = Math.min(at, this.steps.length) - 1; index >= 0; index -= 1) {
        const earlier = this.steps[index];
        if (earlier?.run !== undefined) {
          const lines = scriptWrites(earlier.run).env.get(name);
          if (lines !== undefined) return this.lines(lines, earlier.run, index, seen);
        }
        if (
          actionOf(earlier?.uses) === CREDENTIALS &&
          ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'].includes(name)
        )
          return [{ text: `${name} exported by ${CREDENTIALS}`, certain: true }];
      }
      const jobEnv = child(child(this.job, 'env'), name);
      if (jobEnv !== undefined) return this.valueSources(jobEnv, at, seen);
      const workflowEnv = child(this.workflowEnv, name);
      if (workflowEnv !== undefined) return this.valueSources(workflowEnv, at, seen);
      return [leaf(`env.${name}`)];
    });
  }

  private stepOutput(id: string, output: string, seen: Set<string>): Source[] {
    return this.once(`step:${id}:${output}`, seen, () => {
      const index = this.steps.findIndex((step) => step.id === id);
      const step = this.steps[index];
      if (step === undefined) return [];
      const label = `steps.${id}.outputs.${output}`;
      const through = (sources: Source[]): Source[] =>
        sources.map((s) =>
          s.text.startsWith(label) ? s : { ...s, text: `${s.text} via ${label}` },
        );
      if (step.run === undefined) {
        const known = this.knownOutput(step, output);
        return known.length > 0 ? known : [leaf(label)];
      }
      const writes = scriptWrites(step.run);
      const names = output === '*' ? [...writes.outputs.keys()] : [output];
      const found = names.flatMap((name) =>
        this.lines(writes.outputs.get(name) ?? [], step.run ?? '', index, seen),
      );
      return found.length > 0 ? through(found) : [leaf(label)];
    });
  }

  /**
   * The origins each `run:` step passes to `::add-mask::` (or `##[add-mask]`), with the step:
   * any output built from the same origin is masked from then on.
   */
  addMasked(): Map<string, string> {
    const masked = new Map<string, string>();
    this.steps.forEach((step, index) => {
      if (step.run === undefined) return;
      const lines = step.run.split('\n').filter((line) => ADD_MASK.test(line));
      for (const source of this.lines(lines, step.run, index, new Set()))
        if (source.leaf !== undefined && !masked.has(source.leaf))
          masked.set(source.leaf, step.label);
    });
    return masked;
  }

  /** What the given lines of a script read: `${{ }}`, `$VAR` (assigned in the script or env). */
  private lines(lines: readonly string[], script: string, at: number, seen: Set<string>): Source[] {
    const assignments = scriptWrites(script).assignments;
    const sources: Source[] = [];
    const visit = (line: string, depth: number): void => {
      sources.push(
        ...this.expression(line.match(/\$\{\{[\s\S]*?\}\}/g)?.join(' ') ?? '', at, seen),
      );
      for (const variable of shellVariables(line)) {
        const assigned = assignments.get(variable);
        if (assigned !== undefined && depth < 8) {
          for (const value of assigned) visit(value, depth + 1);
        } else sources.push(...this.env(variable, at, seen));
      }
    };
    for (const line of lines) visit(line, 0);
    return sources;
  }
}

function message(job: string, output: string, sources: readonly Source[]): string {
  const list = [...new Set(sources.map((s) => s.text))].join('; ');
  return `jobs.${job}.outputs.${output} can carry a masked value (${list}). The runner drops such an output ("Skip output '${output}' since it may contain secret.") and the next job receives an empty string. ${FIX}`;
}

/**
 * Every job output whose value can carry a value the runner masks in that job: an error when it
 * certainly does, a warning when it does only if a secret holds the account id.
 */
export function checkMaskedOutputs(file: string, root: TemplateToken): Problem[] {
  const workflowEnv = child(root, 'env');
  const workflowExpressions = expressionsOf(workflowEnv);
  const problems: Problem[] = [];
  for (const [id, job] of entries(child(root, 'jobs'))) {
    const trace = new JobTrace(job, workflowEnv, workflowExpressions);
    const addMasked = trace.addMasked();
    for (const [name, value] of entries(child(job, 'outputs'))) {
      const sources = expressionsOf(value)
        .flatMap((expression) => trace.expression(expression, Number.MAX_SAFE_INTEGER, new Set()))
        .flatMap((source): Source[] => {
          if (source.leaf === undefined) return [source];
          const step = addMasked.get(source.leaf);
          return step === undefined
            ? []
            : [{ text: `${source.text}, masked by ::add-mask:: in step '${step}'`, certain: true }];
        });
      if (sources.length === 0) continue;
      const certain = sources.filter((s) => s.certain);
      const start = value.range?.start;
      problems.push({
        file,
        ...(start === undefined ? {} : { line: start.line, column: start.column }),
        kind: 'policy',
        rule: 'masked-job-output',
        severity: certain.length > 0 ? 'error' : 'warning',
        message: message(id, name, certain.length > 0 ? certain : sources),
      });
    }
  }
  return problems;
}
