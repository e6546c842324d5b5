/**
 * The mood board as a contact sheet: each board's sections in order, three cards a row, each card with its
 * image (when its data is given) or colour swatch, caption, note, link, tags, and the review status a
 * department head signs off.
 */
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { Breakdown } from '../model/breakdown';
import type { Card, Moodboard, MoodBoard, ReviewStatus } from '../model/moodboard';
import { PdfOptionError } from './errors';
import { COLOURS, contentWidth, documentFrame, emptyNote, type Paper } from './frame';

export interface MoodboardInput {
  production: string;
  date: string;
  paper: Paper;
  moodboard: Moodboard;
  /** One board's id, or null for every board (each from a new page). */
  boardId: string | null;
  /** For "serves" lines (scene numbers, character names); null when not readable. */
  breakdown: Breakdown | null;
  /** Card image reference -> data URL (PNG or JPEG). */
  images?: ReadonlyMap<string, string>;
}

export const REVIEW_LABEL: Record<ReviewStatus, string> = {
  pending: 'Review pending',
  approved: 'Approved',
  'needs-changes': 'Needs changes',
};

const REVIEW_COLOUR: Record<ReviewStatus, string> = {
  pending: COLOURS.muted,
  approved: '#1b6e20',
  'needs-changes': '#a00000',
};

const PER_ROW = 3;
const GAP = 10;
const MAX_NOTE = 600;

export function buildMoodboard(input: MoodboardInput): TDocumentDefinitions {
  const { moodboard } = input;
  let boards = moodboard.boards;
  if (input.boardId !== null) {
    boards = boards.filter((b) => b.id === input.boardId);
    if (boards.length === 0) throw new PdfOptionError('board', `there is no mood board ${input.boardId}.`);
  }
  const cardWidth = (contentWidth(input.paper) - GAP * (PER_ROW - 1)) / PER_ROW;
  const content: Content[] = boards.flatMap((board, i) => boardSheet(input, board, cardWidth, i > 0));
  const detail = boards.length === 1 ? boards[0]!.title : `${boards.length} boards`;
  return documentFrame({
    paper: input.paper,
    title: { production: input.production, document: 'Mood board', detail, date: input.date },
    content: content.length === 0 ? [emptyNote('There are no mood boards yet.')] : content,
  });
}

function boardSheet(input: MoodboardInput, board: MoodBoard, cardWidth: number, newPage: boolean): Content[] {
  const cards = input.moodboard.cards.filter((c) => c.boardId === board.id);
  const sections = input.moodboard.sections.filter((s) => s.boardId === board.id);
  const groups = [
    ...sections.map((s) => ({ title: s.title, cards: cards.filter((c) => c.sectionId === s.id) })),
    {
      title: sections.length > 0 ? 'Not in a section' : 'Cards',
      cards: cards.filter((c) => c.sectionId === null),
    },
  ].filter((g) => g.cards.length > 0);
  const approved = cards.filter((c) => c.review === 'approved').length;
  const out: Content[] = [
    {
      text: [
        { text: board.title, fontSize: 14, bold: true },
        {
          text: `   ${serves(board, input.breakdown)}${cards.length} cards, ${approved} approved`,
          style: 'muted',
        },
      ],
      margin: [0, 0, 0, 4],
      ...(newPage ? { pageBreak: 'before' as const } : {}),
    },
  ];
  if (groups.length === 0) out.push(emptyNote('This board has no cards yet.'));
  for (const group of groups) {
    const rows: Content[] = [];
    for (let i = 0; i < group.cards.length; i += PER_ROW) {
      const row = group.cards.slice(i, i + PER_ROW);
      rows.push({
        columns: [
          ...row.map((card) => ({ width: cardWidth, stack: [cardContent(card, input.images, cardWidth)] })),
          ...Array.from({ length: PER_ROW - row.length }, () => ({ width: cardWidth, text: '' })),
        ],
        columnGap: GAP,
        margin: [0, 0, 0, GAP],
        unbreakable: true,
      });
    }
    // the section's title never ends a page alone: it stays with its first row of cards
    out.push(
      { stack: [{ text: group.title, style: 'sectionTitle' }, rows[0]!], unbreakable: true },
      ...rows.slice(1),
    );
  }
  return out;
}

function serves(board: MoodBoard, breakdown: Breakdown | null): string {
  if (board.kind === 'scene' && board.sceneId) {
    const scene = breakdown?.scenes.find((s) => s.id === board.sceneId);
    return scene ? `Scene ${scene.number} · ` : 'Scene board · ';
  }
  if (board.kind === 'character' && board.castId) {
    const member = breakdown?.cast.find((c) => c.id === board.castId);
    return member ? `Character: ${member.character} · ` : 'Character board · ';
  }
  return '';
}

function cardContent(card: Card, images: ReadonlyMap<string, string> | undefined, width: number): Content {
  const inner = width - 8;
  const picture: Content[] = [];
  const data = card.image === null ? undefined : images?.get(card.image);
  if (card.kind === 'image' && data)
    picture.push({ image: data, fit: [inner, inner * 0.66], margin: [0, 0, 0, 3] });
  else if (card.kind === 'image')
    picture.push({ text: 'Image (not included)', style: 'muted', italics: true });
  if (card.kind === 'swatch' && card.colour) {
    picture.push({
      canvas: [
        {
          type: 'rect',
          x: 0,
          y: 0,
          w: inner,
          h: 36,
          color: card.colour,
          lineColor: COLOURS.rule,
          lineWidth: 0.5,
        },
      ],
      margin: [0, 0, 0, 3],
    });
    picture.push({ text: card.colour.toUpperCase(), style: 'small' });
  }
  const note = card.body.length > MAX_NOTE ? `${card.body.slice(0, MAX_NOTE - 1)}…` : card.body;
  return {
    table: {
      widths: ['*'],
      body: [
        [
          {
            stack: [
              ...picture,
              ...(card.caption ? [{ text: card.caption, bold: true, margin: [0, 1, 0, 1] } as Content] : []),
              ...(note ? [{ text: note }] : []),
              ...(card.url ? [{ text: card.url, style: 'small', color: '#1a4f8a', link: card.url }] : []),
              ...(card.tags.length > 0
                ? [{ text: card.tags.map((t) => `#${t}`).join('  '), style: 'small' } as Content]
                : []),
              {
                text: REVIEW_LABEL[card.review] ?? card.review,
                bold: true,
                color: REVIEW_COLOUR[card.review] ?? COLOURS.muted,
                margin: [0, 3, 0, 0],
              },
            ],
          },
        ],
      ],
    },
    layout: {
      hLineWidth: () => 0.5,
      vLineWidth: () => 0.5,
      hLineColor: () => COLOURS.rule,
      vLineColor: () => COLOURS.rule,
      paddingLeft: () => 4,
      paddingRight: () => 4,
      paddingTop: () => 4,
      paddingBottom: () => 4,
    },
  };
}
