/**
 * The import rules of ARCHITECTURE.md, checked on every run so a boundary cannot erode one convenient import
 * at a time. Each rule names the folder, what it may not import, and why.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  const full = path.join(root, dir);
  if (!fs.existsSync(full)) return [];
  return fs
    .readdirSync(full, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|tsx)$/.test(f) && !f.split(path.sep).some((part) => part.startsWith('.')))
    .map((f) => path.join(dir, f));
}

/** Every import specifier of a file, relative ones resolved to repository paths. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)].map(
    (m) => m[1]!,
  );
  specifiers.push(...[...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]!));
  return specifiers.map((s) =>
    s.startsWith('.') ? path.relative(root, path.resolve(root, path.dirname(file), s)) : s,
  );
}

interface Rule {
  from: string;
  forbidden: RegExp;
  why: string;
  except?: RegExp;
}

const rules: Rule[] = [
  {
    from: 'shared',
    forbidden: /^(server|client)\/|^node:|^(ws|express|pg|redis|better-sqlite3|socket\.io)$/,
    why: 'shared/ runs in the browser and on the server: pure code over plain data and Yjs only',
  },
  {
    from: 'shared/pdf',
    // pdfmake's types describe the definitions the builders return; its code is the renderer's business
    forbidden: /^(?!shared\/|pdfmake\/interfaces$)/,
    why: 'document builders are pure functions of shared data: they import shared/ only (pdfmake types aside)',
  },
  {
    from: 'client/src',
    forbidden: /^server\//,
    why: 'the client talks to the server over HTTP and sockets only',
  },
  {
    from: 'server/protocol',
    forbidden: /^server\/(?!protocol)|^node:(net|http|fs|child_process)$|^(ws|express)$/,
    except: /^server\/protocol/,
    why: 'the wire protocol is pure encode/decode/validate, with no I/O',
  },
  {
    from: 'server/storage',
    forbidden: /^server\/(sync|http|setchannel|fanout|control|cluster)\//,
    why: 'storage knows nothing of connections or transport',
  },
  {
    from: 'server/directory',
    forbidden: /^server\/(sync|http|setchannel|fanout|control|cluster)\//,
    why: 'the directory knows nothing of connections or transport',
  },
  {
    from: 'server/sync',
    forbidden:
      /^server\/(http|setchannel|cluster)\/|^server\/storage\/(?!document-store)|^server\/directory\/(?!directory)|^server\/fanout\/redis/,
    why: 'the sync core sees storage, the directory and fan-out through their interfaces only',
  },
  {
    from: 'server/http',
    forbidden: /^server\/(sync|setchannel|cluster|fanout)\//,
    why: 'HTTP routers get documents and access through narrow options, not the sync core',
  },
  {
    from: 'server/setchannel',
    forbidden: /^server\/(sync|http|storage|cluster)\//,
    why: 'the set channel is independent of board sync and storage',
  },
];

describe('architecture: who may import whom', () => {
  for (const rule of rules) {
    it(`${rule.from}: ${rule.why}`, () => {
      const files = sourceFiles(rule.from);
      expect(files.length).toBeGreaterThan(0);
      const violations = files.flatMap((file) =>
        importsOf(file)
          .filter((target) => rule.forbidden.test(target) && !(rule.except?.test(target) ?? false))
          .map((target) => `${file} imports ${target}`),
      );
      expect(violations).toEqual([]);
    });
  }

  it('no import cycles between server parts', () => {
    const partOf = (file: string) => file.split(path.sep).slice(0, 2).join('/');
    const edges = new Map<string, Set<string>>();
    for (const file of sourceFiles('server')) {
      if (file.split(path.sep).length < 3) continue; // the composition root (app, main, backends) may see all
      for (const target of importsOf(file)) {
        if (!target.startsWith('server/') || target.split('/').length < 3) continue;
        const from = partOf(file);
        const to = target.split('/').slice(0, 2).join('/');
        if (from !== to) (edges.get(from) ?? edges.set(from, new Set()).get(from)!).add(to);
      }
    }
    const cycles: string[] = [];
    const visit = (node: string, trail: string[]) => {
      if (trail.includes(node)) {
        cycles.push([...trail.slice(trail.indexOf(node)), node].join(' -> '));
        return;
      }
      for (const next of edges.get(node) ?? []) visit(next, [...trail, node]);
    };
    for (const node of edges.keys()) visit(node, []);
    expect(cycles).toEqual([]);
  });
});
