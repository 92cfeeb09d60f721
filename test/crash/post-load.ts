import { fieldsFor, leadExecJson } from '../../bench/leads.js'

export type PostKind = 'sync' | 'async'

/** A post leadflow answered positively: `isValidPost: true` (sync) or `QueueSuccessful: true` (async). */
export interface Answered {
  n: number
  kind: PostKind
  fields: Record<string, string>
  postId: string
  leadIdentifier: number | undefined
}

export interface LoadOutcome {
  answered: Answered[]
  /** Answers that were not positive (status and the start of the body), for diagnostics. */
  refused: string[]
  /** Requests without any answer: in flight when the server died, or sent to a dead server. */
  unanswered: number
  sent: number
}

export interface LoadOptions {
  baseUrl: string
  returnUrl: string
  concurrency: number
  maxPosts: number
  deadlineMs: number
  stopped: () => boolean
  /** The first lead number (several loads at once use disjoint ranges so their leads differ). */
  firstN?: number
  /** Told of every positive answer as it arrives (a test can time its crash by progress, not by the clock). */
  onAnswered?: (answered: Answered) => void
}

const SYNC = '/processor/insert/general/json'

/** Posts unique leads, alternating sync and async, `concurrency` at a time, until stopped or bounded. */
export async function postUntilStopped(options: LoadOptions): Promise<LoadOutcome> {
  const outcome: LoadOutcome = { answered: [], refused: [], unanswered: 0, sent: 0 }
  const deadline = Date.now() + options.deadlineMs
  let next = options.firstN ?? 0
  const last = next + options.maxPosts
  const worker = async () => {
    while (!options.stopped() && next < last && Date.now() < deadline) {
      const n = next++
      outcome.sent += 1
      const kind: PostKind = n % 2 === 0 ? 'sync' : 'async'
      const answered = await postOne(options, n, kind, outcome)
      if (!answered) continue
      outcome.answered.push(answered)
      options.onAnswered?.(answered)
    }
  }
  await Promise.all(Array.from({ length: options.concurrency }, worker))
  return outcome
}

async function postOne(options: LoadOptions, n: number, kind: PostKind, outcome: LoadOutcome) {
  const path = kind === 'sync' ? SYNC : `${SYNC}/async?returnurl=${encodeURIComponent(options.returnUrl)}`
  let status = 0
  let text = ''
  try {
    const response = await fetch(`${options.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: leadExecJson(n, kind === 'async' ? { returnUrl: options.returnUrl } : {}),
      signal: AbortSignal.timeout(15_000),
    })
    status = response.status
    text = await response.text()
  } catch {
    outcome.unanswered += 1
    if (!options.stopped()) await new Promise((r) => setTimeout(r, 20))
    return undefined
  }
  const answer = positive(kind, text)
  if (!answer) {
    if (outcome.refused.length < 20) outcome.refused.push(`${kind} ${status} ${text.slice(0, 200)}`)
    return undefined
  }
  return { n, kind, fields: fieldsFor(n), ...answer }
}

function positive(
  kind: PostKind,
  text: string,
): { postId: string; leadIdentifier: number | undefined } | undefined {
  let body: any
  try {
    body = JSON.parse(text)
  } catch {
    return undefined
  }
  const first = Array.isArray(body) ? body[0] : body
  const ok = kind === 'sync' ? first?.isValidPost === true : first?.QueueSuccessful === true
  if (!ok || typeof first.PostID !== 'string') return undefined
  const lead = Number(first.LeadIdentifier)
  return {
    postId: first.PostID.toLowerCase(),
    leadIdentifier: Number.isInteger(lead) && lead > 0 ? lead : undefined,
  }
}
