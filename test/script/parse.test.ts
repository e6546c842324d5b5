import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  MAX_SCRIPT_BYTES,
  parseScript,
  ScriptError,
  scriptFormatOf,
  type ParsedScript,
} from '../../shared/script';
import { generateFdx, generateFountain } from './generate';

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');
const byNumber = (parsed: ParsedScript, number: string) => parsed.scenes.find((s) => s.number === number)!;

function scriptError(fn: () => unknown): ScriptError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ScriptError) return error;
    throw error;
  }
  throw new Error('expected a ScriptError');
}

const fdx = (content: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<FinalDraft DocumentType="Script" Version="5"><Content>${content}</Content></FinalDraft>`;

describe('Fountain', () => {
  const parsed = parseScript(fixture('tide-pool.fountain'), 'fountain');

  it('reads every kind of heading: INT., EXT., INT./EXT., I/E, EST and forced', () => {
    expect(parsed.scenes.map((s) => [s.number, s.intExt, s.set])).toEqual([
      ['1', 'INT', 'BAIT SHOP'],
      ['2', 'EXT', 'HARBOUR PIER'],
      ['3', 'EXT', 'SEA WALL'],
      ['4', 'INT', 'OMITTED'],
      ['5A', 'INT/EXT', "MARA'S VAN"],
      ['6', 'INT/EXT', 'HARBOUR OFFICE'],
      ['7', 'EXT', 'NORTH BEACH - MAGIC HOUR'],
      ['8', 'EXT', 'PORT ELLIS'],
      ['9', 'INT', 'FLASHBACK - LIGHTHOUSE'],
    ]);
  });

  it('maps times of day: MORNING -> DAY, EVENING -> DUSK, CONTINUOUS and LATER inherit, unknown kept and flagged', () => {
    expect(byNumber(parsed, '1').time).toBe('DAY');
    expect(byNumber(parsed, '2').time).toBe('DAY'); // CONTINUOUS after a MORNING scene
    expect(byNumber(parsed, '3').time).toBe('DUSK');
    expect(byNumber(parsed, '5A').time).toBe('NIGHT');
    expect(byNumber(parsed, '6').time).toBe('NIGHT'); // LATER after a NIGHT scene
    expect(byNumber(parsed, '8').time).toBe('DAWN');
    expect(byNumber(parsed, '7').time).toBe('DAY');
    expect(parsed.warnings).toContainEqual(
      expect.stringMatching(/^scene 7 \(line 48\): time of day "MAGIC HOUR"/),
    );
    expect(parsed.warnings).toContainEqual(expect.stringMatching(/^scene 9 \(line 54\).*no INT\. or EXT\./));
  });

  it('keeps omitted scenes with their numbers', () => {
    expect(byNumber(parsed, '4')).toMatchObject({ omitted: true, heading: 'OMITTED', place: { line: 38 } });
  });

  it('takes the synopsis from the first action line and the cast from the cues, extensions stripped', () => {
    expect(byNumber(parsed, '1').synopsis).toBe(
      'Mara counts the till while the radio mutters the shipping forecast.',
    );
    expect(byNumber(parsed, '1').characters).toEqual(['JONAH', 'MARA']);
    expect(byNumber(parsed, '2').characters).toEqual(['MARA']);
    expect(byNumber(parsed, '8').synopsis).toBe('');
  });

  it('reads dual dialogue (^) as two speakers, side by side for the length', () => {
    expect(byNumber(parsed, '3').characters).toEqual(['MARA', 'INES']);
    // two ten-line speeches: stacked 1 + 12 + 12 = 25 lines (4/8); side by side 1 + 12 = 13 lines (2/8)
    const speech = 'word '.repeat(70).trim();
    const side = parseScript(`INT. A - DAY\n\nMARA\n${speech}\n\nINES ^\n${speech}\n`, 'fountain');
    const stacked = parseScript(`INT. A - DAY\n\nMARA\n${speech}\n\nINES\n${speech}\n`, 'fountain');
    expect(side.scenes[0]!.characters).toEqual(['MARA', 'INES']);
    expect(stacked.scenes[0]!.eighths).toBe(4);
    expect(side.scenes[0]!.eighths).toBe(2);
  });

  it('estimates length at 55 lines a page, rounded up, never under 1/8', () => {
    expect(byNumber(parsed, '8').eighths).toBe(1);
    expect(byNumber(parsed, '1').eighthsFrom).toBe('estimate');
    // 1 heading + 54 action lines (each with a blank before) = 109 printed lines -> 109 * 8 / 55 = 15.9 -> 16
    const long = ['INT. A - DAY', ...Array.from({ length: 54 }, (_, i) => `\nLine ${i}.`)].join('\n');
    expect(parseScript(long, 'fountain').scenes[0]!.eighths).toBe(16);
  });

  it('gives unnumbered scenes a null number', () => {
    const p = parseScript('INT. KITCHEN - DAY\n\nA.\n\nEXT. YARD - NIGHT\n\nB.\n', 'fountain');
    expect(p.scenes.map((s) => s.number)).toEqual([null, null]);
  });

  it('rejects a file with no scene headings, naming what it looked for', () => {
    expect(
      scriptError(() => parseScript('Dear Sir,\n\nPlease find attached.\n', 'fountain')).message,
    ).toMatch(/no scene headings found/);
  });

  it('rejects a heading without a set name, naming its line', () => {
    const e = scriptError(() => parseScript('INT. KITCHEN - DAY\n\nA.\n\nEXT. - NIGHT\n\nB.\n', 'fountain'));
    expect(e.message).toMatch(/^line 5: the scene heading "EXT\. - NIGHT" has no set name/);
    expect(e.place).toEqual({ line: 5 });
  });

  it('rejects a bad or repeated scene number, naming its line', () => {
    expect(scriptError(() => parseScript('\n\nINT. A - DAY #12-3#\n\nA.\n', 'fountain')).message).toMatch(
      /^line 3: scene number "12-3" is not like 12/,
    );
    expect(
      scriptError(() => parseScript('INT. A - DAY #4#\n\nA.\n\nINT. B - DAY #4#\n\nB.\n', 'fountain'))
        .message,
    ).toMatch(/^line 5: scene number 4 is used twice \(first at line 1\)/);
  });

  it('rejects binary data and XML sent as Fountain', () => {
    expect(scriptError(() => parseScript('INT. A - DAY\n\u0000\u0001PK', 'fountain')).message).toMatch(
      /^line 2: binary data/,
    );
    expect(scriptError(() => parseScript('<?xml version="1.0"?><x/>', 'fountain')).message).toMatch(
      /looks like XML/,
    );
  });
});

describe('Final Draft', () => {
  const parsed = parseScript(fixture('tide-pool.fdx'), 'fdx');

  it('reads Number, heading parts and the SceneProperties Length', () => {
    expect(parsed.scenes.map((s) => [s.number, s.intExt, s.set, s.time, s.eighths, s.eighthsFrom])).toEqual([
      ['1', 'INT', 'BAIT SHOP', 'DAY', 11, 'script'],
      ['2', 'EXT', 'HARBOUR PIER', 'DAY', 1, 'estimate'],
      ['3', 'EXT', 'SEA WALL', 'DUSK', 16, 'script'],
      ['4', 'INT', 'OMITTED', 'DAY', 1, 'script'],
      ['5A', 'INT/EXT', "MARA'S VAN", 'NIGHT', 3, 'script'],
    ]);
  });

  it('joins a paragraph split into several <Text> runs by revision marks', () => {
    expect(parsed.scenes[0]!.synopsis).toBe(
      'Mara counts the till while the radio mutters the shipping forecast.',
    );
    expect(parsed.scenes[0]!.characters).toEqual(['JONAH', 'MARA']); // MA + RA
  });

  it('reads dual dialogue inside <DualDialogue>', () => {
    expect(parsed.scenes[2]!.characters).toEqual(['MARA', 'INES']);
  });

  it('keeps an omitted scene with its number, by its text or its Omitted attribute', () => {
    expect(parsed.scenes[3]).toMatchObject({ number: '4', omitted: true });
    const p = parseScript(
      fdx(
        '<Paragraph Number="7" Type="Scene Heading" Omitted="Yes"><Text>INT. GONE - DAY</Text></Paragraph>',
      ),
      'fdx',
    );
    expect(p.scenes[0]).toMatchObject({ number: '7', omitted: true });
  });

  it('refuses a DOCTYPE or an entity declaration before parsing, naming the line', () => {
    const bomb = `<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>\n<FinalDraft><Content/></FinalDraft>`;
    expect(scriptError(() => parseScript(bomb, 'fdx')).message).toMatch(
      /^line 2: the file declares a DOCTYPE/,
    );
    const external = `<?xml version="1.0"?>\n\n<!ENTITY x SYSTEM "file:///etc/passwd">`;
    expect(scriptError(() => parseScript(external, 'fdx')).message).toMatch(
      /^line 3: the file declares a ENTITY/,
    );
  });

  it('reports malformed XML with its line', () => {
    const e = scriptError(() =>
      parseScript('<?xml version="1.0"?>\n<FinalDraft>\n<Content>\n</FinalDraft>', 'fdx'),
    );
    expect(e.message).toMatch(/^line 4: not well-formed XML/);
  });

  it('rejects XML that is not a Final Draft script', () => {
    expect(
      scriptError(() => parseScript('<?xml version="1.0"?><html><body/></html>', 'fdx')).message,
    ).toMatch(/not a Final Draft file: the root element is <html>/);
    expect(
      scriptError(() => parseScript(fdx('<Paragraph Type="Action"><Text>Hi</Text></Paragraph>'), 'fdx'))
        .message,
    ).toMatch(/no scene headings found/);
  });

  it('names the paragraph of an unreadable heading or length', () => {
    const heading = fdx(
      '<Paragraph Type="Action"><Text>x</Text></Paragraph><Paragraph Type="Scene Heading"><Text>INT.</Text></Paragraph>',
    );
    expect(scriptError(() => parseScript(heading, 'fdx')).message).toMatch(
      /^paragraph 2: the scene heading "INT\." has no set name/,
    );
    const length = fdx(
      '<Paragraph Type="Scene Heading"><SceneProperties Length="lots"/><Text>INT. A - DAY</Text></Paragraph>',
    );
    expect(scriptError(() => parseScript(length, 'fdx')).message).toMatch(
      /^paragraph 1: scene length "lots"/,
    );
  });
});

describe('both formats', () => {
  it('refuses a file over the size limit before parsing it', () => {
    const big = 'INT. A - DAY\n\n' + 'x'.repeat(MAX_SCRIPT_BYTES);
    const e = scriptError(() => parseScript(big, 'fountain'));
    expect(e.kind).toBe('too_large');
    expect(e.message).toMatch(/the largest accepted is 5 MB/);
  });

  it('tells the format from the file name, else from the content', () => {
    expect(scriptFormatOf('draft.FDX', '')).toBe('fdx');
    expect(scriptFormatOf('draft.fountain', '<?xml')).toBe('fountain');
    expect(scriptFormatOf('draft', '<?xml version="1.0"?>')).toBe('fdx');
    expect(scriptFormatOf('draft', 'INT. A - DAY')).toBe('fountain');
  });

  it('reads a generated 120-page script in both formats to the same scenes', () => {
    const fountain = generateFountain(120);
    const finalDraft = generateFdx(120);
    const started = performance.now();
    const a = parseScript(fountain, 'fountain');
    const b = parseScript(finalDraft, 'fdx');
    const elapsed = performance.now() - started;
    expect(a.scenes).toHaveLength(120);
    expect(a.scenes.reduce((sum, s) => sum + s.eighths, 0)).toBe(120 * 8);
    const plain = (p: ParsedScript) => p.scenes.map(({ place: _place, ...rest }) => rest);
    expect(plain(b)).toEqual(plain(a));
    expect(a.scenes[4]).toMatchObject({
      intExt: 'INT/EXT',
      time: 'DUSK',
      characters: expect.arrayContaining(['INES']),
    });
    console.info(`120-page script: both formats parsed in ${elapsed.toFixed(0)} ms`);
  });
});
