import { Button, ProgressBar } from "react-bootstrap";

import { FormAlert } from "../../../components/FormAlert";
import { useDataExport, useStartDataExport } from "../api";

const BUILDING = ["pending", "running"];

/** Download my data: start an export, follow its progress, download it once. */
export function DataExportPanel() {
  // Follows the worker once a second while it builds the zip (the hook polls).
  const exportQuery = useDataExport();
  const data = exportQuery.data ?? null;
  // The export it starts becomes the query's data, so the polling starts at once.
  const start = useStartDataExport();
  const { isPending: pending, error } = start;
  const building = data !== null && BUILDING.includes(data.status);

  function handleStart() {
    start.mutate();
  }

  return (
    <>
      <p className="mb-2">
        One zip with your account, skin profile, analyses and their results, appointments,
        consents, who has seen your data, and your original photos and videos.
      </p>
      <FormAlert error={error} />
      {building && data && (
        <div role="status" className="mb-2">
          <span className="small">Preparing your data… {data.progress}%</span>
          <ProgressBar now={data.progress} label={`${data.progress}%`} visuallyHidden />
        </div>
      )}
      {data?.status === "ready" && data.download_url && (
        <p role="status">
          <a
            className="btn btn-success"
            href={data.download_url}
            onClick={() => window.setTimeout(() => void exportQuery.refetch(), 1500)}
          >
            Download my data ({Math.max(1, Math.round(data.size_bytes / 1024 / 1024))} MB)
          </a>
          <br />
          <span className="small text-body-secondary">
            The link works once, until{" "}
            {data.expires_at ? new Date(data.expires_at).toLocaleString() : "it expires"}.
          </span>
        </p>
      )}
      {data?.status === "failed" && <p className="text-danger">{data.error_message}</p>}
      {data?.status === "downloaded" && (
        <p className="small text-body-secondary">Your last export was downloaded.</p>
      )}
      {!building && (
        <Button variant="outline-primary" onClick={handleStart} disabled={pending}>
          {data ? "Prepare a new export" : "Prepare my data for download"}
        </Button>
      )}
    </>
  );
}
