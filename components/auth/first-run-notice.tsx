import { Terminal } from "lucide-react";

/** What a fresh installation's first visitor needs: the owner's one-time setup link is in the server's output. */
export function FirstRunNotice() {
  return (
    <div className="space-y-4 text-sm text-slate-700">
      <p>
        When Portico started for the first time, it printed a <strong className="font-semibold text-slate-900">one-time owner setup link</strong> in the console
        where the server runs (the output of <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-xs">npm start</code>). Open that link to create
        the owner account.
      </p>
      <div>
        <p className="flex items-center gap-1.5 font-medium text-slate-900">
          <Terminal aria-hidden className="size-4" /> Lost it? Print a new one:
        </p>
        <pre className="mt-2 rounded-md bg-slate-900 px-3 py-2.5 font-mono text-xs break-words whitespace-pre-wrap text-slate-100">
          npm run portico -- create-owner --email you@example.com
        </pre>
        <p className="mt-2 text-xs text-slate-600">
          Run it in the installation&apos;s folder, with the same environment as the server. With the embedded database, stop the server first; or start the
          server with BOOTSTRAP_OWNER_EMAIL and BOOTSTRAP_OWNER_PASSWORD set.
        </p>
      </div>
    </div>
  );
}
