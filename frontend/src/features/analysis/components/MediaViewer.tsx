import { useState } from "react";
import { Form } from "react-bootstrap";

interface Props {
  mediaUrl: string | null;
  overlayUrl: string | null;
  kind: "photo" | "video";
  label: string;
  /** Called once when a link has expired, to fetch fresh ones. */
  onExpired?: () => void;
}

/** The photo (or video) with a switch to show the overlay of what was measured. */
export function MediaViewer({ mediaUrl, overlayUrl, kind, label, onExpired }: Props) {
  const [showOverlay, setShowOverlay] = useState(Boolean(overlayUrl));
  const [expired, setExpired] = useState(false);
  const handleError = () => {
    if (!expired) {
      setExpired(true);
      onExpired?.();
    }
  };
  const overlayShown = showOverlay && Boolean(overlayUrl);
  return (
    <figure className="mb-0">
      <div className="ms-media rounded-3 overflow-hidden bg-body-tertiary">
        {/* Both are loaded at once, so switching never waits (and never meets an expired link). */}
        {overlayUrl && (
          <img
            src={overlayUrl}
            alt={`${label} with the measured areas drawn on it`}
            className="img-fluid w-100"
            hidden={!overlayShown}
            onError={handleError}
          />
        )}
        {mediaUrl && kind === "photo" && (
          <img src={mediaUrl} alt={label} className="img-fluid w-100" hidden={overlayShown} onError={handleError} />
        )}
        {mediaUrl && kind === "video" && !overlayShown && (
          <video src={mediaUrl} controls playsInline className="w-100" aria-label={label} onError={handleError} />
        )}
        {!mediaUrl && !overlayUrl && <p className="p-4 mb-0 text-body-secondary">The picture is being prepared…</p>}
      </div>
      {overlayUrl && (
        <Form.Check
          type="switch"
          role="switch"
          id={`overlay-${label.replace(/\W+/g, "-")}`}
          className="mt-2"
          label="Show what was measured (overlay)"
          checked={overlayShown}
          onChange={(event) => setShowOverlay(event.target.checked)}
        />
      )}
    </figure>
  );
}
