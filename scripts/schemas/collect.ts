/**
 * Reads the TypeScript declarations of the model packages (`@kubernetes-models/argo-workflows`,
 * `kubernetes-models`, `@kubernetes-models/apimachinery`) with the TypeScript compiler API and turns
 * every interface or type alias reachable from the root types into a JSON Schema definition,
 * with the JSDoc text as `description` and string literal unions as `enum`.
 */
import ts from 'typescript';
import type { JsonSchema, JsonType } from '../../server/src/core/schema/json-schema';
import { DEFINITIONS_PREFIX } from '../../server/src/core/schema/json-schema';
import { definitionName } from './naming';

/** Where a definition was declared: its declaration file and the source name its package exports. */
export interface DefinitionSource {
  readonly file: string;
  readonly exportedName: string;
}

export interface CollectResult {
  readonly definitions: Map<string, JsonSchema>;
  readonly sources: Map<string, DefinitionSource>;
}

interface Declaration {
  readonly name: string;
  readonly node: ts.InterfaceDeclaration | ts.TypeAliasDeclaration;
}

/** Collects the definitions reachable from `rootFiles` (declaration files whose exported interface is a root). */
export function collectDefinitions(rootFiles: readonly string[]): CollectResult {
  const program = ts.createProgram([...rootFiles], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const definitions = new Map<string, JsonSchema>();
  const sources = new Map<string, DefinitionSource>();
  const queue: Declaration[] = [];
  const exportNames = new Map<ts.SourceFile, Map<string, string>>();

  /** `export type { IContainer as IIoK8sApiCoreV1Container, ... }` of a file: local name -> exported source name. */
  function exportedNames(file: ts.SourceFile): Map<string, string> {
    let names = exportNames.get(file);
    if (names) return names;
    names = new Map();
    for (const statement of file.statements) {
      if (!ts.isExportDeclaration(statement) || !statement.exportClause || !ts.isNamedExports(statement.exportClause)) continue;
      for (const element of statement.exportClause.elements) {
        const local = (element.propertyName ?? element.name).text;
        if (!names.has(local) && /^I/.test(local)) names.set(local, element.name.text);
      }
    }
    exportNames.set(file, names);
    return names;
  }

  function nameOf(node: ts.InterfaceDeclaration | ts.TypeAliasDeclaration): string {
    const local = node.name.text;
    const file = node.getSourceFile();
    const exported = exportedNames(file).get(local) ?? local;
    const name = definitionName(exported, local);
    if (!sources.has(name)) sources.set(name, { file: file.fileName, exportedName: exported });
    return name;
  }

  function declarationOf(node: ts.EntityName): ts.InterfaceDeclaration | ts.TypeAliasDeclaration | undefined {
    let symbol = checker.getSymbolAtLocation(node);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    return symbol?.declarations?.find((d): d is ts.InterfaceDeclaration | ts.TypeAliasDeclaration => ts.isInterfaceDeclaration(d) || ts.isTypeAliasDeclaration(d));
  }

  /** A `$ref` to the definition of a declaration, queued for conversion. */
  function refTo(decl: ts.InterfaceDeclaration | ts.TypeAliasDeclaration): JsonSchema {
    const name = nameOf(decl);
    if (!definitions.has(name) && !queue.some((q) => q.name === name)) queue.push({ name, node: decl });
    return { $ref: DEFINITIONS_PREFIX + name };
  }

  function convertType(node: ts.TypeNode): JsonSchema {
    switch (node.kind) {
      case ts.SyntaxKind.StringKeyword:
        return { type: 'string' };
      case ts.SyntaxKind.NumberKeyword:
        return { type: 'number' };
      case ts.SyntaxKind.BooleanKeyword:
        return { type: 'boolean' };
      case ts.SyntaxKind.AnyKeyword:
      case ts.SyntaxKind.UnknownKeyword:
        return {};
      default:
        break;
    }
    if (ts.isParenthesizedTypeNode(node)) return convertType(node.type);
    if (ts.isArrayTypeNode(node)) return { type: 'array', items: convertType(node.elementType) };
    if (ts.isLiteralTypeNode(node)) return literal(node);
    if (ts.isUnionTypeNode(node)) return union(node);
    if (ts.isTypeLiteralNode(node)) return typeLiteral(node);
    if (ts.isTypeReferenceNode(node)) {
      const name = node.typeName.getText();
      if ((name === 'Array' || name === 'ReadonlyArray') && node.typeArguments?.length === 1) {
        return { type: 'array', items: convertType(node.typeArguments[0]) };
      }
      if (name === 'Record' && node.typeArguments?.length === 2) {
        return { type: 'object', additionalProperties: convertType(node.typeArguments[1]) };
      }
      const decl = declarationOf(node.typeName);
      if (!decl) throw new Error(`cannot resolve type ${name} at ${where(node)}`);
      return refTo(decl);
    }
    throw new Error(`unsupported type ${ts.SyntaxKind[node.kind]} (${node.getText()}) at ${where(node)}`);
  }

  function literal(node: ts.LiteralTypeNode): JsonSchema {
    const lit = node.literal;
    if (ts.isStringLiteral(lit)) return { type: 'string', enum: [lit.text] };
    if (ts.isNumericLiteral(lit)) return { type: 'number', enum: [Number(lit.text)] };
    if (lit.kind === ts.SyntaxKind.TrueKeyword) return { type: 'boolean', enum: [true] };
    if (lit.kind === ts.SyntaxKind.FalseKeyword) return { type: 'boolean', enum: [false] };
    if (lit.kind === ts.SyntaxKind.NullKeyword) return { type: 'null' };
    throw new Error(`unsupported literal ${node.getText()} at ${where(node)}`);
  }

  /** Unions in the models are literal enums (`"A" | "B"`) or scalar choices (`string | number`). */
  function union(node: ts.UnionTypeNode): JsonSchema {
    const parts = node.types.map(convertType);
    if (parts.every((p) => p.enum && p.type === 'string')) {
      return { type: 'string', enum: parts.flatMap((p) => p.enum ?? []) };
    }
    if (parts.every((p) => typeof p.type === 'string' && !p.enum && Object.keys(p).length === 1)) {
      const types = [...new Set(parts.map((p) => p.type as JsonType))];
      return { type: types.length === 1 ? types[0] : types };
    }
    throw new Error(`unsupported union ${node.getText()} at ${where(node)}`);
  }

  function typeLiteral(node: ts.TypeLiteralNode): JsonSchema {
    const index = node.members.find(ts.isIndexSignatureDeclaration);
    const props = node.members.filter(ts.isPropertySignature);
    if (index && props.length === 0) return { type: 'object', additionalProperties: convertType(index.type) };
    if (!index && props.length === 0) return { type: 'object' };
    if (index) throw new Error(`mixed index signature and properties at ${where(node)}`);
    return objectOf(props, []);
  }

  function objectOf(props: readonly ts.PropertySignature[], inherited: readonly ts.PropertySignature[]): JsonSchema {
    const byName = new Map<string, ts.PropertySignature>();
    for (const p of [...inherited, ...props]) byName.set(propertyName(p), p);
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    for (const name of [...byName.keys()].sort()) {
      const p = byName.get(name) as ts.PropertySignature;
      if (!p.type) throw new Error(`property ${name} has no type at ${where(p)}`);
      const schema = convertType(p.type);
      const description = docOf(p);
      properties[name] = description ? withDescription(schema, description) : schema;
      if (!p.questionToken) required.push(name);
    }
    const out: JsonSchema = { type: 'object', properties };
    if (required.length > 0) out.required = required;
    return out;
  }

  /** Properties of an interface's bases (Go embedded structs), outermost last so the interface's own win. */
  function inheritedProperties(decl: ts.InterfaceDeclaration): ts.PropertySignature[] {
    const out: ts.PropertySignature[] = [];
    for (const clause of decl.heritageClauses ?? []) {
      for (const base of clause.types) {
        if (!ts.isIdentifier(base.expression) && !ts.isPropertyAccessExpression(base.expression)) continue;
        let symbol = checker.getSymbolAtLocation(base.expression);
        if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
        for (const d of symbol?.declarations ?? []) {
          if (ts.isInterfaceDeclaration(d)) out.push(...inheritedProperties(d), ...d.members.filter(ts.isPropertySignature));
          else if (ts.isTypeAliasDeclaration(d) && ts.isTypeLiteralNode(d.type)) out.push(...d.type.members.filter(ts.isPropertySignature));
        }
      }
    }
    return out;
  }

  function convertDeclaration(decl: Declaration): JsonSchema {
    const node = decl.node;
    let schema: JsonSchema;
    if (ts.isInterfaceDeclaration(node)) {
      const own = node.members.filter(ts.isPropertySignature);
      const inherited = inheritedProperties(node);
      schema = own.length + inherited.length === 0 ? { type: 'object' } : objectOf(own, inherited);
    } else {
      schema = convertType(node.type);
      if (schema.$ref) schema = { ...schema };
    }
    const description = docOf(node);
    const out: JsonSchema = { title: decl.name.slice(decl.name.lastIndexOf('.') + 1) };
    if (description) out.description = description;
    return { ...out, ...schema };
  }

  for (const file of rootFiles) {
    const source = program.getSourceFile(file);
    if (!source) throw new Error(`cannot read ${file}`);
    const root = source.statements.find(ts.isInterfaceDeclaration);
    if (!root) throw new Error(`no interface in ${file}`);
    refTo(root);
  }
  while (queue.length > 0) {
    const next = queue.shift() as Declaration;
    if (definitions.has(next.name)) continue;
    definitions.set(next.name, {});
    definitions.set(next.name, convertDeclaration(next));
  }
  return { definitions, sources };
}

function propertyName(p: ts.PropertySignature): string {
  const n = p.name;
  if (ts.isStringLiteral(n) || ts.isIdentifier(n) || ts.isNumericLiteral(n)) return n.text;
  throw new Error(`unsupported property name ${n.getText()} at ${where(p)}`);
}

/** JSDoc text of a declaration or property, without tags; `\*` escapes are undone. */
function docOf(node: ts.Node): string | undefined {
  const parts: string[] = [];
  for (const doc of ts.getJSDocCommentsAndTags(node)) {
    if (!ts.isJSDoc(doc)) continue;
    const text = ts.getTextOfJSDocComment(doc.comment);
    if (text) parts.push(text);
  }
  const text = parts.join('\n\n').replace(/\\\*/g, '*').trim();
  return text || undefined;
}

function withDescription(schema: JsonSchema, description: string): JsonSchema {
  return { description, ...schema };
}

function where(node: ts.Node): string {
  const file = node.getSourceFile();
  const { line } = file.getLineAndCharacterOfPosition(node.getStart());
  return `${file.fileName}:${line + 1}`;
}
