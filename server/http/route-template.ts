import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * Maps a request path to the app route that serves it (`/scim/v2/[directoryId]/[...path]`), for metric
 * labels and log lines: a raw path would carry ids and make every request its own series. Built once
 * from the build's route manifest; unknown paths share one label.
 */
export type RouteMatcher = (pathname: string) => string;

interface Pattern {
  template: string;
  regex: RegExp;
  specificity: number;
}

export function routeMatcher(projectDir: string): RouteMatcher {
  let entries: string[] = [];
  try {
    entries = Object.keys(JSON.parse(readFileSync(path.join(projectDir, ".next", "server", "app-paths-manifest.json"), "utf8")) as object);
  } catch {
    // No build manifest (tests of the edge alone): everything is "other".
  }
  const patterns: Pattern[] = [];
  for (const entry of entries) {
    const template = entry.replace(/\/(route|page)$/, "").replace(/\/\([^)]+\)/g, "") || "/";
    if (template.startsWith("/_")) continue;
    const segments = template.split("/").filter(Boolean);
    const source = segments
      .map((s) =>
        s.startsWith("[[...") ? "(?:/.*)?" : s.startsWith("[...") ? "/.+" : s.startsWith("[") ? "/[^/]+" : `/${s.replace(/[.*+?^${}()|\\]/g, "\\$&")}`,
      )
      .join("");
    const specificity = segments.reduce((n, s) => n + (s.startsWith("[...") || s.startsWith("[[...") ? 1 : s.startsWith("[") ? 10 : 100), 0);
    patterns.push({ template, regex: new RegExp(`^${source || "/"}/?$`), specificity });
  }
  patterns.sort((a, b) => b.specificity - a.specificity);
  const cache = new Map<string, string>();
  return (pathname) => {
    if (pathname.startsWith("/_next/")) return "/_next";
    const hit = cache.get(pathname);
    if (hit) return hit;
    const template = patterns.find((p) => p.regex.test(pathname))?.template ?? "other";
    // Only id-free paths are worth remembering; the cache must not grow with every id seen.
    if (template === pathname && cache.size < 500) cache.set(pathname, template);
    return template;
  };
}
