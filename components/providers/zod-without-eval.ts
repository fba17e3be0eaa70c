import { z } from "zod";

// zod 4 probes `new Function("")` to compile faster parsers. The pages' CSP allows no eval, so in the
// browser the probe is a reported violation (and would fail anyway): parse without it. The server,
// where this module also runs during rendering, keeps the compiled parsers.
if (typeof window !== "undefined") z.config({ jitless: true });
