import { Alert } from "react-bootstrap";
import { Link } from "react-router-dom";

import type { QualityIssue } from "../api";

/** Quality issues that say the light itself may have moved the result (the API's
 * `summary.lighting_issues` uses the same codes). */
export const LIGHTING_CODES = ["too_dark", "overexposed", "exposure_uncertain", "colour_cast"];

export function lightingIssues(issues: QualityIssue[]): QualityIssue[] {
  return issues.filter((issue) => LIGHTING_CODES.includes(issue.code));
}

/** First on the result page when the light was poor: the tone and concerns below may be off,
 * and a retake in daylight is the fix. */
export function LightingWarning({ issues }: { issues: QualityIssue[] }) {
  const lighting = lightingIssues(issues);
  if (lighting.length === 0) return null;
  return (
    <Alert variant="warning" aria-labelledby="lighting-title" className="mb-0">
      <h2 className="h5" id="lighting-title">
        The light in this photo makes the result less reliable
      </h2>
      <ul className="ps-3">
        {lighting.map((issue) => (
          <li key={issue.code}>{issue.message}</li>
        ))}
      </ul>
      <p className="mb-2">
        Skin tone and redness are read from colour, so a dark, very bright or tinted light can
        move them. For a result you can rely on: face a window in daylight, no flash, no filter,
        and fill the frame with your face.
      </p>
      <Link to="/analyse" className="btn btn-primary">
        Retake the photo
      </Link>
    </Alert>
  );
}
