/**
 * A small subset of CEL, enough for the expressions the SDK sends:
 * - trigger `expression` (e.g. the onFailure trigger `event.data.function_id == 'app-fn'`, see
 *   InngestFunction.ts getConfig),
 * - waitForEvent / cancelOn `if` (`event.data.id == async.data.id`, `async.data.x == 'literal'`;
 *   `match: "data.id"` is turned into `event.data.id == async.data.id` in InngestStepTools.ts),
 * - concurrency / throttle / rateLimit / idempotency keys (`event.data.org`).
 *
 * Supported: dotted paths and `["key"]` / `[0]` indexing, string/number/bool/null literals,
 * `== != < <= > >=`, `&& || !`, `+` (numbers or string concatenation), `-`, parentheses.
 * A comparison with a missing field is false (CEL would raise an error, which Inngest also treats
 * as "no match"). Anything else throws `ExpressionError` at parse time.
 */
export class ExpressionError extends Error {
  override name = "ExpressionError";
}

type Token =
  | { kind: "ident"; value: string }
  | { kind: "string"; value: string }
  | { kind: "number"; value: number }
  | { kind: "op"; value: string };

type Node =
  | { type: "literal"; value: unknown }
  | { type: "path"; root: string; keys: (string | number)[] }
  | { type: "not"; operand: Node }
  | { type: "neg"; operand: Node }
  | { type: "binary"; op: string; left: Node; right: Node };

const OPERATORS = ["==", "!=", "<=", ">=", "&&", "||", "<", ">", "!", "+", "-", "(", ")", "[", "]", "."];

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i] ?? "";
    if (/\s/.test(ch)) {
      i += 1;
      continue;
    }
    if (ch === "'" || ch === '"') {
      let value = "";
      i += 1;
      while (i < source.length && source[i] !== ch) {
        if (source[i] === "\\" && i + 1 < source.length) i += 1;
        value += source[i] ?? "";
        i += 1;
      }
      if (source[i] !== ch) throw new ExpressionError("unterminated string literal");
      i += 1;
      tokens.push({ kind: "string", value });
      continue;
    }
    const number = /^\d+(\.\d+)?/.exec(source.slice(i));
    if (number) {
      tokens.push({ kind: "number", value: Number(number[0]) });
      i += number[0].length;
      continue;
    }
    const ident = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(source.slice(i));
    if (ident) {
      tokens.push({ kind: "ident", value: ident[0] });
      i += ident[0].length;
      continue;
    }
    const op = OPERATORS.find((candidate) => source.startsWith(candidate, i));
    if (!op) throw new ExpressionError(`unexpected character at ${i}`);
    tokens.push({ kind: "op", value: op });
    i += op.length;
  }
  return tokens;
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Node {
    const node = this.or();
    if (this.pos < this.tokens.length) throw new ExpressionError("unexpected trailing input");
    return node;
  }

  private peekOp(...ops: string[]): string | undefined {
    const token = this.tokens[this.pos];
    return token?.kind === "op" && ops.includes(token.value) ? token.value : undefined;
  }

  private expectOp(op: string): void {
    if (!this.peekOp(op)) throw new ExpressionError(`expected "${op}"`);
    this.pos += 1;
  }

  private binary(next: () => Node, ops: string[]): Node {
    let left = next();
    for (let op = this.peekOp(...ops); op; op = this.peekOp(...ops)) {
      this.pos += 1;
      left = { type: "binary", op, left, right: next() };
    }
    return left;
  }

  private or = (): Node => this.binary(this.and, ["||"]);
  private and = (): Node => this.binary(this.comparison, ["&&"]);
  private comparison = (): Node => this.binary(this.additive, ["==", "!=", "<=", ">=", "<", ">"]);
  private additive = (): Node => this.binary(this.unary, ["+", "-"]);

  private unary = (): Node => {
    if (this.peekOp("!")) {
      this.pos += 1;
      return { type: "not", operand: this.unary() };
    }
    if (this.peekOp("-")) {
      this.pos += 1;
      return { type: "neg", operand: this.unary() };
    }
    return this.primary();
  };

  private primary(): Node {
    const token = this.tokens[this.pos];
    if (!token) throw new ExpressionError("unexpected end of expression");
    this.pos += 1;
    if (token.kind === "string" || token.kind === "number") return { type: "literal", value: token.value };
    if (token.kind === "op") {
      if (token.value !== "(") throw new ExpressionError(`unexpected "${token.value}"`);
      const inner = this.or();
      this.expectOp(")");
      return inner;
    }
    if (token.value === "true" || token.value === "false") return { type: "literal", value: token.value === "true" };
    if (token.value === "null") return { type: "literal", value: null };
    const keys: (string | number)[] = [];
    for (;;) {
      if (this.peekOp(".")) {
        this.pos += 1;
        const next = this.tokens[this.pos];
        if (next?.kind !== "ident") throw new ExpressionError("expected a field name after '.'");
        if (this.tokens[this.pos + 1]?.kind === "op" && this.peekOpAt(this.pos + 1, "(")) {
          throw new ExpressionError(`function calls are not supported (${next.value})`);
        }
        keys.push(next.value);
        this.pos += 1;
      } else if (this.peekOp("[")) {
        this.pos += 1;
        const index = this.tokens[this.pos];
        if (index?.kind !== "string" && index?.kind !== "number") throw new ExpressionError("expected an index");
        keys.push(index.value);
        this.pos += 1;
        this.expectOp("]");
      } else if (this.peekOp("(")) {
        throw new ExpressionError(`function calls are not supported (${token.value})`);
      } else {
        return { type: "path", root: token.value, keys };
      }
    }
  }

  private peekOpAt(pos: number, op: string): boolean {
    const token = this.tokens[pos];
    return token?.kind === "op" && token.value === op;
  }
}

const MISSING = Symbol("missing");
type Value = unknown;

function lookup(scope: Record<string, unknown>, node: Extract<Node, { type: "path" }>): Value {
  if (!Object.hasOwn(scope, node.root)) throw new ExpressionError(`unknown variable "${node.root}"`);
  let current: unknown = scope[node.root];
  for (const key of node.keys) {
    if (current === null || typeof current !== "object") return MISSING;
    if (Array.isArray(current) && typeof key === "number") current = current[key];
    else if (!Array.isArray(current) && Object.hasOwn(current, key)) current = (current as Record<string, unknown>)[key];
    else return MISSING;
    if (current === undefined) return MISSING;
  }
  return current;
}

function equal(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (typeof a === "object" && typeof b === "object" && a !== null && b !== null) {
    return JSON.stringify(a) === JSON.stringify(b);
  }
  return false;
}

function evaluate(node: Node, scope: Record<string, unknown>): Value {
  switch (node.type) {
    case "literal":
      return node.value;
    case "path":
      return lookup(scope, node);
    case "not":
      return evaluate(node.operand, scope) !== true;
    case "neg": {
      const v = evaluate(node.operand, scope);
      return typeof v === "number" ? -v : MISSING;
    }
    case "binary": {
      if (node.op === "&&") return evaluate(node.left, scope) === true && evaluate(node.right, scope) === true;
      if (node.op === "||") return evaluate(node.left, scope) === true || evaluate(node.right, scope) === true;
      const left = evaluate(node.left, scope);
      const right = evaluate(node.right, scope);
      if (left === MISSING || right === MISSING) return node.op === "+" || node.op === "-" ? MISSING : false;
      switch (node.op) {
        case "==":
          return equal(left, right);
        case "!=":
          return !equal(left, right);
        case "+":
          if (typeof left === "number" && typeof right === "number") return left + right;
          if (typeof left === "string" || typeof right === "string") return `${String(left)}${String(right)}`;
          return MISSING;
        case "-":
          return typeof left === "number" && typeof right === "number" ? left - right : MISSING;
        default: {
          const comparable =
            (typeof left === "number" && typeof right === "number") ||
            (typeof left === "string" && typeof right === "string");
          if (!comparable) return false;
          if (node.op === "<") return left < right;
          if (node.op === "<=") return left <= right;
          if (node.op === ">") return left > right;
          return left >= right;
        }
      }
    }
  }
}

const cache = new Map<string, Node>();

export function compile(source: string): Node {
  const hit = cache.get(source);
  if (hit) return hit;
  const node = new Parser(tokenize(source)).parse();
  if (cache.size > 1_000) cache.clear();
  cache.set(source, node);
  return node;
}

/** True only if the expression evaluates to boolean `true`. Throws ExpressionError on bad syntax. */
export function matches(source: string, scope: Record<string, unknown>): boolean {
  return evaluate(compile(source), scope) === true;
}

/** Evaluates a key expression to a string (`undefined` when the field is missing). */
export function evaluateKey(source: string, scope: Record<string, unknown>): string | undefined {
  const value = evaluate(compile(source), scope);
  if (value === MISSING || value === undefined) return undefined;
  return typeof value === "string" ? value : JSON.stringify(value);
}
