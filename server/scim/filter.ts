import { describeTextProblem, textProblemOf } from "@/server/input-text";
import { ScimError } from "./errors";
import { parseAttrPath, type AttrPath } from "./paths";
import type { ResourceKind } from "./schemas";

/** RFC 7644 §3.4.2.2 filters. */
export const compareOps = ["eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le"] as const;
export type CompareOp = (typeof compareOps)[number];
export type FilterValue = string | number | boolean | null;

export type Filter =
  | { op: "and" | "or"; left: Filter; right: Filter }
  | { op: "not"; filter: Filter }
  | { op: "pr"; path: AttrPath }
  | { op: CompareOp; path: AttrPath; value: FilterValue }
  /** `emails[type eq "work" and value co "@example.com"]`: the inner filter applies to one element. */
  | { op: "has"; path: AttrPath; filter: Filter };

type Token = { kind: "(" | ")" | "[" | "]" | "string" | "word"; text: string; pos: number };

const maxFilterLength = 4096;
/**
 * Each `not (`, `(` or `[` nests the tree (and the SQL made from it) one level deeper. Real IdPs send
 * two or three; a few hundred exhaust the database's stack, so a filter that deep is refused here.
 */
export const maxFilterDepth = 16;
/** `a eq 1 or a eq 2 or ...` grows the tree as surely as nesting does. */
export const maxFilterTerms = 64;

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if ("()[]".includes(c)) {
      tokens.push({ kind: c as Token["kind"], text: c, pos: i });
      i++;
    } else if (c === '"') {
      let j = i + 1;
      while (j < input.length && input[j] !== '"') j += input[j] === "\\" ? 2 : 1;
      if (j >= input.length) throw invalid(`an unterminated string starts at position ${i + 1}`);
      const raw = input.slice(i, j + 1);
      let text: string;
      try {
        text = JSON.parse(raw) as string;
      } catch {
        throw invalid(`the string at position ${i + 1} has an invalid escape`);
      }
      // `"\u0000"` and `"\ud800"` are valid JSON escapes but no storable text: no value can match them.
      const problem = textProblemOf(text);
      if (problem) throw invalid(`the string at position ${i + 1} ${describeTextProblem(problem)}`);
      tokens.push({ kind: "string", text, pos: i });
      i = j + 1;
    } else {
      let j = i;
      while (j < input.length && !/[\s()[\]"]/.test(input[j]!)) j++;
      tokens.push({ kind: "word", text: input.slice(i, j), pos: i });
      i = j;
    }
  }
  return tokens;
}

function invalid(detail: string): ScimError {
  return new ScimError(400, `The filter is invalid: ${detail}.`, "invalidFilter");
}

/**
 * Parses a filter into a tree. Operators and attribute names are case-insensitive; `not` binds
 * tighter than `and`, which binds tighter than `or`. Bare words after an operator are taken as
 * strings (`name.familyName eq Employee`), as Microsoft's reference collection sends them.
 */
export function parseFilter(kind: ResourceKind, input: string): Filter {
  if (input.length > maxFilterLength) throw invalid(`it is longer than ${maxFilterLength} characters`);
  const tokens = tokenize(input);
  let at = 0;
  let depth = 0;
  let terms = 0;
  const nest = <T>(parse: () => T): T => {
    if (++depth > maxFilterDepth) throw invalid(`it nests more than ${maxFilterDepth} levels of parentheses, brackets or 'not'`);
    const inner = parse();
    depth--;
    return inner;
  };
  const peek = () => tokens[at];
  const isWord = (t: Token | undefined, word: string) => t?.kind === "word" && t.text.toLowerCase() === word;
  const expect = (kind: Token["kind"]) => {
    const t = tokens[at];
    if (t?.kind !== kind) throw invalid(t ? `expected '${kind}' at position ${t.pos + 1}` : `expected '${kind}' at the end`);
    at++;
  };

  function parseOr(): Filter {
    let left = parseAnd();
    while (isWord(peek(), "or")) {
      at++;
      left = { op: "or", left, right: parseAnd() };
    }
    return left;
  }
  function parseAnd(): Filter {
    let left = parseUnary();
    while (isWord(peek(), "and")) {
      at++;
      left = { op: "and", left, right: parseUnary() };
    }
    return left;
  }
  function parseUnary(): Filter {
    const t = peek();
    if (!t) throw invalid("it ends where an expression was expected");
    if (isWord(t, "not")) {
      at++;
      expect("(");
      const inner = nest(parseOr);
      expect(")");
      return { op: "not", filter: inner };
    }
    if (t.kind === "(") {
      at++;
      const inner = nest(parseOr);
      expect(")");
      return inner;
    }
    if (t.kind !== "word") throw invalid(`expected an attribute at position ${t.pos + 1}`);
    if (++terms > maxFilterTerms) throw invalid(`it has more than ${maxFilterTerms} comparisons`);
    at++;
    const path = parseAttrPathForFilter(t);
    if (peek()?.kind === "[") {
      at++;
      const inner = nest(parseOr);
      expect("]");
      return { op: "has", path, filter: inner };
    }
    const opToken = peek();
    if (opToken?.kind !== "word") throw invalid(`expected an operator after '${t.text}'`);
    const op = opToken.text.toLowerCase();
    at++;
    if (op === "pr") return { op: "pr", path };
    if (!(compareOps as readonly string[]).includes(op)) throw invalid(`'${opToken.text}' is not an operator`);
    const valueToken = peek();
    if (!valueToken || (valueToken.kind !== "string" && valueToken.kind !== "word")) throw invalid(`expected a value after '${opToken.text}'`);
    at++;
    return { op: op as CompareOp, path, value: literal(valueToken) };
  }
  function parseAttrPathForFilter(t: Token): AttrPath {
    try {
      return parseAttrPath(kind, t.text);
    } catch {
      throw invalid(`'${t.text}' is not an attribute path`);
    }
  }

  const tree = parseOr();
  if (at < tokens.length) throw invalid(`unexpected '${tokens[at]!.text}' at position ${tokens[at]!.pos + 1}`);
  return tree;
}

function literal(t: Token): FilterValue {
  if (t.kind === "string") return t.text;
  const lower = t.text.toLowerCase();
  if (lower === "true") return true;
  if (lower === "false") return false;
  if (lower === "null") return null;
  if (/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(t.text)) return Number(t.text);
  return t.text;
}
