import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
/** What the SDK bundles hold: the SDK, what it shares with the platform, and the UI (the ESM/CJS UI chunk). */
const SDK_SOURCES = ['src/sdk/', 'src/shared/', 'src/ui/', 'src/index.ts', 'src/index.cjs.ts'];
/**
 * Sources whose names leave the bundle, so a name they declare must keep its spelling: the wire protocol,
 * the UI chunk hand-over (a separate bundle), and the public types (in dist/types).
 */
const EXTERNAL_SOURCES = ['src/shared/protocol.ts', 'src/shared/ui-module.ts', 'src/sdk/types.ts', 'src/ui/'];

const relative = (fileName) => fileName.slice(ROOT.length);
const isSdkSource = (fileName) => SDK_SOURCES.some((prefix) => relative(fileName).startsWith(prefix));
/** A declaration in the SDK's own code, not in lib.dom.d.ts, a dependency, or a file whose names leave the bundle. */
const isInternalDeclaration = (declaration) => {
  const file = declaration.getSourceFile().fileName;
  return file.startsWith(ROOT + 'src/') && !EXTERNAL_SOURCES.some((prefix) => relative(file).startsWith(prefix)) && !inCast(declaration);
};
/** A type written in a cast (`json as { gateway?: unknown }`) describes data from outside: a response, a parsed token. */
const inCast = (node) => {
  for (let at = node.parent; at; at = at.parent) if (ts.isAsExpression(at) || ts.isTypeAssertionExpression(at) || ts.isSatisfiesExpression(at)) return true;
  return false;
};

/**
 * Every use of a property name in the SDK's sources, each with where it is and, if its spelling might
 * matter outside the bundle, why: the property is declared outside the SDK's internal modules (the DOM,
 * the wire protocol, the UI hand-over, the public types), the checker cannot say where it is declared,
 * an object literal names it with no declared type to check, or it is a string (a computed key, `in`,
 * hasOwn). A property that terser renames must have only uses without a reason.
 */
export function propertyNameUses() {
  const config = ts.getParsedCommandLineOfConfigFile(ROOT + 'tsconfig.json', {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  const program = ts.createProgram(config.fileNames, config.options);
  const checker = program.getTypeChecker();
  const uses = [];

  /** Why the spelling of `name` on `type` may matter outside the bundle, or undefined if it does not. */
  const reasonOnType = (type, name) => {
    if (!type) return 'no type';
    const property = checker.getPropertyOfType(checker.getNonNullableType(type), name);
    return reasonOfSymbol(property);
  };
  const reasonOfSymbol = (symbol) => {
    const declarations = symbol?.declarations ?? [];
    if (declarations.length === 0) return 'undeclared';
    const outside = declarations.find((declaration) => !isInternalDeclaration(declaration));
    return outside && `declared in ${relative(outside.getSourceFile().fileName) || outside.getSourceFile().fileName}`;
  };

  const add = (node, name, reason) => {
    const file = node.getSourceFile();
    const { line } = file.getLineAndCharacterOfPosition(node.getStart());
    uses.push({ name, where: `${relative(file.fileName)}:${line + 1}`, reason });
  };

  const visit = (node) => {
    if (ts.isPropertyAccessExpression(node)) {
      add(node.name, node.name.text, reasonOfSymbol(checker.getSymbolAtLocation(node.name)));
    } else if (ts.isStringLiteralLike(node)) {
      add(node, node.text, 'a string');
    } else if (ts.isBindingElement(node) && ts.isObjectBindingPattern(node.parent)) {
      const key = node.propertyName ?? node.name;
      if (ts.isIdentifier(key)) add(key, key.text, reasonOnType(checker.getTypeAtLocation(node.parent), key.text));
    } else if (node.parent && ts.isObjectLiteralExpression(node.parent) && ts.isObjectLiteralElementLike(node) && node.name && ts.isIdentifier(node.name)) {
      const contextual = checker.getContextualType(node.parent);
      add(node.name, node.name.text, contextual ? reasonOnType(contextual, node.name.text) : 'an object literal with no declared type');
    } else if ((ts.isClassElement(node) || ts.isTypeElement(node)) && node.name && ts.isIdentifier(node.name)) {
      const symbol = checker.getSymbolAtLocation(node.name);
      add(node.name, node.name.text, reasonOfSymbol(symbol));
    }
    ts.forEachChild(node, visit);
  };
  for (const file of program.getSourceFiles()) if (isSdkSource(file.fileName)) visit(file);
  return uses;
}
