import Link from 'next/link';
import type { ReactNode } from 'react';
import { requirePageUser } from '@/lib/auth/guard';
import { granteeGrants } from '@/lib/auth/permissions';
import { signOutAction } from './sign-out-action';

/** Every console page: signed-in users only, with the navigation and the default-password banner. */
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  // Each page applies the password-change rule itself: the layout also wraps the password page.
  const user = await requirePageUser('viewer', '/', { beforePasswordChange: true });
  return (
    <>
      <header>
      <nav className="topbar" aria-label="Console">
        <Link href="/" className="brand">
          Shipyard
        </Link>
        <Link href="/">Dashboard</Link>
        {granteeGrants(user, 'containers:read') && <Link href="/containers">Containers</Link>}
        {granteeGrants(user, 'containers:read') && <Link href="/cluster">Cluster</Link>}
        {granteeGrants(user, 'images:read') && <Link href="/images">Images</Link>}
        {granteeGrants(user, 'registries:write') && <Link href="/registries">Registries</Link>}
        {granteeGrants(user, 'networks:read') && <Link href="/networks">Networks</Link>}
        {granteeGrants(user, 'volumes:read') && <Link href="/volumes">Volumes</Link>}
        {granteeGrants(user, 'ipam:read') && <Link href="/ipam">IP allocations</Link>}
        {granteeGrants(user, 'swarm:read') && <Link href="/swarm">Swarm</Link>}
        {granteeGrants(user, 'secrets:read') && <Link href="/secrets">Secrets</Link>}
        {granteeGrants(user, 'stacks:read') && <Link href="/stacks">Stacks</Link>}
        {granteeGrants(user, 'events:read') && <Link href="/events">Events</Link>}
        {granteeGrants(user, 'accounts:write') && <Link href="/accounts">Accounts</Link>}
        <Link href="/account/tokens">API tokens</Link>
        <Link href="/api-docs">API</Link>
        <Link href="/account/password">Account</Link>
        <span className="spacer" />
        <span className="who" data-testid="current-user">
          {user.username} ({user.role})
        </span>
        <form action={signOutAction}>
          <button type="submit">Sign out</button>
        </form>
      </nav>
      {user.mustChangePassword && (
        <div className="banner" role="alert" data-testid="default-password-banner">
          You are using the default or an initial password. <Link href="/account/password">Change it now</Link>: anyone who
          knows it can sign in as you, and until then the console and its API show nothing else.
        </div>
      )}
      </header>
      <main>{children}</main>
    </>
  );
}
