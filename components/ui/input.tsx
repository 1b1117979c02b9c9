import type { ComponentProps } from "react";
import { cn } from "@/lib/ui/cn";

const control =
  "w-full rounded-md border border-border bg-background px-3 text-base text-foreground shadow-sm transition-colors placeholder:text-muted-foreground/70 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-1 disabled:cursor-not-allowed disabled:opacity-60 aria-[invalid=true]:border-red-600 aria-[invalid=true]:focus-visible:ring-red-500 sm:text-sm";

/** Text input; 16 px text on phones so iOS does not zoom into the field on focus. */
export function Input({ className, type = "text", ...props }: ComponentProps<"input">) {
  return <input type={type} className={cn(control, "h-11 sm:h-10", className)} {...props} />;
}

/** A native select: reliable on phones and needs no extra dependency. */
export function Select({ className, ...props }: ComponentProps<"select">) {
  return <select className={cn(control, "h-11 pr-8 sm:h-10", className)} {...props} />;
}
