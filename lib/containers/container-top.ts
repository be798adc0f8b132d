import type { ContainerTopJson } from '@/lib/docker/engine-shapes';
import type { ContainerContext } from '@/lib/engines/context';
import { clientOf } from '@/lib/engines/context-engines';
import { locateContainer } from '@/lib/engines/locate';

/** One process running in a container, as `docker top` lists it. */
export interface ContainerProcess {
  pid: number;
  user: string;
  command: string;
}

/** The part of Docker's top answer read here: column titles and rows of strings. */
export type TopShape = ContainerTopJson;

function column(titles: string[], ...names: string[]): number {
  return titles.findIndex((title) => names.includes(title.toUpperCase()));
}

/** Reshapes `docker top` (whatever ps columns it used) into pid, user and command. */
export function toProcesses(top: TopShape): ContainerProcess[] {
  const titles = top.Titles ?? [];
  const pid = column(titles, 'PID');
  const user = column(titles, 'UID', 'USER');
  const command = column(titles, 'CMD', 'COMMAND', 'ARGS');
  return (top.Processes ?? []).map((row) => ({
    pid: Number(row[pid] ?? NaN),
    user: row[user] ?? '',
    command: row[command] ?? '',
  }));
}

/** The processes in a container; none when it is not running (Docker answers that with an error). */
export async function containerProcesses(context: ContainerContext, reference: string, host?: string): Promise<ContainerProcess[]> {
  const located = await locateContainer(context, reference, host);
  if (located.inspect.State?.Status !== 'running' && located.inspect.State?.Status !== 'paused') return [];
  return toProcesses(await clientOf(context, located.engine).containerTop(located.inspect.Id));
}
