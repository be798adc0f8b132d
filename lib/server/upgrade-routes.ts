import type { Permission } from '@/lib/auth/permissions';

/**
 * Every WebSocket the console serves, by path, and the permission it needs. The dispatcher routes
 * only these paths and wants one handler per entry (lib/server/upgrade-dispatch.ts), and the
 * security spec hits each entry without credentials and as a viewer: a new WebSocket starts
 * here, so it cannot be left out of either. `[name]` is one path segment, as in app/api.
 */
export const UPGRADE_ROUTES = {
  'container-exec': { pattern: '/api/v1/containers/[id]/exec', requires: 'containers:write' },
} as const satisfies Record<string, { pattern: string; requires: Permission }>;

export type UpgradeRouteName = keyof typeof UPGRADE_ROUTES;

function patternExpression(pattern: string): RegExp {
  const segments = pattern
    .split('/')
    .map((segment) => (/^\[[^\]/]+\]$/.test(segment) ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  return new RegExp(`^${segments.join('/')}$`);
}

const MATCHERS = (Object.keys(UPGRADE_ROUTES) as UpgradeRouteName[]).map((name) => ({ name, expression: patternExpression(UPGRADE_ROUTES[name].pattern) }));

/** The route whose pattern the path fills, or null: the dispatcher answers that with a 404. */
export function matchUpgradeRoute(pathname: string): UpgradeRouteName | null {
  return MATCHERS.find((matcher) => matcher.expression.test(pathname))?.name ?? null;
}
