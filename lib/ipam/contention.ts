// How hard one request fights for a key before it gives up and asks the caller to retry.

/** How many lost races one request tolerates before asking the caller to retry. */
export const MAX_CONFLICTS = 64;
/** After this many lost races in one request, reread the pool's used addresses. */
export const REFRESH_AFTER_CONFLICTS = 4;
