"use client";

import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { callApi, type ApiError, type ApiMethod, type ApiResult } from "./api";

export interface ApiForm<F extends string> {
  pending: boolean;
  /** The last error, whatever it concerns (e.g. to react to its code). */
  error: ApiError | undefined;
  /** The message for a field this form renders, if the last answer named it. */
  fieldError: (field: F) => string | undefined;
  /** An error that belongs to no rendered field: shown at the top of the form. */
  formError: string | undefined;
  /** Wraps a submit handler: prevents the page load, reads the form, and holds `pending` while it runs. */
  handleSubmit: (handler: (data: FormData, form: HTMLFormElement) => Promise<void>) => (event: FormEvent<HTMLFormElement>) => void;
  /** Calls the API; an error answer is stored for display and returned. */
  send: <T = unknown>(url: string, options?: { method?: ApiMethod; body?: unknown }) => Promise<ApiResult<T>>;
  /** Sets an error found before calling the API (e.g. a password that is obviously too short). */
  setError: (error: ApiError | undefined) => void;
}

/**
 * State for a form that posts JSON to our API: pending while submitting, the API's error shown next to
 * the field it names (and focused), anything else at the top. `fields` lists the names the form renders.
 */
export function useApiForm<F extends string>(fields: readonly F[]): ApiForm<F> {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const formRef = useRef<HTMLFormElement | null>(null);
  const pendingRef = useRef(false);

  const knownField = error?.field !== undefined && fields.some((field) => field === error.field) ? error.field : undefined;

  useEffect(() => {
    // Focus moves to the first field with a problem once the form is enabled again.
    if (pending || !knownField) return;
    const element = formRef.current?.elements.namedItem(knownField);
    if (element instanceof HTMLElement) element.focus();
    else if (element instanceof RadioNodeList) {
      const first = element[0];
      if (first instanceof HTMLElement) first.focus();
    }
  }, [pending, knownField, error]);

  const send = useCallback(async <T = unknown>(url: string, options?: { method?: ApiMethod; body?: unknown }) => {
    const result = await callApi<T>(url, options);
    setError(result.ok ? undefined : result.error);
    return result;
  }, []);

  const handleSubmit = useCallback(
    (handler: (data: FormData, form: HTMLFormElement) => Promise<void>) => (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      if (pendingRef.current) return;
      const form = event.currentTarget;
      formRef.current = form;
      const data = new FormData(form);
      pendingRef.current = true;
      setPending(true);
      setError(undefined);
      handler(data, form)
        .catch(() => setError({ code: "CLIENT", message: "Something went wrong. Try again." }))
        .finally(() => {
          pendingRef.current = false;
          setPending(false);
        });
    },
    [],
  );

  return {
    pending,
    error,
    fieldError: (field) => (error?.field === field ? error.message : undefined),
    formError: error && !knownField ? error.message : undefined,
    handleSubmit,
    send,
    setError,
  };
}

/** A form value as a trimmed string ("" when absent or a file). */
export function formText(data: FormData, name: string, options: { trim?: boolean } = {}): string {
  const value = data.get(name);
  if (typeof value !== "string") return "";
  return options.trim === false ? value : value.trim();
}
