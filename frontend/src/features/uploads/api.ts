import { API_BASE, ApiError, csrfToken } from "../../lib/api";
import type { ApiErrorBody } from "../../lib/api";
import type { components } from "../../lib/api-types";

export type UploadCreated = components["schemas"]["UploadCreateOutput"];

/** Photos and videos the server accepts; the server decides by content, not by this list. */
export const ACCEPT = "image/*,video/*,.heic,.heif";

function errorOf(status: number, text: string): ApiError {
  try {
    const data = JSON.parse(text);
    if (data && typeof data === "object" && "error" in data) {
      return new ApiError(status, data.error as ApiErrorBody);
    }
  } catch {
    // not JSON (a proxy's page): fall through
  }
  return new ApiError(status, {
    code: `http_${status}`,
    message:
      status === 413
        ? "This file is too large to upload."
        : status >= 500
          ? "Something went wrong on our side. Please try again in a moment."
          : "The upload could not be completed.",
    fields: {},
  });
}

/**
 * Upload one photo or video (multipart field `file`, and `answers` about the spot it shows). fetch() cannot report upload progress,
 * so this uses XMLHttpRequest; errors come back as ApiError like everywhere else.
 */
export type SpotAnswers = components["schemas"]["SpotAnswersSchema"];

export function uploadFile(
  file: File,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
  answers?: SpotAnswers,
  sameSpotAs?: string,
): Promise<UploadCreated> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", `${API_BASE}/uploads/`);
    request.setRequestHeader("Accept", "application/json");
    request.setRequestHeader("X-CSRFToken", csrfToken());
    request.withCredentials = true;
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      if (request.status === 201) {
        onProgress(1);
        resolve(JSON.parse(request.responseText) as UploadCreated);
      } else {
        reject(errorOf(request.status, request.responseText));
      }
    };
    request.onerror = () =>
      reject(
        new ApiError(0, {
          code: "network_error",
          message: "We could not reach MetSkin. Check your connection and try again.",
          fields: {},
        }),
      );
    request.onabort = () => reject(new DOMException("Upload cancelled", "AbortError"));
    signal?.addEventListener("abort", () => request.abort());
    const body = new FormData();
    body.append("file", file);
    // "About this spot": a JSON object in a multipart text field (the API checks its shape)
    if (answers) body.append("answers", JSON.stringify(answers));
    // an earlier analysis of the same spot: the change between the photos counts
    if (sameSpotAs) body.append("same_spot_as", sameSpotAs);
    request.send(body);
  });
}
