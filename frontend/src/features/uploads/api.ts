import { useQuery } from "@tanstack/react-query";

import { API_BASE, apiFetch, csrfToken, networkError, parseApiError } from "../../lib/api";
import type { components } from "../../lib/api-types";
import { loader } from "../../lib/query";

export type UploadCreated = components["schemas"]["UploadCreateOutput"];
export type UploadLimits = components["schemas"]["UploadLimitsOutput"];

export const UPLOAD_LIMITS_KEY = ["uploads", "limits"] as const;

/** The formats, sizes, video length and quota the server checks an upload against, and how
 * much of the quota is used: the upload page shows these instead of its own copy. */
export const useUploadLimits = () =>
  useQuery({ queryKey: UPLOAD_LIMITS_KEY, queryFn: loader(() => apiFetch<UploadLimits>("/uploads/limits/")) });

/** Photos and videos the server accepts; the server decides by content, not by this list. */
export const ACCEPT = "image/*,video/*,.heic,.heif";

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
        // A 413 without our JSON body comes from a proxy's size limit, before the API sees it.
        const fallback = request.status === 413 ? "This file is too large to upload." : "The upload could not be completed.";
        reject(parseApiError(request.status, request.responseText, fallback));
      }
    };
    request.onerror = () => reject(networkError());
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
