import { REGION_ALIASES, REGIONS, type Region } from './regions.js'

/** Lower case, accents and dots dropped, "&" as "and", single spaces: "Québec" → "quebec". */
export function regionKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[.,'’]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

function buildIndex(): ReadonlyMap<string, Region> {
  const byCode = new Map(REGIONS.map((region) => [region.code, region]))
  const index = new Map<string, Region>()
  for (const region of REGIONS) {
    index.set(regionKey(region.code), region)
    index.set(regionKey(region.name), region)
  }
  for (const [alias, code] of Object.entries(REGION_ALIASES)) {
    const region = byCode.get(code)
    if (region) index.set(regionKey(alias), region)
  }
  return index
}

const INDEX = buildIndex()

/** A region by its code or name, in any case; undefined when it is none of them. */
export function findRegion(text: string): Region | undefined {
  return INDEX.get(regionKey(text))
}
