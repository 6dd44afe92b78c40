import { ParseError } from './errors.js';

/*
 * ECS accepts task-level cpu and memory as integers in a string ("1024") or with a unit
 * ("1 vCPU", "2 GB"), and stores the integer form (docs/aws-behaviour.md#cpu-and-memory-units). These helpers
 * turn any accepted spelling into that integer so values can be checked and compared.
 */

const QUANTITY = /^\s*(\d+(?:\.\d*)?|\.\d+)\s*([a-z]*)\s*$/i;

const CPU_UNITS: Readonly<Record<string, number>> = { '': 1, vcpu: 1024, vcpus: 1024 };
const MEMORY_UNITS: Readonly<Record<string, number>> = {
  '': 1,
  m: 1,
  mb: 1,
  mib: 1,
  g: 1024,
  gb: 1024,
  gib: 1024,
};

/** CPU units from a number or a string such as "256", "1 vCPU" or ".25 vcpu"; throws `ParseError`. */
export function parseCpu(value: string | number): number {
  return parseQuantity(value, 'cpu', CPU_UNITS, '"256", "1024", "1 vCPU" or ".25 vCPU"');
}

/** MiB from a number or a string such as "512", "2 GB" or "0.5 GB"; throws `ParseError`. */
export function parseMemory(value: string | number): number {
  return parseQuantity(value, 'memory', MEMORY_UNITS, '"512", "2048", "2 GB" or "0.5 GB"');
}

/** Like `parseCpu` / `parseMemory`, but hands back the `ParseError` instead of throwing it. */
export function readTaskSize(
  value: string | number,
  subject: 'cpu' | 'memory',
): number | ParseError {
  try {
    return subject === 'cpu' ? parseCpu(value) : parseMemory(value);
  } catch (e) {
    if (e instanceof ParseError) return e;
    throw e;
  }
}

function parseQuantity(
  value: string | number,
  subject: 'cpu' | 'memory',
  units: Readonly<Record<string, number>>,
  examples: string,
): number {
  const match = QUANTITY.exec(String(value));
  const factor = match === null ? undefined : units[(match[2] ?? '').toLowerCase()];
  if (match === null || factor === undefined) {
    throw new ParseError(
      subject,
      `${JSON.stringify(value)} is not a ${subject} value; write it like ${examples}`,
    );
  }
  const result = Number(match[1]) * factor;
  // Fractions only make sense with a unit (".5 GB"); "512.5" MiB or CPU units do not exist.
  if (!Number.isInteger(result)) {
    throw new ParseError(
      subject,
      `${JSON.stringify(value)} is not a whole number of ${subject === 'cpu' ? 'CPU units' : 'MiB'}`,
    );
  }
  if (result <= 0)
    throw new ParseError(subject, `${JSON.stringify(value)} must be greater than zero`);
  return result;
}
