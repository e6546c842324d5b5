/**
 * Breakdown elements: the props, vehicles, background, wardrobe ... a scene needs. An element is an entity
 * of the breakdown (`elements` root map), and a scene holds a Y.Map elementId -> count, so one "Red pickup
 * truck" serves five scenes, a rename shows in all of them, and two people tagging different elements on
 * one scene both keep their tag. Names are unique within a category (case-insensitive), which is what the
 * breakdown screen's type-ahead and the CSV rely on to find an element by name.
 */
import * as Y from 'yjs';
import {
  breakdownRoots,
  ELEMENT_CATEGORIES,
  readElements,
  type Element,
  type ElementCategory,
} from './breakdown';
import { ModelError } from './errors';
import { writeBoard } from './schema-version';
import * as v from './validate';
import { createEntity, entity, entries, newId, setFields, type Entity } from './ydoc';

export type ElementInput = Omit<Element, 'id'>;

function validName(value: unknown): string {
  const name = v.nonEmpty('name', value, 120).trim().replace(/\s+/g, ' ');
  // lists of names in CSV cells are separated by ';'
  if (name.includes(';')) throw new ModelError('name', `an element name cannot contain ";": ${name}`);
  return name;
}

function assertUnique(doc: Y.Doc, category: ElementCategory, name: string, exceptId?: string): void {
  const clash = readElements(doc).find(
    (e) => e.category === category && e.id !== exceptId && e.name.toLowerCase() === name.toLowerCase(),
  );
  if (clash) throw new ModelError('name', `there is already a ${category} element called ${clash.name}`);
}

/** The element of `category` called `name` (case-insensitive), or null. */
export function findElement(doc: Y.Doc, category: ElementCategory, name: string): Element | null {
  const wanted = name.trim().replace(/\s+/g, ' ').toLowerCase();
  return readElements(doc).find((e) => e.category === category && e.name.toLowerCase() === wanted) ?? null;
}

export function addElement(doc: Y.Doc, input: ElementInput & { id?: string }, origin?: unknown): string {
  const category = v.oneOf('category', input.category, ELEMENT_CATEGORIES);
  const name = validName(input.name);
  assertUnique(doc, category, name);
  const elementId = input.id === undefined ? newId() : v.id('id', input.id);
  const { elements } = breakdownRoots(doc);
  return writeBoard(doc, 'breakdown', origin, () => {
    createEntity(elements, elementId, 'element', { category, name });
    return elementId;
  });
}

/** Rename (or recategorise) an element: every scene that uses it shows the new name. */
export function updateElement(
  doc: Y.Doc,
  elementId: string,
  patch: Partial<ElementInput>,
  origin?: unknown,
): void {
  const e = entity(breakdownRoots(doc).elements, elementId, 'element');
  const current = readElements(doc).find((x) => x.id === elementId)!;
  const fields = {
    category:
      patch.category === undefined ? undefined : v.oneOf('category', patch.category, ELEMENT_CATEGORIES),
    name: patch.name === undefined ? undefined : validName(patch.name),
  };
  assertUnique(doc, fields.category ?? current.category, fields.name ?? current.name, elementId);
  writeBoard(doc, 'breakdown', origin, () => setFields(e, fields));
}

/** Removes an element and its tag on every scene, in one transaction. */
export function deleteElement(doc: Y.Doc, elementId: string, origin?: unknown): void {
  const { elements, scenes } = breakdownRoots(doc);
  entity(elements, elementId, 'element');
  writeBoard(doc, 'breakdown', origin, () => {
    for (const [, scene] of entries(scenes)) {
      const tags = scene.get('elements');
      if (tags instanceof Y.Map && tags.has(elementId)) tags.delete(elementId);
    }
    elements.delete(elementId);
  });
}

function sceneTags(scene: Entity): Y.Map<number> {
  const tags = scene.get('elements');
  if (tags instanceof Y.Map) return tags as Y.Map<number>;
  const created = new Y.Map<number>();
  scene.set('elements', created);
  return created;
}

/** Tags an element on a scene with a count (background: how many), or changes the count. */
export function tagElement(
  doc: Y.Doc,
  sceneId: string,
  elementId: string,
  count = 1,
  origin?: unknown,
): void {
  const scene = entity(breakdownRoots(doc).scenes, sceneId, 'scene');
  entity(breakdownRoots(doc).elements, elementId, 'element');
  const n = v.int('count', count, 1, 9_999);
  writeBoard(doc, 'breakdown', origin, () => {
    const tags = sceneTags(scene);
    if (tags.get(elementId) !== n) tags.set(elementId, n);
  });
}

export function untagElement(doc: Y.Doc, sceneId: string, elementId: string, origin?: unknown): void {
  const scene = entity(breakdownRoots(doc).scenes, sceneId, 'scene');
  writeBoard(doc, 'breakdown', origin, () => {
    const tags = scene.get('elements');
    if (tags instanceof Y.Map && tags.has(elementId)) tags.delete(elementId);
  });
}

/**
 * The type-ahead's one step: tags the element of `category` called `name` on the scene, creating the
 * element first when none has that name. One transaction; returns the element id.
 */
export function tagElementByName(
  doc: Y.Doc,
  sceneId: string,
  category: ElementCategory,
  name: string,
  count = 1,
  origin?: unknown,
): string {
  const checkedCategory = v.oneOf('category', category, ELEMENT_CATEGORIES);
  const checkedName = validName(name);
  const scene = entity(breakdownRoots(doc).scenes, sceneId, 'scene');
  const n = v.int('count', count, 1, 9_999);
  const existing = findElement(doc, checkedCategory, checkedName);
  return writeBoard(doc, 'breakdown', origin, () => {
    const elementId = existing?.id ?? newId();
    if (!existing) {
      createEntity(breakdownRoots(doc).elements, elementId, 'element', {
        category: checkedCategory,
        name: checkedName,
      });
    }
    const tags = sceneTags(scene);
    if (tags.get(elementId) !== n) tags.set(elementId, n);
    return elementId;
  });
}

/** Element tags per category for one scene, with names, for sheets and strips. */
export function sceneElementsByCategory(
  scene: { elements: readonly { elementId: string; count: number }[] },
  elements: readonly Element[],
): Map<ElementCategory, { element: Element; count: number }[]> {
  const byId = new Map(elements.map((e) => [e.id, e]));
  const out = new Map<ElementCategory, { element: Element; count: number }[]>();
  for (const tag of scene.elements) {
    const element = byId.get(tag.elementId);
    if (!element) continue; // a tag whose element was deleted on another replica
    const list = out.get(element.category) ?? [];
    list.push({ element, count: tag.count });
    out.set(element.category, list);
  }
  for (const list of out.values()) list.sort((a, b) => a.element.name.localeCompare(b.element.name, 'en'));
  return out;
}

/** How a breakdown sheet titles each category. */
export const ELEMENT_LABELS: Record<ElementCategory, string> = {
  background: 'Background',
  stunts: 'Stunts',
  vehicles: 'Vehicles',
  props: 'Props',
  'set-dressing': 'Set dressing',
  wardrobe: 'Wardrobe',
  'makeup-hair': 'Make-up and hair',
  'special-effects': 'Special effects',
  'visual-effects': 'Visual effects',
  animals: 'Animals',
  'special-equipment': 'Special equipment',
  music: 'Music',
  sound: 'Sound',
  notes: 'Notes',
};

/**
 * A strip's element count: distinct elements tagged on the scene, and a line per category for a tooltip.
 * Example: props Lantern and Rope, background Dock workers (12) -> {count: 3, detail: "Background 1 (12
 * people), Props 2"}.
 */
export function elementSummary(
  scene: { elements: readonly { elementId: string; count: number }[] },
  elements: readonly Element[],
): { count: number; detail: string } {
  const byCategory = sceneElementsByCategory(scene, elements);
  let count = 0;
  const parts: string[] = [];
  for (const category of ELEMENT_CATEGORIES) {
    const tags = byCategory.get(category);
    if (!tags) continue;
    count += tags.length;
    const people = tags.reduce((n, t) => n + t.count, 0);
    parts.push(
      `${ELEMENT_LABELS[category]} ${tags.length}${category === 'background' ? ` (${people} people)` : ''}`,
    );
  }
  return { count, detail: parts.join(', ') };
}
