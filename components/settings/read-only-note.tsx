import { Alert } from "@/components/ui/feedback";

export function ReadOnlyNote({ what }: { what: string }) {
  return (
    <Alert tone="brand" title="Read-only access">
      Viewers can see {what} but not change it. Ask an admin or owner to make changes.
    </Alert>
  );
}
