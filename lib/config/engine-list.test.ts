// The engines and the flat network, read with the rest of the configuration: each wrong value is
// one message naming its variable, and the manager comes first.
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

const secret = 'x'.repeat(40);

describe('the engines in the configuration', () => {
  it('lists the manager first, then SHIPYARD_ENGINES and SHIPYARD_LAB_DOCKERS, each URL once, and the flat network', () => {
    const result = loadConfig({
      AUTH_SECRET: secret,
      SHIPYARD_DOCKER: 'unix:///a.sock',
      SHIPYARD_ENGINES: 'tcp://h2:2376, unix:///a.sock',
      SHIPYARD_LAB_DOCKERS: 'unix:///a.sock,unix:///c.sock',
      SHIPYARD_LAB_NETWORK: 'shipyard-lab',
    });
    if (!result.ok) throw new Error(result.errors.join('; '));
    expect(result.config.engines.map((engine) => engine.url)).toEqual(['unix:///a.sock', 'tcp://h2:2376', 'unix:///c.sock']);
    expect(result.config.engines[0]).toBe(result.config.docker);
    expect(result.config.flatNetwork).toBe('shipyard-lab');
  });

  it('has only the default manager and no flat network when nothing is set', () => {
    const result = loadConfig({ AUTH_SECRET: secret });
    if (!result.ok) throw new Error(result.errors.join('; '));
    expect(result.config.engines).toEqual([result.config.docker]);
    expect(result.config.flatNetwork).toBeNull();
  });

  it('names the variable of each wrong engine URL and of a wrong flat network name', () => {
    const result = loadConfig({
      AUTH_SECRET: secret,
      SHIPYARD_ENGINES: 'tcp://h2:2376,http://h3',
      SHIPYARD_LAB_DOCKERS: 'unix://relative.sock',
      SHIPYARD_FLAT_NETWORK: 'no spaces',
    });
    expect(result.ok ? [] : result.errors).toEqual([
      'SHIPYARD_ENGINES: "http://h3" is not a Docker endpoint: use unix:///var/run/docker.sock or tcp://host:2376',
      'SHIPYARD_LAB_DOCKERS: "unix://relative.sock" needs an absolute socket path, e.g. unix:///var/run/docker.sock',
      'SHIPYARD_FLAT_NETWORK: "no spaces" is not a Docker network name: use letters, digits, dots, dashes or underscores, starting with a letter or digit',
    ]);
  });
});
