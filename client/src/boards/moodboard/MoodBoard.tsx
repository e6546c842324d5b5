import { useCallback, useMemo, useRef, useState } from 'react';
import {
  addCard,
  addMoodBoard,
  addSection,
  moveCard,
  readMoodboard,
  type Card,
  type Moodboard,
} from '../../../../shared/model/moodboard';
import { uploadImage } from '../../api/endpoints';
import { LOCAL_ORIGIN } from '../../sync/board-session';
import { useBoardContext } from '../../sync/use-board-session';
import { jsonEqual, useDoc } from '../../sync/use-y';
import { usePointerDrag, type DropTarget } from '../../ui/use-pointer-drag';
import { readCast, readScenes } from '../../../../shared/model/breakdown';
import { useDialogs } from '../../ui/dialogs';
import { useCompanion } from '../companion';
import { CardView } from './CardView';
import { NewBoardDialog, type NewBoard } from './NewBoardDialog';
import { DamagedItems } from '../DamagedItems';
import { normaliseLink } from '../../../../shared/model/card-links';

const CANVAS = '__canvas';

/** The board without note bodies: typing in a note re-renders that note, not the board. */
function readLayout(doc: Parameters<typeof readMoodboard>[0] | null): Moodboard {
  if (!doc) return { boards: [], sections: [], cards: [], comments: [] };
  const m = readMoodboard(doc);
  return { ...m, cards: m.cards.map((c) => ({ ...c, body: '' })) };
}

export default function MoodBoard() {
  const { session, canWrite, productionId, token, memberId, memberName } = useBoardContext();
  const doc = session.doc;
  // Cards carry who made them (the server re-stamps it from the token): their comments notify this member.
  const me = { id: memberId, name: memberName };
  const layout = useDoc(doc, readLayout, jsonEqual);
  const [boardId, setBoardId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const board = layout.boards.find((b) => b.id === boardId) ?? layout.boards[0] ?? null;
  const dialogs = useDialogs();
  // Scene and character boards link breakdown ids; the breakdown opens only if this role may read it.
  const breakdown = useCompanion('breakdown');
  const scenes = useDoc(breakdown?.doc, (d) => (d ? readScenes(d) : null), jsonEqual);
  const cast = useDoc(breakdown?.doc, (d) => (d ? readCast(d) : null), jsonEqual);

  const attempt = (fn: () => void) => {
    try {
      fn();
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const sections = useMemo(
    () => layout.sections.filter((s) => s.boardId === board?.id),
    [layout.sections, board],
  );
  const cardsBySection = useMemo(() => {
    const map = new Map<string, Card[]>();
    for (const c of layout.cards) {
      if (c.boardId !== board?.id) continue;
      const key = c.sectionId ?? CANVAS;
      map.set(key, [...(map.get(key) ?? []), c]);
    }
    return map;
  }, [layout.cards, board]);

  const drag = usePointerDrag(
    useCallback(
      (id: string, target: DropTarget) => {
        if (target.container === null) return;
        const sectionId = target.container === CANVAS ? null : target.container;
        const siblings = (cardsBySection.get(target.container) ?? []).filter((c) => c.id !== id);
        let afterId: string | null = siblings.at(-1)?.id ?? null;
        if (target.itemId) {
          const at = siblings.findIndex((c) => c.id === target.itemId);
          const insertAt = at < 0 ? siblings.length : at + (target.below ? 1 : 0);
          afterId = insertAt === 0 ? null : siblings[insertAt - 1]!.id;
        }
        attempt(() => moveCard(doc, id, { sectionId, afterId }, LOCAL_ORIGIN));
      },
      [cardsBySection, doc],
    ),
  );

  const firstSection = sections[0]?.id ?? null;
  const newCard = (input: Omit<Parameters<typeof addCard>[1], 'boardId'>) =>
    board &&
    attempt(() =>
      addCard(doc, { ...input, boardId: board.id, sectionId: firstSection, author: me }, LOCAL_ORIGIN),
    );

  async function upload(files: FileList | null) {
    if (!files || !board) return;
    setUploading(true);
    try {
      for (const file of Array.from(files)) {
        const stored = await uploadImage(productionId, token, file);
        addCard(
          doc,
          {
            boardId: board.id,
            sectionId: firstSection,
            kind: 'image',
            image: stored.url,
            caption: file.name,
            author: me,
          },
          LOCAL_ORIGIN,
        );
      }
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setUploading(false);
      if (fileRef.current) fileRef.current.value = '';
    }
  }

  return (
    <div className="moodboard">
      <DamagedItems board="moodboard" />
      <div className="toolbar">
        <div className="segmented" role="tablist" aria-label="Mood boards">
          {layout.boards.map((b) => (
            <button
              key={b.id}
              type="button"
              role="tab"
              className="btn"
              aria-selected={b.id === board?.id}
              onClick={() => setBoardId(b.id)}
            >
              {b.title}
            </button>
          ))}
        </div>
        {canWrite && (
          <>
            <button
              type="button"
              className="btn"
              onClick={async () => {
                const created = await dialogs.show<NewBoard>((done) => (
                  <NewBoardDialog scenes={scenes} cast={cast} onDone={done} />
                ));
                if (created) attempt(() => setBoardId(addMoodBoard(doc, created, LOCAL_ORIGIN)));
              }}
            >
              + Board
            </button>
            {board && (
              <>
                <button
                  type="button"
                  className="btn"
                  onClick={async () => {
                    const title = await dialogs.ask({
                      title: `New section in ${board.title}`,
                      label: 'Section title',
                      placeholder: 'Look, Light, Palette, Wardrobe…',
                    });
                    if (title) attempt(() => addSection(doc, { boardId: board.id, title }, LOCAL_ORIGIN));
                  }}
                >
                  + Section
                </button>
                <label className={`btn primary ${uploading ? 'busy' : ''}`}>
                  {uploading ? 'Uploading…' : '+ Image'}
                  <input
                    ref={fileRef}
                    type="file"
                    accept="image/png,image/jpeg,image/webp,image/gif"
                    multiple
                    hidden
                    onChange={(e) => void upload(e.target.files)}
                  />
                </label>
                <button type="button" className="btn" onClick={() => newCard({ kind: 'note', body: '' })}>
                  + Note
                </button>
                <button
                  type="button"
                  className="btn"
                  onClick={async () => {
                    const url = await dialogs.ask({
                      title: 'Add a link',
                      label: 'Link',
                      placeholder: 'https://…',
                      inputMode: 'url',
                      validate: (value) =>
                        normaliseLink(value)
                          ? null
                          : 'Write a web address, e.g. https://example.com or www.example.com',
                    });
                    const link = url ? normaliseLink(url) : null;
                    if (link) newCard({ kind: 'link', url: link, caption: link });
                  }}
                >
                  + Link
                </button>
                <button
                  type="button"
                  className="btn"
                  onClick={async () => {
                    const colour = await dialogs.ask({
                      title: 'Add a colour swatch',
                      label: 'Colour as hex',
                      placeholder: '#aabbcc',
                      validate: (value) =>
                        /^#[0-9a-f]{6}$/i.test(value)
                          ? null
                          : 'Write the colour as # and six hex digits, e.g. #c0a060',
                    });
                    if (colour) newCard({ kind: 'swatch', colour: colour.toLowerCase() });
                  }}
                >
                  + Swatch
                </button>
              </>
            )}
          </>
        )}
      </div>
      {dialogs.element}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {!board ? (
        <p className="empty">
          {canWrite ? 'No mood boards yet: add one to start collecting references.' : 'No mood boards yet.'}
        </p>
      ) : (
        <div className="mood-sections">
          {[...sections.map((s) => ({ id: s.id, title: s.title })), { id: CANVAS, title: 'Unsorted' }].map(
            (section) => {
              const cards = cardsBySection.get(section.id) ?? [];
              if (section.id === CANVAS && cards.length === 0) return null;
              return (
                <section
                  key={section.id}
                  className="mood-section"
                  data-drop-container={section.id}
                  aria-label={section.title}
                >
                  <h2>{section.title}</h2>
                  <div className="card-grid">
                    {cards.map((c) => (
                      <CardView
                        key={c.id}
                        card={c}
                        comments={layout.comments.filter((x) => x.cardId === c.id)}
                        dragging={drag.draggingId === c.id}
                        onDragStart={drag.start}
                      />
                    ))}
                    {cards.length === 0 && <p className="muted">Drop cards here.</p>}
                  </div>
                </section>
              );
            },
          )}
        </div>
      )}
    </div>
  );
}
