/**
 * Final Draft (.fdx) through `fast-xml-parser`, walked by our own code. A DOCTYPE or an entity declaration
 * is refused before the parser sees the file (no entity expansion, no external fetches), and the XML is
 * checked for well-formedness first so a broken file is reported with its line.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { buildScenes, type ElementKind, type ScriptElement } from './scenes';
import { ScriptError, type ParsedScript } from './types';

/** preserveOrder output: each node is `{tagName: children[], ':@'?: attributes}` or `{'#text': string}`. */
type XmlNode = Record<string, unknown>;

const PARAGRAPH_KINDS: Record<string, ElementKind> = {
  'Scene Heading': 'heading',
  Action: 'action',
  Character: 'character',
  Parenthetical: 'parenthetical',
  Dialogue: 'dialogue',
  Transition: 'transition',
};

export function parseFdx(source: string): ParsedScript {
  const text = source.replace(/^\uFEFF/, '');
  const declaration = /<!(DOCTYPE|ENTITY)/i.exec(text);
  if (declaration) {
    const line = lineAt(text, declaration.index);
    throw new ScriptError(
      `line ${line}: the file declares a ${declaration[1]!.toUpperCase()}; Final Draft files have none, and entities are refused`,
      { line },
    );
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new ScriptError(`line ${valid.err.line}: not well-formed XML: ${valid.err.msg}`, {
      line: valid.err.line,
    });
  }
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    trimValues: false,
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: true,
    htmlEntities: false,
  });
  const nodes = parser.parse(text) as XmlNode[];
  const root = nodes.find((n) => !('?xml' in n) && !('#text' in n) && !('#comment' in n));
  const rootName = root ? tagOf(root) : null;
  if (!root || rootName !== 'FinalDraft') {
    throw new ScriptError(
      `not a Final Draft file: the root element is ${rootName ? `<${rootName}>` : 'missing'}, expected <FinalDraft>`,
      { line: 1 },
    );
  }
  const content = children(root).find((n) => tagOf(n) === 'Content');
  if (!content) throw new ScriptError('not a Final Draft script: <FinalDraft> has no <Content>');
  const walker = { count: 0, elements: [] as ScriptElement[] };
  walk(children(content), walker, undefined);
  if (!walker.elements.some((e) => e.kind === 'heading')) {
    throw new ScriptError('no scene headings found: no paragraph of Type "Scene Heading" in <Content>');
  }
  return { format: 'fdx', ...buildScenes(walker.elements) };
}

function walk(
  nodes: readonly XmlNode[],
  walker: { count: number; elements: ScriptElement[] },
  dualBlock: { side: 'left' | 'right' | undefined } | undefined,
): void {
  for (const node of nodes) {
    if (tagOf(node) !== 'Paragraph') continue;
    walker.count++;
    const paragraph = walker.count;
    const attrs = attributesOf(node);
    const kids = children(node);
    const type = attrs.Type ?? '';
    const kind = PARAGRAPH_KINDS[type] ?? 'other';
    // Revision marks and styles split one paragraph's words over several <Text> runs
    const text = kids
      .filter((k) => tagOf(k) === 'Text')
      .map(textOf)
      .join('');
    const dual = kids.find((k) => tagOf(k) === 'DualDialogue');
    if (dual) {
      walk(children(dual), walker, { side: undefined });
      continue;
    }
    let side: 'left' | 'right' | undefined;
    if (dualBlock) {
      if (kind === 'character') dualBlock.side = dualBlock.side === undefined ? 'left' : 'right';
      side = dualBlock.side;
    }
    const element: ScriptElement = { kind, text, place: { paragraph }, ...(side ? { dual: side } : {}) };
    if (kind === 'heading') {
      const props = kids.find((k) => tagOf(k) === 'SceneProperties');
      const propAttrs = props ? attributesOf(props) : {};
      element.number = attrs.Number?.trim() || null;
      element.eighths = readLength(propAttrs.Length, paragraph);
      element.omitted = [attrs.Omitted, propAttrs.Omitted].some((v) => /^(yes|true|1)$/i.test(v ?? ''));
    }
    walker.elements.push(element);
  }
}

/** `1 3/8` -> 11, `3/8` -> 3, `2` -> 16; empty means "not given". */
function readLength(value: string | undefined, paragraph: number): number | null {
  const text = (value ?? '').trim();
  if (text === '') return null;
  const m = /^(?:(\d{1,3})(?:\s+(\d)\/8)?|(\d)\/8)$/.exec(text);
  if (!m) {
    throw new ScriptError(
      `paragraph ${paragraph}: scene length ${JSON.stringify(text)} is not in pages and eighths like 1 3/8`,
      { paragraph },
    );
  }
  const eighths = m[3] !== undefined ? Number(m[3]) : Number(m[1]) * 8 + Number(m[2] ?? 0);
  return Math.max(1, Math.min(eighths, 8 * 200));
}

function tagOf(node: XmlNode): string | null {
  for (const key of Object.keys(node)) if (key !== ':@') return key;
  return null;
}

function children(node: XmlNode): XmlNode[] {
  const tag = tagOf(node);
  const value = tag ? node[tag] : undefined;
  return Array.isArray(value) ? (value as XmlNode[]) : [];
}

function attributesOf(node: XmlNode): Record<string, string | undefined> {
  const attrs = node[':@'];
  return attrs && typeof attrs === 'object' ? (attrs as Record<string, string>) : {};
}

function textOf(node: XmlNode): string {
  return children(node)
    .map((k) => (typeof k['#text'] === 'string' ? k['#text'] : ''))
    .join('');
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
