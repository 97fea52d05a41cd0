import type { components } from "../../../lib/api-types";
import { isFlag } from "../../../lib/vocabulary";

type Flag = components["schemas"]["FlagOutput"];

/** An ingredient's flags, each a link to its glossary entry. */
export function FlagBadges({ flags }: { flags: Flag[] }) {
  if (flags.length === 0) return null;
  return (
    <span className="d-inline-flex flex-wrap gap-1">
      {flags.map((flag) => (
        <a
          key={flag.key}
          href={flag.learn_url}
          className={`badge text-decoration-none ${isFlag(flag.key) ? "text-bg-warning" : "text-bg-info"}`}
          title={`What does “${flag.label}” mean?`}
        >
          {flag.label}
        </a>
      ))}
    </span>
  );
}
