import type { FastifyRequest } from 'fastify'

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The credential a request presents, for the per-credential abuse limit (src/http/rate-limits.ts)
     * when it sits in a body only the protocol can read (a LeadExec `vid`). Read after the body is
     * parsed; never the secret itself.
     */
    credentialOf?: (request: FastifyRequest) => string | undefined
  }
}

export type CredentialOf = (request: FastifyRequest) => string | undefined
