/**
 * Text the database cannot hold. Postgres refuses U+0000 in `text` and `jsonb`, and a lone UTF-16
 * surrogate (`"\ud800"` in JSON) has no UTF-8 form: either one, once it reaches a statement, fails the
 * whole request as a server error. Every transport checks its input here where it enters, so the
 * client hears which field is wrong instead.
 */
type TextProblem = { path: string; reason: "nul" | "surrogate" | "depth" };

/** Deeper JSON than any of our inputs needs; deeper still would strain recursive code and jsonb. */
const MAX_INPUT_DEPTH = 32;

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function textProblemOf(text: string): TextProblem["reason"] | null {
  if (text.includes("\u0000")) return "nul";
  if (loneSurrogate.test(text)) return "surrogate";
  return null;
}

/**
 * The first string (value or object key) in a parsed JSON value that cannot be stored, or nesting
 * deeper than `maxDepth`. Walks without recursion, so a hostile nesting depth cannot overflow the stack.
 */
export function findTextProblem(value: unknown, root = "", maxDepth = MAX_INPUT_DEPTH): TextProblem | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: root, depth: 0 }];
  const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));
  while (stack.length) {
    const { value: current, path, depth } = stack.pop()!;
    if (typeof current === "string") {
      const reason = textProblemOf(current);
      if (reason) return { path: path || "body", reason };
      continue;
    }
    if (typeof current !== "object" || current === null) continue;
    if (depth >= maxDepth) return { path: path || "body", reason: "depth" };
    if (Array.isArray(current)) {
      current.forEach((item, i) => stack.push({ value: item, path: join(path, i), depth: depth + 1 }));
      continue;
    }
    for (const [key, item] of Object.entries(current)) {
      const reason = textProblemOf(key);
      // The key itself is the problem: name it by what can be printed of it.
      if (reason) return { path: join(path, JSON.stringify(key).slice(1, -1)), reason };
      stack.push({ value: item, path: join(path, key), depth: depth + 1 });
    }
  }
  return null;
}

export function describeTextProblem(reason: TextProblem["reason"]): string {
  if (reason === "nul") return "must not contain NUL characters (\\u0000)";
  if (reason === "surrogate") return "must not contain unpaired UTF-16 surrogates (such as \\ud800): they are not valid Unicode text";
  return `is nested more than ${MAX_INPUT_DEPTH} levels deep`;
}

/** The field error a bad value gets: the field's own name in the code, as the other field errors do. */
export function textFieldError(problem: TextProblem): { field: string; code: string; message: string } {
  const last =
    problem.path
      .split(".")
      .reverse()
      .find((s) => !/^\d+$/.test(s)) ?? "body";
  const code = problem.reason === "depth" ? "too_deep" : "invalid_characters";
  return { field: problem.path, code: `${last.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}_${code}`, message: describeTextProblem(problem.reason) };
}

/** The first query parameter or path parameter (`%00` decodes to NUL) that cannot be stored. */
export function findUrlTextProblem(url: URL, params: Record<string, string | string[] | undefined> = {}): TextProblem | null {
  for (const [name, value] of Object.entries(params)) {
    for (const part of [value ?? []].flat()) {
      const reason = textProblemOf(part);
      if (reason) return { path: name, reason };
    }
  }
  for (const [name, value] of url.searchParams) {
    const reason = textProblemOf(name) ?? textProblemOf(value);
    if (reason) return { path: textProblemOf(name) ? JSON.stringify(name).slice(1, -1) : name, reason };
  }
  return null;
}
