import { Spinner } from "react-bootstrap";

import { useConsentStatus } from "../api";
import { AccessLog } from "./AccessLog";
import { DataExportPanel } from "./DataExportPanel";
import { DeleteAccount } from "./DeleteAccount";

const KIND_LABELS: Record<string, string> = {
  terms: "Terms of use",
  health_data: "Processing of your skin photos as health data",
};

/** What the person agreed to, and the way to delete the account (unless the page offers
 * the two-factor "close your account" form instead: one delete form per page). */
export function PrivacyPanel({ withDelete = true }: { withDelete?: boolean }) {
  const { data } = useConsentStatus();
  if (!data) return <Spinner size="sm" />;
  const current = data.consents.filter((c) => c.notice_version === data.notice_version);
  return (
    <>
      <p className="mb-1">
        You agreed to the <a href="/privacy">privacy notice</a> (version {data.notice_version}):
      </p>
      <ul className="small">
        {current.map((consent) => (
          <li key={consent.kind}>
            {KIND_LABELS[consent.kind] ?? consent.kind}, on{" "}
            {new Date(consent.given_at).toLocaleDateString()}
          </li>
        ))}
      </ul>
      <h3 className="h6 mt-4">Download my data</h3>
      <DataExportPanel />
      <h3 className="h6 mt-4">Who has seen your data</h3>
      <AccessLog />
      {withDelete && (
        <>
          <h3 className="h6 mt-4">Delete my account</h3>
          <DeleteAccount graceDays={data.deletion_grace_days} />
        </>
      )}
    </>
  );
}
