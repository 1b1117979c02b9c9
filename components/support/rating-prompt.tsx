"use client";

import { Star } from "lucide-react";
import { useState } from "react";
import { Spinner } from "@/components/ui/spinner";
import { cn } from "@/lib/ui/cn";

const LABELS = ["", "Very poor", "Poor", "OK", "Good", "Excellent"];

/** After a conversation is resolved: "How did we do?" with 1–5 stars, then thanks. */
export function RatingPrompt({ rating, onRate }: { rating: number | null; onRate: (rating: number) => Promise<boolean> }) {
  const [hover, setHover] = useState(0);
  const [pending, setPending] = useState<number | null>(null);

  if (rating !== null) {
    return (
      <div data-testid="support-rating" data-rating={rating} className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-950" role="status">
        <p className="flex items-center gap-1 font-medium">
          Thanks for your rating:
          <span className="inline-flex" aria-label={`${rating} out of 5 stars`}>
            {[1, 2, 3, 4, 5].map((value) => (
              <Star key={value} aria-hidden className={cn("size-4", value <= rating ? "fill-amber-400 text-amber-500" : "text-emerald-900/30")} />
            ))}
          </span>
        </p>
      </div>
    );
  }

  const shown = hover || pending || 0;
  return (
    <fieldset data-testid="support-rating" className="rounded-md border border-border bg-card px-3 py-2">
      <legend className="px-1 text-sm font-medium">How did we do?</legend>
      <div className="flex items-center gap-1" onMouseLeave={() => setHover(0)}>
        {[1, 2, 3, 4, 5].map((value) => (
          <button
            key={value}
            type="button"
            disabled={pending !== null}
            aria-label={`${value} star${value === 1 ? "" : "s"}: ${LABELS[value]}`}
            onMouseEnter={() => setHover(value)}
            onFocus={() => setHover(value)}
            onBlur={() => setHover(0)}
            onClick={() => {
              setPending(value);
              void onRate(value).then(() => setPending(null));
            }}
            className="rounded-sm p-1 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring disabled:opacity-70"
          >
            <Star aria-hidden className={cn("size-6 transition-colors", value <= shown ? "fill-amber-400 text-amber-500" : "text-muted-foreground")} />
          </button>
        ))}
        <span className="ml-2 text-xs text-muted-foreground" aria-hidden>
          {pending !== null ? <Spinner className="size-3" /> : LABELS[shown]}
        </span>
      </div>
    </fieldset>
  );
}
