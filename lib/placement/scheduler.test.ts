import { describe, expect, it } from 'vitest';
import { extractPlacementRules } from './placement-rules';
import { placeContainer } from './scheduler';
import { containerOn, request, upHost } from './testing-inventory';

const rules = (...env: string[]) => extractPlacementRules(env, {}).rules;
const exclusive = (name: string) => ({ kind: 'exclusive' as const, holders: [name] });

describe('placeContainer', () => {
  it('spreads: the host with the fewest running containers', () => {
    const placed = placeContainer([upHost('h1', { containers: [containerOn('a'), containerOn('b')] }), upHost('h2', { containers: [containerOn('c')] })], request());
    expect(placed).toEqual({ kind: 'placed', host: 'h2', cores: [] });
  });

  it('binpacks: the most loaded host that still fits', () => {
    const hosts = [upHost('h1', { usedCores: { 0: exclusive('a') } }), upHost('h2')];
    expect(placeContainer(hosts, request({ strategy: 'binpack', cores: 1 }))).toEqual({ kind: 'placed', host: 'h1', cores: [1] });
    expect(placeContainer(hosts, request({ strategy: 'spread', cores: 1 }))).toEqual({ kind: 'placed', host: 'h2', cores: [0] });
  });

  it('hands out the lowest free cores, never a held or shared one', () => {
    const host = upHost('h1', { cpus: 4, usedCores: { 0: exclusive('a'), 2: { kind: 'shared', holders: ['b'] } } });
    expect(placeContainer([host], request({ cores: 2 }))).toEqual({ kind: 'placed', host: 'h1', cores: [1, 3] });
  });

  it('refuses with one line per host saying why', () => {
    const hosts = [
      { state: 'down' as const, host: 'h0', reason: 'connect ECONNREFUSED' },
      upHost('h1', { usedCores: { 0: exclusive('a'), 1: exclusive('b') } }),
      upHost('h2', { images: new Set() }),
      upHost('h3', { reservedMemoryBytes: 2 * 1024 ** 3 - 100 * 1024 * 1024 }),
      upHost('h4', { networks: new Set() }),
    ];
    const placed = placeContainer(hosts, request({ cores: 1, memoryBytes: 256 * 1024 * 1024 }));
    expect(placed).toEqual({
      kind: 'refused',
      reasons: [
        'h0: down (connect ECONNREFUSED)',
        'h1: no free core (all 2 held)',
        'h2: no image busybox:latest (pull it there first)',
        'h3: memory: 256 MiB asked, 100 MiB free',
        'h4: no network br0',
      ],
    });
  });

  it('says how many cores are free when some are', () => {
    const placed = placeContainer([upHost('h1', { cpus: 4, usedCores: { 0: exclusive('a') } })], request({ cores: 4 }));
    expect(placed).toEqual({ kind: 'refused', reasons: ['h1: no free core enough: 4 asked, 3 of 4 free'] });
  });

  it('skips a down host', () => {
    const placed = placeContainer([{ state: 'down', host: 'h1', reason: 'no answer' }, upHost('h2', { containers: [containerOn('x'), containerOn('y')] })], request());
    expect(placed).toMatchObject({ kind: 'placed', host: 'h2' });
  });

  it('follows node and label constraints', () => {
    const hosts = [upHost('h1', { labels: { zone: 'a' } }), upHost('h2', { labels: { zone: 'b' } }), upHost('h3')];
    expect(placeContainer(hosts, request({ rules: rules('constraint:node==h2') }))).toMatchObject({ host: 'h2' });
    expect(placeContainer(hosts, request({ rules: rules('constraint:engine.labels.zone==b') }))).toMatchObject({ host: 'h2' });
    expect(placeContainer(hosts, request({ rules: rules('constraint:zone==a') }))).toMatchObject({ host: 'h1' });
    expect(placeContainer(hosts, request({ rules: rules('constraint:node!=h1', 'constraint:node!=h2') }))).toMatchObject({ host: 'h3' });
    expect(placeContainer(hosts, request({ rules: rules('constraint:node==h9') }))).toEqual({
      kind: 'refused',
      reasons: ['h1: constraint not met: node==h9', 'h2: constraint not met: node==h9', 'h3: constraint not met: node==h9'],
    });
  });

  it('drops a soft rule only when no host meets it', () => {
    const hosts = [upHost('h1'), upHost('h2', { containers: [containerOn('x')] })];
    expect(placeContainer(hosts, request({ rules: rules('constraint:node==~h2') }))).toMatchObject({ host: 'h2' });
    expect(placeContainer(hosts, request({ rules: rules('constraint:node==~h9') }))).toMatchObject({ host: 'h1' });
  });

  it('follows container and image affinities', () => {
    const hosts = [upHost('h1'), upHost('h2', { containers: [containerOn('web'), containerOn('db')], images: new Set(['busybox:latest', 'nginx:1.25']) })];
    expect(placeContainer(hosts, request({ rules: rules('affinity:container==web') }))).toMatchObject({ host: 'h2' });
    expect(placeContainer(hosts.slice().reverse(), request({ rules: rules('affinity:container!=web') }))).toMatchObject({ host: 'h1' });
    expect(placeContainer(hosts, request({ rules: rules('affinity:image==nginx:1.25') }))).toMatchObject({ host: 'h2' });
    expect(placeContainer(hosts, request({ rules: rules('affinity:container==/^w.b$/') }))).toMatchObject({ host: 'h2' });
    expect(placeContainer(hosts, request({ rules: rules('affinity:container==cache') }))).toEqual({
      kind: 'refused',
      reasons: ['h1: affinity not met: container==cache', 'h2: affinity not met: container==cache'],
    });
  });

  it('may choose a host without the image when it pulls first', () => {
    expect(placeContainer([upHost('h1', { images: new Set() })], request({ pullIfMissing: true }))).toMatchObject({ kind: 'placed', host: 'h1' });
  });

  it('says so when there is no engine at all', () => {
    expect(placeContainer([], request())).toEqual({ kind: 'refused', reasons: ['no engine is configured'] });
  });
});
