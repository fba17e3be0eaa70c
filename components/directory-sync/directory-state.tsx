import { Badge, type BadgeTone } from "@/components/ui/badge";

const states: Record<string, { label: string; tone: BadgeTone; help: string }> = {
  unlinked: {
    label: "Waiting for the first sync",
    tone: "amber",
    help: "Nothing has arrived from your identity provider yet. Once it sends its first request, this directory is linked.",
  },
  linked: { label: "Linked", tone: "green", help: "Your identity provider is sending users and groups." },
  invalid_credentials: {
    label: "Invalid credentials",
    tone: "red",
    help: "Your identity provider sent several requests with a wrong token. Regenerate the token and paste the new one into your identity provider.",
  },
  validating: { label: "Validating", tone: "slate", help: "The directory is being checked." },
  deleting: { label: "Deleting", tone: "slate", help: "The directory is being deleted." },
};

export function DirectoryStateBadge({ state }: { state: string }) {
  const known = states[state];
  return <Badge tone={known?.tone ?? "slate"}>{known?.label ?? state}</Badge>;
}

export function directoryStateHelp(state: string): string {
  return states[state]?.help ?? "";
}
