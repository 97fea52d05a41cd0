import { Card } from "react-bootstrap";

import { LinkButton } from "../../../components/LinkButton";
import type { Recommendation } from "../../routine/api";
import { ReferralBox } from "../../routine/components/ReferralBox";
import { RoutineChanges } from "../../routine/components/RoutineChanges";
import type { Analysis } from "../api";
import { isAssessed } from "../labels";
import { concernLabel } from "../../../lib/vocabulary";

interface Props {
  analysis: Analysis;
  recommendation: Recommendation;
}

/** After a result: the doctor when it calls for one, the routine it shapes, products for the
 * most marked concern. The routine follows the person's latest analysis, so an older result
 * says so instead of claiming the routine is its own. */
export function NextSteps({ analysis, recommendation }: Props) {
  const fromThis = recommendation.based_on_analysis === analysis.id;
  const referral = fromThis ? recommendation.referral : null;
  const steps = recommendation.routine.am.length + recommendation.routine.pm.length;
  const top = [...(analysis.result?.concerns ?? [])]
    .filter((concern) => isAssessed(concern) && concern.name !== "lesion" && concern.severity >= 20)
    .sort((a, b) => b.severity - a.severity)[0];
  return (
    <section aria-labelledby="next-title" className="d-flex flex-column gap-3">
      <h2 className="h4 mb-0" id="next-title">
        What to do next
      </h2>
      {referral && <ReferralBox referral={referral} analysis={analysis} />}
      <Card>
        <Card.Body>
          <h3 className="h5">Your routine</h3>
          <p>
            {fromThis
              ? `Your morning and evening routine follows this result: ${steps} steps with products checked for your skin.`
              : "Your routine follows your latest analysis, not this older one."}
          </p>
          {fromThis && <RoutineChanges />}
          <LinkButton to="/routine">See my routine</LinkButton>
        </Card.Body>
      </Card>
      {top && (
        <Card>
          <Card.Body>
            <h3 className="h5">Products for {concernLabel(top.name).toLowerCase()}</h3>
            <p>Products from our database that target it, with how to use them.</p>
            <LinkButton to={`/products?concern=${encodeURIComponent(top.name)}`} variant="outline-primary">
              Browse products
            </LinkButton>
          </Card.Body>
        </Card>
      )}
    </section>
  );
}
