interface Props {
  /** 0–100 */
  value: number;
  label: string;
  valueText?: string;
  variant?: string;
  showValue?: boolean;
  animated?: boolean;
  className?: string;
}

/** A Bootstrap 5.3 progress bar with the progressbar role and its name on the outer element. */
export function Meter({ value, label, valueText, variant, showValue, animated, className }: Props) {
  const percent = Math.max(0, Math.min(100, Math.round(value)));
  const bar = [
    "progress-bar",
    variant ? `bg-${variant}` : "",
    animated ? "progress-bar-striped progress-bar-animated" : "",
  ]
    .filter(Boolean)
    .join(" ");
  return (
    <div
      className={`progress ${className ?? ""}`}
      role="progressbar"
      aria-label={label}
      aria-valuenow={percent}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuetext={valueText}
    >
      <div className={bar} style={{ width: `${percent}%` }}>
        {showValue ? `${percent}%` : null}
      </div>
    </div>
  );
}
