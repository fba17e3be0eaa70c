"use client";

import { createContext, lazy, Suspense, useCallback, useContext, useState, type ReactNode } from "react";

export interface ToastMessage {
  id: number;
  title: string;
  tone: "success" | "error";
}

type Notify = (title: string, tone?: ToastMessage["tone"]) => void;

const ToastContext = createContext<Notify | null>(null);

// Toasts only follow an action, so their code loads with the first one instead of with every page.
const Toasts = lazy(() => import("./toasts"));

/** Confirms finished actions ("Organization created") without moving focus. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [messages, setMessages] = useState<ToastMessage[] | null>(null);
  const notify = useCallback<Notify>((title, tone = "success") => {
    setMessages((current) => [...(current ?? []).slice(-2), { id: Date.now() + Math.random(), title, tone }]);
  }, []);
  const dismiss = useCallback((id: number) => setMessages((current) => (current ?? []).filter((m) => m.id !== id)), []);

  return (
    <ToastContext.Provider value={notify}>
      {children}
      {messages ? (
        <Suspense fallback={null}>
          <Toasts messages={messages} dismiss={dismiss} />
        </Suspense>
      ) : null}
    </ToastContext.Provider>
  );
}

export function useToast(): Notify {
  const notify = useContext(ToastContext);
  if (!notify) throw new Error("useToast needs a ToastProvider above it.");
  return notify;
}
