import { memo, useMemo, useState } from 'react';
import * as Y from 'yjs';
import {
  INT_EXT,
  TIMES_OF_DAY,
  addCastMember,
  addLocation,
  addScene,
  breakdownRoots,
  readCast,
  readElements,
  readLocations,
  readSceneEntity,
  readScenes,
  setSceneOmitted,
  updateCastMember,
  updateLocation,
  updateScene,
  type CastMember,
  type Element,
  type Location,
} from '../../../../shared/model/breakdown';
import { formatEighths, parseEighths } from '../../../../shared/calc/eighths';
import { LOCAL_ORIGIN, type BoardSession } from '../../sync/board-session';
import { useBoardContext } from '../../sync/use-board-session';
import { jsonEqual, useDoc, useY } from '../../sync/use-y';
import { NumberCell, SelectCell, TextCell } from '../../ui/cells';
import { castLookup } from '../shotlist/cast';
import { CastCell } from '../shotlist/CastCell';
import { ScriptImportButton } from './ScriptImport';
import { SceneElementsDialog } from './SceneElements';
import { deleteElement, ELEMENT_LABELS, updateElement } from '../../../../shared/model/elements';
import { DamagedItems } from '../DamagedItems';
import { matchesSearch, sceneSubject, searchTerms } from '../../../../shared/calc/search';
import { SearchBox } from '../../ui/SearchBox';

type Tab = 'scenes' | 'cast' | 'locations' | 'elements';

export default function BreakdownBoard() {
  const { session, canWrite, productionId, token } = useBoardContext();
  const [tab, setTab] = useState<Tab>('scenes');
  const [error, setError] = useState<string | null>(null);
  const doc = session.doc;
  const sceneIds = useDoc(doc, (d) => (d ? readScenes(d).map((s) => s.id) : []), jsonEqual);
  const cast = useDoc(doc, (d) => (d ? readCast(d) : []), jsonEqual);
  const locations = useDoc(doc, (d) => (d ? readLocations(d) : []), jsonEqual);
  const elements = useDoc(doc, (d) => (d ? readElements(d) : []), jsonEqual);
  const [query, setQuery] = useState('');
  const terms = useMemo(() => searchTerms(query), [query]);
  // Read only while something is searched; the matching runs on the query's change as well as the board's.
  const scenesForSearch = useDoc(terms.length > 0 ? doc : null, (d) => (d ? readScenes(d) : []), jsonEqual);
  const found = useMemo(() => {
    if (terms.length === 0) return null;
    const byId = new Map(cast.map((c) => [c.id, c]));
    return scenesForSearch.filter((s) => matchesSearch(sceneSubject(s, byId), terms)).map((s) => s.id);
  }, [terms, scenesForSearch, cast]);
  const shownSceneIds = found ?? sceneIds;
  const totalEighths = useDoc(doc, (d) =>
    (d ? readScenes(d) : []).filter((s) => !s.omitted).reduce((n, s) => n + s.eighths, 0),
  );

  const attempt = (fn: () => void) => {
    try {
      fn();
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const nextSceneNumber = () => {
    const numbers = readScenes(doc)
      .map((s) => Number.parseInt(s.number, 10))
      .filter(Number.isFinite);
    return String(Math.max(0, ...numbers) + 1);
  };

  return (
    <div className="breakdown">
      <DamagedItems board="breakdown" />
      <div className="toolbar">
        {/* A tablist holds only its tabs; the import and add buttons beside it are not tabs. */}
        <div className="segmented" role="tablist" aria-label="Breakdown lists">
          {(['scenes', 'cast', 'locations', 'elements'] as const).map((t) => (
            <button
              key={t}
              type="button"
              role="tab"
              className="btn"
              aria-selected={tab === t}
              onClick={() => setTab(t)}
            >
              {t === 'scenes'
                ? `Scenes (${sceneIds.length})`
                : t === 'cast'
                  ? `Cast (${cast.length})`
                  : t === 'locations'
                    ? `Locations (${locations.length})`
                    : `Elements (${elements.length})`}
            </button>
          ))}
        </div>
        <span className="muted">{formatEighths(totalEighths)} pages</span>
        {tab === 'scenes' && (
          <SearchBox
            query={query}
            onChange={setQuery}
            placeholder="Scene, set, synopsis, cast"
            count={found ? { shown: found.length, total: sceneIds.length, noun: 'scenes' } : null}
          />
        )}
        {canWrite && tab === 'scenes' && (
          <ScriptImportButton doc={doc} productionId={productionId} token={token} />
        )}
        {canWrite && tab === 'scenes' && (
          <button
            type="button"
            className="btn primary"
            onClick={() =>
              attempt(() =>
                addScene(
                  doc,
                  {
                    number: nextSceneNumber(),
                    intExt: 'INT',
                    set: 'NEW SET',
                    time: 'DAY',
                    eighths: 8,
                    synopsis: '',
                    castIds: [],
                    locationId: null,
                    omitted: false,
                  },
                  LOCAL_ORIGIN,
                ),
              )
            }
          >
            + Scene
          </button>
        )}
        {canWrite && tab === 'cast' && (
          <button
            type="button"
            className="btn primary"
            onClick={() =>
              attempt(() =>
                addCastMember(
                  doc,
                  {
                    billing: Math.max(0, ...cast.map((c) => c.billing)) + 1,
                    character: 'NEW CHARACTER',
                    actor: '',
                  },
                  LOCAL_ORIGIN,
                ),
              )
            }
          >
            + Cast
          </button>
        )}
        {canWrite && tab === 'locations' && (
          <button
            type="button"
            className="btn primary"
            onClick={() =>
              attempt(() =>
                addLocation(doc, { name: 'New location', address: '', hospital: '' }, LOCAL_ORIGIN),
              )
            }
          >
            + Location
          </button>
        )}
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="table-scroll">
        {tab === 'scenes' && found?.length === 0 && (
          <p className="empty">No scenes match &quot;{query.trim()}&quot;.</p>
        )}
        {tab === 'scenes' && (
          <table className="grid fixed">
            <colgroup>
              <col style={{ width: 72 }} />
              <col style={{ width: 100 }} />
              <col style={{ width: 180 }} />
              <col style={{ width: 108 }} />
              <col style={{ width: 84 }} />
              <col style={{ width: 84 }} />
              <col style={{ width: 150 }} />
              <col />
              <col style={{ width: 120 }} />
              <col style={{ width: 84 }} />
            </colgroup>
            <thead>
              <tr>
                <th>Sc.</th>
                <th>I/E</th>
                <th>Set</th>
                <th>D/N</th>
                <th>Pages</th>
                <th>Cast</th>
                <th>Location</th>
                <th>Synopsis</th>
                <th>Elements</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {shownSceneIds.map((id) => (
                <SceneRow
                  key={id}
                  id={id}
                  session={session}
                  canWrite={canWrite}
                  cast={cast}
                  locations={locations}
                  elements={elements}
                />
              ))}
            </tbody>
          </table>
        )}
        {tab === 'cast' && (
          <table className="grid">
            <thead>
              <tr>
                <th>#</th>
                <th>Character</th>
                <th>Actor</th>
              </tr>
            </thead>
            <tbody>
              {cast.map((c) => (
                <tr key={c.id}>
                  <td>
                    <NumberCell
                      label="Billing"
                      value={c.billing}
                      readOnly={!canWrite}
                      onCommit={(billing) => updateCastMember(doc, c.id, { billing }, LOCAL_ORIGIN)}
                    />
                  </td>
                  <td>
                    <TextCell
                      label="Character"
                      value={c.character}
                      readOnly={!canWrite}
                      onCommit={(character) => updateCastMember(doc, c.id, { character }, LOCAL_ORIGIN)}
                    />
                  </td>
                  <td>
                    <TextCell
                      label="Actor"
                      value={c.actor}
                      readOnly={!canWrite}
                      onCommit={(actor) => updateCastMember(doc, c.id, { actor }, LOCAL_ORIGIN)}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {tab === 'locations' && (
          <table className="grid">
            <thead>
              <tr>
                <th>Name</th>
                <th>Address</th>
                <th>Nearest hospital</th>
              </tr>
            </thead>
            <tbody>
              {locations.map((l) => (
                <tr key={l.id}>
                  <td>
                    <TextCell
                      label="Name"
                      value={l.name}
                      readOnly={!canWrite}
                      onCommit={(name) => updateLocation(doc, l.id, { name }, LOCAL_ORIGIN)}
                    />
                  </td>
                  <td>
                    <TextCell
                      label="Address"
                      value={l.address}
                      readOnly={!canWrite}
                      onCommit={(address) => updateLocation(doc, l.id, { address }, LOCAL_ORIGIN)}
                    />
                  </td>
                  <td>
                    <TextCell
                      label="Hospital"
                      value={l.hospital}
                      readOnly={!canWrite}
                      onCommit={(hospital) => updateLocation(doc, l.id, { hospital }, LOCAL_ORIGIN)}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {tab === 'elements' && (
          <table className="grid">
            <thead>
              <tr>
                <th>Category</th>
                <th>Element</th>
                <th>Scenes</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {elements.map((e) => (
                <ElementRow key={e.id} element={e} doc={doc} canWrite={canWrite} />
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}

/** One element: renaming it here renames it in every scene that uses it. */
function ElementRow(props: { element: Element; doc: BoardSession['doc']; canWrite: boolean }) {
  const { element, doc, canWrite } = props;
  const scenes = useDoc(doc, (d) =>
    (d ? readScenes(d) : [])
      .filter((s) => s.elements.some((t) => t.elementId === element.id))
      .map((s) => s.number)
      .join(', '),
  );
  return (
    <tr data-testid="element-row">
      <td>{ELEMENT_LABELS[element.category]}</td>
      <td>
        <TextCell
          label={`Name of ${element.name}`}
          readOnly={!canWrite}
          value={element.name}
          onCommit={(name) => updateElement(doc, element.id, { name }, LOCAL_ORIGIN)}
        />
      </td>
      <td>{scenes || '—'}</td>
      <td>
        {canWrite && (
          <button
            type="button"
            className="btn small"
            aria-label={`Delete ${element.name}`}
            onClick={() => deleteElement(doc, element.id, LOCAL_ORIGIN)}
          >
            Delete
          </button>
        )}
      </td>
    </tr>
  );
}

const SceneRow = memo(function SceneRow(props: {
  id: string;
  session: BoardSession;
  canWrite: boolean;
  cast: CastMember[];
  locations: Location[];
  elements: Element[];
}) {
  const { id, session, canWrite } = props;
  const [tagging, setTagging] = useState(false);
  const doc = session.doc;
  const raw: unknown = breakdownRoots(doc).scenes.get(id);
  const scene = useY(
    raw instanceof Y.Map ? (raw as Y.Map<unknown>) : undefined,
    (e) => (e ? readSceneEntity(id, e) : null),
    {
      deep: true,
      equal: jsonEqual,
    },
  );
  if (!scene) return null;
  const ro = !canWrite;
  const set = (patch: Parameters<typeof updateScene>[2]) => updateScene(doc, id, patch, LOCAL_ORIGIN);
  const lookup = castLookup(props.cast);
  const locationNames = ['', ...props.locations.map((l) => l.id)];
  return (
    <tr className={scene.omitted ? 'omitted' : ''} data-testid="scene-row">
      <td>
        <TextCell
          label="Scene number"
          readOnly={ro}
          value={scene.number}
          onCommit={(number) => set({ number })}
        />
      </td>
      <td>
        <SelectCell
          label="INT/EXT"
          readOnly={ro}
          value={scene.intExt}
          options={INT_EXT}
          onCommit={(intExt) => set({ intExt })}
        />
      </td>
      <td>
        <TextCell label="Set" readOnly={ro} value={scene.set} onCommit={(s) => set({ set: s })} />
      </td>
      <td>
        <SelectCell
          label="Day or night"
          readOnly={ro}
          value={scene.time}
          options={TIMES_OF_DAY}
          onCommit={(time) => set({ time })}
        />
      </td>
      <td>
        <TextCell
          label="Pages (eighths)"
          readOnly={ro}
          value={formatEighths(scene.eighths)}
          onCommit={(raw) => {
            const eighths = parseEighths(raw);
            if (eighths === null || eighths < 1) throw new Error('Pages like 1 3/8, 4/8 or 2');
            set({ eighths });
          }}
        />
      </td>
      <td>
        <CastCell
          label="Cast"
          readOnly={ro}
          ids={scene.castIds}
          cast={lookup}
          onCommit={(castIds) => set({ castIds })}
        />
      </td>
      <td>
        <SelectCell
          label="Location"
          readOnly={ro}
          value={scene.locationId ?? ''}
          options={locationNames}
          labels={Object.fromEntries([['', '—'], ...props.locations.map((l) => [l.id, l.name])])}
          onCommit={(locationId) => set({ locationId: locationId || null })}
        />
      </td>
      <td>
        <TextCell
          label="Synopsis"
          readOnly={ro}
          value={scene.synopsis}
          onCommit={(synopsis) => set({ synopsis })}
        />
      </td>
      <td>
        <button
          type="button"
          className="btn small"
          aria-label={`Elements of scene ${scene.number}`}
          onClick={() => setTagging(true)}
        >
          Elements ({scene.elements.length})
        </button>
        {tagging && (
          <SceneElementsDialog
            doc={doc}
            scene={scene}
            elements={props.elements}
            canWrite={canWrite}
            onClose={() => setTagging(false)}
          />
        )}
      </td>
      <td>
        {canWrite ? (
          <button
            type="button"
            className="btn small"
            onClick={() => setSceneOmitted(doc, id, !scene.omitted, LOCAL_ORIGIN)}
          >
            {scene.omitted ? 'Restore' : 'Omit'}
          </button>
        ) : scene.omitted ? (
          'OMITTED'
        ) : null}
      </td>
    </tr>
  );
});
