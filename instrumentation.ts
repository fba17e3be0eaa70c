/** Runs once when the server starts: open and migrate the database, then make sure someone can sign in. */
export async function register() {
  // This exact expression lets the build drop the import from the edge bundle, where there is no
  // database; it is the one read of process.env outside server/env.ts.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startServer } = await import("./server/startup");
    await startServer();
  }
}
