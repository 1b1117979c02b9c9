import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";

/** The card every auth page sits in: a heading, an optional lead paragraph, then the form. */
export function AuthPanel({ title, description, children, footer }: { title: string; description?: ReactNode; children: ReactNode; footer?: ReactNode }) {
  return (
    <div className="flex flex-col gap-4">
      <Card className="p-5 sm:p-8">
        <h1 className="text-2xl font-bold tracking-tight">{title}</h1>
        {description ? <div className="mt-2 text-sm text-muted-foreground">{description}</div> : null}
        <div className="mt-6">{children}</div>
      </Card>
      {footer ? <div className="px-1 text-center text-sm text-muted-foreground [&_a]:font-medium [&_a]:text-primary [&_a]:underline-offset-4 hover:[&_a]:underline">{footer}</div> : null}
    </div>
  );
}
