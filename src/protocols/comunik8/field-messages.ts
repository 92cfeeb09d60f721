import type { AddLeadField, FieldProblem } from '../../core/dialler/validate-add-lead.js'

/** Field labels in the messages (Comunik8 Leads API, FIELDS). */
const LABELS: Record<AddLeadField, string> = {
  email: 'Email',
  firstName: 'First Name',
  surname: 'Surname',
  mobile: 'Mobile',
  type: 'Type',
  subtype: 'Subtype',
  otherPhone: 'Other Phone',
  data: 'Data',
  delays: 'Delays',
  test: 'Test',
}

export const DATA_FIELD_MESSAGE = 'Empty or invalid content of `data` field'

/**
 * A field problem in Comunik8's words. The document shows "Email cannot be blank." (Fail States)
 * and the `data` message; those follow the Yii framework's validator sentences ("{Label} cannot
 * be blank."), so the other problems use the same framework's sentences.
 */
export function fieldMessage(field: AddLeadField, problem: FieldProblem): string {
  const label = LABELS[field]
  switch (problem.code) {
    case 'blank':
      return `${label} cannot be blank.`
    case 'not_text':
      return `${label} must be a string.`
    case 'too_long':
      return `${label} should contain at most ${problem.limit} characters.`
    case 'invalid_email':
      return `${label} is not a valid email address.`
    case 'invalid_phone':
      return `${label} is not a valid phone number.`
    case 'not_an_object':
      return DATA_FIELD_MESSAGE
    case 'not_a_number':
      return `${label} must be a number.`
    case 'too_small':
      return `${label} must be no less than ${problem.limit}.`
    case 'too_large':
      return `${label} must be no greater than ${problem.limit}.`
    case 'not_boolean':
      return `${label} must be either "true" or "false".`
  }
}
