import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { IntakeCommand, IntakeOutcome } from '../../src/core/intake/intake-command.js'
import { INTAKE_REASONS } from '../../src/core/intake/intake-reason.js'
import { intentOf, LEADEXEC_MODES } from '../../src/protocols/leadexec/leadexec-mode.js'
import { responseTypeName } from '../../src/protocols/leadexec/response-type.js'
import {
  commandForStorage,
  commandFromStorage,
  intentFromStored,
  outcomeFromStored,
  reasonFromStored,
  storedEvent,
  storedMode,
  storedOutcome,
  storedReason,
} from '../../src/storage/intake-terms.js'

// Rows written before intake had its own terms hold these exact strings and shapes.
const LEGACY_OUTCOME =
  '{"postId":"p1","leadId":7,"isValid":false,"responseType":"Duplicate_Lead","detail":"dup","campaignAid":3,"pendingQc":false,"priceCents":0,"redirectUrl":"","sends":[],"receivedAt":"2026-01-01T00:00:00.000Z","stored":true}'
const LEGACY_COMMAND =
  '{"credentials":{"vid":"1","aid":"2"},"lid":"5","mode":"returnsends","fields":{"Email":"a@b.c"},"reference":"r","ip":"1.2.3.4","meta":{"protocol":"leadexec","format":"xml"}}'

describe('intake stored terms', () => {
  test('every reason is stored as the name rows have always held', () => {
    for (const reason of INTAKE_REASONS) {
      assert.equal(storedReason(reason), responseTypeName(reason))
      assert.equal(reasonFromStored(storedReason(reason)), reason)
    }
  })

  test('every intent is stored as the mode rows have always held', () => {
    for (const mode of LEADEXEC_MODES) {
      assert.equal(storedMode(intentOf(mode)), mode)
      assert.deepEqual(intentFromStored(mode), intentOf(mode))
    }
    assert.deepEqual(intentFromStored('dialler'), { kind: 'lead', answer: 'status' })
  })

  test('outcome_json reads and writes byte for byte as before', () => {
    const outcome = outcomeFromStored(JSON.parse(LEGACY_OUTCOME))
    assert.equal(outcome.reason, 'duplicate')
    assert.equal(outcome.campaignId, 3)
    assert.equal(JSON.stringify(storedOutcome(outcome as IntakeOutcome)), LEGACY_OUTCOME)
  })

  test('raw_json.command reads and writes byte for byte as before', () => {
    const cmd = commandFromStorage(JSON.parse(LEGACY_COMMAND))
    assert.deepEqual(cmd.credentials, { sourceId: '1', campaignId: '2' })
    assert.equal(cmd.leadTypeId, '5')
    assert.deepEqual(cmd.intent, { kind: 'lead', answer: 'sends' })
    assert.equal(JSON.stringify(commandForStorage(cmd as IntakeCommand)), LEGACY_COMMAND)
    assert.deepEqual(commandForStorage({ fields: { a: '1' } }), { fields: { a: '1' } })
  })

  test('a decision event is stored with the mode as step and the reason name as data', () => {
    const event = storedEvent({
      kind: 'intake',
      intent: { kind: 'call', answer: 'status' },
      outcome: 'accepted',
      reason: null,
      decision: { code: 'accepted', reference: 'r' },
    })
    assert.deepEqual(event, {
      kind: 'intake',
      step: 'calldata',
      outcome: 'accepted',
      reason: null,
      data: { responseType: 'No_Error', mode: 'calldata', reference: 'r' },
    })
  })
})
