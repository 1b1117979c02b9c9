import { Download } from "lucide-react";
import { Button, type ButtonProps } from "@/components/ui/button";

/**
 * A plain link with `download`: the API answers with an attachment, so the browser saves the file and
 * the page stays where it is. The server chooses the file name (never the applicant's name).
 */
export function DownloadPdfLink({ href, label = "Download PDF", variant = "default", size = "sm" }: { href: string; label?: string; variant?: ButtonProps["variant"]; size?: ButtonProps["size"] }) {
  return (
    <Button asChild variant={variant} size={size}>
      <a href={href} download>
        <Download aria-hidden className="size-4" />
        {label}
      </a>
    </Button>
  );
}
