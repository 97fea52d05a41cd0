import { useState } from "react";
import { Alert, Button, Container, Spinner } from "react-bootstrap";
import { Link, useNavigate, useParams } from "react-router-dom";

import { ConfirmDialog } from "../components/ConfirmDialog";
import { useSkinProfile } from "../features/account/api";
import { SkinProfileSummary } from "../features/account/components/SkinProfileSummary";
import { useAnalysis, useDeleteAnalysis } from "../features/analysis/api";
import { AnalysisProgress } from "../features/analysis/components/AnalysisProgress";
import { AnalysisResultView } from "../features/analysis/components/AnalysisResultView";
import { NextSteps } from "../features/analysis/components/NextSteps";
import { NotADiagnosis } from "../features/analysis/components/NotADiagnosis";
import { formatDateTime } from "../features/analysis/labels";
import { useRecommendation } from "../features/routine/api";
import { errorMessage } from "../lib/api";
import { usePageTitle } from "../lib/usePageTitle";

export function AnalysisPage() {
  usePageTitle("My analysis");
  const { id = "" } = useParams();
  const navigate = useNavigate();
  const { data: analysis, error, refetch } = useAnalysis(id);
  const profile = useSkinProfile();
  const removal = useDeleteAnalysis();
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const done = analysis?.status === "done" && analysis.is_owner;
  // The routine and referral this result leads to; asked for once the result is there.
  const next = useRecommendation(done).data;

  async function handleDelete() {
    try {
      await removal.mutateAsync(id);
      setConfirming(false);
      navigate("/history?deleted=1");
    } catch (caught) {
      setConfirming(false);
      setDeleteError(errorMessage(caught));
    }
  }

  if (error) {
    return (
      <Container className="py-4">
        <Alert variant="danger">{error.status === 404 ? "This analysis does not exist, or is not yours." : error.message}</Alert>
        <Link to="/history">Back to my history</Link>
      </Container>
    );
  }
  if (!analysis) {
    return (
      <Container className="py-4">
        <Spinner size="sm" /> Loading…
      </Container>
    );
  }
  const mine = analysis.is_owner;
  return (
    <Container className="py-4">
      <div className="d-flex justify-content-between align-items-start flex-wrap gap-2 mb-3">
        <div>
          <h1 className="h2 mb-0">{analysis.kind === "video" ? "Video analysis" : "Photo analysis"}</h1>
          <p className="text-body-secondary mb-0">{formatDateTime(analysis.created_at)}</p>
        </div>
        <div className="d-flex gap-2">
          <Link className="btn btn-outline-secondary" to="/history">
            My history
          </Link>
          {mine && (
            <Button variant="outline-danger" onClick={() => setConfirming(true)}>
              Delete
            </Button>
          )}
          <ConfirmDialog
            show={confirming}
            title="Delete this analysis?"
            confirmLabel={removal.isPending ? "Deleting…" : "Yes, delete it"}
            pending={removal.isPending}
            onConfirm={() => void handleDelete()}
            onCancel={() => setConfirming(false)}
          >
            The analysis and its {analysis.kind} are deleted for good.
          </ConfirmDialog>
        </div>
      </div>
      {deleteError && <Alert variant="danger">{deleteError}</Alert>}
      {(analysis.status === "pending" || analysis.status === "running") && (
        <AnalysisProgress analysis={analysis} />
      )}
      {analysis.status === "failed" && (
        <>
          <Alert variant="danger" role="alert">
            <strong>We could not analyse this {analysis.kind}.</strong> {analysis.error?.message}
          </Alert>
          <Link className="btn btn-primary" to="/analyse">
            Try another photo
          </Link>
        </>
      )}
      {analysis.status === "done" && (
        <AnalysisResultView
          analysis={analysis}
          sunReaction={mine ? profile.data?.sun_reaction : undefined}
          onExpired={() => void refetch()}
          aside={mine && profile.data ? <SkinProfileSummary profile={profile.data} /> : null}
        />
      )}
      {analysis.status === "done" && mine && next && (
        <div className="mt-4">
          <NextSteps analysis={analysis} recommendation={next} />
        </div>
      )}
      {analysis.status !== "done" && (
        <div className="mt-4">
          <NotADiagnosis />
        </div>
      )}
    </Container>
  );
}
