import { requirePageUser } from '@/lib/auth/guard';
import { listRegistryViews } from '@/lib/registries/registry-mutations';
import { registryKeyProblem } from '@/lib/registries/registry-key';
import { getDatabase } from '@/lib/server/services';
import { RegistriesManager, type RegistryRow } from './registries-manager';

export const dynamic = 'force-dynamic';

export default async function RegistriesPage() {
  await requirePageUser({ permission: 'registries:write' }, '/registries');
  const registries: RegistryRow[] = (await listRegistryViews({ database: await getDatabase() })).map((registry) => ({
    id: registry.id,
    name: registry.name,
    address: registry.address,
    username: registry.username,
    createdBy: registry.createdBy,
    createdAt: registry.createdAt.toISOString(),
    lastUsedAt: registry.lastUsedAt?.toISOString() ?? null,
  }));
  return (
    <>
      <h1>Registries</h1>
      <p>
        Saved logins for private registries. Operators pull images and create services with them by choosing one, without ever seeing the password;
        the password is stored encrypted (AES-256-GCM) with the console&apos;s registry key and never shown again.
      </p>
      <RegistriesManager registries={registries} keyProblem={registryKeyProblem()} />
    </>
  );
}
