import { describe, expect, it } from 'vitest';
import { registryForImage, registryHostOfImage } from './registry-host';
import { encodeRegistryAuth } from './registry-auth';
import { registryAddressSchema } from './registry-schema';

describe('the registry an image names', () => {
  it('reads the host as Docker does', () => {
    expect(registryHostOfImage('127.0.0.1:5031/team/app:v1')).toBe('127.0.0.1:5031');
    expect(registryHostOfImage('registry.example.com/app')).toBe('registry.example.com');
    expect(registryHostOfImage('localhost/app')).toBe('localhost');
    expect(registryHostOfImage('team/app:v1')).toBe('docker.io');
    expect(registryHostOfImage('busybox')).toBe('docker.io');
  });

  it("matches an image to the saved registry of its host, Docker Hub's aliases included", () => {
    const saved = [
      { id: 'a', address: 'registry.example.com:5000' },
      { id: 'b', address: 'index.docker.io' },
    ];
    expect(registryForImage(saved, 'registry.example.com:5000/app:v1')?.id).toBe('a');
    expect(registryForImage(saved, 'registry.example.com/app:v1')).toBeUndefined();
    expect(registryForImage(saved, 'team/app')?.id).toBe('b');
  });

  it('normalizes a saved address to host[:port]', () => {
    expect(registryAddressSchema.parse(' HTTPS://Registry.Example.com:5000/ ')).toBe('registry.example.com:5000');
    expect(registryAddressSchema.safeParse('registry.example.com/path').success).toBe(false);
  });

  it('encodes X-Registry-Auth as base64url JSON', () => {
    const header = encodeRegistryAuth({ username: 'u', password: 'p?>', serveraddress: 'r:5000' });
    expect(header).not.toMatch(/[+/=]/);
    expect(JSON.parse(Buffer.from(header, 'base64url').toString('utf8'))).toEqual({ username: 'u', password: 'p?>', serveraddress: 'r:5000' });
  });
});
