// The OpenAPI 3.1 document for /api/v1, generated from the route list and the zod schemas that
// validate the request bodies (z.toJSONSchema, input side: defaults make fields optional).
import { z } from 'zod';
import { type ApiRoute, apiRoutes } from './api-routes';

type JsonObject = Record<string, unknown>;

const errorSchema: JsonObject = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', description: 'stable code, e.g. VALIDATION_FAILED, CONFLICT, DOCKER_UNAVAILABLE' },
        message: { type: 'string', description: 'what went wrong and what to do' },
        fields: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } },
      },
    },
  },
};

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

function bodySchema(schema: z.ZodType): JsonObject {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonObject;
  delete json.$schema;
  return json;
}

function operationOf(route: ApiRoute): JsonObject {
  const parameters = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => ({ name: match[1], in: 'path', required: true, schema: { type: 'string' } }));
  const access = 'public' in route.access ? null : 'role' in route.access ? `role ${route.access.role} or above` : `permission ${route.access.permission}`;
  const responses: JsonObject = {
    [String(route.success.status)]: {
      description: route.success.description,
      ...(route.success.status === 204 ? {} : { content: { [route.success.contentType ?? 'application/json']: { schema: {} } } }),
    },
    ...(access === null
      ? { '429': errorResponse('called again too soon: Retry-After says when') }
      : { '401': errorResponse('no session'), '403': errorResponse(`needs ${access}, or a cross-site request`) }),
    ...(route.body ? { '400': errorResponse('the body is not JSON'), '422': errorResponse('a field is wrong: one message per field') } : {}),
    ...(route.path.includes('{') ? { '404': errorResponse('no such object') } : {}),
    ...(route.method !== 'get' ? { '409': errorResponse('conflicts with the current state (in use, overlapping, taken)') } : {}),
    '503': errorResponse('Docker, etcd or the database is unreachable'),
  };
  return {
    operationId: `${route.method}${route.path.replace(/[{}]/g, '').replace(/[/.]([a-z])/g, (_, c: string) => c.toUpperCase()).replace(/[^a-zA-Z0-9]/g, '')}`,
    summary: route.summary,
    description: access === null && 'public' in route.access ? `Public: no session or API token; the credential is ${route.access.public}.` : `Needs ${access}.`,
    ...(access === null ? { security: [] } : {}),
    tags: [route.tag],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: bodySchema(route.body) } } } } : {}),
    responses,
  };
}

export function openApiDocument(routes: readonly ApiRoute[] = apiRoutes): JsonObject {
  const paths: Record<string, JsonObject> = {};
  for (const route of routes) paths[route.path] = { ...paths[route.path], [route.method]: operationOf(route) };
  return {
    openapi: '3.1.0',
    info: { title: 'Shipyard API', version: '1', description: 'Docker cluster console: networks, IP allocations (etcd), swarm. Errors are {"error": {code, message, fields?}}.' },
    servers: [{ url: '/api/v1' }],
    security: [{ session: [] }],
    paths,
    components: {
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'authjs.session-token', description: 'the console session cookie (sign in at /login)' } },
      schemas: { Error: errorSchema },
    },
  };
}
