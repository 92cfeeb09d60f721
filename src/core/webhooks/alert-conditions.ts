import type { JobSpec } from '../jobs/job-spec.js'
import type { Clock } from '../ports.js'
import { type AlertRule, alertJobs, CONDITION_ALERTS } from './alert-rules.js'
import { newMessageId } from './webhook-events.js'

/** How often condition rules are checked: once a minute across all nodes. */
export const EVALUATE_EVERY_MS = 60_000
export const EVALUATE_TASK = 'alerts.evaluate'

/** What a source did in a window (src/storage/alert-condition-store.ts). */
export interface SourceActivity {
  sourceId: number
  sourceName: string
  leads: number
  rejected: number
  /** The newest lead ever received from it, or null. */
  lastLeadAt: string | null
}

/** Port over leads and alert_marks for the condition rules. */
export interface AlertConditionStore {
  conditionRules(types: readonly string[]): Promise<AlertRule[]>
  /** Activity since `since` of the rule's source, or of every active source when it names none. */
  activity(sourceId: number | null, since: Date): Promise<SourceActivity[]>
  /** Opens the episode `key` and enqueues `jobs` in one transaction; false when already open. */
  openEpisode(key: string, jobs: readonly JobSpec[], now: Date): Promise<boolean>
  closeEpisode(key: string): Promise<void>
}

/** The condition's data when it holds for this source now, or null when it does not. */
export function conditionHolds(
  rule: AlertRule,
  a: SourceActivity,
  now: Date,
): Record<string, unknown> | null {
  const window = rule.condition.windowMinutes ?? 60
  const base = { source_id: a.sourceId, source_name: a.sourceName, window_minutes: window }
  if (rule.eventType === 'source.silent') {
    // A source that never posted is not "silent" unless the rule names it.
    if (a.lastLeadAt === null && rule.condition.sourceId === null) return null
    if (a.leads > 0) return null
    return { ...base, last_lead_at: a.lastLeadAt, checked_at: now.toISOString() }
  }
  const threshold = rule.condition.thresholdPercent ?? 100
  if (a.leads === 0 || a.leads < (rule.condition.minLeads ?? 10)) return null
  const percent = Math.floor((a.rejected * 100) / a.leads)
  if (percent < threshold) return null
  return {
    ...base,
    leads: a.leads,
    rejected: a.rejected,
    reject_percent: percent,
    threshold_percent: threshold,
  }
}

/**
 * `alerts.evaluate`: each condition rule × source — a reject rate at or over the threshold, or no
 * lead for the window — opens an episode and sends the rule's alert once; the episode closes when
 * the condition is gone, so the next one alerts again (no storm while it lasts).
 */
export async function evaluateConditions(store: AlertConditionStore, clock: Clock): Promise<number> {
  const now = clock.now()
  let fired = 0
  for (const rule of await store.conditionRules(CONDITION_ALERTS)) {
    const since = new Date(now.getTime() - (rule.condition.windowMinutes ?? 60) * 60_000)
    for (const activity of await store.activity(rule.condition.sourceId, since)) {
      const key = `rule:${rule.id}:source:${activity.sourceId}`
      const data = conditionHolds(rule, activity, now)
      if (!data) {
        await store.closeEpisode(key)
        continue
      }
      const occurrence = { id: newMessageId(), type: rule.eventType, timestamp: now.toISOString(), data }
      if (await store.openEpisode(key, alertJobs([rule], occurrence), now)) fired++
    }
  }
  return fired
}

/** The next run, keyed by its minute: every node enqueues it, one runs (like `jobs.prune`). */
export function nextEvaluateJob(now: Date): JobSpec {
  const slot = new Date((Math.floor(now.getTime() / EVALUATE_EVERY_MS) + 1) * EVALUATE_EVERY_MS)
  return {
    task: EVALUATE_TASK,
    payload: {},
    options: { runAt: slot, key: `alerts.evaluate:${slot.toISOString()}` },
  }
}
