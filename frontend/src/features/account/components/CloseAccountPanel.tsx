import { Spinner } from "react-bootstrap";

import { useConsentStatus } from "../api";
import { DeleteAccount } from "./DeleteAccount";

/** Doctors and staff close their own account: password and a two-factor code. */
export function CloseAccountPanel({ role }: { role: "dermatologist" | "staff" }) {
  // The grace period comes with the consent status, which anyone signed in may read.
  const { data } = useConsentStatus();
  if (!data) return <Spinner size="sm" />;
  return <DeleteAccount graceDays={data.deletion_grace_days} role={role} />;
}
