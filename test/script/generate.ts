/**
 * A long screenplay of our own, generated (published scripts are copyrighted): `scenes` scenes of about a
 * page each, with numbered headings, action, dialogue with extensions, and every time of day, written as
 * Fountain or Final Draft. Deterministic, so figures are comparable between runs.
 */
const SETS = [
  'BAIT SHOP',
  'HARBOUR PIER',
  'SEA WALL',
  "MARA'S FLAT",
  'HARBOUR OFFICE',
  'NORTH BEACH',
  'LIGHTHOUSE',
];
const TIMES = ['DAY', 'NIGHT', 'MORNING', 'EVENING', 'CONTINUOUS', 'DAWN', 'DUSK', 'LATER'];
const PEOPLE = ['MARA', 'JONAH', 'INES', 'THE HARBOURMASTER', 'OLD TOM', 'DELIVERY DRIVER'];
const EXTENSIONS = ['', '', ' (O.S.)', ' (V.O.)', " (CONT'D)"];

interface Block {
  kind: 'action' | 'character' | 'dialogue';
  text: string;
}

interface GeneratedScene {
  number: string;
  heading: string;
  blocks: Block[];
}

export function generatedScenes(count: number): GeneratedScene[] {
  const scenes: GeneratedScene[] = [];
  for (let i = 0; i < count; i++) {
    const intExt = i % 5 === 4 ? 'INT./EXT.' : i % 2 === 0 ? 'INT.' : 'EXT.';
    const heading = `${intExt} ${SETS[i % SETS.length]} - ${TIMES[i % TIMES.length]}`;
    const blocks: Block[] = [
      {
        kind: 'action',
        text: `Scene ${i + 1} opens on the ${SETS[i % SETS.length]!.toLowerCase()}; the light is flat and the tide is turning.`,
      },
    ];
    // about 55 printed lines: eight exchanges of a cue and two or three lines of dialogue, with some action
    for (let j = 0; j < 8; j++) {
      const who = PEOPLE[(i + j) % PEOPLE.length]!;
      blocks.push({ kind: 'character', text: who + EXTENSIONS[(i + j) % EXTENSIONS.length] });
      blocks.push({
        kind: 'dialogue',
        text: 'I told you the boat would not make it past the harbour wall, and you went anyway, because you always go.',
      });
      if (j % 3 === 2) {
        blocks.push({
          kind: 'action',
          text: 'A gull lands on the rail and watches them both. Somewhere below, a rope creaks against a cleat.',
        });
      }
    }
    scenes.push({ number: String(i + 1), heading, blocks });
  }
  return scenes;
}

export function generateFountain(count: number, numbered = true): string {
  const out = ['Title: The Long Tide', 'Author: Setboard test suite', ''];
  for (const scene of generatedScenes(count)) {
    out.push(numbered ? `${scene.heading} #${scene.number}#` : scene.heading, '');
    for (const b of scene.blocks) {
      if (b.kind === 'character') out.push(b.text);
      else out.push(b.text, '');
    }
  }
  return out.join('\n');
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function generateFdx(count: number, numbered = true): string {
  const out = [
    '<?xml version="1.0" encoding="UTF-8" standalone="no" ?>',
    '<FinalDraft DocumentType="Script" Template="No" Version="5">',
    '<Content>',
  ];
  const type = { action: 'Action', character: 'Character', dialogue: 'Dialogue' } as const;
  for (const scene of generatedScenes(count)) {
    const number = numbered ? ` Number="${scene.number}"` : '';
    out.push(
      `<Paragraph${number} Type="Scene Heading"><SceneProperties Length="" Page="" Title=""/><Text>${escape(scene.heading)}</Text></Paragraph>`,
    );
    for (const b of scene.blocks) {
      out.push(`<Paragraph Type="${type[b.kind]}"><Text>${escape(b.text)}</Text></Paragraph>`);
    }
  }
  out.push('</Content>', '</FinalDraft>');
  return out.join('\n');
}
