import type { ConsentVerifier, ProviderAnswer } from '../../core/compliance/compliance-ports.js'
import { callProvider, type ProviderDeps, providerError } from './provider-call.js'

export interface JornayaSettings {
  /** https://api.leadid.com */
  url: string
  /** Account code (`lac`); the audit also needs the audit key (`lak`) and the campaign (`lpc`). */
  lac: string
  lak?: string
  lpc?: string
}

/**
 * Jornaya LeadiD (Verisk): verification is the Authentication API,
 * `GET /Authenticate?lac=<account code>&id=<token>` answering `{ "authenticate": { "authentic": 1 } }`;
 * a claim is the Audit API, `GET /SingleQuery?lac=…&lak=…&lpc=…&id=<token>`, whose answer
 * carries `authentic` the same way (under `audit` or `authenticate`) and the token's `age`.
 */
export function createJornayaVerifier(deps: ProviderDeps, settings: JornayaSettings): ConsentVerifier {
  const base = settings.url.replace(/\/$/, '')
  return {
    check: 'jornaya',
    async verify(token): Promise<ProviderAnswer> {
      const audit = token.claim && settings.lak !== undefined
      const query = new URLSearchParams({ lac: settings.lac })
      if (audit) {
        query.set('lak', settings.lak ?? '')
        if (settings.lpc) query.set('lpc', settings.lpc)
      }
      query.set('id', token.token)
      const { attempt, json, call } = await callProvider(
        deps,
        {
          method: 'GET',
          url: `${base}/${audit ? 'SingleQuery' : 'Authenticate'}?${query}`,
          headers: { accept: 'application/json' },
        },
        { secrets: [settings.lak ?? '', settings.lac].filter(Boolean) },
      )
      if (attempt.class !== 'success') return providerError('Jornaya', attempt, call)
      const answer = json?.audit ?? json?.authenticate ?? json
      const authentic = answer?.authentic
      if (authentic === undefined)
        return providerError('Jornaya', attempt, call, 'answered no "authentic" flag')
      const data = { age: answer.age ?? null, token: answer.token ?? token.token }
      if (Number(authentic) !== 1) return { outcome: 'failed', reason: 'token is not authentic', data, call }
      return { outcome: audit ? 'claimed' : 'verified', reason: null, data, call }
    },
  }
}
