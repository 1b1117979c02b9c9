export interface CspOptions {
  nonce: string;
  development: boolean;
  /** Origins the browser may open WebSockets / XHR to besides our own (the Pusher endpoint). */
  connectOrigins: string[];
  upgradeInsecureRequests: boolean;
}

/**
 * Strict CSP: scripts only with this request's nonce (and what they load, 'strict-dynamic'); React's
 * dev tooling needs eval in development only. Inline style attributes stay allowed because Radix
 * positions popovers with them; styles cannot run code.
 */
export function buildContentSecurityPolicy(options: CspOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${options.nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    `connect-src 'self' ${options.connectOrigins.join(" ")}`.trim(),
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.upgradeInsecureRequests ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** The Pusher WebSocket origin the browser client will use, from the public env. */
export function pusherConnectOrigins(publicEnv: {
  NEXT_PUBLIC_PUSHER_HOST?: string;
  NEXT_PUBLIC_PUSHER_PORT?: number;
  NEXT_PUBLIC_PUSHER_CLUSTER: string;
  NEXT_PUBLIC_PUSHER_FORCE_TLS: boolean;
}): string[] {
  if (publicEnv.NEXT_PUBLIC_PUSHER_HOST) {
    const scheme = publicEnv.NEXT_PUBLIC_PUSHER_FORCE_TLS ? "wss" : "ws";
    const port = publicEnv.NEXT_PUBLIC_PUSHER_PORT ? `:${publicEnv.NEXT_PUBLIC_PUSHER_PORT}` : "";
    return [`${scheme}://${publicEnv.NEXT_PUBLIC_PUSHER_HOST}${port}`];
  }
  return [`wss://ws-${publicEnv.NEXT_PUBLIC_PUSHER_CLUSTER}.pusher.com`, `https://sockjs-${publicEnv.NEXT_PUBLIC_PUSHER_CLUSTER}.pusher.com`];
}
