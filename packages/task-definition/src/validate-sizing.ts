import { ParseError } from './errors.js';
import { fargateMemoryChoices, FARGATE_CPU_VALUES, isFargateSize } from './fargate.js';
import type { JsonObject } from './json.js';
import { error, type Problem } from './problems.js';
import type { TaskContext } from './task-context.js';
import { readTaskSize } from './units.js';

/** Task-level memory in MiB when it is set and readable; undefined otherwise. */
export function taskMemory(definition: JsonObject): number | undefined {
  const memory = readUnit(definition, 'memory');
  return typeof memory === 'number' ? memory : undefined;
}

/** The parsed value; undefined when absent or not a string (the shape check reports that). */
function readUnit(definition: JsonObject, key: 'cpu' | 'memory'): number | ParseError | undefined {
  const value = definition[key];
  return typeof value === 'string' ? readTaskSize(value, key) : undefined;
}

/** Task cpu and memory: readable, and on Fargate present, with awsvpc, and a size Fargate offers. */
export function checkSize(definition: JsonObject, ctx: TaskContext): Problem[] {
  const problems: Problem[] = [];
  const cpu = readUnit(definition, 'cpu');
  const memory = readUnit(definition, 'memory');
  if (cpu instanceof ParseError) problems.push(error('cpu', 'cpu-invalid', cpu.reason));
  if (memory instanceof ParseError) problems.push(error('memory', 'memory-invalid', memory.reason));
  if (!ctx.fargate) return problems;
  if (definition.networkMode !== 'awsvpc') {
    problems.push(
      error(
        'networkMode',
        'fargate-network-mode',
        'Fargate only supports network mode ‘awsvpc’.',
        'Set "networkMode": "awsvpc".',
      ),
    );
  }
  if (definition.cpu === undefined) {
    problems.push(
      error(
        'cpu',
        'fargate-cpu-missing',
        "Fargate requires that 'cpu' be defined at the task level.",
        `Set "cpu" to one of ${FARGATE_CPU_VALUES.join(', ')}.`,
      ),
    );
  }
  if (definition.memory === undefined) {
    problems.push(
      error(
        'memory',
        'fargate-memory-missing',
        "Fargate requires that 'memory' be defined at the task level.",
      ),
    );
  }
  if (typeof cpu === 'number' && typeof memory === 'number' && !isFargateSize(cpu, memory)) {
    const choices = fargateMemoryChoices(cpu);
    problems.push(
      error(
        'memory',
        'fargate-size',
        `No Fargate configuration exists for given values: ${cpu} CPU, ${memory} memory.`,
        choices === undefined
          ? `Fargate task cpu must be one of ${FARGATE_CPU_VALUES.join(', ')}.`
          : `With cpu ${cpu}, memory must be ${choices} (MiB).`,
      ),
    );
  }
  return problems;
}
