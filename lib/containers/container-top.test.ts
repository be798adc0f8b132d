import { describe, expect, it } from 'vitest';
import { toProcesses } from './container-top';

describe('toProcesses', () => {
  it('reads pid, user and command from ps -ef columns', () => {
    const top = { Titles: ['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD'], Processes: [['root', '4242', '4200', '0', '03:00', '?', '00:00:00', 'sleep 600']] };
    expect(toProcesses(top)).toEqual([{ pid: 4242, user: 'root', command: 'sleep 600' }]);
  });

  it('reads other ps columns (USER, COMMAND) in any order, and no processes as none', () => {
    const top = { Titles: ['PID', 'USER', 'COMMAND'], Processes: [['7', 'nobody', 'httpd -f']] };
    expect(toProcesses(top)).toEqual([{ pid: 7, user: 'nobody', command: 'httpd -f' }]);
    expect(toProcesses({ Titles: null, Processes: null })).toEqual([]);
  });
});
