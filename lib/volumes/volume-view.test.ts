import { describe, expect, it } from 'vitest';
import type { VolumeInspect } from '@/lib/docker/engine-shapes';
import { toVolumeView, usersByVolume, type MountingContainer } from './volume-view';

const container = (id: string, name: string, state: string, mounts: { Type: string; Name?: string }[]): MountingContainer => ({ Id: id, Names: [`/${name}`], State: state, Mounts: mounts });

describe('volume views', () => {
  it('names the containers, stopped ones too, that mount each volume (not binds)', () => {
    const users = usersByVolume([
      container('a1', 'web', 'running', [{ Type: 'volume', Name: 'data' }, { Type: 'bind' }]),
      container('b2', 'batch', 'exited', [{ Type: 'volume', Name: 'data' }]),
      container('c3', 'other', 'running', [{ Type: 'volume', Name: 'logs' }]),
    ]);
    expect(users.get('data')).toEqual([
      { id: 'a1', name: 'web', state: 'running' },
      { id: 'b2', name: 'batch', state: 'exited' },
    ]);
    expect(users.get('logs')?.map((user) => user.name)).toEqual(['other']);
  });

  it('shows the mountpoint (a host path) only when told to (admins)', () => {
    const volume: VolumeInspect & { CreatedAt: string } = { Name: 'data', Driver: 'local', Mountpoint: '/var/lib/docker/volumes/data/_data', Labels: {}, Scope: 'local', Options: { type: 'none' }, CreatedAt: '2026-12-02T04:00:00Z' };
    expect(toVolumeView(volume, 'node-1', [], false)).toMatchObject({ mountpoint: null, hasDriverOptions: true, host: 'node-1', createdAt: '2026-12-02T04:00:00Z' });
    expect(toVolumeView(volume, 'node-1', [], true).mountpoint).toBe('/var/lib/docker/volumes/data/_data');
  });
});
