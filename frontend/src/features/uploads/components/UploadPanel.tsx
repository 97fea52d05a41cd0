import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { ChangeEvent, DragEvent } from "react";
import { Alert, Badge, Form, ListGroup } from "react-bootstrap";
import { Link } from "react-router-dom";

import { Meter } from "../../../components/Meter";
import { errorMessage } from "../../../lib/api";
import { ACCEPT, UPLOAD_LIMITS_KEY, uploadFile, useUploadLimits } from "../api";
import type { SpotAnswers, UploadCreated, UploadLimits } from "../api";
import { SpotQuestions } from "./SpotQuestions";

type ItemState = "uploading" | "done" | "error";

interface Item {
  key: string;
  name: string;
  size: number;
  fraction: number;
  state: ItemState;
  message?: string;
  created?: UploadCreated;
}

interface Props {
  /** Called when one file has been accepted (e.g. to open its analysis). */
  onUploaded?: (created: UploadCreated, total: number) => void;
  /** The earlier analysis of the spot this photo shows again (from a reminder's link). */
  sameSpotAs?: string;
}

function megabytes(size: number) {
  return size >= 1024 * 1024 ? `${(size / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(size / 1024)} KB`;
}

/** "JPEG, PNG or WebP" */
function oneOf(names: string[]) {
  return names.length > 1 ? `${names.slice(0, -1).join(", ")} or ${names[names.length - 1]}` : names.join("");
}

function wholeMegabytes(size: number) {
  return `${Math.round(size / (1024 * 1024))} MB`;
}

function limitsText(limits: UploadLimits) {
  const seconds = Math.round(limits.video_max_seconds);
  return (
    `${oneOf(limits.photo_formats)} photos up to ${wholeMegabytes(limits.photo_max_bytes)} · ` +
    `${oneOf(limits.video_formats)} videos up to ${wholeMegabytes(limits.video_max_bytes)} and ${seconds} s`
  );
}

/**
 * A file the server would refuse for its size, said before its bytes are sent (the server
 * still decides, by content; this only spares a long upload on a phone).
 */
function tooLarge(file: File, limits: UploadLimits | undefined): string | undefined {
  if (!limits) return undefined;
  if (file.type.startsWith("image/") && file.size > limits.photo_max_bytes) {
    return `This photo is ${megabytes(file.size)}; photos can be up to ${wholeMegabytes(limits.photo_max_bytes)}.`;
  }
  if (file.type.startsWith("video/") && file.size > limits.video_max_bytes) {
    return `This video is ${megabytes(file.size)}; videos can be up to ${wholeMegabytes(limits.video_max_bytes)}.`;
  }
  return undefined;
}

/** Said only when the quota is nearly used, so the person is not surprised by a refusal. */
function quotaWarning(limits: UploadLimits | undefined): string | undefined {
  if (!limits) return undefined;
  const share = Math.max(limits.used_files / limits.quota_files, limits.used_bytes / limits.quota_bytes);
  if (share < 0.8) return undefined;
  return (
    `You are keeping ${limits.used_files} of ${limits.quota_files} files ` +
    `(${megabytes(limits.used_bytes)} of ${wholeMegabytes(limits.quota_bytes)}). ` +
    "Delete analyses you no longer need to make room."
  );
}

/** Drag and drop, a file picker, a phone camera button; one progress bar per file. */
export function UploadPanel({ onUploaded, sameSpotAs }: Props) {
  const [items, setItems] = useState<Item[]>([]);
  const [dragging, setDragging] = useState(false);
  const [oneSpot, setOneSpot] = useState(Boolean(sameSpotAs));
  const [answers, setAnswers] = useState<SpotAnswers>({});
  const limits = useUploadLimits().data;
  const queryClient = useQueryClient();

  function update(key: string, change: Partial<Item>) {
    setItems((current) => current.map((item) => (item.key === key ? { ...item, ...change } : item)));
  }

  function start(files: File[]) {
    const fresh = files.map((file, index) => ({
      key: `${Date.now()}-${index}-${file.name}`,
      name: file.name || "photo",
      size: file.size,
      fraction: 0,
      state: "uploading" as ItemState,
    }));
    setItems((current) => [...fresh, ...current]);
    files.forEach((file, index) => {
      const key = fresh[index].key;
      const refusal = tooLarge(file, limits);
      if (refusal) {
        update(key, { state: "error", message: refusal });
        return;
      }
      uploadFile(
        file,
        (fraction) => update(key, { fraction }),
        undefined,
        oneSpot ? answers : undefined,
        oneSpot ? sameSpotAs : undefined,
      )
        .then((created) => {
          update(key, { state: "done", fraction: 1, created });
          onUploaded?.(created, files.length);
        })
        .catch((error: unknown) => update(key, { state: "error", message: errorMessage(error) }))
        .finally(() => void queryClient.invalidateQueries({ queryKey: UPLOAD_LIMITS_KEY }));
    });
  }

  function handleFiles(event: ChangeEvent<HTMLInputElement>) {
    const files = Array.from(event.target.files ?? []);
    event.target.value = "";
    if (files.length) start(files);
  }

  function handleDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    const files = Array.from(event.dataTransfer.files ?? []);
    if (files.length) start(files);
  }

  return (
    <div>
      {/* Asked before the file is chosen: choosing a file starts its upload at once. */}
      <Form.Check
        type="switch"
        id="one-spot"
        className="mb-2"
        label="This photo shows one spot or mole I want checked"
        checked={oneSpot}
        onChange={(event) => setOneSpot(event.target.checked)}
      />
      {oneSpot && sameSpotAs && (
        <Alert variant="info" className="py-2 small">
          This photo will be compared with your earlier photo of the same spot: take it in the same light and
          from the same distance.
        </Alert>
      )}
      {oneSpot && <SpotQuestions answers={answers} onChange={setAnswers} />}
      {quotaWarning(limits) && (
        <Alert variant="warning" className="py-2 small">
          {quotaWarning(limits)}
        </Alert>
      )}
      <div
        className={`ms-dropzone rounded-3 p-4 text-center ${dragging ? "ms-dropzone-active" : ""}`}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={handleDrop}
        data-testid="dropzone"
      >
        <p className="fs-5 mb-2">Drop photos or a short video here</p>
        <p className="text-body-secondary small mb-3">{limits ? limitsText(limits) : "Photos, or a short video"}</p>
        <div className="d-flex flex-wrap gap-2 justify-content-center">
          {/* Each label is the visible face of its (visually hidden, focusable) file input. */}
          <label className="btn btn-primary ms-file-button">
            Take a photo
            <input
              type="file"
              accept="image/*,video/*"
              capture="user"
              className="visually-hidden"
              onChange={handleFiles}
            />
          </label>
          <label className="btn btn-outline-primary ms-file-button">
            Choose files
            <input type="file" accept={ACCEPT} multiple className="visually-hidden" onChange={handleFiles} />
          </label>
        </div>
      </div>
      {items.length > 0 && (
        <ListGroup className="mt-3" aria-label="Uploads" as="ul">
          {items.map((item) => (
            <ListGroup.Item key={item.key} as="li">
              <div className="d-flex justify-content-between gap-2 flex-wrap">
                <span className="text-break">
                  {item.name} <span className="text-body-secondary small">({megabytes(item.size)})</span>
                </span>
                {item.state === "done" && item.created && (
                  <span>
                    <Badge bg="success" className="me-2">
                      Uploaded
                    </Badge>
                    <Link to={`/analyses/${item.created.analysis.id}`}>See the analysis</Link>
                  </span>
                )}
              </div>
              {item.state === "error" ? (
                <Alert variant="danger" className="mt-2 mb-0 py-2" role="alert">
                  {item.message}
                </Alert>
              ) : (
                <Meter
                  className="mt-2"
                  value={item.fraction * 100}
                  showValue
                  animated={item.state === "uploading"}
                  variant={item.state === "done" ? "success" : undefined}
                  label={`Upload of ${item.name}`}
                />
              )}
            </ListGroup.Item>
          ))}
        </ListGroup>
      )}
    </div>
  );
}
