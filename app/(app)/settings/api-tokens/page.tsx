import type { Metadata } from "next";
import { Section } from "@/components/app-shell/page-header";
import { getDb } from "@/db";
import { listApiTokens } from "@/lib/accounts/api-tokens";
import { requirePageActor } from "@/lib/auth/page-actor";
import { ApiTokens } from "./api-tokens";

export const metadata: Metadata = { title: "API tokens" };

function markExpired<T extends { expiresAt: Date | null }>(tokens: T[], now: Date) {
  return tokens.map((token) => ({ ...token, expired: token.expiresAt !== null && token.expiresAt <= now }));
}

export default async function ApiTokensPage() {
  const actor = await requirePageActor("token:manage-own");
  const tokens = markExpired(await listApiTokens(await getDb(), actor), new Date());
  return (
    <Section
      id="api-tokens"
      title="API tokens"
      description="A token lets your own software call the TenantLens API as you, with your permissions. Give each system its own token so you can revoke one without breaking the others."
    >
      <ApiTokens tokens={tokens} />
    </Section>
  );
}
