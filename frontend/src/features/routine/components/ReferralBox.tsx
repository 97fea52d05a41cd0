import { Alert } from "react-bootstrap";

import { LinkButton } from "../../../components/LinkButton";
import type { Referral } from "../api";
import { SPECIALTIES, URGENCY } from "../labels";

/** "See a dermatologist", how soon, why, and a button to the filtered directory. */
export function ReferralBox({ referral }: { referral: Referral }) {
  const urgency = URGENCY[referral.urgency] ?? URGENCY.routine;
  const specialty = SPECIALTIES[referral.specialty] ?? referral.specialty;
  return (
    <Alert variant={urgency.variant} className="mb-4" role="region" aria-label="Referral">
      <Alert.Heading as="h2" className="h5">
        {urgency.title}
      </Alert.Heading>
      <p className="mb-2">{referral.reason}</p>
      <p className="mb-3">
        {urgency.when} Look for a dermatologist who sees {specialty}.
      </p>
      <LinkButton to={`/doctors?specialty=${encodeURIComponent(referral.specialty)}&sort=soonest`} variant="dark">
        See a dermatologist
      </LinkButton>
    </Alert>
  );
}
