import type { Metadata } from "next";
import { Section } from "@/components/app-shell/page-header";
import { formatDateTime } from "@/components/format";
import { Alert } from "@/components/ui/alert";
import { getDb } from "@/db";
import { requirePageActor } from "@/lib/auth/page-actor";
import { readWhatsAppSettings } from "@/lib/whatsapp/whatsapp-settings";
import { LinkNumber } from "./link-number";
import { NotificationsToggle, UnlinkNumber } from "./linked-number";
import { PinForm } from "./pin-form";

export const metadata: Metadata = { title: "WhatsApp" };

export default async function WhatsAppSettingsPage() {
  const actor = await requirePageActor("whatsapp:link");
  const settings = await readWhatsAppSettings(await getDb(), actor);
  const { link, pin } = settings;

  return (
    <div className="flex flex-col gap-6">
      {!settings.enabled ? (
        <Alert variant="warning" role={undefined} title="WhatsApp is not available">
          The WhatsApp channel is not configured on this server.
        </Alert>
      ) : null}
      <Section
        id="number"
        title="Your WhatsApp number"
        description={
          link
            ? "Checks and reports on WhatsApp go only to this number. Unlink it if you change phones or numbers."
            : "Link the number you use WhatsApp on. You prove it is yours with a one-time code, so nobody can link your account to their phone."
        }
      >
        {link ? (
          <div className="flex flex-col gap-4">
            <p className="text-sm">
              <span className="font-medium" data-testid="linked-number">
                {link.number}
              </span>{" "}
              <span className="text-muted-foreground">linked {formatDateTime(link.linkedAt)}</span>
            </p>
            {link.relinkBy ? (
              <p className="text-sm text-muted-foreground">Your organisation asks you to link it again by {formatDateTime(link.relinkBy)} (a guard against SIM swaps).</p>
            ) : null}
            {link.optedOut ? (
              <Alert variant="info" role={undefined}>
                You sent STOP on WhatsApp, so no notifications go there. Send START to turn them back on.
              </Alert>
            ) : null}
            <NotificationsToggle initial={link.notifyWebEnquiries} />
            <UnlinkNumber />
          </div>
        ) : (
          <LinkNumber businessNumber={settings.businessNumber} disabled={!settings.enabled} />
        )}
      </Section>
      <Section
        id="pin"
        title="WhatsApp PIN"
        description="Every check you start on WhatsApp asks for this PIN, so a lost or swapped phone cannot buy checks. Five wrong tries lock it until you set a new one here."
      >
        {pin.locked ? (
          <Alert variant="warning" role={undefined} title="Your PIN is locked">
            It was entered wrongly 5 times on WhatsApp. Set a new PIN to unlock it.
          </Alert>
        ) : null}
        <p className="mb-4 text-sm text-muted-foreground">{pin.set ? `PIN set ${pin.updatedAt ? formatDateTime(pin.updatedAt) : ""}.` : "No PIN set yet."}</p>
        <PinForm hasPin={pin.set} />
      </Section>
    </div>
  );
}
