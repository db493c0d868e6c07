/**
 * The XML rendering of the canonical transcript (same content as the JSON, same order): a
 * hand-written serializer, no dependency. Mapping (docs/transcript-format.md §XML):
 * - root `<transcript xmlns="urn:sodiem:transcript:1" format="sodiem-transcript" version="1">`;
 *   its children are the other top-level members;
 * - an object member → an element named like the key, children in the canonical (sorted) order;
 * - a string → the element's text; an integer → text with `type="integer"`; a boolean → "true" /
 *   "false" with `type="boolean"`; null → an empty element with `nil="true"`;
 * - an array → a container element with `type="list"`, one child per item named by ITEM_NAMES.
 * Text escapes & < > " (and \r as &#13;); characters XML 1.0 cannot carry (other control
 * characters) are replaced by U+FFFD.
 */
import { TRANSCRIPT_XML_NAMESPACE, type TranscriptDocument } from './transcript-document.ts';

/** The element name of an array's items, by the array's key. */
export const ITEM_NAMES: Record<string, string> = {
  years: 'year',
  subjects: 'subject',
  periods: 'result',
  traits: 'trait',
  guardians: 'guardian',
  sources: 'source',
  retestSubjects: 'subjectCode',
};

export function escapeXml(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex -- characters XML 1.0 forbids are replaced on purpose
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\r/g, '&#13;');
}

function sortedEntries(value: object): [string, unknown][] {
  return Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function element(name: string, value: unknown, indent: string, out: string[]): void {
  if (value === null || value === undefined) {
    out.push(`${indent}<${name} nil="true"/>`);
  } else if (typeof value === 'string') {
    out.push(`${indent}<${name}>${escapeXml(value)}</${name}>`);
  } else if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error(`XML: ${value} is not an integer`);
    out.push(`${indent}<${name} type="integer">${value}</${name}>`);
  } else if (typeof value === 'boolean') {
    out.push(`${indent}<${name} type="boolean">${value}</${name}>`);
  } else if (Array.isArray(value)) {
    const item = ITEM_NAMES[name];
    if (!item) throw new Error(`XML: no item name for the list "${name}"`);
    if (!value.length) {
      out.push(`${indent}<${name} type="list"/>`);
      return;
    }
    out.push(`${indent}<${name} type="list">`);
    for (const v of value) element(item, v, `${indent}  `, out);
    out.push(`${indent}</${name}>`);
  } else if (typeof value === 'object') {
    const entries = sortedEntries(value);
    if (!entries.length) {
      out.push(`${indent}<${name}/>`);
      return;
    }
    out.push(`${indent}<${name}>`);
    for (const [k, v] of entries) element(k, v, `${indent}  `, out);
    out.push(`${indent}</${name}>`);
  } else {
    throw new Error(`XML: cannot encode a ${typeof value}`);
  }
}

/** The XML text (UTF-8, LF line ends, two-space indent, a final newline). */
export function transcriptXml(doc: TranscriptDocument): string {
  const { format, formatVersion, ...rest } = doc;
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<transcript xmlns="${TRANSCRIPT_XML_NAMESPACE}" format="${escapeXml(format)}" version="${formatVersion}">`];
  for (const [k, v] of sortedEntries(rest)) element(k, v, '  ', out);
  out.push('</transcript>');
  return `${out.join('\n')}\n`;
}
