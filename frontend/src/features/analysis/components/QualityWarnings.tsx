import { Alert } from "react-bootstrap";

import type { QualityIssue } from "../api";
import { LIGHTING_CODES } from "./LightingWarning";

/** What was wrong with the photo and what to do about it next time (the light has its own
 * warning at the top of the page, LightingWarning). */
export function QualityWarnings({ issues: all }: { issues: QualityIssue[] }) {
  const issues = all.filter((issue) => !LIGHTING_CODES.includes(issue.code));
  if (issues.length === 0) return null;
  return (
    <Alert variant="warning" aria-labelledby="quality-title">
      <h2 className="h6" id="quality-title">
        To get a more reliable result next time
      </h2>
      <ul className="mb-0 ps-3">
        {issues.map((issue) => (
          <li key={issue.code}>{issue.message}</li>
        ))}
      </ul>
    </Alert>
  );
}
