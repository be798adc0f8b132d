import Link from 'next/link';
import { DataTable } from '@/app/components/data-table';
import { ErrorBox } from '@/app/components/error-box';
import { requirePageUser } from '@/lib/auth/guard';
import { granteeGrants } from '@/lib/auth/permissions';
import { engineHandlesOf } from '@/lib/engines/context-engines';
import { getContainerContext } from '@/lib/engines/registry';
import { namedTargets } from '@/lib/networks/network-targets';
import { listNetworks, type NetworkView } from '@/lib/networks/network-view';
import { userCaller } from '@/lib/docker/engine-request';
import { managerClientFor } from '@/lib/server/services';
import { mayAddRanges } from '@/lib/ipam-view/range-access';
import { getServices } from '@/lib/server/services';
import { CreateNetworkForm } from './create-network-form';
import { ConnectForm, RemoveNetworkButton } from './network-forms';

export const dynamic = 'force-dynamic';

export default async function NetworksPage() {
  const user = await requirePageUser({ permission: 'networks:read' }, '/networks');
  const canWrite = granteeGrants(user, 'networks:write');
  let networks: NetworkView[] = [];
  let error: string | null = null;
  // The engines a flat network can be created on (one, or all at once); only their names reach the page.
  const engines = canWrite ? (await namedTargets((await engineHandlesOf(getContainerContext(user))).handles, userCaller(user))).map(({ host, url }) => ({ host, url })) : [];
  try {
    networks = await listNetworks(managerClientFor(user));
  } catch (caught) {
    error = caught instanceof Error ? caught.message : String(caught);
  }
  return (
    <>
      <h1>Networks</h1>
      <ErrorBox message={error} />
      <DataTable testId="networks" columns={['Name', 'Driver', 'Scope', 'Subnet', 'Gateway', 'IPAM', 'Containers', canWrite && '']} rows={networks}>
        {(network) => (
          <tr key={network.id} data-testid={`network-${network.name}`}>
            <td>
              <Link href={`/networks/${encodeURIComponent(network.id)}`}>{network.name}</Link>
              {network.attachable ? ' · attachable' : ''}
              {network.encrypted ? ' · encrypted' : ''}
              {network.auxAddresses.DefaultGatewayIPv4 ? ` · router ${network.auxAddresses.DefaultGatewayIPv4}` : ''}
            </td>
            <td>{network.driver}</td>
            <td>{network.scope}</td>
            <td>{network.subnet ?? '—'}</td>
            <td>{network.gateway ?? '—'}</td>
            <td>{network.ipamDriver}</td>
            <td>{network.containers.map((c) => `${c.name}${c.ipv4 ? ` (${c.ipv4})` : ''}`).join(', ') || '—'}</td>
            {canWrite && <td>{!network.predefined && <RemoveNetworkButton id={network.id} name={network.name} />}</td>}
          </tr>
        )}
      </DataTable>
      {canWrite && (
        <div className="grid" style={{ gridTemplateColumns: 'repeat(auto-fill, minmax(420px, 1fr))' }}>
          <CreateNetworkForm
            engines={engines}
            canAddRanges={mayAddRanges(user) && granteeGrants(user, 'ipam:write')}
            canReadIpam={granteeGrants(user, 'ipam:read')}
            swarmIpamDriver={getServices().config.swarmIpamDriver}
            canCreateSwarmFlat={user.role === 'admin'}
          />
          <ConnectForm networks={networks.filter((network) => !network.predefined || network.name === 'bridge').map((network) => network.name)} />
        </div>
      )}
    </>
  );
}
