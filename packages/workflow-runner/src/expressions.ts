import { Evaluator, Lexer, Parser, data } from '@actions/expressions';
import type { FunctionDefinition } from '@actions/expressions/funcs/info';
import { falsy } from '@actions/expressions/result';

/** Context values by name (`github`, `env`, `needs`, …), as plain JSON-like data. */
export type Contexts = Readonly<Record<string, unknown>>;

/** What the status functions answer where the expression is evaluated. */
export interface Status {
  readonly success: boolean;
  readonly failure: boolean;
  readonly cancelled: boolean;
}

/** A status where nothing has gone wrong (the default outside `if:`). */
export const OK_STATUS: Status = { success: true, failure: false, cancelled: false };

function statusFunction(name: string, answer: () => boolean): FunctionDefinition {
  return { name, minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(answer()) };
}

function functionsFor(status: Status): Map<string, FunctionDefinition> {
  return new Map<string, FunctionDefinition>([
    ['success', statusFunction('success', () => status.success)],
    ['failure', statusFunction('failure', () => status.failure)],
    ['cancelled', statusFunction('cancelled', () => status.cancelled)],
    ['always', statusFunction('always', () => true)],
    [
      'hashfiles',
      {
        name: 'hashFiles',
        minArgs: 1,
        maxArgs: 255,
        call: () => {
          throw new Error('hashFiles() is not supported by the local workflow runner');
        },
      },
    ],
  ]);
}

/** Turns plain data into the evaluator's dictionary (property access is case-insensitive). */
export function toExpressionData(value: unknown): data.ExpressionData {
  const revived: unknown = JSON.parse(JSON.stringify(value ?? null), data.reviver);
  return revived as data.ExpressionData;
}

/** Turns evaluator data back into plain JSON-like values. */
export function fromExpressionData(value: data.ExpressionData): unknown {
  return JSON.parse(JSON.stringify(value, data.replacer)) as unknown;
}

/** Evaluates one expression (no `${{ }}`) against the contexts. */
export function evaluateExpression(
  expression: string,
  contexts: Contexts,
  status: Status = OK_STATUS,
): data.ExpressionData {
  const functions = functionsFor(status);
  const tokens = new Lexer(expression).lex().tokens;
  const parsed = new Parser(tokens, Object.keys(contexts), [...functions.values()]).parse();
  const dictionary = toExpressionData(contexts);
  if (!(dictionary instanceof data.Dictionary)) throw new Error('contexts must be an object');
  return new Evaluator(parsed, dictionary, functions).evaluate();
}

/** Evaluates an expression to the string the runner would substitute. */
export function evaluateToString(expression: string, contexts: Contexts, status?: Status): string {
  return evaluateExpression(expression, contexts, status).coerceString();
}

/** Evaluates an `if:` condition (already in `success() && (…)` form when from the parser). */
export function evaluateCondition(expression: string, contexts: Contexts, status: Status): boolean {
  return !falsy(evaluateExpression(expression, contexts, status));
}
