import { dirname, relative, resolve, sep } from 'node:path';

/**
 * The layer rule inside src/main (VS Code's "code-layering" idea): the folders form an ordered stack and a
 * file may import its own folder or any folder below its own, never one above or beside it. Every kind of
 * import counts: values, `import type`, `export … from`, dynamic `import()` and `import('…').T` types, since a
 * type-only back edge still ties the lower layer to the upper one.
 *
 * Options: `{ root: 'src/main', layers: [['ingest'], ['records'], …] }`, bottom first; folders in one entry are
 * siblings (neither may import the other). A top-level file (`app-root.ts`) is named without its extension.
 */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'src/main folders import only the layers below them' },
    schema: [
      {
        type: 'object',
        properties: {
          root: { type: 'string' },
          layers: { type: 'array', items: { type: 'array', items: { type: 'string' } } },
        },
        required: ['root', 'layers'],
        additionalProperties: false,
      },
    ],
    messages: {
      upward: "'{{from}}' is layer {{fromLayer}} and may not import '{{to}}' (layer {{toLayer}}): {{order}}. Move what both need into the lower one or into src/shared.",
      sibling: "'{{from}}' and '{{to}}' are siblings on layer {{fromLayer}} and may not import each other: {{order}}.",
      unknown: "src/main/{{folder}} is not in the layer order of eslint.config.js; add it where it belongs.",
    },
  },
  create(context) {
    const { root, layers } = context.options[0];
    const rootDir = resolve(context.cwd, root);
    const layerOf = new Map();
    layers.forEach((names, i) => names.forEach((n) => layerOf.set(n, i)));
    const order = layers.map((names) => names.join(' | ')).join(' → ');
    const file = context.filename;
    const folderOf = (abs) => {
      const rel = relative(rootDir, abs);
      if (rel.startsWith('..') || rel === '') return null;
      return rel.split(sep)[0].replace(/\.(?:ts|tsx|js|mjs|cjs)$/, '');
    };
    const from = folderOf(file);
    if (from === null) return {};

    const check = (node, spec) => {
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const to = folderOf(resolve(dirname(file), spec));
      if (to === null || to === from) return;
      const fromLayer = layerOf.get(from);
      const toLayer = layerOf.get(to);
      if (fromLayer === undefined) return context.report({ node, messageId: 'unknown', data: { folder: from } });
      if (toLayer === undefined) return context.report({ node, messageId: 'unknown', data: { folder: to } });
      if (toLayer === fromLayer) return context.report({ node, messageId: 'sibling', data: { from, to, fromLayer, order } });
      if (toLayer > fromLayer) context.report({ node, messageId: 'upward', data: { from, to, fromLayer, toLayer, order } });
    };
    return {
      ImportDeclaration: (n) => check(n.source, n.source.value),
      ExportNamedDeclaration: (n) => n.source && check(n.source, n.source.value),
      ExportAllDeclaration: (n) => check(n.source, n.source.value),
      ImportExpression: (n) => n.source.type === 'Literal' && check(n.source, n.source.value),
      TSImportType: (n) => {
        const lit = n.argument?.literal ?? n.argument;
        if (lit && lit.type === 'Literal') check(n, lit.value);
      },
    };
  },
};

export default { meta: { name: 'vmbd-layers' }, rules: { layers: rule } };
