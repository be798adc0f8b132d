import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from './openapi-document';

const apiRoot = join(process.cwd(), 'app', 'api', 'v1');

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(path);
    return entry.name === 'route.ts' ? [path] : [];
  });
}

/** app/api/v1/networks/[id]/route.ts → /networks/{id}; the catch-all 404 route is not an endpoint. */
function openApiPathOf(file: string): string | undefined {
  const segments = relative(apiRoot, file).split(sep).slice(0, -1);
  if (segments.some((segment) => segment.startsWith('[...'))) return undefined;
  return `/${segments.map((segment) => segment.replace(/^\[(\w+)\]$/, '{$1}')).join('/')}`;
}

function exportedMethods(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map((match) => (match[1] ?? '').toLowerCase());
}

describe('the OpenAPI document', () => {
  const document = openApiDocument() as { openapi: string; paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Record<string, unknown> }> } }>> };

  it('has every route file under app/api/v1, method by method, and nothing that does not exist', () => {
    const expected = routeFiles(apiRoot)
      .flatMap((file) => {
        const path = openApiPathOf(file);
        return path ? exportedMethods(file).map((method) => `${method} ${path}`) : [];
      })
      .sort();
    expect(expected.length).toBeGreaterThan(20);
    const documented = Object.entries(document.paths)
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method} ${path}`))
      .sort();
    expect(documented).toEqual(expected);
  });

  it('describes request bodies from the zod schemas, with their constraints', () => {
    expect(document.openapi).toBe('3.1.0');
    const create = document.paths['/networks']?.post?.requestBody?.content['application/json']?.schema;
    expect(JSON.stringify(create)).toContain('"flat"');
    expect(JSON.stringify(create)).toContain('"overlay"');
    const range = document.paths['/ipam/ranges']?.post?.requestBody?.content['application/json']?.schema as { properties?: Record<string, unknown>; required?: string[] };
    expect(Object.keys(range.properties ?? {}).sort()).toEqual(['end', 'gateway', 'kind', 'start']);
    expect(range.required?.sort()).toEqual(['end', 'kind', 'start']);
    // Defaults make a field optional on input.
    const gc = document.paths['/ipam/gc']?.post?.requestBody?.content['application/json']?.schema as { required?: string[] };
    expect(gc.required ?? []).toEqual([]);
  });
});
