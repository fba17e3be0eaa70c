/**
 * The fixed matrix of malformed input the fuzz test sends. Deterministic on purpose: a failure names
 * the exact request, and the same request fails again on the next run.
 */

/** A JSON value nested `depth` levels deep, built without recursion. */
export function nested(depth: number, leaf: unknown = "x"): unknown {
  let value: unknown = leaf;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

/** Values that replace one field of an otherwise valid JSON input, one at a time. */
export const badValues: { label: string; value: unknown }[] = [
  { label: "NUL", value: "x\u0000y" },
  { label: "lone high surrogate", value: "x\ud800" },
  { label: "lone low surrogate", value: "\udc00x" },
  { label: "null", value: null },
  { label: "number", value: 1e308 },
  { label: "boolean", value: true },
  { label: "array with NUL", value: ["\u0000"] },
  { label: "object with NUL key", value: { "k\u0000": "v" } },
  { label: "deep", value: nested(200) },
  { label: "huge string", value: "x".repeat(100_000) },
];

/** Whole bodies: broken or mistyped JSON, wrong content types, nothing at all. */
export const badBodies: { label: string; body: string | Uint8Array<ArrayBuffer>; contentType?: string }[] = [
  { label: "invalid JSON", body: "{", contentType: "application/json" },
  { label: "truncated JSON", body: '{"name": "x', contentType: "application/json" },
  { label: "JSON null", body: "null", contentType: "application/json" },
  { label: "JSON array", body: "[]", contentType: "application/json" },
  { label: "JSON number", body: "123", contentType: "application/json" },
  { label: "JSON string", body: '"x"', contentType: "application/json" },
  { label: "JSON true", body: "true", contentType: "application/json" },
  { label: "empty body", body: "", contentType: "application/json" },
  { label: "NUL key", body: '{"\\u0000": "x"}', contentType: "application/json" },
  { label: "lone surrogate key", body: '{"\\ud800": "x"}', contentType: "application/json" },
  { label: "deep array", body: `${"[".repeat(5000)}${"]".repeat(5000)}`, contentType: "application/json" },
  { label: "deep object", body: `${'{"a":'.repeat(3000)}1${"}".repeat(3000)}`, contentType: "application/json" },
  { label: "invalid UTF-8 bytes", body: new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), contentType: "application/json" },
  { label: "raw NUL byte", body: '{"name": "a\u0000b"}', contentType: "application/json" },
  { label: "text/plain", body: '{"name": "x"}', contentType: "text/plain" },
  { label: "form with NUL", body: "name=%00&organization_id=%00&domain=a%00b", contentType: "application/x-www-form-urlencoded" },
  {
    label: "multipart garbage",
    body: '--b\r\nContent-Disposition: form-data; name="a"\r\n\r\n\u0000\r\n--b--',
    contentType: "multipart/form-data; boundary=b",
  },
  { label: "no content type", body: '{"name": "x"}' },
  { label: "XML", body: "<x>\u0000</x>", contentType: "application/xml" },
];

/** Values for one query parameter, already percent-encoded as they go on the wire. */
export const badQueryValues: string[] = ["%00", "x%00y", "", "-1", "1e309", "9".repeat(40), "x".repeat(5000)];

/** Replacements for one path segment (an id). Malformed percent-encoding is not this matrix's concern. */
export const badPathSegments: string[] = ["%00", "x%00y", "a".repeat(3000), "..%2F..%2F", "%EF%BF%BF"];

/** One valid input with each field (and each field of a nested object) replaced in turn by each bad value. */
export function fieldVariants(base: Record<string, unknown>): { label: string; value: Record<string, unknown> }[] {
  const variants: { label: string; value: Record<string, unknown> }[] = [];
  for (const [key, original] of Object.entries(base)) {
    for (const bad of badValues) variants.push({ label: `${key}=${bad.label}`, value: { ...base, [key]: bad.value } });
    if (original && typeof original === "object" && !Array.isArray(original)) {
      for (const inner of Object.keys(original)) {
        for (const bad of badValues.slice(0, 4))
          variants.push({ label: `${key}.${inner}=${bad.label}`, value: { ...base, [key]: { ...original, [inner]: bad.value } } });
      }
    }
    if (Array.isArray(original) && original.length) {
      for (const bad of badValues.slice(0, 4)) variants.push({ label: `${key}.0=${bad.label}`, value: { ...base, [key]: [bad.value, ...original.slice(1)] } });
    }
  }
  return variants;
}

/** SCIM filters an IdP would never send: too deep, too long, unterminated, or naming impossible text. */
export const badScimFilters: string[] = [
  `${"not (".repeat(150)}userName eq "a"${")".repeat(150)}`,
  `${"(".repeat(300)}userName eq "a"${")".repeat(300)}`,
  `emails[${'type eq "work" and emails['.repeat(60)}value pr${"]".repeat(61)}`,
  Array.from({ length: 300 }, (_, i) => `userName eq "u${i}"`).join(" or "),
  Array.from({ length: 64 }, (_, i) => `userName eq "u${i}"`).join(" or "),
  `${"not (".repeat(16)}userName eq "a"${")".repeat(16)}`,
  'userName eq "\\u0000"',
  'userName eq "\\ud800"',
  'userName eq "a\u0000"',
  "userName eq",
  'userName eq "unterminated',
  'userName zz "a"',
  ")(",
  "[]",
  "x".repeat(5000),
  'meta.lastModified gt "not a date"',
  "userName eq 1e309",
  'name[givenName eq "x"]',
  "emails[value",
];
