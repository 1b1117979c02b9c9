/**
 * WebSocket -> TCP relay so `@neondatabase/serverless` (neonConfig.wsProxy) can talk to a plain local
 * PostgreSQL: the production driver is then the one under test. Each WebSocket carries one Postgres
 * connection's raw bytes. The target host is pinned to loopback whatever the client asks for, so this
 * can never be used to reach another machine.
 */
import net from "node:net";
import { WebSocketServer, type WebSocket } from "ws";
import { devLog } from "./dev-log";

export interface NeonProxy {
  url: string;
  /** host:port, the value for NEON_LOCAL_PROXY */
  address: string;
  close: () => Promise<void>;
}

const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

export function resolveTarget(requested: string | null): { host: string; port: number } | undefined {
  if (!requested) return undefined;
  const match = /^(.*):(\d{1,5})$/.exec(requested);
  if (!match?.[1] || !match[2]) return undefined;
  const port = Number(match[2]);
  if (!LOOPBACK_NAMES.has(match[1]) || port < 1 || port > 65535) return undefined;
  return { host: "127.0.0.1", port };
}

export async function startNeonProxy(options: { port?: number; host?: string } = {}): Promise<NeonProxy> {
  const host = options.host ?? "127.0.0.1";
  const server = new WebSocketServer({ host, port: options.port ?? 0 });
  server.on("connection", (socket, request) => {
    const target = resolveTarget(new URL(request.url ?? "/", "http://proxy").searchParams.get("address"));
    if (!target) {
      socket.close(1008, "only loopback PostgreSQL targets are allowed");
      return;
    }
    relay(socket, net.connect(target.port, target.host));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  const bound = server.address();
  const port = typeof bound === "object" && bound ? bound.port : 0;
  return {
    url: `ws://${host}:${port}`,
    address: `${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
}

function relay(socket: WebSocket, tcp: net.Socket) {
  const pending: Buffer[] = [];
  let connected = false;
  tcp.on("connect", () => {
    connected = true;
    for (const chunk of pending.splice(0)) tcp.write(chunk);
  });
  socket.on("message", (data: Buffer | ArrayBuffer | Buffer[]) => {
    const chunk = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data instanceof ArrayBuffer ? new Uint8Array(data) : data);
    if (connected) tcp.write(chunk);
    else pending.push(chunk);
  });
  tcp.on("data", (chunk) => socket.send(chunk));
  tcp.on("error", (error) => {
    devLog("neon-proxy", "warn", "postgres connection error", { code: (error as NodeJS.ErrnoException).code });
    socket.close(1011, "database connection failed");
  });
  tcp.on("close", () => socket.close());
  socket.on("close", () => tcp.destroy());
  socket.on("error", () => tcp.destroy());
}
