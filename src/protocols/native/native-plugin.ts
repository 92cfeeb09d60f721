import type { FastifyInstance } from 'fastify'
import { acceptJsonOnly } from '../../http/json-depth.js'
import { stripNulFromRequest } from '../strip-nul.js'
import { buyersRoutes } from './buyers-routes.js'
import { contractsRoutes } from './contracts-routes.js'
import { credentialsRoutes } from './credentials-routes.js'
import { leadTypesRoutes } from './lead-types-routes.js'
import { leadsRoutes } from './leads-routes.js'
import type { NativeOptions } from './native-admin.js'
import { sourcesRoutes } from './sources-routes.js'

/** A file of native admin routes: paths relative to /api/v1, schemas from common-schemas.ts. */
export type NativeRoutes = (app: FastifyInstance, options: NativeOptions) => Promise<void>

/**
 * Every route file of the native admin API. To add one, write `export async function
 * fooRoutes(app, { admin })` in its own file and list it here (docs/api.md, "Adding routes").
 * Each route decodes, calls one use-case of `admin` (src/app/admin-services.ts) and encodes.
 */
export const NATIVE_ROUTES: readonly NativeRoutes[] = [
  sourcesRoutes,
  leadTypesRoutes,
  buyersRoutes,
  contractsRoutes,
  credentialsRoutes,
  leadsRoutes,
]

/**
 * The native admin API, registered under /api/v1. Encapsulated: it reads JSON only (another
 * content type is 415, not a body coerced into strings) and checks the admin key in onRequest,
 * before the body is read, so an unauthenticated caller cannot make the server parse anything.
 */
export async function nativePlugin(app: FastifyInstance, { admin }: NativeOptions): Promise<void> {
  acceptJsonOnly(app)
  app.addHook('preValidation', stripNulFromRequest)
  for (const routes of NATIVE_ROUTES) await app.register(routes, { admin })
}
