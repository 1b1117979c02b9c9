/** A chat's last failure (a send refused, a file too large), shown above the composer until dismissed. */
export function DismissibleError({ message, onDismiss }: { message: string | null | undefined; onDismiss: () => void }) {
  if (!message) return null;
  return (
    <p role="alert" className="mb-2 flex items-start gap-2 rounded-md border border-red-200 bg-red-50 px-2 py-1.5 text-xs text-red-900">
      <span className="min-w-0 flex-1">{message}</span>
      <button type="button" onClick={onDismiss} className="shrink-0 font-medium underline">
        Dismiss
      </button>
    </p>
  );
}
