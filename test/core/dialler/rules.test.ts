import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { isCallableAt, nextCallableTime } from '../../../src/core/dialler/calling-hours.js'
import {
  checkCampaignSettings,
  DEFAULT_CAMPAIGN_SETTINGS,
} from '../../../src/core/dialler/campaign-settings.js'
import { consumerTimeZone } from '../../../src/core/dialler/consumer-time-zone.js'
import { normalizePhone } from '../../../src/core/dialler/phone.js'
import { nextStepAfterResult } from '../../../src/core/dialler/retry-policy.js'
import { validateAddLead } from '../../../src/core/dialler/validate-add-lead.js'

const HOURS = { start: '09:00', end: '20:00', days: [1, 2, 3, 4, 5] }

describe('dialler rules', () => {
  test('07840258823 is a UK mobile: +447840258823', () => {
    assert.deepEqual(normalizePhone('07840258823'), { e164: '+447840258823', country: 'GB' })
    assert.deepEqual(normalizePhone('+44 7840 258823'), { e164: '+447840258823', country: 'GB' })
    assert.equal(normalizePhone('0123'), undefined)
    assert.equal(normalizePhone('+33612345678')?.country, 'FR')
  })

  test('a valid add normalizes phones, parses data and reads delays and test', () => {
    const check = validateAddLead({
      email: ' john.doe@example.com ',
      firstName: 'John',
      surname: 'Doe',
      mobile: '07840258823',
      type: 'motor-trade',
      otherPhone: '020 7946 0000',
      data: '{"vehicle_make":"Ford"}',
      delays: '600',
      test: 'true',
    })
    assert.ok(check.ok)
    assert.equal(check.lead.email, 'john.doe@example.com')
    assert.equal(check.lead.mobile.e164, '+447840258823')
    assert.equal(check.lead.otherPhone?.e164, '+442079460000')
    assert.deepEqual(check.lead.data, { vehicle_make: 'Ford' })
    assert.equal(check.lead.delaySeconds, 600)
    assert.equal(check.lead.test, true)
    assert.equal(check.lead.subtype, null)
  })

  test('an invalid add answers problem codes per field, with the bound broken', () => {
    const check = validateAddLead({
      email: 'not-an-email',
      firstName: 'x'.repeat(256),
      mobile: '0123',
      type: 'motor-trade',
      data: '[1]',
      delays: '-5',
      test: 'maybe',
    })
    assert.ok(!check.ok)
    assert.deepEqual(check.errors, {
      email: [{ code: 'invalid_email' }],
      firstName: [{ code: 'too_long', limit: 255 }],
      surname: [{ code: 'blank' }],
      mobile: [{ code: 'invalid_phone' }],
      data: [{ code: 'not_an_object' }],
      delays: [{ code: 'too_small', limit: 0 }],
      test: [{ code: 'not_boolean' }],
    })
  })

  test('calling hours are local: 08:00 UTC in July is 09:00 in London', () => {
    const summer = new Date('2026-07-06T07:30:00Z') // Monday 08:30 BST
    assert.equal(nextCallableTime(summer, HOURS, 'Europe/London').toISOString(), '2026-07-06T08:00:00.000Z')
    const winter = new Date('2026-11-23T07:30:00Z') // Monday 07:30 GMT
    assert.equal(nextCallableTime(winter, HOURS, 'Europe/London').toISOString(), '2026-11-23T09:00:00.000Z')
  })

  test('after hours and at weekends the call moves to the next window', () => {
    const fridayNight = new Date('2026-11-27T20:30:00Z')
    assert.equal(
      nextCallableTime(fridayNight, HOURS, 'Europe/London').toISOString(),
      '2026-11-30T09:00:00.000Z',
    )
    const inside = new Date('2026-11-24T13:00:00Z')
    assert.ok(isCallableAt(inside, HOURS, 'Europe/London'))
    assert.equal(nextCallableTime(inside, null, 'Europe/London'), inside)
  })

  test('the spring-forward night keeps 09:00 local', () => {
    const sunday = new Date('2026-03-29T00:30:00Z')
    const allWeek = { ...HOURS, days: [1, 2, 3, 4, 5, 6, 7] }
    assert.equal(nextCallableTime(sunday, allWeek, 'Europe/London').toISOString(), '2026-03-29T08:00:00.000Z')
  })

  test('the consumer zone comes from a single-zone country, else the campaign', () => {
    assert.equal(consumerTimeZone('FR', 'Europe/London'), 'Europe/Paris')
    assert.equal(consumerTimeZone('US', 'America/New_York'), 'America/New_York')
    assert.equal(consumerTimeZone(undefined, 'Europe/London'), 'Europe/London')
    const nine = new Date('2026-11-23T08:00:00Z') // 08:00 London, 09:00 Paris
    assert.ok(isCallableAt(nine, HOURS, consumerTimeZone('FR', 'Europe/London')))
    assert.ok(!isCallableAt(nine, HOURS, consumerTimeZone('GB', 'Europe/London')))
  })

  test('retry policy: unanswered calls retry with spacing until maxAttempts, then done', () => {
    const settings = {
      ...DEFAULT_CAMPAIGN_SETTINGS,
      retry: { maxAttempts: 3, spacingSeconds: [600, 3600] },
      callingHours: null,
    }
    const now = new Date('2026-11-23T12:00:00Z')
    const base = { now, settings, consumerTimeZone: 'Europe/London' }
    assert.deepEqual(nextStepAfterResult({ ...base, result: 'no_answer', attempts: 1 }), {
      status: 'scheduled',
      dueAt: new Date('2026-11-23T12:10:00Z'),
    })
    assert.deepEqual(nextStepAfterResult({ ...base, result: 'busy', attempts: 2 }), {
      status: 'scheduled',
      dueAt: new Date('2026-11-23T13:00:00Z'),
    })
    assert.deepEqual(nextStepAfterResult({ ...base, result: 'voicemail', attempts: 3 }), { status: 'done' })
    for (const result of ['answered', 'sale', 'wrong_number'] as const) {
      assert.deepEqual(nextStepAfterResult({ ...base, result, attempts: 1 }), { status: 'done' })
    }
    const at = new Date('2026-11-23T22:15:00Z')
    assert.deepEqual(nextStepAfterResult({ ...base, result: 'callback', attempts: 3, callbackAt: at }), {
      status: 'scheduled',
      dueAt: at,
    })
  })

  test('a retry landing after hours moves into the next window', () => {
    const now = new Date('2026-11-23T19:50:00Z')
    const settings = { ...DEFAULT_CAMPAIGN_SETTINGS, callingHours: HOURS }
    const step = nextStepAfterResult({
      now,
      settings,
      consumerTimeZone: 'Europe/London',
      result: 'no_answer',
      attempts: 1,
    })
    assert.deepEqual(step, { status: 'scheduled', dueAt: new Date('2026-11-24T09:00:00Z') })
  })

  test('campaign settings are validated with readable messages', () => {
    assert.deepEqual(checkCampaignSettings(undefined), { ok: true, settings: DEFAULT_CAMPAIGN_SETTINGS })
    const bad = checkCampaignSettings({
      retry: { maxAttempts: 0, spacingSeconds: [] },
      callingHours: { start: '21:00', end: '09:00', days: [8] },
      timeZone: 'Mars/Olympus',
    })
    assert.equal(bad.ok, false)
    assert.equal(bad.ok ? 0 : bad.errors.length, 5)
  })
})
