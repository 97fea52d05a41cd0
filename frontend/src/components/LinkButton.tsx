import type { ReactNode } from "react";
import { Link } from "react-router-dom";

interface Props {
  to: string;
  children: ReactNode;
  variant?: string;
  size?: "sm" | "lg";
  className?: string;
}

/** A router link that looks like a Bootstrap button. */
export function LinkButton({ to, children, variant = "primary", size, className }: Props) {
  const classes = ["btn", `btn-${variant}`, size && `btn-${size}`, className].filter(Boolean);
  return (
    <Link to={to} className={classes.join(" ")}>
      {children}
    </Link>
  );
}
