/**
 * The OpenAPI 3.1 document of the JSON API, generated at start from the route table and the zod
 * schemas the routes validate with (`z.toJSONSchema`, JSON Schema 2020-12, which OpenAPI 3.1 uses).
 * Generated: never edit its output by hand.
 */
import { z } from 'zod';
import { API_SCOPES } from '../../application/api-tokens.ts';
import { apiError } from './schemas.ts';

/** What the document needs of a route (routes.ts's ApiRoute has these and its handler). */
export interface DocumentedRoute {
  method: 'GET' | 'POST';
  /** The Fastify URL (`:param`). */
  url: string;
  operationId: string;
  summary: string;
  scope: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodObject;
  status: 200 | 201;
  /** The answer's schema, or `file` for a download. */
  response: z.ZodType | 'file';
  /** The errors this route can answer besides 401, 403 and 429. */
  errors: readonly (400 | 404 | 409)[];
}

type JsonSchema = Record<string, unknown>;

/** The JSON Schema of a zod schema, as the document embeds it (without `$schema`). */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
  });
  return rest as JsonSchema;
}

/** `/api/v1/cases/:caseRef` → `/api/v1/cases/{caseRef}`. */
export function openApiPath(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

const ERROR_TEXTS: Record<number, string> = {
  400: 'Ungültige Angaben; `fields` nennt die Felder',
  401: 'Kein, ein ungültiger, abgelaufener oder widerrufener API-Schlüssel (oder eine Anmeldung per Cookie)',
  403: 'Dem Schlüssel fehlt das Recht (scope) für diese Anfrage',
  404: 'Nicht gefunden – auch, wenn der Fall oder das Dokument nicht zu Ihnen gehört',
  409: 'Im aktuellen Stand des Verfahrens nicht möglich',
  429: 'Zu viele Anfragen',
};

function parameters(schema: z.ZodObject | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const json = jsonSchemaOf(schema, 'input') as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === 'path' || (json.required ?? []).includes(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
    };
  });
}

export function openApiDocument(routes: readonly DocumentedRoute[], documentPath: string) {
  const errorRef = { $ref: '#/components/schemas/Error' };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const responses: Record<string, unknown> = {
      [String(route.status)]:
        route.response === 'file'
          ? {
              description: 'Der Inhalt des Dokuments, als Anhang (Content-Disposition: attachment)',
              content: {
                'application/octet-stream': {
                  schema: { type: 'string', contentMediaType: 'application/octet-stream' },
                },
              },
            }
          : {
              description: 'Erfolg',
              content: { 'application/json': { schema: jsonSchemaOf(route.response, 'output') } },
            },
    };
    for (const status of [...route.errors, 401, 403, 429].sort())
      responses[String(status)] = {
        description: ERROR_TEXTS[status] ?? 'Fehler',
        content: { 'application/json': { schema: errorRef } },
      };
    const operation: Record<string, unknown> = {
      operationId: route.operationId,
      summary: route.summary,
      security: [{ bearer: [route.scope] }],
      'x-scope': route.scope,
      parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query')],
      responses,
    };
    if (route.body)
      operation.requestBody = {
        required: true,
        content: { 'application/json': { schema: jsonSchemaOf(route.body, 'input') } },
      };
    const path = openApiPath(route.url);
    paths[path] = { ...(paths[path] ?? {}), [route.method.toLowerCase()]: operation };
  }
  paths[documentPath] = {
    get: {
      operationId: 'openApiDocument',
      summary: 'Dieses Dokument',
      security: [],
      responses: { '200': { description: 'Das OpenAPI-Dokument', content: { 'application/json': {} } } },
    },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Härtefallverfahren – Programmierschnittstelle',
      version: '1',
      description:
        'Die Fälle, Nachrichten und Dokumente, die eine Rolle auch auf ihren Seiten sieht – nicht mehr. Anmeldung mit einem API-Schlüssel (`Authorization: Bearer hfk_…`), angelegt unter „API-Schlüssel“ im eigenen Bereich. Cookies werden nicht angenommen. Erzeugt aus den zod-Schemata der Routen; nicht von Hand bearbeiten.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: { Error: jsonSchemaOf(apiError, 'output') },
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'hfk_…',
          description: `Rechte (scopes): ${API_SCOPES.join(', ')}`,
        },
      },
    },
  };
}
