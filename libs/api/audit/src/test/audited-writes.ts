import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import * as ts from 'typescript';

/** One call of AuditService.record found in the API's source. */
export interface AuditedWrite {
  /** file:line of the call. */
  at: string;
  /** Every entity type the call can write (literals, followed through parameters and helpers). */
  entityTypes: string[];
  /** The keys of its before and after objects (from their static types). */
  fields: string[];
  /** What could not be enumerated statically (an untyped entity type or a before/after without known keys). */
  unknown: string[];
}

const ROOT = resolve(__dirname, '../../../../..');
const AUDIT_SERVICE = join(ROOT, 'libs/api/audit/src/lib/audit.service.ts');

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'node_modules' && name !== 'test') sourceFiles(path, out);
    } else if (name.endsWith('.ts') && !name.endsWith('.spec.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts')) {
      out.push(path);
    }
  }
  return out;
}

/**
 * Reads the API's source (libs/api/*\/src, specs excluded) with the TypeScript checker and lists
 * every AuditService.record call: the entity types it writes and the fields of its before/after.
 * Types, not regexes: `after: auditedUser(user)`, `...changedFields(a, b)` or a view object
 * yield their keys from the declared types, and an entity type passed through a parameter
 * (`this.change(…, 'chain_target', …)`) or a helper (`table(kind)`) is followed to its literals.
 */
export function auditedWrites(): AuditedWrite[] {
  const apiDir = join(ROOT, 'libs/api');
  const files = readdirSync(apiDir)
    .filter((lib) => lib !== 'testing')
    .flatMap((lib) => {
      const src = join(apiDir, lib, 'src');
      return statSync(src, { throwIfNoEntry: false })?.isDirectory() ? sourceFiles(src) : [];
    });
  const config = ts.readConfigFile(join(ROOT, 'tsconfig.base.json'), ts.sys.readFile).config;
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, ROOT);
  const program = ts.createProgram(files, { ...options, noEmit: true, strict: true, skipLibCheck: true, types: ['node'] });
  const checker = program.getTypeChecker();
  const ours = program.getSourceFiles().filter((f) => f.fileName.startsWith(apiDir) && !f.isDeclarationFile);

  const calls: ts.CallExpression[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node)) calls.push(node);
    ts.forEachChild(node, visit);
  };
  ours.forEach(visit);

  const declarationOf = (call: ts.CallExpression) => checker.getResolvedSignature(call)?.getDeclaration();
  const isRecord = (call: ts.CallExpression) => {
    const decl = declarationOf(call);
    return (
      !!decl &&
      resolve(decl.getSourceFile().fileName) === AUDIT_SERVICE &&
      ts.isMethodDeclaration(decl) &&
      decl.name.getText() === 'record'
    );
  };
  const where = (node: ts.Node) => {
    const sf = node.getSourceFile();
    return `${relative(ROOT, sf.fileName)}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  };

  const literals = (type: ts.Type): string[] | null => {
    const parts = type.isUnion() ? type.types : [type];
    const values = parts.map((t) => (t.isStringLiteral() ? t.value : null));
    return values.every((v) => v !== null) ? (values as string[]) : null;
  };

  /** The string literals an expression can be, following parameters to their callers. */
  const entityTypes = (expr: ts.Expression, depth = 0): string[] | null => {
    if (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr)) return entityTypes(expr.expression, depth);
    if (ts.isTemplateExpression(expr) && !expr.head.text && expr.templateSpans.length === 1 && !expr.templateSpans[0].literal.text) {
      return entityTypes(expr.templateSpans[0].expression, depth);
    }
    const direct = literals(checker.getTypeAtLocation(expr));
    if (direct) return direct;
    if (depth > 4 || !ts.isIdentifier(expr)) return null;
    const symbol = ts.isShorthandPropertyAssignment(expr.parent)
      ? checker.getShorthandAssignmentValueSymbol(expr.parent)
      : checker.getSymbolAtLocation(expr);
    const decl = symbol?.valueDeclaration;
    if (!decl || !ts.isParameter(decl)) return null;
    const fn = decl.parent as ts.SignatureDeclaration;
    const index = fn.parameters.indexOf(decl);
    const found: string[] = [];
    const callers = calls.filter((c) => declarationOf(c) === fn);
    if (!callers.length) return null;
    for (const caller of callers) {
      const arg = caller.arguments[index];
      const values = arg ? entityTypes(arg, depth + 1) : null;
      if (!values) return null;
      found.push(...values);
    }
    return found;
  };

  /** The keys of an object type (each member of a union), or null when it has none to name. */
  const keysOf = (type: ts.Type): string[] | null => {
    const nonNull = checker.getNonNullableType(type);
    if (nonNull.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.Never)) return null;
    const parts = nonNull.isUnion() ? nonNull.types : [nonNull];
    const keys = new Set<string>();
    for (const part of parts) {
      if (checker.getIndexInfosOfType(part).length) return null;
      if (part.flags & ts.TypeFlags.NonPrimitive) return null; // `object`
      for (const p of checker.getPropertiesOfType(part)) keys.add(p.getName());
    }
    return [...keys];
  };

  const variableInitializer = (id: ts.Identifier): { init: ts.Expression; element?: ts.BindingElement } | null => {
    const symbol = ts.isShorthandPropertyAssignment(id.parent)
      ? checker.getShorthandAssignmentValueSymbol(id.parent)
      : checker.getSymbolAtLocation(id);
    const decl = symbol?.valueDeclaration;
    if (decl && ts.isVariableDeclaration(decl) && decl.initializer) return { init: decl.initializer };
    if (decl && ts.isBindingElement(decl)) {
      const v = decl.parent.parent;
      if (ts.isVariableDeclaration(v) && v.initializer) return { init: v.initializer, element: decl };
    }
    return null;
  };
  const unwrap = (e: ts.Expression): ts.Expression =>
    ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isAwaitExpression(e) || ts.isNonNullExpression(e)
      ? unwrap(e.expression)
      : e;
  const calleeName = (call: ts.CallExpression) => {
    const callee = call.expression;
    return ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.getText() : '';
  };
  const stringConstant = (e: ts.Expression): string | null => {
    e = unwrap(e);
    if (ts.isNoSubstitutionTemplateLiteral(e) || ts.isStringLiteral(e)) return e.text;
    if (ts.isTemplateExpression(e)) {
      const head = e.head.text;
      const first = stringConstant(e.templateSpans[0].expression);
      return first === null ? head : head + first;
    }
    if (ts.isIdentifier(e)) {
      const found = variableInitializer(e);
      return found && !found.element ? stringConstant(found.init) : null;
    }
    return null;
  };
  /** The column names a SELECT answers (alias, else the column's last name). */
  const selectColumns = (sql: string): string[] | null => {
    const m = /select\s+([\s\S]*?)\s+from\s/i.exec(sql);
    if (!m) return null;
    const items: string[] = [];
    let depth = 0;
    let current = '';
    for (const ch of m[1]) {
      if (ch === '(') depth++;
      if (ch === ')') depth--;
      if (ch === ',' && depth === 0) {
        items.push(current);
        current = '';
      } else current += ch;
    }
    items.push(current);
    const names = items.map((item) => {
      const alias = /\sas\s+"?([A-Za-z_][A-Za-z0-9_]*)"?\s*$/i.exec(item.trim());
      if (alias) return alias[1];
      const column = /(?:^|\.)"?([A-Za-z_][A-Za-z0-9_]*)"?(?:::[a-z_]+(?:\[\])?)?$/i.exec(item.trim());
      return column ? column[1] : null;
    });
    return names.every((n) => n && n !== '*') ? (names as string[]) : null;
  };

  /** Keys of an expression whose type does not name them: followed through the source. */
  const keysOfExpr = (expr: ts.Expression, depth = 0): string[] | null => {
    const typed = keysOf(checker.getTypeAtLocation(expr));
    if (typed) return typed;
    if (depth > 6) return null;
    const e = unwrap(expr);
    if (e.kind === ts.SyntaxKind.NullKeyword) return [];
    if (ts.isBinaryExpression(e) && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(e.operatorToken.kind)) {
      const l = keysOfExpr(e.left, depth + 1);
      const r = keysOfExpr(e.right, depth + 1);
      return l && r ? [...l, ...r] : null;
    }
    if (ts.isConditionalExpression(e)) {
      const l = keysOfExpr(e.whenTrue, depth + 1);
      const r = keysOfExpr(e.whenFalse, depth + 1);
      return l && r ? [...l, ...r] : null;
    }
    if (ts.isObjectLiteralExpression(e)) {
      const keys: string[] = [];
      for (const p of e.properties) {
        if (ts.isSpreadAssignment(p)) {
          const inner = keysOfExpr(p.expression, depth + 1);
          if (!inner) return null;
          keys.push(...inner);
        } else if (p.name && !ts.isComputedPropertyName(p.name)) keys.push(p.name.getText());
        else return null;
      }
      return keys;
    }
    if (ts.isIdentifier(e)) {
      const found = variableInitializer(e);
      if (!found) return null;
      const init = unwrap(found.init);
      // const [row] = await tx.query(SQL, …): the SELECT's columns.
      if (found.element && ts.isCallExpression(init) && calleeName(init).endsWith('.query')) {
        const sql = init.arguments[0] ? stringConstant(init.arguments[0]) : null;
        return sql ? selectColumns(sql) : null;
      }
      return found.element ? null : keysOfExpr(found.init, depth + 1);
    }
    if (ts.isCallExpression(e)) {
      const name = calleeName(e);
      if (name === 'changedFields') return keysOfExpr(e.arguments[1], depth + 1);
      if (name === 'Object.fromEntries') {
        const arg = unwrap(e.arguments[0]);
        if (ts.isCallExpression(arg) && ts.isPropertyAccessExpression(arg.expression) && arg.expression.name.text === 'map') {
          const fn = arg.arguments[0];
          if (fn && ts.isArrowFunction(fn) && ts.isArrayLiteralExpression(fn.body) && fn.body.elements[0]) {
            return literals(checker.getTypeAtLocation(fn.body.elements[0]));
          }
        }
        return null;
      }
      // A helper that builds the object: the object its return statement answers.
      const decl = declarationOf(e);
      if (decl && ts.isFunctionDeclaration(decl) && decl.body) {
        const returns: ts.Expression[] = [];
        const walk = (n: ts.Node) => {
          if (ts.isReturnStatement(n) && n.expression) returns.push(n.expression);
          else if (!ts.isFunctionLike(n)) ts.forEachChild(n, walk);
        };
        ts.forEachChild(decl.body, walk);
        const keys = returns.map((r) => keysOfExpr(r, depth + 1));
        return keys.length && keys.every(Boolean) ? keys.flat() as string[] : null;
      }
    }
    return null;
  };

  /** The expressions an entry's before/after comes from: its own property, or a spread `...changedFields(a, b)`. */
  const sideExpressions = (entry: ts.ObjectLiteralExpression, side: 'before' | 'after'): ts.Expression[] => {
    const out: ts.Expression[] = [];
    for (const p of entry.properties) {
      if (ts.isPropertyAssignment(p) && p.name.getText() === side) out.push(p.initializer);
      if (ts.isShorthandPropertyAssignment(p) && p.name.text === side) out.push(p.name);
      if (ts.isSpreadAssignment(p)) {
        let spread = unwrap(p.expression);
        if (ts.isIdentifier(spread)) spread = unwrap(variableInitializer(spread)?.init ?? spread);
        if (ts.isCallExpression(spread) && calleeName(spread) === 'changedFields') {
          out.push(spread.arguments[side === 'before' ? 0 : 1]);
        } else if (ts.isConditionalExpression(spread)) {
          for (const branch of [spread.whenTrue, spread.whenFalse]) {
            const b = unwrap(branch);
            if (ts.isObjectLiteralExpression(b)) out.push(...sideExpressions(b, side));
          }
        }
      }
    }
    return out;
  };

  const writes: AuditedWrite[] = [];
  for (const call of calls.filter(isRecord)) {
    const entry = call.arguments[2];
    const unknown: string[] = [];
    let types: string[] = [];
    const fields = new Set<string>();
    const entryType = checker.getTypeAtLocation(entry);
    const typeProp = ts.isObjectLiteralExpression(entry)
      ? entry.properties.find((p) => p.name?.getText() === 'entityType')
      : undefined;
    const typeExpr =
      typeProp && ts.isPropertyAssignment(typeProp)
        ? typeProp.initializer
        : typeProp && ts.isShorthandPropertyAssignment(typeProp)
          ? typeProp.name
          : undefined;
    const found = typeExpr ? entityTypes(typeExpr) : null;
    if (found) types = found;
    else unknown.push(`entityType (${typeExpr?.getText() ?? entry.getText()})`);
    for (const side of ['before', 'after'] as const) {
      const symbol = checker.getPropertyOfType(entryType, side);
      if (!symbol) continue;
      let keys = keysOf(checker.getTypeOfSymbolAtLocation(symbol, entry));
      if (!keys && ts.isObjectLiteralExpression(entry)) {
        const sources = sideExpressions(entry, side).map((e) => keysOfExpr(e));
        keys = sources.length && sources.every(Boolean) ? (sources.flat() as string[]) : null;
      }
      if (keys) keys.forEach((k) => fields.add(k));
      else unknown.push(side);
    }
    writes.push({ at: where(call), entityTypes: [...new Set(types)].sort(), fields: [...fields].sort(), unknown });
  }
  return writes;
}
