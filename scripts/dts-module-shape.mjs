// A Rollup output plugin for the declaration bundles, which rollup-plugin-dts writes as ES modules with one
// closing `export { … }`. It rewrites that list to the shape a build has at run time:
// - `cjs` (a .d.cts): `module.exports` is the default export's class itself. `export =` names the class,
//   and a namespace merged with it carries the other exports, so `require('scdk').ERROR_CODES` and, in a
//   CommonJS file, `import { type ScdkOptions } from 'scdk'` are typed (src/index.cjs.ts puts the named
//   values on the constructor).
// - `esm`: the default export and the types, for an ES module whose only value is its default.
// With `values: false` the named values go (the UMD bundle's module.exports is the bare constructor), but
// not the class's statics (`ScdkError`), whose instance types stay exported under their names.
import ts from 'typescript';

/**
 * @param {object} options
 * @param {'cjs' | 'esm'} options.format the module format of the file written
 * @param {boolean} options.values whether the named values (not only the default) exist at run time
 */
export function dtsModuleShape({ format, values }) {
  if (format === 'esm' && values) throw new Error('an ES module bundle with all its values needs no rewriting');
  return {
    name: 'scdk-dts-module-shape',
    renderChunk(code, chunk) {
      return { code: reshape(code, chunk.fileName, format, values), map: null };
    },
  };
}

/** A specifier's text: `name`, or `local as name`. */
const specifier = ({ local, name }) => (local === name ? name : `${local} as ${name}`);
/** The top-level name of a class's instance type, exported under the class's own name. */
const instanceName = (name) => `${name}Instance`;

function reshape(code, fileName, format, keepValues) {
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true);
  const exportLists = source.statements.filter((node) => ts.isExportDeclaration(node) && !node.moduleSpecifier);
  if (exportLists.length === 0 || source.statements.slice(-exportLists.length).some((node) => !exportLists.includes(node))) {
    throw new Error(`${fileName}: expected the bundle to close with its export lists`);
  }
  const exported = exportLists.flatMap((node) =>
    node.exportClause.elements.map((element) => ({
      local: (element.propertyName ?? element.name).text,
      name: element.name.text,
      typeOnly: node.isTypeOnly || element.isTypeOnly,
    })),
  );
  const main = exported.find((entry) => entry.name === 'default');
  const mainClass = source.statements.find((node) => ts.isClassDeclaration(node) && node.name?.text === main?.local);
  if (!main || !mainClass) throw new Error(`${fileName}: the default export is not a class declared in the bundle`);
  const statics = new Set(
    mainClass.members
      .filter((member) => member.name && ts.getCombinedModifierFlags(member) & ts.ModifierFlags.Static)
      .map((member) => member.name.getText(source)),
  );
  const classes = new Set(source.statements.filter(ts.isClassDeclaration).map((node) => node.name?.text));

  const valueExports = [];
  const typeExports = [];
  const instanceTypes = [];
  for (const entry of exported) {
    if (entry.typeOnly) typeExports.push(specifier(entry));
    else if (format === 'esm' && entry.name === 'default') valueExports.push(specifier(entry));
    else if (keepValues && !statics.has(entry.name)) valueExports.push(specifier(entry));
    // A value that is not there, or that a static of the class already is (a namespace member of the same
    // name would redeclare it): a class among them keeps its instance type under its name, as a type alias.
    else if (classes.has(entry.local) && entry.local !== main.local) instanceTypes.push(entry);
  }
  const head = code.slice(0, exportLists[0].getStart(source)).trimEnd();
  const aliases = instanceTypes.map(({ local }) => `type ${instanceName(local)} = ${local};`);
  const aliasExports = instanceTypes.map(({ local, name }) => `${instanceName(local)} as ${name}`);
  if (format === 'esm') {
    return [head, '', ...aliases, `export { ${valueExports.join(', ')} };`, `export type { ${[...typeExports, ...aliasExports].join(', ')} };`, ''].join('\n');
  }
  const body = [
    valueExports.length > 0 && `  export { ${valueExports.join(', ')} };`,
    typeExports.length > 0 && `  export type { ${typeExports.join(', ')} };`,
    ...instanceTypes.map(({ local, name }) => `  export type ${name} = ${instanceName(local)};`),
  ].filter(Boolean);
  return [head, '', ...aliases, `declare namespace ${main.local} {`, ...body, '}', `export = ${main.local};`, ''].join('\n');
}
