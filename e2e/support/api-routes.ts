import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { UPGRADE_ROUTES } from '../../lib/server/upgrade-routes';

export const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type Method = (typeof METHODS)[number];

export interface ApiRoute {
  /** The route as the file tree names it, e.g. /api/v1/accounts/[id]. */
  pattern: string;
  /** A concrete path to request: dynamic segments filled with an id nobody has. */
  path: string;
  methods: Method[];
}

const NOBODY = '00000000-0000-4000-8000-000000000000';

function routeFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === 'route.ts' ? [full] : [];
  });
}

/** The methods a route file exports: `export const GET = …` or `export { handler as GET }`. */
export function exportedMethods(source: string): Method[] {
  const found = new Set<Method>();
  for (const match of source.matchAll(/export\s+(?:const|async\s+function|function)\s+([A-Z]+)\b/g)) found.add(match[1] as Method);
  for (const block of source.matchAll(/export\s+(?:const\s+)?\{([^}]*)\}/g)) {
    for (const alias of (block[1] ?? '').matchAll(/\bas\s+([A-Z]+)\b/g)) found.add(alias[1] as Method);
    for (const name of (block[1] ?? '').split(',')) if (/^\s*[A-Z]+\s*$/.test(name)) found.add(name.trim() as Method);
  }
  return METHODS.filter((method) => found.has(method));
}

/** A concrete path for a route pattern: dynamic segments filled with an id nobody has. */
function concretePath(segments: string[]): string {
  return `/${segments.map((segment) => (segment.startsWith('[...') ? 'probe/deeper' : segment.startsWith('[') ? NOBODY : segment)).join('/')}`;
}

export interface UpgradeRouteProbe {
  name: string;
  pattern: string;
  path: string;
  requires: string;
}

/** Every WebSocket the console serves, from the table its upgrade dispatcher routes by. */
export function upgradeRoutes(): UpgradeRouteProbe[] {
  return Object.entries(UPGRADE_ROUTES).map(([name, route]) => ({ name, pattern: route.pattern, path: concretePath(route.pattern.split('/').slice(1)), requires: route.requires }));
}

/** Every API route of the app, read from app/api, so a new route file is tested the day it lands. */
export function apiRoutes(root = process.cwd()): ApiRoute[] {
  const apiDir = path.join(root, 'app', 'api');
  return routeFiles(apiDir)
    .map((file) => {
      const segments = path.relative(path.join(root, 'app'), path.dirname(file)).split(path.sep);
      const pattern = `/${segments.join('/')}`;
      return { pattern, path: concretePath(segments), methods: exportedMethods(readFileSync(file, 'utf8')) };
    })
    .sort((a, b) => a.pattern.localeCompare(b.pattern));
}

export const isMutation = (method: Method) => method !== 'GET' && method !== 'HEAD';
