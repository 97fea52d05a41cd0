import { Alert } from "react-bootstrap";
import { Link } from "react-router-dom";

import { directoryLink, saveBookingIntent } from "../../booking/intent";
import { REFERRAL_PHRASES } from "../../../lib/vocabulary";
import type { Referral } from "../api";
import { URGENCY } from "../labels";

interface Props {
  referral: Referral;
  /** The analysis the referral rests on: booking from here fills in the reason and offers it
   * to share. */
  analysis?: { id: string; created_at?: string } | null;
}

/** "See a dermatologist", how soon, why, and a button to the directory filtered by specialty
 * and by how soon. */
export function ReferralBox({ referral, analysis }: Props) {
  const urgency = URGENCY[referral.urgency] ?? URGENCY.routine;
  const specialty = (REFERRAL_PHRASES as Record<string, string>)[referral.specialty] ?? referral.specialty;
  function remember() {
    if (analysis) {
      saveBookingIntent({ analysisId: analysis.id, analysisDate: analysis.created_at ?? "", reason: referral.reason });
    }
  }
  return (
    <Alert variant={urgency.variant} className="mb-4" role="region" aria-label="Referral">
      <Alert.Heading as="h2" className="h5">
        {urgency.title}
      </Alert.Heading>
      <p className="mb-2">{referral.reason}</p>
      <p className="mb-3">
        {urgency.when} Look for a dermatologist who sees {specialty}.
      </p>
      <Link to={directoryLink(referral.specialty, referral.urgency)} className="btn btn-dark" onClick={remember}>
        Book a dermatologist
      </Link>
    </Alert>
  );
}
