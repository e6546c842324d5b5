/**
 * Script import: Fountain and Final Draft files read into one plain list of scenes. Runs in the browser
 * (the breakdown screen previews a file offline) and on the server (the import route), so no Node built-ins.
 */
import { parseFdx } from './fdx';
import { parseFountain } from './fountain';
import { MAX_SCRIPT_BYTES, ScriptError, type ParsedScript, type ScriptFormat } from './types';

export * from './types';
export { readHeading } from './heading';
export { characterName } from './scenes';

export function parseScript(text: string, format: ScriptFormat): ParsedScript {
  const bytes = byteLength(text);
  if (bytes > MAX_SCRIPT_BYTES) {
    throw new ScriptError(
      `the script is ${(bytes / 1024 / 1024).toFixed(1)} MB; the largest accepted is ${MAX_SCRIPT_BYTES / 1024 / 1024} MB`,
      {},
      'too_large',
    );
  }
  return format === 'fdx' ? parseFdx(text) : parseFountain(text);
}

/** From a file name (`.fdx`, `.fountain`, `.txt`, `.spmd`) or, failing that, the first characters. */
export function scriptFormatOf(fileName: string, text: string): ScriptFormat {
  if (/\.fdx$/i.test(fileName)) return 'fdx';
  if (/\.(fountain|spmd|txt)$/i.test(fileName)) return 'fountain';
  return /^\uFEFF?\s*<(\?xml|FinalDraft)/.test(text) ? 'fdx' : 'fountain';
}

function byteLength(text: string): number {
  // every UTF-16 unit is at most 3 bytes of UTF-8, so only a borderline file needs encoding
  if (text.length * 3 <= MAX_SCRIPT_BYTES) return text.length;
  if (text.length > MAX_SCRIPT_BYTES) return text.length;
  return new TextEncoder().encode(text).length;
}
