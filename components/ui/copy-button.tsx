"use client";

import { Check, Copy } from "lucide-react";
import { useEffect, useState } from "react";
import { Button } from "./button";

async function writeClipboard(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // The async clipboard needs focus and permission; the old selection trick works in more places.
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.append(area);
    area.select();
    document.execCommand("copy");
    area.remove();
  }
}

export function CopyButton({ value, label = "Copy", size = "sm" }: { value: string; label?: string; size?: "sm" | "md" }) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(timer);
  }, [copied]);
  return (
    <Button
      variant="secondary"
      size={size}
      aria-label={copied ? "Copied" : label}
      onClick={async () => {
        await writeClipboard(value);
        setCopied(true);
      }}
    >
      {copied ? <Check aria-hidden className="size-3.5 text-emerald-600" /> : <Copy aria-hidden className="size-3.5" />}
      <span aria-live="polite">{copied ? "Copied" : "Copy"}</span>
    </Button>
  );
}

/** A read-only value (an id, a secret, a link) with a copy button beside it. */
export function CopyField({ value, label, id }: { value: string; label: string; id: string }) {
  return (
    <div className="flex min-w-0 items-center gap-2">
      <input
        id={id}
        readOnly
        value={value}
        aria-label={label}
        onFocus={(e) => e.currentTarget.select()}
        className="min-w-0 flex-1 truncate rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-sm text-slate-800 focus:outline-2 focus:outline-brand-600"
      />
      <CopyButton value={value} label={`Copy ${label.toLowerCase()}`} />
    </div>
  );
}
