import { describe, expect, it } from 'vitest';
import { parseServiceLogLine } from './service-log-line';

describe('parseServiceLogLine', () => {
  it('takes the time and the task and node ids off a line Docker wrote with --timestamps --details', () => {
    const line =
      '2026-12-02T10:00:01.123456789Z com.docker.swarm.node.id=n1,com.docker.swarm.service.id=s1,com.docker.swarm.task.id=t1 hello, world = 1';
    expect(parseServiceLogLine(line)).toEqual({ time: '2026-12-02T10:00:01.123456789Z', task: 't1', node: 'n1', text: 'hello, world = 1' });
  });

  it('keeps an empty line empty', () => {
    expect(parseServiceLogLine('2026-12-02T10:00:01Z com.docker.swarm.task.id=t1 ')).toEqual({ time: '2026-12-02T10:00:01Z', task: 't1', text: '' });
  });

  it('keeps a line without the prefixes whole, even one that looks like key=value', () => {
    expect(parseServiceLogLine('hello')).toEqual({ text: 'hello' });
    expect(parseServiceLogLine('a=1,b=2 then text')).toEqual({ text: 'a=1,b=2 then text' });
  });
});
