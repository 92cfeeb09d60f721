import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { validateAddLead } from '../../../src/core/dialler/validate-add-lead.js'
import { renderFieldErrors } from '../../../src/protocols/comunik8/comunik8-body.js'

describe('Comunik8 field messages', () => {
  test('every problem code in the framework sentences the document shows', () => {
    const check = validateAddLead({
      email: 'not-an-email',
      firstName: 'x'.repeat(256),
      surname: { a: 1 },
      mobile: '0123',
      data: 'nope',
      delays: '31536001',
      test: 'maybe',
    })
    assert.ok(!check.ok)
    assert.deepEqual(renderFieldErrors(check.errors), {
      email: { 0: 'Email is not a valid email address.' },
      first_name: { 0: 'First Name should contain at most 255 characters.' },
      surname: { 0: 'Surname must be a string.' },
      mobile: { 0: 'Mobile is not a valid phone number.' },
      type: { 0: 'Type cannot be blank.' },
      data: { 0: 'Empty or invalid content of `data` field' },
      delays: { 0: 'Delays must be no greater than 31536000.' },
      test: { 0: 'Test must be either "true" or "false".' },
    })
    const negative = validateAddLead({ delays: -1, otherPhone: 'abc' })
    assert.ok(!negative.ok)
    assert.deepEqual(renderFieldErrors(negative.errors).delays, { 0: 'Delays must be no less than 0.' })
    assert.deepEqual(renderFieldErrors(negative.errors).other_phone, {
      0: 'Other Phone is not a valid phone number.',
    })
  })
})
