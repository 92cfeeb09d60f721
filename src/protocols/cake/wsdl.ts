import type { CakeOperation } from './cake-answers.js'

/**
 * The service description an ASMX service serves at `?WSDL` (002, "Resource/WSDL Page"), for the
 * operations this service answers: document/literal, one SOAP 1.1 and one SOAP 1.2 binding, the
 * parameters read-cake-call.ts and return-lead-params.ts read and the answers cake-answers.ts
 * writes. Optional integers are strings: 002 says they are passed empty ("you can use a null
 * value"), which xs:int would forbid.
 */
export function cakeWsdl(operations: readonly CakeOperation[], namespace: string, location: string): string {
  const ops = operations.map((op) => OPERATIONS[op])
  return `<?xml version="1.0" encoding="utf-8"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:soap12="http://schemas.xmlsoap.org/wsdl/soap12/" xmlns:s="http://www.w3.org/2001/XMLSchema" xmlns:tns="${namespace}" targetNamespace="${namespace}">
  <wsdl:types>
    <s:schema elementFormDefault="qualified" targetNamespace="${namespace}">
${ops.map(schemaOf).join('\n')}
${SHARED_TYPES}
    </s:schema>
  </wsdl:types>
${ops.map(messagesOf).join('\n')}
  <wsdl:portType name="CakeSoap">
${ops.map((o) => `    <wsdl:operation name="${o.name}"><wsdl:input message="tns:${o.name}SoapIn" /><wsdl:output message="tns:${o.name}SoapOut" /></wsdl:operation>`).join('\n')}
  </wsdl:portType>
${binding('soap', 'CakeSoap', ops, namespace)}
${binding('soap12', 'CakeSoap12', ops, namespace)}
  <wsdl:service name="Cake">
    <wsdl:port name="CakeSoap" binding="tns:CakeSoap"><soap:address location="${escapeXml(location)}" /></wsdl:port>
    <wsdl:port name="CakeSoap12" binding="tns:CakeSoap12"><soap12:address location="${escapeXml(location)}" /></wsdl:port>
  </wsdl:service>
</wsdl:definitions>
`
}

interface OperationSpec {
  name: CakeOperation
  /** [name, XSD type, required] in 002's order. */
  params: readonly (readonly [string, string, boolean])[]
  result: string
}

const OPERATIONS: Record<CakeOperation, OperationSpec> = {
  ReturnLead: {
    name: 'ReturnLead',
    params: [
      ['api_key', 's:string', true],
      ['lead_id', 's:string', true],
      ['vertical_id', 's:string', false],
      ['buyer_contract_id', 's:string', false],
      ['return_type', 'tns:return_type', true],
      ['return_reason_id', 's:int', true],
      ['denied_reason_id', 's:string', false],
    ],
    result: 'tns:lead_return_response',
  },
  GetReturnReasons: {
    name: 'GetReturnReasons',
    params: [['api_key', 's:string', true]],
    result: 'tns:reasons_response',
  },
  GetRejectReasons: {
    name: 'GetRejectReasons',
    params: [['api_key', 's:string', true]],
    result: 'tns:reasons_response',
  },
}

const SHARED_TYPES = `      <s:simpleType name="return_type">
        <s:restriction base="s:string">
          <s:enumeration value="approve_to_replace" />
          <s:enumeration value="approve_for_credit" />
          <s:enumeration value="submit_for_approval" />
          <s:enumeration value="reject" />
        </s:restriction>
      </s:simpleType>
      <s:complexType name="lead_return_response">
        <s:sequence>
          <s:element name="success" type="s:boolean" />
          <s:element name="message" type="s:string" />
        </s:sequence>
      </s:complexType>
      <s:complexType name="reasons_response">
        <s:sequence>
          <s:element name="success" type="s:boolean" />
          <s:element name="message" type="s:string" />
          <s:element name="row_count" type="s:int" />
          <s:element name="reasons">
            <s:complexType>
              <s:sequence>
                <s:element name="reason" minOccurs="0" maxOccurs="unbounded">
                  <s:complexType>
                    <s:sequence>
                      <s:element name="reason_id" type="s:int" />
                      <s:element name="reason_name" type="s:string" />
                    </s:sequence>
                  </s:complexType>
                </s:element>
              </s:sequence>
            </s:complexType>
          </s:element>
        </s:sequence>
      </s:complexType>`

function schemaOf(op: OperationSpec): string {
  const params = op.params
    .map(
      ([name, type, required]) =>
        `<s:element name="${name}" type="${type}" minOccurs="${required ? 1 : 0}" />`,
    )
    .join('')
  return `      <s:element name="${op.name}"><s:complexType><s:sequence>${params}</s:sequence></s:complexType></s:element>
      <s:element name="${op.name}Response"><s:complexType><s:sequence><s:element name="${op.name}Result" type="${op.result}" /></s:sequence></s:complexType></s:element>`
}

function messagesOf(op: OperationSpec): string {
  return `  <wsdl:message name="${op.name}SoapIn"><wsdl:part name="parameters" element="tns:${op.name}" /></wsdl:message>
  <wsdl:message name="${op.name}SoapOut"><wsdl:part name="parameters" element="tns:${op.name}Response" /></wsdl:message>`
}

function binding(prefix: 'soap' | 'soap12', name: string, ops: readonly OperationSpec[], ns: string): string {
  const operations = ops
    .map(
      (o) => `    <wsdl:operation name="${o.name}">
      <${prefix}:operation soapAction="${ns}${o.name}" style="document" />
      <wsdl:input><${prefix}:body use="literal" /></wsdl:input>
      <wsdl:output><${prefix}:body use="literal" /></wsdl:output>
    </wsdl:operation>`,
    )
    .join('\n')
  return `  <wsdl:binding name="${name}" type="tns:CakeSoap">
    <${prefix}:binding transport="http://schemas.xmlsoap.org/soap/http" />
${operations}
  </wsdl:binding>`
}

function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;')
}
