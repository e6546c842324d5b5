/** The demo mood boards: the film's look with a palette, a character board for Mara and one for the storm. */
import type * as Y from 'yjs';
import { addCard, addComment, addMoodBoard, addSection, type CardFields } from '../model/moodboard';

const DIRECTOR = { id: 'demo-director', name: 'Kemi Adeyemi (Director)' };
const DP = { id: 'demo-dp', name: 'Lars Vik (DP)' };
const COSTUME = { id: 'demo-costume', name: 'Priya Nair (Costume)' };

const PALETTE: [string, string][] = [
  ['#1f3a4d', 'Harbour blue: night exteriors'],
  ['#5f7f8c', 'Sea fog: dawn and overcast days'],
  ['#c9b79c', 'Weathered rope: props, the bait shop'],
  ['#d9822b', 'Sodium lamp: the only warm light'],
  ['#2e2b28', 'Wet slate: shadows, never crushed'],
];

export function seedMoodboard(doc: Y.Doc, today: string, origin: unknown): void {
  const film = addMoodBoard(doc, { id: 'mood-film', title: 'Low Tide: look', kind: 'film' }, origin);
  const mara = addMoodBoard(
    doc,
    { id: 'mood-mara', title: 'Mara', kind: 'character', castId: 'cast-1' },
    origin,
  );
  const storm = addMoodBoard(
    doc,
    { id: 'mood-storm', title: 'Sc. 10: the storm', kind: 'scene', sceneId: 'scene-10' },
    origin,
  );
  const sections = ['Look', 'Light', 'Palette', 'Wardrobe', 'Locations'].map((title) =>
    addSection(doc, { id: `section-${title.toLowerCase()}`, boardId: film, title }, origin),
  );
  const [look, light, palette, wardrobe, locations] = sections as [string, string, string, string, string];
  const card = (id: string, boardId: string, fields: Partial<CardFields>) =>
    addCard(doc, { id, boardId, ...fields }, origin);

  card('card-look-note', film, {
    sectionId: look,
    kind: 'note',
    body: 'Cold, patient, observational. Long lenses on the pier, the camera never closer than Mara lets it be. Handheld only once: the storm.',
    caption: 'Director’s note',
    tags: ['tone', 'camera'],
    x: 0,
    y: 0,
    review: 'approved',
  });
  card('card-look-ref', film, {
    sectionId: look,
    kind: 'link',
    url: 'https://en.wikipedia.org/wiki/Blue_hour',
    caption: 'Blue hour: the pier scenes start and end in it',
    tags: ['reference'],
    x: 260,
    y: 0,
  });
  card('card-light-note', film, {
    sectionId: light,
    kind: 'note',
    body: 'Practical sources only at night: sodium lamps, the bait-shop fridge, torches. No backlight rim on faces.',
    caption: 'Night lighting rule',
    tags: ['lighting'],
    sceneIds: ['scene-8', 'scene-9', 'scene-10'],
    x: 0,
    y: 200,
    review: 'needs-changes',
  });
  PALETTE.forEach(([colour, caption], i) =>
    card(`card-swatch-${i + 1}`, film, {
      sectionId: palette,
      kind: 'swatch',
      colour,
      caption,
      tags: ['palette'],
      x: i * 130,
      y: 400,
      w: 120,
      h: 120,
      review: 'approved',
    }),
  );
  card('card-wardrobe', film, {
    sectionId: wardrobe,
    kind: 'note',
    body: "Mara wears her father's oilskin from scene 6 on; it is too big for her. Colours from the palette only; nothing newer than ten years.",
    caption: 'Wardrobe brief',
    tags: ['wardrobe'],
    castIds: ['cast-1'],
    x: 0,
    y: 560,
  });
  card('card-locations', film, {
    sectionId: locations,
    kind: 'note',
    body: 'Pier: shoot away from the new marina. Bait shop: keep the handwritten price boards.',
    caption: 'Location notes',
    tags: ['locations'],
    x: 0,
    y: 760,
  });
  card('card-mara-note', mara, {
    kind: 'note',
    body: 'Stillness. She counts tides the way other people count days.',
    caption: 'Who she is',
    castIds: ['cast-1'],
    x: 0,
    y: 0,
  });
  card('card-storm-note', storm, {
    kind: 'note',
    body: 'Rain towers upstage of the pier, wind machine from camera left. The dinghy light is the last thing we see.',
    caption: 'Storm plan',
    sceneIds: ['scene-10'],
    tags: ['sfx', 'safety'],
    x: 0,
    y: 0,
  });
  const at = (hour: string) => `${today}T${hour}:00.000Z`;
  addComment(
    doc,
    {
      id: 'comment-1',
      cardId: 'card-light-note',
      author: DP,
      at: at('08:05'),
      text: 'Need one bounce for the fridge scene or we lose her eyes. OK?',
    },
    origin,
  );
  addComment(
    doc,
    {
      id: 'comment-2',
      cardId: 'card-light-note',
      author: DIRECTOR,
      at: at('08:20'),
      text: 'One bounce, motivated by the fridge door. Nothing else.',
    },
    origin,
  );
  addComment(
    doc,
    {
      id: 'comment-3',
      cardId: 'card-wardrobe',
      author: COSTUME,
      at: at('09:00'),
      text: 'Two oilskins: hero and a wet double for sc. 10.',
    },
    origin,
  );
}
