import type { PhoneScrubber, ProviderAnswer } from '../../core/compliance/compliance-ports.js'
import { basicAuth, callProvider, type ProviderDeps, providerError } from './provider-call.js'

export interface ScrubSettings {
  /** https://api.tcpalitigatorlist.com */
  url: string
  username: string
  password: string
}

/** The 10-digit national number a US scrub list is keyed by. */
export function nationalNumber(phone: string): string {
  const digits = phone.replace(/\D/g, '')
  return digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits
}

const LITIGATOR = ['tcpa', 'troll', 'litigator']

/**
 * A phone DNC + litigator scrub in the shape of the TCPA Litigator List API ("API documentation":
 * `POST /scrub/phone/` with basic auth, form fields `phone_number` and `type` = ["tcpa","dnc"]),
 * which answers `{ "clean": { "<phone>": … } }` or `{ "match": { "<phone>": { "status_array":
 * ["tcpa", "dnc", …] } } }`: `tcpa`/`troll` mark a litigator, `dnc` a do-not-call complainer.
 */
export function createLitigatorScrubber(deps: ProviderDeps, settings: ScrubSettings): PhoneScrubber {
  const { header, auth } = basicAuth(settings.username, settings.password)
  return {
    async scrub(phone) {
      const number = nationalNumber(phone)
      const { attempt, json, call } = await callProvider(
        deps,
        {
          method: 'POST',
          url: `${settings.url.replace(/\/$/, '')}/scrub/phone/`,
          headers: {
            authorization: header,
            'content-type': 'application/x-www-form-urlencoded',
            accept: 'application/json',
          },
          body: new URLSearchParams({
            phone_number: number,
            type: JSON.stringify(['tcpa', 'dnc']),
          }).toString(),
        },
        { auth },
      )
      const fail = (detail?: string) => {
        const error = providerError('The phone scrub', attempt, call, detail)
        return { dnc: error, litigator: error }
      }
      if (attempt.class !== 'success') return fail()
      if (!json || (json.clean === undefined && json.match === undefined))
        return fail('answered neither "clean" nor "match"')
      const hit = json.match?.[number]
      const statuses: string[] = hit
        ? (Array.isArray(hit.status_array) ? hit.status_array : String(hit.status ?? '').split(','))
            .map((s: unknown) => String(s).trim().toLowerCase())
            .filter(Boolean)
        : []
      const answer = (listed: boolean, what: string): ProviderAnswer => ({
        outcome: listed ? 'listed' : 'clear',
        reason: listed ? `${what} (${statuses.join(', ')})` : null,
        data: { lists: statuses },
        call,
      })
      return {
        dnc: answer(statuses.includes('dnc'), 'phone is on a do-not-call list'),
        litigator: answer(
          statuses.some((s) => LITIGATOR.includes(s)),
          'phone belongs to a known TCPA litigator',
        ),
      }
    },
  }
}
