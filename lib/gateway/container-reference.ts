// Which host holds the container a call names, decided as each engine would resolve the name:
// a full id first, then a name, then an id prefix (moby's daemon.GetContainer). Across hosts the
// best kind of match wins; two hosts matching as well as each other is an ambiguity the gateway
// refuses rather than guess.

export interface NamedContainer {
  readonly id: string;
  /** Without the leading slash, as the console's summaries keep it. */
  readonly name: string;
}

export type ReferenceMatch = 'id' | 'name' | 'prefix';

const RANK: Readonly<Record<ReferenceMatch, number>> = { id: 0, name: 1, prefix: 2 };

/** How one engine would find `reference` among its containers, or null when it would not. */
export function matchOnEngine(reference: string, containers: readonly NamedContainer[]): ReferenceMatch | null {
  if (reference === '') return null;
  const name = reference.replace(/^\//, '');
  let best: ReferenceMatch | null = null;
  for (const container of containers) {
    if (container.id === reference) return 'id';
    if (container.name === name) best = 'name';
    else if (best === null && container.id.startsWith(reference)) best = 'prefix';
  }
  return best;
}

export type Resolution<Host> =
  | { readonly kind: 'one'; readonly host: Host }
  | { readonly kind: 'none' }
  | { readonly kind: 'ambiguous'; readonly hosts: readonly Host[] };

/** The host whose engine would answer for `reference`, given each host's containers. */
export function resolveAcrossHosts<Host>(reference: string, perHost: readonly { readonly host: Host; readonly containers: readonly NamedContainer[] }[]): Resolution<Host> {
  const matches = perHost.flatMap((entry) => {
    const match = matchOnEngine(reference, entry.containers);
    return match ? [{ host: entry.host, rank: RANK[match] }] : [];
  });
  if (matches.length === 0) return { kind: 'none' };
  const best = Math.min(...matches.map((match) => match.rank));
  const hosts = matches.filter((match) => match.rank === best).map((match) => match.host);
  return hosts.length === 1 ? { kind: 'one', host: hosts[0] as Host } : { kind: 'ambiguous', hosts };
}
