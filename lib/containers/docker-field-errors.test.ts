import { describe, expect, it } from 'vitest';
import { dockerFieldError } from './docker-field-errors';

const context = { host: 'h1', network: 'br0', ipv4Address: '10.9.9.9' };

describe('dockerFieldError', () => {
  it('puts a fixed address outside the subnet under the address field', () => {
    const found = dockerFieldError('Docker: no configured subnet or ip-range contain the IP address 10.9.9.9', context);
    expect(found).toEqual({ path: 'ipv4Address', message: '10.9.9.9 is outside the subnet of br0: pick an address in its range' });
  });

  it("puts Docker's own out-of-subnet refusal (at start) under the address field", () => {
    expect(dockerFieldError("Invalid address 10.9.9.9: It does not belong to any of this network's subnets", context)).toEqual({
      path: 'ipv4Address',
      message: '10.9.9.9 is outside the subnet of br0: pick an address in its range',
    });
  });

  it("says the IPAM sidecar's refusals in the form's words, under the address field", () => {
    const outside = 'IpamDriver.RequestAddress: --ip 10.9.9.9 is outside the container ranges of 10.199.0.0/24 (10.199.0.10-10.199.0.200): pick an address inside them, or omit --ip';
    expect(dockerFieldError(outside, context)).toEqual({
      path: 'ipv4Address',
      message: '10.9.9.9 is outside the container ranges of 10.199.0.0/24 (10.199.0.10-10.199.0.200): pick an address inside them, or leave the field empty',
    });
    expect(dockerFieldError('10.199.0.12 is already in use (container abc on h2): choose another --ip, or omit --ip', context)).toEqual({
      path: 'ipv4Address',
      message: '10.199.0.12 is already taken (container abc on h2): pick another one, or leave the field empty',
    });
  });

  it('puts a taken address under the address field', () => {
    expect(dockerFieldError('failed to allocate: Address already in use', context)?.path).toBe('ipv4Address');
    expect(dockerFieldError('IpamDriver.RequestAddress: ip 10.9.9.9 is already allocated', context)).toEqual({
      path: 'ipv4Address',
      message: '10.9.9.9 is already taken on br0: pick another one or leave the field empty',
    });
  });

  it('puts an unknown network under the network field, by its name', () => {
    expect(dockerFieldError('network nope not found', { ...context, network: 'nope' })).toEqual({
      path: 'network',
      message: 'There is no network nope on h1: check the name on the Networks page',
    });
  });

  it('puts a taken port under the ports field and missing cores under the cpuset', () => {
    expect(dockerFieldError('driver failed programming external connectivity: Bind for 0.0.0.0:8080 failed: port is already allocated', context)).toEqual({
      path: 'ports',
      message: 'Port 8080 is already used on h1: choose another host port',
    });
    expect(dockerFieldError('Requested CPUs are not available - requested 0-5, available: 0-1', context)?.message).toBe('h1 has cores 0-1; 0-5 asks for others');
  });

  it('leaves other messages to the form as a whole', () => {
    expect(dockerFieldError('OCI runtime create failed: exec: "nope": executable file not found', context)).toBeNull();
  });
});
