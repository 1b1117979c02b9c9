import type { ComponentProps } from "react";
import { cn } from "@/lib/ui/cn";

/**
 * A table that is a real table from the `md` breakpoint up and a stack of cards below it: each row
 * becomes a bordered card and each cell shows its column name (from `label`) beside the value.
 */
export function Table({ className, ...props }: ComponentProps<"table">) {
  return <table className={cn("block w-full text-sm md:table md:border-collapse", className)} {...props} />;
}

export function TableHead({ className, ...props }: ComponentProps<"thead">) {
  return <thead className={cn("hidden md:table-header-group", className)} {...props} />;
}

export function TableBody({ className, ...props }: ComponentProps<"tbody">) {
  return <tbody className={cn("flex flex-col gap-3 md:table-row-group", className)} {...props} />;
}

export function TableRow({ className, ...props }: ComponentProps<"tr">) {
  return (
    <tr
      className={cn(
        "flex flex-col gap-1 rounded-lg border border-border bg-card p-4 shadow-sm md:table-row md:rounded-none md:border-0 md:border-b md:bg-transparent md:p-0 md:shadow-none",
        className,
      )}
      {...props}
    />
  );
}

export function TableHeader({ className, ...props }: ComponentProps<"th">) {
  return (
    <th
      scope="col"
      className={cn("border-b border-border px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-muted-foreground", className)}
      {...props}
    />
  );
}

export interface TableCellProps extends ComponentProps<"td"> {
  /** The column name, shown before the value on phones; omit for the row's title cell. */
  label?: string;
}

export function TableCell({ className, label, ...props }: TableCellProps) {
  return (
    <td
      data-label={label}
      className={cn(
        "flex min-w-0 flex-wrap items-center justify-between gap-x-4 gap-y-1 break-words md:table-cell md:px-3 md:py-3 md:align-middle",
        label ? "before:text-xs before:font-medium before:uppercase before:tracking-wide before:text-muted-foreground before:content-[attr(data-label)] md:before:content-none" : "",
        className,
      )}
      {...props}
    />
  );
}
