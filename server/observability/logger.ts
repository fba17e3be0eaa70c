import pino, { type Logger } from "pino";
import pretty from "pino-pretty";

/**
 * One JSON line per event on stdout (LOG_FORMAT=pretty for people). Shared through globalThis like the
 * metrics. Settings are passed in, not read here: the edge server and the app both call `configureLogger`
 * with what server/env.ts parsed. Secrets never reach a line: callers log ids, routes and codes, never
 * headers, bodies, tokens or assertions, and the redaction list catches the usual names anyway.
 */
export interface LogSettings {
  level: string;
  format: "json" | "pretty";
}

const holder = globalThis as { __porticoLogger?: Logger; __porticoLogFlush?: () => void };

export function configureLogger(settings: LogSettings): Logger {
  if (holder.__porticoLogger) return holder.__porticoLogger;
  const options = {
    level: settings.level,
    base: { pid: process.pid },
    redact: {
      paths: ["authorization", "cookie", "token", "password", "secret", "*.authorization", "*.cookie", "*.token", "*.password", "*.secret"],
      censor: "[redacted]",
    },
  };
  // A synchronous in-process stream: pino's worker-thread transports do not survive the Next.js bundle.
  // JSON lines go out asynchronously (buffered by sonic-boom, flushed at exit): a request never waits on stdout.
  // They leave in batches of 4 KB or every 200 ms, whichever comes first: under load one write carries many
  // lines instead of one each, and a quiet server's lines still show within a fifth of a second.
  if (settings.format === "pretty") holder.__porticoLogger = pino(options, pretty({ sync: true, colorize: false }));
  else {
    const destination = pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 200 });
    holder.__porticoLogFlush = () => destination.flushSync();
    holder.__porticoLogger = pino(options, destination);
  }
  return holder.__porticoLogger;
}

/** The process's logger; before configuration (unit tests, the CLI), a quiet default. */
export function logger(): Logger {
  return holder.__porticoLogger ?? configureLogger({ level: "warn", format: "json" });
}

/** Writes out buffered lines before the process exits. */
export function flushLogs(): void {
  try {
    holder.__porticoLogFlush?.();
  } catch {
    // Nothing buffered, or stdout is gone: nothing more can be written anyway.
  }
}
