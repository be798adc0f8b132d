import { describe, expect, it } from 'vitest';
import { foldKey, repeatedJsonKey as repeatedKey } from '@/lib/policy/go-json';
import { canonicalKeys } from './go-json-keys';

describe("reading a body as Go's encoding/json does", () => {
  it('folds keys by case, with the long s and the Kelvin sign', () => {
    expect(foldKey('privileged')).toBe('PRIVILEGED');
    expect(foldKey('\u017fecurityOpt')).toBe('SECURITYOPT');
    expect(foldKey('\u212aey')).toBe('KEY');
    expect(foldKey('Caf\u00e9')).toBe('CAF\u00e9');
  });

  it('finds keys an object repeats once folded, at any depth, and not in strings or across objects', () => {
    expect(repeatedKey('{"HostConfig":{"Privileged":false,"privileged":true}}')).toBe('privileged');
    expect(repeatedKey('{"a":1,"A":2}')).toBe('A');
    expect(repeatedKey('{"Privil\\u0065ged":true,"PRIVILEGED":false}')).toBe('PRIVILEGED');
    expect(repeatedKey('{"a":[{"b":1},{"b":2}],"c":{"b":3},"d":"{\\"x\\":1,\\"x\\":2}"}')).toBeNull();
    expect(repeatedKey('{"Labels":{"x":"a,b"},"Env":["x=1","x=2"]}')).toBeNull();
  });

  it('renames the fields a shape names to their spelling, walking arrays, and leaves the rest out', () => {
    expect(canonicalKeys({ hostconfig: { privileged: true, MOUNTS: [{ type: 'bind' }], Memory: 1 }, Image: 'x' }, { HostConfig: { Privileged: true, Mounts: { Type: true } } })).toEqual({
      HostConfig: { Privileged: true, Mounts: [{ Type: 'bind' }] },
    });
    expect(canonicalKeys({ DriverOpts: { o: 'bind', DEVICE: '/' } }, { DriverOpts: true })).toEqual({ DriverOpts: { o: 'bind', DEVICE: '/' } });
  });
});
