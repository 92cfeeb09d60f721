/**
 * OpenAPI security requirement of admin routes (build-app.ts securitySchemes): an admin key as
 * `Authorization: Bearer …` or a console session cookie. The check itself is src/http/authorize.ts.
 */
export const ADMIN_SECURITY: { [scheme: string]: string[] }[] = [{ admin: [] }, { session: [] }]
