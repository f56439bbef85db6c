import { ZErrorResponseSchema } from '@telehealth/contracts';
import { z } from 'zod';
import { RouteEntry, ROUTES } from './route-registry';

type JsonSchema = Record<string, unknown>;

const ERROR_SENTENCES: Record<number, string> = {
  400: 'The request is invalid (the sentence names the field).',
  401: 'The access token is missing, invalid or expired.',
  403: 'The caller’s role may not do this.',
  404: 'Not found, or not the caller’s.',
  409: 'Conflicts with the current state.',
  413: 'The request body is too large.',
  429: 'Too many attempts; see retryAfterSeconds and Retry-After.',
  503: 'Briefly unavailable.',
};

/** A zod contract as JSON Schema 2020-12 (OpenAPI 3.1's dialect); requests as they are sent, responses as they come. */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });
  return rest;
}

/** `/api/sessions/:id` → `/api/sessions/{id}`. */
export function toOpenApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function parameters(route: RouteEntry): JsonSchema[] {
  const inPath = [...route.path.matchAll(/:([A-Za-z0-9_]+)/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  if (!route.query) return inPath;
  const query = jsonSchema(route.query, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  const inQuery = Object.entries(query.properties ?? {}).map(([name, schema]) => ({
    name,
    in: 'query',
    required: query.required?.includes(name) ?? false,
    schema,
  }));
  return [...inPath, ...inQuery];
}

function errorStatuses(route: RouteEntry): Map<number, z.ZodType | true> {
  const statuses = new Map<number, z.ZodType | true>();
  if (route.body || route.query) statuses.set(400, true);
  if (route.auth !== 'public') statuses.set(401, true);
  if (Array.isArray(route.auth)) statuses.set(403, true);
  if (route.path.includes('/:')) statuses.set(404, true);
  if (route.body) statuses.set(413, true);
  for (const [status, schema] of Object.entries(route.errors ?? {})) if (schema) statuses.set(Number(status), schema);
  return statuses;
}

function operation(route: RouteEntry): JsonSchema {
  const { response } = route;
  const success =
    'schema' in response
      ? { description: response.description ?? 'OK', content: { 'application/json': { schema: jsonSchema(response.schema, 'output') } } }
      : 'mediaType' in response
        ? { description: response.description, content: { [response.mediaType]: {} } }
        : { description: response.description };
  const responses: Record<string, JsonSchema> = { [response.status]: success };
  for (const [status, schema] of [...errorStatuses(route)].sort(([a], [b]) => a - b)) {
    responses[status] = {
      description: ERROR_SENTENCES[status] ?? 'Error.',
      content: {
        'application/json': { schema: schema === true ? { $ref: '#/components/schemas/ErrorResponse' } : jsonSchema(schema, 'output') },
      },
    };
  }
  const roles = Array.isArray(route.auth) ? ` Roles: ${route.auth.join(', ')}.` : '';
  return {
    operationId: `${route.method}${toOpenApiPath(route.path).replace(/[^A-Za-z0-9]+(.)?/g, (_match, next?: string) => (next ?? '').toUpperCase())}`,
    tags: [route.tag],
    summary: route.summary,
    ...(roles ? { description: roles.trim() } : {}),
    ...(route.auth === 'public' ? { security: [] } : {}),
    ...(parameters(route).length ? { parameters: parameters(route) } : {}),
    ...(route.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } } }
      : {}),
    responses,
  };
}

/** The OpenAPI 3.1 document of the REST API, built from the route registry and the zod contracts. */
export function buildOpenApiDocument(routes: readonly RouteEntry[] = ROUTES): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes) {
    const path = toOpenApiPath(route.path);
    paths[path] = { ...paths[path], [route.method]: operation(route) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Telehealth API',
      version: '0.1.0',
      description:
        'REST API of the telehealth platform. Every error answers `{ error, code, reason }`: `error` is a sentence for people, `reason` is for programs. The signaling socket (Socket.IO) is described by libs/contracts, not here.',
    },
    security: [{ bearer: [] }],
    tags: [...new Set(routes.map((route) => route.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'The accessToken from POST /api/auth/login.' } },
      schemas: { ErrorResponse: jsonSchema(ZErrorResponseSchema, 'output') },
    },
  };
}
