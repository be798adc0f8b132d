// One line of `docker service logs --timestamps --details` taken apart: when it was written,
// which task and node wrote it, and the text itself, so the page can prefix and search lines.

export interface ServiceLogFields {
  readonly text: string;
  /** RFC 3339 time Docker stamped the line with. */
  readonly time?: string;
  /** The task's id (com.docker.swarm.task.id): the page names it "service.slot". */
  readonly task?: string;
  /** The node's id the task ran on (com.docker.swarm.node.id). */
  readonly node?: string;
}

const STAMPED = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)) (.*)$/s;
const DETAILS = /^((?:[\w.-]+=[^,\s]*,?)+) (.*)$/s;

/**
 * The parts of a service log line; a line without Docker's prefixes (an older engine, a test)
 * is kept whole as the text.
 */
export function parseServiceLogLine(line: string): ServiceLogFields {
  let rest = line;
  let time: string | undefined;
  const stamped = STAMPED.exec(rest);
  if (stamped) {
    time = stamped[1];
    rest = stamped[2] ?? '';
  }
  const details = DETAILS.exec(rest);
  const attributes = new Map<string, string>();
  if (details && details[1]?.includes('com.docker.swarm.')) {
    for (const pair of (details[1] ?? '').split(',')) {
      const at = pair.indexOf('=');
      if (at > 0) attributes.set(pair.slice(0, at), pair.slice(at + 1));
    }
    rest = details[2] ?? '';
  }
  const task = attributes.get('com.docker.swarm.task.id');
  const node = attributes.get('com.docker.swarm.node.id');
  return { text: rest, ...(time ? { time } : {}), ...(task ? { task } : {}), ...(node ? { node } : {}) };
}
