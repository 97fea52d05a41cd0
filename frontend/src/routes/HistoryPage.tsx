import { useState } from "react";
import { Alert, Button, Container, Spinner } from "react-bootstrap";
import { Link, useSearchParams } from "react-router-dom";

import { ConfirmDialog } from "../components/ConfirmDialog";
import { SavedAlert } from "../components/SavedAlert";
import { useAnalyses, useComparison, useDeleteAnalysis } from "../features/analysis/api";
import type { AnalysisItem } from "../features/analysis/api";
import { CompareView } from "../features/analysis/components/CompareView";
import { HistoryTimeline } from "../features/analysis/components/HistoryTimeline";
import { NotADiagnosis } from "../features/analysis/components/NotADiagnosis";
import { TrendCharts } from "../features/analysis/components/TrendCharts";
import { formatDateTime } from "../features/analysis/labels";
import { errorMessage } from "../lib/api";
import { usePageTitle } from "../lib/usePageTitle";
import { useReveal } from "../lib/useReveal";

export function HistoryPage() {
  usePageTitle("My history");
  const [params, setParams] = useSearchParams();
  const list = useAnalyses();
  const items = list.data?.results ?? null;
  const removal = useDeleteAnalysis();
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<AnalysisItem | null>(null);
  const deleting = removal.isPending ? (removal.variables ?? null) : null;
  // An object, not the text: a second delete is a new message to bring into view.
  const [notice, setNotice] = useState<{ text: string } | null>(
    params.get("deleted") ? { text: "The analysis and its photo are deleted." } : null,
  );
  // The checkboxes follow this state at once; the URL (shareable) follows it too, but a router
  // navigation is a transition that may commit later than the click.
  const [selected, setSelected] = useState<string[]>(
    () => [params.get("first"), params.get("second")].filter(Boolean) as string[],
  );

  const [first, second] = selected;
  // The comparison's query key holds both ids: a comparison cleared (or changed) while an older
  // request was on its way never comes back when that request answers.
  const compare = useComparison(first, second);
  const comparison = first && second ? (compare.data ?? null) : null;
  const error = deleteError ?? list.error?.message ?? (first && second ? compare.error?.message : undefined) ?? null;
  const errorRef = useReveal<HTMLDivElement>(error);

  function toggle(id: string, on: boolean) {
    const order = (value: string) => items?.findIndex((item) => item.id === value) ?? 0;
    // The older analysis comes first (the list is newest first).
    const next = (on ? [...selected, id].slice(-2) : selected.filter((value) => value !== id)).sort(
      (a, b) => order(b) - order(a),
    );
    select(next);
  }

  /** The ticked analyses drive the comparison; the URL only mirrors them. */
  function select(next: string[]) {
    setSelected(next);
    const query: Record<string, string> = {};
    if (next[0]) query.first = next[0];
    if (next[1]) query.second = next[1];
    setParams(query, { replace: true });
  }

  async function remove(item: AnalysisItem) {
    setDeleteError(null);
    try {
      // The mutation invalidates every analyses query: the list (and charts) are asked again.
      await removal.mutateAsync(item.id);
      setConfirming(null);
      if (selected.includes(item.id)) toggle(item.id, false);
      setNotice({ text: "The analysis and its photo are deleted." });
    } catch (caught) {
      setConfirming(null);
      setDeleteError(errorMessage(caught));
    }
  }

  return (
    <Container className="py-4">
      <div className="d-flex justify-content-between align-items-start flex-wrap gap-2">
        <h1 className="h2">My history</h1>
        <Link className="btn btn-primary" to="/analyse">
          New analysis
        </Link>
      </div>
      {/* The Delete button may be screens below on a phone: the message comes into view. */}
      <SavedAlert show={notice} onClose={() => setNotice(null)}>
        {notice?.text}
      </SavedAlert>
      {error && (
        <Alert
          ref={errorRef}
          variant="danger"
          dismissible={deleteError !== null}
          onClose={() => setDeleteError(null)}
          tabIndex={-1}
          className="ms-focus-target"
        >
          {error}
        </Alert>
      )}
      {!items && !error && <Spinner size="sm" />}
      {items && items.length === 0 && (
        <p>
          No analyses yet. <Link to="/analyse">Analyse a photo</Link> to start your history.
        </p>
      )}
      {items && items.length > 0 && (
        <div className="d-flex flex-column gap-4">
          <section aria-labelledby="trends-title">
            <h2 className="h4" id="trends-title">
              Over time
            </h2>
            <TrendCharts items={items} />
          </section>
          {comparison ? (
            <div>
              <CompareView comparison={comparison} onExpired={() => void compare.refetch()} />
              <Button variant="link" className="px-0" onClick={() => select([])}>
                Clear the comparison
              </Button>
            </div>
          ) : (
            <p className="text-body-secondary mb-0">Tick “Compare” on two finished analyses to see them side by side.</p>
          )}
          <section aria-labelledby="timeline-title">
            <h2 className="h4" id="timeline-title">
              Timeline
            </h2>
            <HistoryTimeline
              items={items}
              selected={selected}
              onToggle={toggle}
              onDelete={setConfirming}
              deleting={deleting}
            />
          </section>
          <NotADiagnosis />
        </div>
      )}
      <ConfirmDialog
        show={confirming !== null}
        title="Delete this analysis?"
        confirmLabel={removal.isPending ? "Deleting…" : "Yes, delete it"}
        pending={removal.isPending}
        onConfirm={() => confirming && void remove(confirming)}
        onCancel={() => setConfirming(null)}
      >
        {confirming && <>The analysis of {formatDateTime(confirming.created_at)} and its photo are deleted for good.</>}
      </ConfirmDialog>
    </Container>
  );
}
