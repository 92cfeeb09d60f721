import { isMap, isNode, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml'
import { LeadflowError } from '../errors.js'
import { isObject, list, noUnknownKeys } from './check.js'
import { formatPath, type Path, type Problem, Problems } from './problems.js'
import { type BuyerSpec, type ContractSpec, checkBuyer, checkContract } from './validate-buyer.js'
import { checkLeadType, type LeadTypeSpec } from './validate-lead-type.js'
import { type CampaignSpec, checkCampaign, checkSource, type SourceSpec } from './validate-source.js'

/** Each declared object keeps its path in the file, so a failure while saving it names the line. */
export interface Located<T> {
  at: Path
  spec: T
}

export interface ConfigFileSpec {
  lead_types: Located<LeadTypeSpec>[]
  sources: (Located<SourceSpec> & { campaigns: Located<CampaignSpec>[] })[]
  buyers: (Located<BuyerSpec> & { contracts: Located<ContractSpec>[] })[]
}

export interface ParsedConfigFile {
  spec: ConfigFileSpec
  /** `leadflow.yaml:12 lead_types[0].fields[2].type: …` for a problem at `at`. */
  describe(at: Path, message: string): { path: string; line: number | null; message: string; text: string }
}

const TOP_KEYS = ['lead_types', 'sources', 'buyers']

/**
 * Reads a leadflow.yaml (docs/configuration.md) and validates every object with the same
 * validators as the native API. All problems of the file are reported at once, each with its
 * line, as LF_CONFIG_FILE; nothing is written unless the whole file is valid.
 */
export function parseConfigFile(source: string, fileName: string): ParsedConfigFile {
  const lines = new LineCounter()
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false, uniqueKeys: true })
  // A key's own line (not its value's, which may start on the next line); for a missing key,
  // the line of the nearest enclosing node that exists.
  const lineOf = (at: Path): number | null => {
    for (let n = at.length; n > 0; n--) {
      const node = nodeAt(n === 1 ? doc.contents : doc.getIn(at.slice(0, n - 1), true), at[n - 1]!)
      if (node?.range) return lines.linePos(node.range[0]).line
    }
    return isNode(doc.contents) && doc.contents.range ? lines.linePos(doc.contents.range[0]).line : null
  }
  const describe = (at: Path, message: string) => {
    const line = lineOf(at)
    const path = formatPath(at)
    return {
      path,
      line,
      message,
      text: `${fileName}${line ? `:${line}` : ''} ${path || '(file)'}: ${message}`,
    }
  }
  const parsed: ParsedConfigFile = { spec: { lead_types: [], sources: [], buyers: [] }, describe }
  if (doc.errors.length > 0) {
    throw configFileError(
      doc.errors.map((e) => {
        const line = lines.linePos(e.pos[0]).line
        const message = e.message.split('\n')[0] ?? e.message
        return { path: '', line, message, text: `${fileName}${line ? `:${line}` : ''} ${message}` }
      }),
    )
  }
  if (doc.contents !== null && !isMap(doc.contents)) {
    throw configFileError([describe([], 'must be a mapping with lead_types, sources and buyers')])
  }
  const problems = new Problems()
  parsed.spec = checkFile(problems, doc.toJS() ?? {})
  if (!problems.empty) throw configFileError(problems.list.map((p: Problem) => describe(p.at, p.message)))
  return parsed
}

export function configFileError(problems: ReturnType<ParsedConfigFile['describe']>[]): LeadflowError {
  const text = problems.map((p) => p.text).join('\n')
  return new LeadflowError(
    'LF_CONFIG_FILE',
    text,
    problems.map(({ path, line, message }) => ({ path, line, message })),
  )
}

function checkFile(p: Problems, root: Record<string, unknown>): ConfigFileSpec {
  noUnknownKeys(p, [], root, TOP_KEYS)
  const spec: ConfigFileSpec = {
    lead_types: list(p, ['lead_types'], root.lead_types ?? []).map((item, i) => ({
      at: ['lead_types', i],
      spec: checkLeadType(p, ['lead_types', i], item),
    })),
    sources: list(p, ['sources'], root.sources ?? []).map((item, i) =>
      checkSourceEntry(p, ['sources', i], item),
    ),
    buyers: list(p, ['buyers'], root.buyers ?? []).map((item, i) => checkBuyerEntry(p, ['buyers', i], item)),
  }
  unique(p, spec.lead_types, (s) => s.lid, 'lid')
  unique(p, spec.sources, (s) => s.vid, 'vid')
  unique(
    p,
    spec.sources.flatMap((s) => s.campaigns),
    (c) => c.aid,
    'aid',
  )
  unique(p, spec.buyers, (b) => b.name, 'name')
  for (const buyer of spec.buyers) unique(p, buyer.contracts, (c) => c.name, 'name')
  return spec
}

function checkSourceEntry(p: Problems, at: Path, item: unknown) {
  const spec = checkSource(p, at, item, ['campaigns'])
  const raw = isObject(item) ? item.campaigns : undefined
  const campaigns = list(p, [...at, 'campaigns'], raw ?? []).map((c, j) => ({
    at: [...at, 'campaigns', j],
    spec: checkCampaign(p, [...at, 'campaigns', j], c, spec.vid),
  }))
  return { at, spec, campaigns }
}

function checkBuyerEntry(p: Problems, at: Path, item: unknown) {
  const spec = checkBuyer(p, at, item, ['contracts'])
  const raw = isObject(item) ? item.contracts : undefined
  const contracts = list(p, [...at, 'contracts'], raw ?? []).map((c, j) => ({
    at: [...at, 'contracts', j],
    spec: checkContract(p, [...at, 'contracts', j], c),
  }))
  return { at, spec, contracts }
}

/** Natural keys must be unique within the file, or applying it would depend on order. */
function unique<T>(p: Problems, items: Located<T>[], key: (spec: T) => unknown, name: string) {
  const seen = new Map<unknown, Path>()
  for (const item of items) {
    const value = key(item.spec)
    const first = seen.get(value)
    if (first)
      p.add([...item.at, name], `${name} ${JSON.stringify(value)} is also declared at ${formatPath(first)}`)
    else seen.set(value, item.at)
  }
}

function nodeAt(parent: unknown, key: string | number): Node | undefined {
  if (isMap(parent) && typeof key === 'string') {
    const pair = parent.items.find((item) => isScalar(item.key) && String(item.key.value) === key)
    return isNode(pair?.key) ? pair.key : undefined
  }
  if (isSeq(parent) && typeof key === 'number') {
    const item = parent.items[key]
    return isNode(item) ? item : undefined
  }
  return undefined
}
