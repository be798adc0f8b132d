import { describe, expect, it } from 'vitest';
import { execSocketPath } from '@/lib/exec/exec-protocol';
import { matchUpgradeRoute, UPGRADE_ROUTES } from './upgrade-routes';

describe('the WebSocket routes', () => {
  it('match the paths the pages open, one segment per [name], nothing else', () => {
    expect(UPGRADE_ROUTES['container-exec']).toEqual({ pattern: '/api/v1/containers/[id]/exec', requires: 'containers:write' });
    expect(matchUpgradeRoute(execSocketPath('web-1'))).toBe('container-exec');
    expect(matchUpgradeRoute(execSocketPath('a b/../c'))).toBe('container-exec'); // encoded: still one segment
    expect(matchUpgradeRoute('/api/v1/containers/a/b/exec')).toBeNull();
    expect(matchUpgradeRoute('/api/v1/containers//exec')).toBeNull();
    expect(matchUpgradeRoute('/api/v1/containers/x/exec/')).toBeNull();
    expect(matchUpgradeRoute('/somewhere/else')).toBeNull();
  });
});
