"use client";

import { Toast } from "radix-ui";
import { CheckCircle2, X, XCircle } from "lucide-react";
import type { ToastMessage } from "./toast-provider";

/** The confirmations on screen, in the corner, each closing itself after a few seconds. */
export default function Toasts({ messages, dismiss }: { messages: ToastMessage[]; dismiss: (id: number) => void }) {
  return (
    <Toast.Provider swipeDirection="right" duration={4000}>
      {messages.map((message) => (
        <Toast.Root
          key={message.id}
          onOpenChange={(open) => !open && dismiss(message.id)}
          className="relative flex items-start gap-3 rounded-lg border border-slate-200 bg-white p-3.5 pr-10 shadow-lg"
        >
          {message.tone === "success" ? (
            <CheckCircle2 aria-hidden className="mt-0.5 size-5 shrink-0 text-emerald-600" />
          ) : (
            <XCircle aria-hidden className="mt-0.5 size-5 shrink-0 text-red-600" />
          )}
          <Toast.Title className="text-sm font-medium text-slate-900">{message.title}</Toast.Title>
          <Toast.Close
            aria-label="Dismiss"
            className="absolute top-3 right-3 rounded p-0.5 text-slate-500 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-brand-600"
          >
            <X aria-hidden className="size-4" />
          </Toast.Close>
        </Toast.Root>
      ))}
      <Toast.Viewport className="fixed right-0 bottom-0 z-[60] flex w-full max-w-sm flex-col gap-2 p-4 outline-none" />
    </Toast.Provider>
  );
}
