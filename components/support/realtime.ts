import { userChannelConfig } from "@/components/enquiries/realtime";
import type { SupportRealtime } from "./use-support-channel";

/**
 * Server side: how the browser connects to Pusher for the support channels (key and client options),
 * or null when live updates are not configured, in which case the widget and the inbox poll. The
 * channel names are derived in the browser (a conversation's channel is known only once it exists).
 */
export function supportRealtimeConfig(userId: string): SupportRealtime | null {
  const config = userChannelConfig(userId);
  return config ? { key: config.key, options: config.options } : null;
}
