/**
 * Fountain (plain-text screenplays) through `fountain-js`, reduced to our script elements. fountain-js does
 * not say where a token came from, so scene headings are matched back to their source lines in order: every
 * error and warning can then name a line.
 */
import { Fountain, type Token } from 'fountain-js';
import { buildScenes, type ScriptElement } from './scenes';
import { ScriptError, type ParsedScript } from './types';

const PREFIX_ONLY =
  /^\s*(?:INT\.?\s*\/\s*EXT|EXT\.?\s*\/\s*INT|I\s*\/\s*E|INT|EXT|EST)\.?\s*(?:[-–—]\s*\S.*)?$/i;

export function parseFountain(source: string): ParsedScript {
  const text = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = text.split('\n');
  const control = lines.findIndex(hasControlCharacters);
  if (control >= 0) {
    throw new ScriptError(`line ${control + 1}: binary data; this is not a Fountain script`, {
      line: control + 1,
    });
  }
  if (/^\s*</.test(text)) {
    throw new ScriptError(
      'line 1: this looks like XML, not Fountain; send a Final Draft file as application/xml',
      {
        line: 1,
      },
    );
  }
  let tokens: Token[];
  try {
    tokens = new Fountain().parse(text, true).tokens;
  } catch (error) {
    throw new ScriptError(
      `the Fountain parser could not read the file: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  const elements = toElements(tokens, lines);
  if (!elements.some((e) => e.kind === 'heading')) {
    throw new ScriptError(
      'no scene headings found: a Fountain scene starts with INT., EXT., EST., INT./EXT., I/E or a line forced with "."',
    );
  }
  return { format: 'fountain', ...buildScenes(elements) };
}

function toElements(tokens: readonly Token[], lines: readonly string[]): ScriptElement[] {
  const elements: ScriptElement[] = [];
  let cursor = 0;
  let dual: 'left' | 'right' | undefined;
  for (const token of tokens) {
    if (token.is_title) continue;
    const value = token.text ?? '';
    switch (token.type) {
      case 'scene_heading': {
        const line = findHeadingLine(lines, cursor, value);
        if (line !== null) cursor = line;
        elements.push({
          kind: 'heading',
          text: stripEmphasis(value),
          number: token.scene_number ?? null,
          place: line === null ? {} : { line: line + 1 },
        });
        break;
      }
      case 'action': {
        const first = value.split('\n')[0] ?? '';
        if (PREFIX_ONLY.test(first)) {
          const line = findLine(lines, cursor, first);
          throw new ScriptError(
            `${line === null ? 'the file' : `line ${line + 1}`}: the scene heading ${JSON.stringify(first.trim())} has no set name`,
            line === null ? {} : { line: line + 1 },
          );
        }
        elements.push({ kind: 'action', text: stripEmphasis(value), place: {} });
        break;
      }
      case 'dialogue_begin':
        dual = token.dual === 'left' || token.dual === 'right' ? token.dual : undefined;
        break;
      case 'dialogue_end':
        dual = undefined;
        break;
      case 'character':
      case 'dialogue':
      case 'parenthetical':
      case 'transition':
        elements.push({ kind: token.type, text: stripEmphasis(value), place: {}, ...(dual ? { dual } : {}) });
        break;
      case 'centered':
      case 'lyrics':
        elements.push({ kind: 'other', text: stripEmphasis(value), place: {} });
        break;
      default:
        // notes, sections, synopses, page breaks and boneyard are not printed
        break;
    }
  }
  return elements;
}

/** The source line of a heading token, searching forward from the previous heading. */
function findHeadingLine(lines: readonly string[], from: number, heading: string): number | null {
  const want = normalise(heading);
  for (let i = from; i < lines.length; i++) {
    const candidate = normalise(
      lines[i]!.trim()
        .replace(/^\.(?!\.)/, '')
        .replace(/\s*#[\w.-]+#\s*$/, ''),
    );
    if (candidate === want) return i;
  }
  return null;
}

function findLine(lines: readonly string[], from: number, text: string): number | null {
  const want = normalise(text);
  for (let i = from; i < lines.length; i++) if (normalise(lines[i]!) === want) return i;
  return null;
}

const normalise = (s: string) => s.trim().replace(/\s+/g, ' ').toUpperCase();

/** Fountain emphasis (`*bold*`, `_underline_`) and escapes are formatting, not words. */
function stripEmphasis(text: string): string {
  return text.replace(/\\([*_])|[*_]+/g, (_match, escaped: string | undefined) => escaped ?? '');
}

/** NUL and the other C0 controls besides tab, newline, form feed and carriage return mean binary data. */
function hasControlCharacters(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    if (code < 32 && code !== 9 && code !== 12 && code !== 13) return true;
  }
  return false;
}
