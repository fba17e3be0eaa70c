import { config } from "zod/v4/core";

// zod 4 probes `new Function("")` to compile faster parsers. The pages' CSP allows no eval, so in the
// browser the probe is a reported violation (and would fail anyway): parse without it. The server,
// where this module also runs during rendering, keeps the compiled parsers. Only zod's core settings are
// imported here, so a page without a form does not load zod's schema builders.
if (typeof window !== "undefined") config({ jitless: true });
