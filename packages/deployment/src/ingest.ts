import { isFailureEventFor, rollbackTargetIn } from './deployments.js';
import { eventProblem } from './event-problems.js';
import { epochMs } from './format.js';
import type { FollowerState } from './state.js';
import { groupStoppedTasks, isFailedTask, launchedBy, stoppedTaskLine } from './stopped-tasks.js';
import { targetProblems } from './targets.js';
import type { Observation, ServiceEventObservation, TaskObservation } from './types.js';
import type { DeploymentRef } from './verdict.js';

/** The parts of the state that news from one observation updates, plus what to print. */
export type News = Pick<
  FollowerState,
  | 'seenEvents'
  | 'seenTasks'
  | 'recentEvents'
  | 'stoppedGroups'
  | 'targetProblems'
  | 'problems'
  | 'probeFailures'
  | 'printedHealth'
  | 'failureEvent'
  | 'rollingBackTo'
> & { newEvents: string[]; newStoppedReasons: string[]; newHealthReasons: string[] };

function eventKey(e: ServiceEventObservation): string {
  return e.id ?? `${epochMs(e.createdAt) ?? ''} ${e.message ?? ''}`;
}

/** Probe result → failure text, undefined when it passed. */
export function probeFailureText(probe: Observation['probe']): string | undefined {
  if (probe === undefined || probe.ok) return undefined;
  const target = probe.url === undefined ? 'probe' : `probe ${probe.url}`;
  if (probe.error !== undefined) return `${target}: ${probe.error}`;
  const parts: string[] = [];
  if (probe.status !== undefined) parts.push(`HTTP ${probe.status}`);
  if (probe.bodyMatched === false) parts.push('body did not match');
  return `${target}: ${parts.length > 0 ? parts.join(', ') : 'failed'}`;
}

/**
 * Picks out what is new in an observation. Events before `eventsSince` belong to earlier
 * deployments: they are marked seen without being printed. Nothing is consumed before our
 * deployment is located, so the first located observation still prints its own events.
 */
export function ingest(
  state: FollowerState,
  obs: Observation,
  ours: DeploymentRef | undefined,
  eventsSince: number | undefined,
  lastEvents: number,
): News {
  const seenEvents = new Set(state.seenEvents);
  const newEvents: string[] = [];
  let failureEvent = state.failureEvent;
  let rollingBackTo = state.rollingBackTo;
  const problems = new Map(state.problems);
  if (ours !== undefined) {
    // DescribeServices lists events newest first; print oldest first.
    for (const e of [...(obs.service?.events ?? [])].reverse()) {
      const key = eventKey(e);
      if (seenEvents.has(key)) continue;
      seenEvents.add(key);
      const created = epochMs(e.createdAt);
      if (eventsSince !== undefined && created !== undefined && created < eventsSince) continue;
      const message = e.message ?? '';
      newEvents.push(message);
      if (isFailureEventFor(message, ours.id)) failureEvent = message;
      rollingBackTo = rollbackTargetIn(message) ?? rollingBackTo;
      const problem = eventProblem(message);
      if (problem !== undefined) problems.set(problem, (problems.get(problem) ?? 0) + 1);
    }
  }

  const seenTasks = new Set(state.seenTasks);
  const failed: TaskObservation[] = [];
  if (ours !== undefined) {
    for (const task of obs.stoppedTasks ?? []) {
      const key = task.taskArn ?? JSON.stringify(task);
      if (seenTasks.has(key) || !launchedBy(task, ours)) continue;
      seenTasks.add(key);
      if (isFailedTask(task)) failed.push(task);
    }
  }

  const printedHealth = new Set(state.printedHealth);
  const newHealthReasons: string[] = [];
  const targetLines = new Map(state.targetProblems);
  for (const p of targetProblems(obs.targetHealth ?? [])) {
    targetLines.set(p.key, p.line);
    if (!printedHealth.has(p.key)) {
      printedHealth.add(p.key);
      newHealthReasons.push(p.line);
    }
  }
  let probeFailures = state.probeFailures;
  const probeText = probeFailureText(obs.probe);
  if (probeText !== undefined && !printedHealth.has(probeText)) {
    printedHealth.add(probeText);
    newHealthReasons.push(probeText);
    probeFailures = [...probeFailures, probeText];
  }

  return {
    seenEvents,
    seenTasks,
    recentEvents: [...state.recentEvents, ...newEvents].slice(-lastEvents),
    stoppedGroups: groupStoppedTasks(state.stoppedGroups, failed),
    targetProblems: targetLines,
    problems,
    probeFailures,
    printedHealth,
    failureEvent,
    rollingBackTo,
    newEvents,
    newStoppedReasons: failed.map(stoppedTaskLine),
    newHealthReasons,
  };
}
