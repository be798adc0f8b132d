/**
 * Tells whoever keeps account data in memory (the caller cache of lib/auth) that an account
 * was written, in this process. The repository calls it after every account write, so no
 * caller can forget to; other processes rely on their caches' short lifetime.
 */
export type AccountChangeListener = (accountId: string) => void;

// On globalThis: `next dev` may load this module twice, and both copies must share listeners.
const holder = globalThis as typeof globalThis & { shipyardAccountListeners?: Set<AccountChangeListener> };

function listeners(): Set<AccountChangeListener> {
  holder.shipyardAccountListeners ??= new Set();
  return holder.shipyardAccountListeners;
}

/** Calls `listener` with the id of each account written from now on; returns the unsubscribe. */
export function onAccountChanged(listener: AccountChangeListener): () => void {
  listeners().add(listener);
  return () => listeners().delete(listener);
}

export function accountChanged(accountId: string): void {
  for (const listener of listeners()) listener(accountId);
}

/** Tells whoever keeps verified API tokens in memory (lib/auth/token-cache.ts) that a token was written. */
export type ApiTokenChangeListener = (tokenId: string) => void;

const tokenHolder = globalThis as typeof globalThis & { shipyardApiTokenListeners?: Set<ApiTokenChangeListener> };

function tokenListeners(): Set<ApiTokenChangeListener> {
  tokenHolder.shipyardApiTokenListeners ??= new Set();
  return tokenHolder.shipyardApiTokenListeners;
}

/** Calls `listener` with the id of each API token written (revoked) from now on; returns the unsubscribe. */
export function onApiTokenChanged(listener: ApiTokenChangeListener): () => void {
  tokenListeners().add(listener);
  return () => tokenListeners().delete(listener);
}

export function apiTokenChanged(tokenId: string): void {
  for (const listener of tokenListeners()) listener(tokenId);
}
