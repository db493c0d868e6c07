/**
 * Reads back the XML that transcriptXml writes (only that dialect: elements, the type / nil
 * attributes, escaped text) into the canonical object, so tests and importers can check that
 * the XML and the JSON say the same thing.
 */
import { ITEM_NAMES } from './transcript-xml.ts';

type Node = { name: string; attrs: Record<string, string>; children: Node[]; text: string };

function unescapeXml(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos|#\d+);/g, (_, e: string) =>
    e === 'amp' ? '&' : e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'quot' ? '"' : e === 'apos' ? "'" : String.fromCodePoint(Number(e.slice(1))),
  );
}

function parse(xml: string): Node {
  const body = xml.replace(/^<\?xml[^>]*\?>\s*/, '');
  const stack: Node[] = [{ name: '#root', attrs: {}, children: [], text: '' }];
  const re = /<(\/?)([A-Za-z][\w.-]*)((?:\s+[\w:]+="[^"]*")*)\s*(\/?)>|([^<]+)/g;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    if (m[5] !== undefined) {
      stack[stack.length - 1].text += unescapeXml(m[5]);
      continue;
    }
    const [, closing, name, rawAttrs, selfClosing] = m;
    if (closing) {
      const done = stack.pop()!;
      if (done.name !== name) throw new Error(`XML: </${name}> closes <${done.name}>`);
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of rawAttrs.matchAll(/([\w:]+)="([^"]*)"/g)) attrs[a[1]] = unescapeXml(a[2]);
    const node: Node = { name, attrs, children: [], text: '' };
    stack[stack.length - 1].children.push(node);
    if (!selfClosing) stack.push(node);
  }
  return stack[0].children[0];
}

function value(node: Node): unknown {
  if (node.attrs.nil === 'true') return null;
  if (node.attrs.type === 'integer') return Number(node.text);
  if (node.attrs.type === 'boolean') return node.text === 'true';
  if (node.attrs.type === 'list') return node.children.map(value);
  if (node.children.length) return Object.fromEntries(node.children.map((c) => [c.name, value(c)]));
  // An element without children and without a type is a string (an empty object has no use here).
  return node.name in ITEM_NAMES ? [] : node.text;
}

export function readTranscriptXml(xml: string): Record<string, unknown> {
  const root = parse(xml);
  if (root.name !== 'transcript') throw new Error('XML: the root is not <transcript>');
  return { format: root.attrs.format, formatVersion: Number(root.attrs.version), ...Object.fromEntries(root.children.map((c) => [c.name, value(c)])) };
}
