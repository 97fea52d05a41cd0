// The one client for MetSkin's API: session cookie + CSRF header, one error shape.

export type FieldErrors = Record<string, string[] | unknown>;

export interface ApiErrorBody {
  code: string;
  message: string;
  fields: FieldErrors;
  [extra: string]: unknown;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldErrors;
  readonly body: ApiErrorBody;

  constructor(status: number, body: ApiErrorBody) {
    super(body.message);
    this.status = status;
    this.code = body.code;
    this.fields = body.fields ?? {};
    this.body = body;
  }

  /** The first message for one form field, if the server sent any. */
  fieldError(name: string): string | undefined {
    const value = this.fields[name];
    if (Array.isArray(value) && value.length > 0) return String(value[0]);
    return undefined;
  }
}

export const API_BASE = "/api/v1";

export function csrfToken(): string {
  const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : "";
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function networkError(): ApiError {
  return new ApiError(0, {
    code: "network_error",
    message: "We could not reach MetSkin. Check your connection and try again.",
    fields: {},
  });
}

/**
 * The ApiError for a failed answer, from its status and body text: our JSON error body when
 * the API sent one, else a generic message (`fallback` for a 4xx, e.g. a proxy's page).
 * Shared with the upload, which uses XMLHttpRequest for its progress bar.
 */
export function parseApiError(status: number, text: string, fallback = "The request could not be completed."): ApiError {
  try {
    const data = JSON.parse(text);
    if (data && typeof data === "object" && "error" in data) {
      return new ApiError(status, data.error as ApiErrorBody);
    }
  } catch {
    // not JSON: fall through to a generic message
  }
  return new ApiError(status, {
    code: "http_" + status,
    message: status >= 500 ? "Something went wrong on our side. Please try again in a moment." : fallback,
    fields: {},
  });
}

async function toApiError(response: Response): Promise<ApiError> {
  let text = "";
  try {
    text = await response.text();
  } catch {
    // the body could not be read: the generic message will do
  }
  return parseApiError(response.status, text);
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

/** Call the API; resolves with the parsed JSON body (undefined for 204), throws ApiError. */
export async function apiFetch<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = (options.method ?? (options.body === undefined ? "GET" : "POST")).toUpperCase();
  const headers: Record<string, string> = { Accept: "application/json", ...options.headers };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    body = options.body;
  } else if (options.body !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(options.body);
  }
  if (UNSAFE.has(method)) headers["X-CSRFToken"] = csrfToken();

  let response: Response;
  try {
    response = await fetch(path.startsWith("/") ? path : `${API_BASE}/${path}`, {
      method,
      headers,
      body,
      credentials: "same-origin",
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw networkError();
  }
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** A message for any thrown value, for places that show one line of error. */
/** What was caught, as an ApiError to show: itself, or one saying ``message``. */
export function asApiError(caught: unknown, message: string): ApiError {
  if (caught instanceof ApiError) return caught;
  return new ApiError(0, { code: "unknown", message, fields: {} });
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return "Something went wrong. Please try again.";
}
