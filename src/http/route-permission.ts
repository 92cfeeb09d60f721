import type { FastifyInstance } from 'fastify'
import { PUBLIC, type RoutePermission } from '../core/accounts/permissions.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The one permission the route needs (src/core/accounts/permissions.ts), or `public` /
     * `signed-in`. A route without one is refused (src/http/authorize.ts).
     */
    permission?: RoutePermission
  }
}

/** Route config for a route needing `permission`: `{ config: needs('reports:read'), schema }`. */
export function needs(permission: RoutePermission): { permission: RoutePermission } {
  return { permission }
}

/**
 * Marks every route this plugin registers from now on `public` unless it declares a permission:
 * for vendor protocols, which authenticate with their own credentials (a source's password, a
 * buyer's, dialler's or CAKE key), and for health, metrics and the console's static files.
 * `why` documents the choice at the call site.
 */
export function publicRoutes(app: FastifyInstance, _why: string): void {
  app.addHook('onRoute', (route) => {
    if (route.config?.permission === undefined) route.config = { ...route.config, permission: PUBLIC }
  })
}
