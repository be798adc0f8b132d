import { describe, expect, it } from 'vitest';
import { matchGatewayRoute } from './allow-list';
import { routeOfCall } from './call-route';

function routeOf(method: string, url: string) {
  const [path = '', query = ''] = url.split('?');
  const match = matchGatewayRoute(method, path);
  if (!match) throw new Error(`${method} ${path} is not on the allow-list`);
  return routeOfCall(match.rule, match.params, new URLSearchParams(query));
}

describe('routeOfCall', () => {
  it('places creates and merges the list', () => {
    expect(routeOf('POST', '/containers/create?name=web')).toEqual({ kind: 'create' });
    expect(routeOf('GET', '/containers/json?all=1')).toEqual({ kind: 'list' });
  });

  it('merges the images list and pulls on every host, but sends an import (fromSrc) to the manager', () => {
    expect(routeOf('GET', '/images/json')).toEqual({ kind: 'image-list' });
    expect(routeOf('POST', '/images/create?fromImage=busybox&tag=latest')).toEqual({ kind: 'pull' });
    expect(routeOf('POST', '/images/create?fromSrc=-&repo=mine')).toEqual({ kind: 'manager' });
    expect(routeOf('POST', '/images/prune')).toEqual({ kind: 'manager' });
  });

  it("sends every call about a container to its host: start, inspect, logs, attach, exec, stop, rm, wait, files, commit", () => {
    for (const [method, path] of [
      ['POST', '/containers/web/start'],
      ['GET', '/containers/web/json'],
      ['GET', '/containers/web/logs'],
      ['POST', '/containers/web/attach'],
      ['POST', '/containers/web/exec'],
      ['POST', '/containers/web/stop'],
      ['DELETE', '/containers/web'],
      ['POST', '/containers/web/wait'],
      ['HEAD', '/containers/web/archive'],
      ['POST', '/commit?container=web'],
    ] as const) {
      expect(routeOf(method, path), `${method} ${path}`).toEqual({ kind: 'container', reference: 'web' });
    }
  });

  it('sends an exec to the host that has it, and everything else to the manager', () => {
    expect(routeOf('POST', '/exec/e1/start')).toEqual({ kind: 'exec', reference: 'e1' });
    expect(routeOf('GET', '/exec/e1/json')).toEqual({ kind: 'exec', reference: 'e1' });
    for (const [method, path] of [['POST', '/containers/prune'], ['POST', '/images/create'], ['GET', '/events'], ['GET', '/services'], ['POST', '/commit']] as const) {
      expect(routeOf(method, path), `${method} ${path}`).toEqual({ kind: 'manager' });
    }
  });
});
