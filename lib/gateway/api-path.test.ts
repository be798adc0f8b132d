import { describe, expect, it } from 'vitest';
import { parseApiPath } from './api-path';

describe('parseApiPath', () => {
  it('strips the API version and the query', () => {
    expect(parseApiPath('/v1.41/containers/json?all=1')).toEqual({ route: '/containers/json', version: '1.41' });
    expect(parseApiPath('/_ping')).toEqual({ route: '/_ping', version: null });
  });

  it('matches on the decoded path, as the engine routes it', () => {
    expect(parseApiPath('/v1.41/images/team%2Fapp/json')).toEqual({ route: '/images/team/app/json', version: '1.41' });
  });

  it('refuses paths the engine would clean into another route', () => {
    for (const path of ['/v1.41/containers/x/../../swarm', '/containers/x%2F..%2F..%2Fswarm', '//swarm', '/v1.41/./swarm', '/containers/%zz/json', 'swarm']) {
      expect(parseApiPath(path), path).toBeNull();
    }
  });
});
