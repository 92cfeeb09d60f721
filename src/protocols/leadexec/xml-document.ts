/**
 * The XML LeadExec answers with is .NET XmlSerializer output (seed 003 examples): a utf-8
 * declaration, a root carrying the xsd/xsi namespace declarations, `<Name />` for an empty
 * string and `xsi:nil="true"` for a null. fast-xml-parser's builder cannot produce those
 * empty-element and nil forms, so this small writer does, escaping every text it writes.
 */
export type XmlContent = string | number | boolean | null | XmlElement[]

export interface XmlElement {
  name: string
  content: XmlContent
}

export const NAMESPACES =
  'xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'

export function el(name: string, content: XmlContent): XmlElement {
  return { name, content }
}

export function escapeXml(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: XML 1.0 forbids these characters, so they are dropped
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
  )
}

function render(node: XmlElement, attrs = ''): string {
  const open = attrs ? `${node.name} ${attrs}` : node.name
  const { content } = node
  if (content === null) return `<${open} xsi:nil="true" />`
  if (Array.isArray(content)) return `<${open}>${content.map((c) => render(c)).join('')}</${node.name}>`
  const text = String(content)
  return text === '' ? `<${open} />` : `<${open}>${escapeXml(text)}</${node.name}>`
}

/** A whole document whose root carries the namespace declarations. */
export function xmlDocument(root: XmlElement): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${render(root, NAMESPACES)}`
}
