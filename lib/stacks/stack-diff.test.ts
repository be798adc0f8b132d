import { describe, expect, it } from 'vitest';
import { diffLines, diffStackSpecs } from './stack-diff';

describe('stack diff', () => {
  it('diffs lines, removed before added', () => {
    expect(diffLines(['a', 'b', 'c'], ['a', 'x', 'c', 'd'])).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'removed', text: 'b' },
      { kind: 'added', text: 'x' },
      { kind: 'same', text: 'c' },
      { kind: 'added', text: 'd' },
    ]);
  });

  it('says per service whether it is created, updated, removed or unchanged, keys in one order', () => {
    const before = new Map([
      ['s_a', { Name: 's_a', Mode: { Replicated: { Replicas: 1 } } }],
      ['s_b', { Name: 's_b' }],
      ['s_c', { Mode: { Global: {} }, Name: 's_c' }],
    ]);
    const after = new Map([
      ['s_a', { Name: 's_a', Mode: { Replicated: { Replicas: 2 } } }],
      ['s_c', { Name: 's_c', Mode: { Global: {} } }],
      ['s_d', { Name: 's_d' }],
    ]);
    const changes = diffStackSpecs(before, after);
    expect(changes.map((change) => [change.service, change.change])).toEqual([['s_a', 'update'], ['s_b', 'remove'], ['s_c', 'unchanged'], ['s_d', 'create']]);
    expect(changes[0]?.lines.filter((line) => line.kind !== 'same').map((line) => line.text.trim())).toEqual(['"Replicas": 1', '"Replicas": 2']);
  });
});
