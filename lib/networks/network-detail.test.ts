import { describe, expect, it } from 'vitest';
import { tasksOnNetwork } from './network-detail';
import { networkSettings } from './network-settings';

describe("a network's settings in words", () => {
  it("reads the seed's flat bridge options and Docker's defaults where unset", () => {
    expect(
      networkSettings('bridge', {
        'com.docker.network.bridge.enable_icc': 'true',
        'com.docker.network.bridge.enable_ip_masquerade': 'false',
        'com.docker.network.bridge.name': 'br0',
        'com.docker.network.driver.mtu': '1500',
      }),
    ).toEqual({ icc: true, masquerade: false, mtu: 1500, bridgeName: 'br0', hostBinding: null, parent: null });
    expect(networkSettings('bridge', {})).toMatchObject({ icc: true, masquerade: true, mtu: null });
    expect(networkSettings('macvlan', { parent: 'eth0' })).toMatchObject({ icc: null, masquerade: null, bridgeName: null, parent: 'eth0' });
  });
});

describe('tasksOnNetwork', () => {
  it("keeps the tasks attached to the network, with their address there and service and node names, in slot order", () => {
    const attachment = (id: string, address: string) => ({ Network: { ID: id }, Addresses: [address] });
    const tasks = [
      { ID: 't2', ServiceID: 's1', Slot: 2, NodeID: 'n2', Status: { State: 'running' }, NetworksAttachments: [attachment('net', '10.199.0.102/24')] },
      { ID: 't1', ServiceID: 's1', Slot: 1, NodeID: 'n1', Status: { State: 'running' }, NetworksAttachments: [attachment('other', '10.0.0.3/24'), attachment('net', '10.199.0.101/24')] },
      { ID: 't3', ServiceID: 's2', Slot: 1, NodeID: 'n1', NetworksAttachments: [attachment('other', '10.0.0.4/24')] },
    ];
    expect(tasksOnNetwork(tasks, 'net', new Map([['s1', 'web']]), new Map([['n1', 'h1']]))).toEqual([
      { id: 't1', service: 'web', slot: 1, node: 'h1', address: '10.199.0.101', state: 'running' },
      { id: 't2', service: 'web', slot: 2, node: 'n2', address: '10.199.0.102', state: 'running' },
    ]);
  });
});
