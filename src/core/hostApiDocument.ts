/** The host API's OpenAPI 3.1 document, generated from the same zod schemas the host and the kiosk check messages with. */
import { z } from 'zod'
import { type ERROR_CODES, ERROR_STATUS, HOST_ENDPOINTS, HOST_SCHEMAS } from './hostApi'

type JsonObject = Record<string, unknown>

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const json = (schema: JsonObject) => ({ 'application/json': { schema } })

/** The schemas as JSON Schema 2020-12 (OpenAPI 3.1's own dialect), referring to each other under components.schemas. */
function componentSchemas(): Record<string, JsonObject> {
  const registry = z.registry<{ id: string }>()
  const ids = new Map<z.ZodType, string>()
  for (const [name, schema] of Object.entries(HOST_SCHEMAS)) {
    registry.add(schema, { id: name })
    ids.set(schema, name)
  }
  const { schemas } = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}` })
  // Each component's own `$schema` and `$id` are dropped: the document's jsonSchemaDialect says the dialect once.
  return Object.fromEntries(Object.entries(schemas).map(([name, { $schema: _s, $id: _i, ...rest }]) => [name, rest as JsonObject]))
}

const nameOf = (schema: z.ZodType): string => {
  const found = Object.entries(HOST_SCHEMAS).find(([, s]) => s === schema)
  if (!found) throw new Error('an endpoint uses a schema missing from HOST_SCHEMAS')
  return found[0]
}

/** The error answers every endpoint may give, by status. */
function errorResponses(codes: readonly (typeof ERROR_CODES)[number][]): JsonObject {
  const byStatus = new Map<number, string[]>()
  for (const code of codes) byStatus.set(ERROR_STATUS[code], [...(byStatus.get(ERROR_STATUS[code]) ?? []), code])
  return Object.fromEntries(
    [...byStatus].map(([status, names]) => [String(status), { description: `error: ${names.join(' or ')}`, content: json(ref('HostError')) }])
  )
}

const ERRORS_OF: Record<keyof typeof HOST_ENDPOINTS, (typeof ERROR_CODES)[number][]> = {
  lookupCard: ['invalidRequest', 'internal'],
  credit: ['invalidRequest', 'unknownCard', 'idempotencyConflict', 'internal'],
  creditStatus: ['invalidRequest', 'internal'],
  confirmCardWrite: ['invalidRequest', 'internal'],
  echo: ['internal']
}

/** The document served at `/openapi.json`. */
export function hostApiDocument(serverUrl?: string): JsonObject {
  const paths: Record<string, JsonObject> = {}
  for (const [operationId, endpoint] of Object.entries(HOST_ENDPOINTS) as [
    keyof typeof HOST_ENDPOINTS,
    (typeof HOST_ENDPOINTS)[keyof typeof HOST_ENDPOINTS]
  ][]) {
    const operation: JsonObject = {
      operationId,
      summary: endpoint.summary,
      responses: { '200': { description: 'done', content: json(ref(nameOf(endpoint.response))) }, ...errorResponses(ERRORS_OF[operationId]) }
    }
    if ('body' in endpoint) operation.requestBody = { required: true, content: json(ref(nameOf(endpoint.body))) }
    if ('param' in endpoint) {
      const { $schema: _s, ...schema } = z.toJSONSchema(endpoint.param) as JsonObject
      operation.parameters = [{ name: 'idempotencyKey', in: 'path', required: true, schema }]
    }
    paths[endpoint.path] = { ...paths[endpoint.path], [endpoint.method.toLowerCase()]: operation }
  }
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'kiosk-sim host API',
      version: '1.0.0',
      description: 'The processing centre a top-up kiosk talks to: card lookup, credits once per idempotency key, card writes, reconciliation.'
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    paths,
    components: { schemas: componentSchemas() }
  }
}
