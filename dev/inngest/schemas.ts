/**
 * zod schemas for every JSON body the executor accepts, mirroring the SDK's own shapes:
 * - events:        SendEventPayload as posted by Inngest.ts `_send` to `POST /e/:key`
 * - registration:  RegisterRequest / FunctionConfig (types.ts `functionConfigSchema`), posted by
 *                  InngestCommHandler.ts `register()` to `POST /fn/register`
 * - step results:  OutgoingOp (types.ts) as returned with 206 by InngestCommHandler.ts resultHandlers
 * Objects are "loose" (unknown keys kept) so a newer SDK adding fields is not rejected.
 */
import { z } from "zod";

export const jsonRecord = z.record(z.string(), z.unknown());

export const eventPayloadSchema = z.looseObject({
  name: z.string().min(1),
  data: jsonRecord.nullish(),
  id: z.string().nullish(),
  ts: z.number().nullish(),
  v: z.string().nullish(),
});
export type EventPayloadIn = z.infer<typeof eventPayloadSchema>;

export const sendEventsBodySchema = z.union([eventPayloadSchema, z.array(eventPayloadSchema)]);

const concurrencyOptionSchema = z.looseObject({
  limit: z.number(),
  key: z.string().optional(),
  scope: z.enum(["fn", "env", "account"]).optional(),
});
export type ConcurrencyOption = z.infer<typeof concurrencyOptionSchema>;

const windowLimitSchema = z.looseObject({
  limit: z.number(),
  period: z.string(),
  key: z.string().optional(),
  burst: z.number().optional(),
});
export type WindowLimit = z.infer<typeof windowLimitSchema>;

export const triggerSchema = z.union([
  z.looseObject({ event: z.string(), expression: z.string().optional() }),
  z.looseObject({ cron: z.string(), jitter: z.string().optional() }),
]);
export type Trigger = z.infer<typeof triggerSchema>;

export const functionConfigSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().optional(),
  triggers: z.array(triggerSchema),
  steps: z.record(
    z.string(),
    z.looseObject({
      id: z.string(),
      name: z.string().optional(),
      runtime: z.looseObject({ type: z.string(), url: z.string() }),
      retries: z.looseObject({ attempts: z.number().optional() }).optional(),
    }),
  ),
  concurrency: z.union([z.number(), concurrencyOptionSchema, z.array(concurrencyOptionSchema)]).optional(),
  throttle: windowLimitSchema.optional(),
  rateLimit: windowLimitSchema.optional(),
  idempotency: z.string().optional(),
  cancel: z
    .array(z.looseObject({ event: z.string(), if: z.string().optional(), timeout: z.string().optional() }))
    .optional(),
});
export type FunctionConfig = z.infer<typeof functionConfigSchema>;

export const registerRequestSchema = z.looseObject({
  url: z.string().min(1),
  appName: z.string().min(1),
  framework: z.string().optional(),
  sdk: z.string().optional(),
  v: z.string().optional(),
  deployType: z.string().optional(),
  appVersion: z.string().optional(),
  functions: z.array(functionConfigSchema),
});
export type RegisterRequest = z.infer<typeof registerRequestSchema>;

/** types.ts `OutgoingOp`; `data`/`error` are whatever the user code produced. */
export const outgoingOpSchema = z.looseObject({
  id: z.string().min(1),
  op: z.string().min(1),
  name: z.string().optional(),
  displayName: z.string().optional(),
  opts: jsonRecord.nullish(),
  data: z.unknown().optional(),
  error: z.unknown().optional(),
  userland: z.looseObject({ id: z.string(), index: z.number().optional() }).optional(),
});
export type OutgoingOp = z.infer<typeof outgoingOpSchema>;

export const outgoingOpsSchema = z.array(outgoingOpSchema);

/** InngestStepTools.ts `waitForEvent`: `opts: { timeout, if? }`, `name` = event name. */
export const waitForEventOptsSchema = z.looseObject({ timeout: z.string(), if: z.string().optional() });

/** InngestStepTools.ts `invoke`: `opts: { function_id, payload: { data, v, meta }, timeout? }`. */
export const invokeOptsSchema = z.looseObject({
  function_id: z.string().min(1),
  payload: z.looseObject({ data: jsonRecord.nullish(), v: z.string().nullish() }).optional(),
  timeout: z.string().optional(),
});

/** helpers/stream.ts `createStream`: final chunk of a 201 streamed response. */
export const streamedResponseSchema = z.looseObject({
  status: z.number(),
  body: z.string(),
  headers: z.record(z.string(), z.string()).optional(),
});

/** Serialized error as the SDK produces it (helpers/errors.ts serializeError). */
export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  [key: string]: unknown;
}

export function toSerializedError(value: unknown, fallbackMessage: string): SerializedError {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    const message =
      typeof record.message === "string" ? record.message : typeof record.error === "string" ? record.error : undefined;
    if (message !== undefined || typeof record.name === "string") {
      return {
        ...record,
        name: typeof record.name === "string" && record.name !== "" ? record.name : "Error",
        message: message ?? fallbackMessage,
      };
    }
  }
  if (typeof value === "string" && value !== "") return { name: "Error", message: value };
  return { name: "Error", message: fallbackMessage };
}
