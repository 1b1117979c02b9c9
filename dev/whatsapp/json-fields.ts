/**
 * Small readers for request JSON that fail with Meta's error shape and name the field the way Meta's
 * `error_data.details` does: `Param interactive['action']['buttons'][0]['reply']['title'] ...`.
 * Each takes the value and the path it was read from (the path is only for the message).
 */
import { invalidParameter } from "./graph-errors";

export type JsonObject = Record<string, unknown>;

/** A field's path, e.g. ["interactive", "action", "buttons", 0] -> interactive['action']['buttons'][0]. */
export type FieldPath = ReadonlyArray<string | number>;

export function fieldName(path: FieldPath): string {
  const [first, ...rest] = path;
  return String(first ?? "") + rest.map((part) => (typeof part === "number" ? `[${part}]` : `['${part}']`)).join("");
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** WhatsApp counts characters, not UTF-16 units or bytes: an emoji is one. */
export function characterCount(text: string): number {
  return [...text].length;
}

export function fail(path: FieldPath, problem: string): never {
  throw invalidParameter(`Param ${fieldName(path)} ${problem}`);
}

export function requireObject(value: unknown, path: FieldPath): JsonObject {
  if (value === undefined || value === null) fail(path, "is required");
  if (!isObject(value)) fail(path, "must be an object");
  return value;
}

export function optionalObject(value: unknown, path: FieldPath): JsonObject | undefined {
  return value === undefined ? undefined : requireObject(value, path);
}

export function requireArray(value: unknown, path: FieldPath, bounds: { min: number; max: number }): unknown[] {
  if (value === undefined || value === null) fail(path, "is required");
  if (!Array.isArray(value)) fail(path, "must be an array");
  if (value.length < bounds.min) fail(path, `must have at least ${bounds.min} element${bounds.min === 1 ? "" : "s"}`);
  if (value.length > bounds.max) fail(path, `must have at most ${bounds.max} elements`);
  return value;
}

export function requireString(value: unknown, path: FieldPath, { min = 1, max }: { min?: number; max: number }): string {
  if (value === undefined || value === null) fail(path, "is required");
  if (typeof value !== "string") fail(path, "must be a string");
  const length = characterCount(value);
  if (length < min) fail(path, min === 1 ? "must not be empty" : `must be at least ${min} characters long`);
  if (length > max) fail(path, `must be at most ${max} characters long`);
  return value;
}

export function optionalString(value: unknown, path: FieldPath, bounds: { min?: number; max: number }): string | undefined {
  return value === undefined ? undefined : requireString(value, path, bounds);
}

export function optionalBoolean(value: unknown, path: FieldPath): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "boolean") fail(path, "must be a boolean");
  return value;
}

export function requireOneOf<T extends string>(value: unknown, path: FieldPath, allowed: readonly T[]): T {
  if (value === undefined || value === null) fail(path, "is required");
  const match = allowed.find((candidate) => candidate === value);
  if (match === undefined) fail(path, `must be one of {${allowed.join(", ")}}`);
  return match;
}
