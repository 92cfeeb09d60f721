import type { FastifyInstance, FastifySchema, RouteOptions } from 'fastify'

/** What a protocol says about one of its routes in the OpenAPI document at /docs. */
export type RouteDoc = FastifySchema & { tags: string[]; summary: string }

const acceptAll = () => () => true
const asJson = () => (data: unknown) => JSON.stringify(data)

/**
 * Puts each of a vendor plugin's routes in the OpenAPI document under its protocol's tag, with
 * the shapes `describe` gives, or hides it when `describe` gives none. The schemas document
 * only: the protocol's own decoders validate and encoders write the answers, in the vendor's
 * error shapes and byte for byte as the seed documents show, so these routes keep a validator
 * that accepts everything and a plain JSON serializer (neither Ajv nor fast-json-stringify may
 * change what the vendor document defines).
 */
export function documentRoutes(
  app: FastifyInstance,
  describe: (route: RouteOptions) => RouteDoc | undefined,
): void {
  app.addHook('onRoute', (route) => {
    const doc = describe(route)
    if (!doc) {
      route.schema = { ...route.schema, hide: true }
      return
    }
    route.schema = { ...route.schema, ...doc }
    route.validatorCompiler = acceptAll
    route.serializerCompiler = asJson
  })
}
