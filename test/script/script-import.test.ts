import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { seedDemoBoard } from '../../shared/demo/index';
import { SCENES } from '../../shared/demo/production';
import {
  addScene,
  applyScriptToBreakdown,
  applyScriptToSchedule,
  diffScript,
  readBreakdown,
  readSchedule,
  rescale,
  splitStrip,
  type SceneUse,
} from '../../shared/model/index';
import { parseScript } from '../../shared/script';

function importInto(breakdown: Y.Doc, schedule: Y.Doc, text: string, use?: SceneUse) {
  const parsed = parseScript(text, text.startsWith('<?xml') ? 'fdx' : 'fountain');
  const result = applyScriptToBreakdown(
    breakdown,
    parsed.scenes,
    use ?? { strips: new Map(), shots: new Map() },
    parsed.warnings,
  );
  applyScriptToSchedule(schedule, result.schedule);
  return result.diff;
}

const fountain = (...scenes: string[]) => scenes.join('\n\n') + '\n';

describe('script diff and apply', () => {
  it('a first import fills an empty breakdown, cast by first appearance, strips in the boneyard', () => {
    const breakdown = new Y.Doc();
    const schedule = new Y.Doc();
    const diff = importInto(
      breakdown,
      schedule,
      fountain(
        'INT. KITCHEN - DAY #1#',
        'Anna pours coffee.',
        'BEN (O.S.)\nMorning.',
        'ANNA\nMorning.',
        '.OMITTED #2#',
        'EXT. YARD - NIGHT #3#',
        'Dogs bark.',
        'CARLA (V.O.)\nWho is there?',
      ),
    );
    expect(Object.keys(diff).sort()).toEqual(['added', 'changed', 'omitted', 'unchanged', 'warnings']);
    expect(diff.added.map((a) => [a.scene, a.set, a.cast, a.omitted])).toEqual([
      ['1', 'KITCHEN', ['BEN', 'ANNA'], false],
      ['2', 'OMITTED', [], true],
      ['3', 'YARD', ['CARLA'], false],
    ]);
    expect(diff).toMatchObject({ changed: [], omitted: [], unchanged: 0 });
    const b = readBreakdown(breakdown);
    expect(b.cast.map((c) => [c.billing, c.character])).toEqual([
      [1, 'BEN'],
      [2, 'ANNA'],
      [3, 'CARLA'],
    ]);
    expect(b.scenes.map((s) => [s.number, s.omitted, s.castIds.length])).toEqual([
      ['1', false, 2],
      ['2', true, 0],
      ['3', false, 1],
    ]);
    const strips = readSchedule(schedule).strips;
    expect(strips.map((s) => [b.scenes.find((x) => x.id === s.sceneId)!.number, s.dayId])).toEqual([
      ['1', null],
      ['3', null],
    ]);
  });

  it('numbers an unnumbered script 1..n, then matches a revision by heading and position', () => {
    const breakdown = new Y.Doc();
    const schedule = new Y.Doc();
    importInto(
      breakdown,
      schedule,
      fountain(
        'INT. KITCHEN - DAY',
        'A.',
        'EXT. YARD - NIGHT',
        'B.',
        'INT. KITCHEN - NIGHT',
        'C.',
        'EXT. ROAD - DAY',
        'D.',
      ),
    );
    expect(readBreakdown(breakdown).scenes.map((s) => `${s.number} ${s.set} ${s.time}`)).toEqual([
      '1 KITCHEN DAY',
      '2 YARD NIGHT',
      '3 KITCHEN NIGHT',
      '4 ROAD DAY',
    ]);
    // revision: a new scene after the yard, the second kitchen scene cut, the road scene now at dusk
    const diff = importInto(
      breakdown,
      schedule,
      fountain(
        'INT. KITCHEN - DAY',
        'A.',
        'EXT. YARD - NIGHT',
        'B.',
        'INT. CELLAR - NIGHT',
        'N.',
        'EXT. ROAD - DUSK',
        'D.',
      ),
    );
    expect(diff.added.map((a) => [a.scene, a.set])).toEqual([['2A', 'CELLAR']]);
    expect(diff.changed).toEqual([{ scene: '4', fields: [{ field: 'time', from: 'DAY', to: 'DUSK' }] }]);
    expect(diff.omitted).toEqual([
      { scene: '3', set: 'KITCHEN', reason: 'not in the script', strips: 0, shots: 0 },
    ]);
    expect(diff.unchanged).toBe(2);
    expect(readBreakdown(breakdown).scenes.map((s) => `${s.number}${s.omitted ? ' omitted' : ''}`)).toEqual([
      '1',
      '2',
      '2A',
      '3 omitted',
      '4',
    ]);
  });

  it('applying the same script twice changes nothing the second time', () => {
    const breakdown = new Y.Doc();
    const schedule = new Y.Doc();
    const script = fountain('INT. KITCHEN - DAY #1#', 'A.', 'ANNA\nHi.', 'EXT. YARD - NIGHT #2#', 'B.');
    importInto(breakdown, schedule, script);
    const before = Y.encodeStateVector(breakdown);
    const diff = importInto(breakdown, schedule, script);
    expect(diff).toEqual({ added: [], changed: [], omitted: [], unchanged: 2, warnings: [] });
    expect(Y.encodeStateVector(breakdown)).toEqual(before);
    expect(readSchedule(schedule).strips).toHaveLength(2);
  });

  it('a revised script on the demo keeps strips and shots, omits a cut scene and rescales split strips', () => {
    const breakdown = new Y.Doc();
    const schedule = new Y.Doc();
    seedDemoBoard('breakdown', breakdown, { today: '2026-06-01' });
    seedDemoBoard('schedule', schedule, { today: '2026-06-01' });
    const scene4 = readBreakdown(breakdown).scenes.find((s) => s.number === '4')!;
    splitStrip(schedule, 'strip-4', { sceneEighths: scene4.eighths, firstEighths: 1 });
    const stripsBefore = readSchedule(schedule).strips.length;
    const use: SceneUse = {
      strips: new Map(readSchedule(schedule).strips.map((s) => [s.sceneId, 1])),
      shots: new Map(SCENES.map((s) => [s.id, s.shots.length])),
    };
    // the demo's scenes as a Final Draft script: 9 cut, 4 twice as long, a new 12A
    const paragraphs = SCENES.filter((s) => s.number !== '9').map(
      (s) =>
        `<Paragraph Number="${s.number}" Type="Scene Heading"><SceneProperties Length="${s.number === '4' ? scene4.eighths * 2 : s.eighths}"/>` +
        `<Text>${s.intExt}. ${s.set} - ${s.time}</Text></Paragraph><Paragraph Type="Action"><Text>${s.synopsis}</Text></Paragraph>`,
    );
    paragraphs.push(
      '<Paragraph Number="12A" Type="Scene Heading"><Text>EXT. LIGHTHOUSE - NIGHT</Text></Paragraph><Paragraph Type="Character"><Text>MARA</Text></Paragraph><Paragraph Type="Dialogue"><Text>Still burning.</Text></Paragraph>',
    );
    const xml = `<?xml version="1.0"?><FinalDraft DocumentType="Script"><Content>${paragraphs.join('')}</Content></FinalDraft>`;
    // SceneProperties Length is pages and eighths: write 16 as "2"
    const fixed = xml.replace(/Length="(\d+)"/g, (_m, n: string) => {
      const e = Number(n);
      return `Length="${Math.floor(e / 8) > 0 ? Math.floor(e / 8) : ''}${e % 8 ? `${Math.floor(e / 8) > 0 ? ' ' : ''}${e % 8}/8` : ''}"`;
    });
    const dryRun = diffScript(readBreakdown(breakdown), parseScript(fixed, 'fdx').scenes, use);
    const diff = importInto(breakdown, schedule, fixed, use);
    expect(diff).toEqual(dryRun);
    expect(diff.added.map((a) => [a.scene, a.cast])).toEqual([['12A', ['MARA']]]);
    expect(diff.omitted).toEqual([
      {
        scene: '9',
        set: SCENES[8]!.set,
        reason: 'not in the script',
        strips: 1,
        shots: SCENES[8]!.shots.length,
      },
    ]);
    expect(diff.warnings).toContainEqual(
      expect.stringMatching(/^scene 9 is no longer in the script: it is marked omitted/),
    );
    expect(diff.changed).toEqual([
      { scene: '4', fields: [{ field: 'eighths', from: scene4.eighths, to: scene4.eighths * 2 }] },
    ]);
    expect(diff.unchanged).toBe(10);
    const b = readBreakdown(breakdown);
    expect(b.scenes.find((s) => s.number === '9')).toMatchObject({ id: 'scene-9', omitted: true });
    expect(b.cast.map((c) => c.character)).toEqual(['Mara', 'Jonah', 'Ines']); // MARA matched, no new member
    const strips = readSchedule(schedule).strips;
    expect(strips).toHaveLength(stripsBefore + 1);
    expect(strips.filter((s) => s.sceneId === 'scene-9')).toHaveLength(1);
    const parts = strips.filter((s) => s.sceneId === 'scene-4').map((s) => s.eighths);
    expect(parts.reduce((a, n) => a! + n!, 0)).toBe(scene4.eighths * 2);
    const added = strips.find((s) => s.sceneId === b.scenes.find((x) => x.number === '12A')!.id)!;
    expect(added.dayId).toBeNull();
  });

  it('an omitted scene that comes back is restored with a boneyard strip', () => {
    const breakdown = new Y.Doc();
    const schedule = new Y.Doc();
    addScene(breakdown, {
      id: 'gone',
      number: '5',
      intExt: 'INT',
      set: 'HALL',
      time: 'DAY',
      eighths: 2,
      omitted: true,
    });
    const diff = importInto(breakdown, schedule, fountain('INT. HALL - DAY #5#', 'Back.'));
    expect(diff.changed).toEqual([
      {
        scene: '5',
        fields: [
          { field: 'eighths', from: 2, to: 1 },
          { field: 'synopsis', from: '', to: 'Back.' },
          { field: 'omitted', from: true, to: false },
        ],
      },
    ]);
    expect(readSchedule(schedule).strips.map((s) => s.sceneId)).toEqual(['gone']);
  });

  it('rescales split parts by their shares, each at least 1/8', () => {
    expect(
      rescale(
        [
          { id: 'a', eighths: 3 },
          { id: 'b', eighths: 5 },
        ],
        12,
      ),
    ).toEqual([
      ['a', 4],
      ['b', 8],
    ]);
    expect(
      rescale(
        [
          { id: 'a', eighths: 1 },
          { id: 'b', eighths: 7 },
        ],
        2,
      ),
    ).toEqual([
      ['a', 1],
      ['b', 1],
    ]);
    expect(
      rescale(
        [
          { id: 'a', eighths: 1 },
          { id: 'b', eighths: 7 },
        ],
        1,
      ),
    ).toEqual([]);
  });
});
