/**
 * JSON that is already text (built by the database, say), to be sent as it is. A reply body that is a
 * JsonText is written out without being parsed and serialised again; `jsonText` builds one from plain data
 * that holds JsonText values anywhere inside it.
 */
export class JsonText {
  constructor(readonly text: string) {}
}

function serialize(value: unknown): string | undefined {
  if (value instanceof JsonText) return value.text;
  if (Array.isArray(value)) return `[${value.map((item) => serialize(item) ?? "null").join(",")}]`;
  if (value !== null && typeof value === "object" && typeof (value as { toJSON?: unknown }).toJSON !== "function") {
    const members: string[] = [];
    for (const [key, item] of Object.entries(value)) {
      const text = serialize(item);
      if (text !== undefined) members.push(`${JSON.stringify(key)}:${text}`);
    }
    return `{${members.join(",")}}`;
  }
  return JSON.stringify(value);
}

export function jsonText(value: unknown): JsonText {
  return new JsonText(serialize(value) ?? "null");
}

/** The text of a reply body: a JsonText as it is, anything else through JSON.stringify. */
export function bodyText(body: unknown): string {
  return body instanceof JsonText ? body.text : JSON.stringify(body);
}
