"use client";

import { Toast } from "radix-ui";
import { CheckCircle2, X, XCircle } from "lucide-react";
import { createContext, useCallback, useContext, useState, type ReactNode } from "react";

interface ToastMessage {
  id: number;
  title: string;
  tone: "success" | "error";
}

type Notify = (title: string, tone?: ToastMessage["tone"]) => void;

const ToastContext = createContext<Notify | null>(null);

/** Confirms finished actions ("Organization created") without moving focus. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [messages, setMessages] = useState<ToastMessage[]>([]);
  const notify = useCallback<Notify>((title, tone = "success") => {
    setMessages((current) => [...current.slice(-2), { id: Date.now() + Math.random(), title, tone }]);
  }, []);
  const dismiss = (id: number) => setMessages((current) => current.filter((m) => m.id !== id));

  return (
    <ToastContext.Provider value={notify}>
      <Toast.Provider swipeDirection="right" duration={4000}>
        {children}
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
    </ToastContext.Provider>
  );
}

export function useToast(): Notify {
  const notify = useContext(ToastContext);
  if (!notify) throw new Error("useToast needs a ToastProvider above it.");
  return notify;
}
