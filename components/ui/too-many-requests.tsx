import { Clock } from "lucide-react";
import { Card } from "@/components/ui/card";

/** What a public page shows instead of its content when its caller's rate limit is reached. */
export function TooManyRequests() {
  return (
    <Card className="mx-auto flex max-w-lg flex-col gap-3 p-5 sm:p-8" data-testid="too-many-requests">
      <Clock aria-hidden className="size-10 text-muted-foreground" />
      <h1 className="text-2xl font-bold tracking-tight">Too many requests</h1>
      <p className="text-sm text-muted-foreground">Wait a minute, then reload the page.</p>
    </Card>
  );
}
