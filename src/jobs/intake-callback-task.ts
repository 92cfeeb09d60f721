import type { Leadflow } from '../app/leadflow.js'
import type { CallbackPayload } from '../core/intake/intake-tasks.js'
import { safeObject } from '../core/intake/source-settings.js'
import { encodePostResponses } from '../protocols/leadexec/encode-post-response.js'
import { modeOf } from '../protocols/leadexec/leadexec-mode.js'
import { intentFromStored, outcomeFromStored } from '../storage/intake-terms.js'
import { postCallback, storedFormat } from './post-callback.js'
import type { TaskHandler } from './worker.js'

/** `intake.callback`: the full PostResponse of a finished async post, to its returnurl. */
export function intakeCallbackTask(lf: Leadflow): TaskHandler {
  return async (payload: CallbackPayload, job) => {
    const lead = await lf.db
      .selectFrom('leads')
      .select(['id', 'source_id', 'mode', 'return_url', 'raw_json', 'outcome_json'])
      .where('id', '=', payload?.leadId ?? 0)
      .executeTakeFirst()
    if (!lead?.return_url || !lead.outcome_json) return
    const outcome = outcomeFromStored(JSON.parse(lead.outcome_json))
    const format = storedFormat(safeObject(lead.raw_json).command?.meta)
    await postCallback(lf, {
      leadId: lead.id,
      sourceId: lead.source_id,
      url: lead.return_url,
      body: encodePostResponses(
        [outcome],
        modeOf(intentFromStored(lead.mode)),
        lf.config.publicUrl,
        format,
        false,
      ),
      format,
      attempt: job.attempts,
      step: 'returnurl',
    })
  }
}
