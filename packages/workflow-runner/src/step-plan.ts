import { isAbsolute, join, resolve } from 'node:path';
import type { Step } from '@actions/workflow-parser/model/workflow-template';
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/index';
import type { StepAction } from './step.js';
import {
  findStandIn,
  missingStandInMessage,
  type StandInContext,
  type StandInRegistry,
} from './stand-ins.js';
import {
  child,
  displayText,
  evaluateString,
  evaluateStringMap,
  evaluateToken,
  type Scope,
} from './tokens.js';
import { parseUses } from './uses.js';

/** What a job's steps need to know about where they run. */
export interface PlanSettings {
  readonly workspace: string;
  /** Where the product's own actions live (`<own repo>/actions/x@v1` → `<productRoot>/actions/x`). */
  readonly productRoot: string;
  readonly ownRepository: string;
  readonly standIns: StandInRegistry;
  readonly job: string;
  readonly aws: StandInContext['aws'];
  /** `defaults.run` of the workflow and job merged (`shell`, `working-directory`). */
  readonly runDefaults: Readonly<Record<string, string>>;
  readonly stepTimeoutMs: number;
}

/** A step evaluated and ready to run. */
export interface StepPlan {
  readonly id: string;
  readonly name: string;
  readonly uses?: string;
  readonly action: StepAction;
  /** The step's `env:` (added on top of the job's env context). */
  readonly env: Readonly<Record<string, string>>;
  readonly continueOnError: boolean;
  readonly timeoutMs: number;
}

/** The name the runner shows for a step without `name:`. */
export function defaultStepName(step: Step): string {
  if ('uses' in step) return `Run ${step.uses.value}`;
  if ('run' in step) {
    const source = displayText(step.run);
    const firstLine = source.split('\n').find((line) => line.trim() !== '') ?? '';
    return `Run ${firstLine.trim()}`;
  }
  return step.id;
}

/** The step's name (which may hold `${{ }}`), for the transcript. */
export function stepName(step: Step, scope: Scope): string {
  if (step.name === undefined) return defaultStepName(step);
  try {
    return evaluateString(step.name, scope);
  } catch {
    return displayText(step.name);
  }
}

function truthy(value: unknown): boolean {
  return value === true || (typeof value === 'string' && /^true$/i.test(value));
}

/** Evaluates a step's `env:`, `with:`, `run:`… against `scope` and resolves what runs it. */
export function planStep(
  step: Step,
  raw: TemplateToken | undefined,
  scope: Scope,
  settings: PlanSettings,
): StepPlan {
  const env = 'env' in step ? evaluateStringMap(step.env, scope) : {};
  const stepScope: Scope = {
    ...scope,
    contexts: { ...scope.contexts, env: { ...(scope.contexts.env as object), ...env } },
  };
  const continueOnErrorToken = step['continue-on-error'];
  const continueOnError =
    typeof continueOnErrorToken === 'boolean'
      ? continueOnErrorToken
      : truthy(evaluateToken(continueOnErrorToken, stepScope));
  const minutes = Number(evaluateToken(child(raw, 'timeout-minutes'), stepScope) ?? NaN);
  const timeoutMs =
    Number.isFinite(minutes) && minutes > 0 ? minutes * 60_000 : settings.stepTimeoutMs;
  const base = { id: step.id, name: stepName(step, stepScope), env, continueOnError, timeoutMs };
  if ('run' in step) {
    const orDefault = (key: string): string => {
      const value = evaluateString(child(raw, key), stepScope);
      return value === '' ? (settings.runDefaults[key] ?? '') : value;
    };
    const shell = orDefault('shell');
    const dir = orDefault('working-directory');
    const cwd =
      dir === '' ? settings.workspace : isAbsolute(dir) ? dir : resolve(settings.workspace, dir);
    const script = evaluateString(step.run, stepScope);
    return {
      ...base,
      action: {
        kind: 'run',
        script,
        cwd,
        ...(shell === '' ? {} : { shell }),
      },
    };
  }
  if (!('uses' in step))
    throw new Error(`step ${step.id}: only run: and uses: steps are supported`);
  const uses = step.uses.value;
  const inputs = evaluateStringMap(child(raw, 'with'), stepScope);
  const target = parseUses(uses, settings.ownRepository);
  switch (target.kind) {
    case 'local':
    case 'own': {
      const root = target.kind === 'local' ? settings.workspace : settings.productRoot;
      return {
        ...base,
        uses,
        action: {
          kind: 'action',
          uses,
          actionDir: join(root, target.path),
          inputs,
          contexts: { github: stepScope.contexts.github },
          cwd: settings.workspace,
        },
      };
    }
    case 'remote': {
      const standIn = findStandIn(settings.standIns, target.repository, target.path);
      if (standIn === undefined) throw new Error(missingStandInMessage(uses, target.repository));
      return {
        ...base,
        uses,
        action: {
          kind: 'stand-in',
          uses,
          standIn,
          inputs,
          context: { job: settings.job, workspace: settings.workspace, aws: settings.aws },
        },
      };
    }
    case 'docker':
      throw new Error(`'uses: ${uses}': docker actions cannot run here (no Docker engine)`);
  }
}

/** Checks every `uses:` of a workflow before running anything, so a missing stand-in fails fast. */
export function unresolvableUses(
  uses: readonly string[],
  ownRepository: string,
  standIns: StandInRegistry,
): string[] {
  const problems: string[] = [];
  for (const value of uses) {
    try {
      const target = parseUses(value, ownRepository);
      if (target.kind === 'docker')
        problems.push(`'uses: ${value}': docker actions cannot run here (no Docker engine)`);
      else if (
        target.kind === 'remote' &&
        findStandIn(standIns, target.repository, target.path) === undefined
      )
        problems.push(missingStandInMessage(value, target.repository));
    } catch (thrown) {
      problems.push(thrown instanceof Error ? thrown.message : String(thrown));
    }
  }
  return problems;
}
