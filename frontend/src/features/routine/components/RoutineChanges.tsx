import { useRoutineChanges, type RoutineChanges as Changes, type StepChange } from "../api";
import { STEP_LABELS } from "../labels";

const TIME = { am: "Morning", pm: "Evening" } as const;

function describe(change: StepChange): string {
  const where = `${TIME[change.time]} · ${STEP_LABELS[change.step] ?? change.step}`;
  if (change.change === "added") return `${where}: new step, ${change.after}`;
  if (change.change === "removed") return `${where}: no longer needed (was ${change.before})`;
  return `${where}: now ${change.after} (was ${change.before})`;
}

/** The list itself, for a loaded answer (exported for its unit test). */
export function RoutineChangesList({ changes }: { changes: Changes }) {
  const since =
    changes.previous_analysis === null
      ? "the routine from your skin profile alone"
      : "your last analysis";
  const nothing =
    changes.steps.length === 0 &&
    changes.concerns_added.length === 0 &&
    changes.concerns_dropped.length === 0;
  if (nothing) return <p className="mb-2">Nothing in your routine changed since {since}.</p>;
  return (
    <div className="mb-2">
      <p className="mb-1">What this result changed, compared with {since}:</p>
      <ul aria-label="Changes to your routine" className="ps-3 mb-0">
        {changes.concerns_added.length > 0 && (
          <li>Now also works on: {changes.concerns_added.join(", ")}.</li>
        )}
        {changes.concerns_dropped.length > 0 && (
          <li>No longer aimed at: {changes.concerns_dropped.join(", ")}.</li>
        )}
        {changes.steps.map((change) => (
          <li key={`${change.time}-${change.step}`}>{describe(change)}</li>
        ))}
      </ul>
    </div>
  );
}

/** Loads and shows what the latest analysis changed in the routine; silent while loading or
 * when the answer fails (the routine link next to it still works). */
export function RoutineChanges() {
  const { data } = useRoutineChanges();
  return data ? <RoutineChangesList changes={data} /> : null;
}
