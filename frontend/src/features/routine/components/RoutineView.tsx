import { Alert, Badge, Col, Row, Tab, Tabs } from "react-bootstrap";
import { Link } from "react-router-dom";

import { LinkButton } from "../../../components/LinkButton";
import type { Recommendation, RoutineStep } from "../api";
import { ExcludedList } from "./ExcludedList";
import { ReferralBox } from "./ReferralBox";
import { StepCard } from "./StepCard";

function Steps({ steps, empty }: { steps: RoutineStep[]; empty: string }) {
  if (steps.length === 0) return <p className="text-body-secondary">{empty}</p>;
  return (
    <>
      {steps.map((step, index) => (
        <StepCard key={`${step.step}-${step.product.id}`} step={step} index={index} />
      ))}
    </>
  );
}

/** The whole recommendation: referral first, then the AM/PM routine, concerns and tips. */
export function RoutineView({ recommendation }: { recommendation: Recommendation }) {
  const { concerns, tips, routine, excluded, referral } = recommendation;
  return (
    <>
      {referral && (
        <ReferralBox
          referral={referral}
          analysis={recommendation.based_on_analysis ? { id: recommendation.based_on_analysis } : null}
        />
      )}
      {!recommendation.based_on_analysis && (
        <Alert variant="light" className="border">
          This routine comes from your skin profile only.{" "}
          <Link to="/analyse">Analyse a photo of your skin</Link> to base it on what we measure too.
        </Alert>
      )}
      <Row className="g-4">
        <Col lg={8}>
          <Tabs defaultActiveKey="am" id="routine-tabs" className="mb-3" fill transition={false}>
            {/* Each pane names itself for screen readers, so its step cards (h3) sit under an h2. */}
            <Tab eventKey="am" title="Morning (AM)">
              <h2 className="visually-hidden">Morning routine</h2>
              <Steps steps={routine.am} empty="No morning steps yet." />
            </Tab>
            <Tab eventKey="pm" title="Evening (PM)">
              <h2 className="visually-hidden">Evening routine</h2>
              <Steps steps={routine.pm} empty="No evening steps yet." />
            </Tab>
          </Tabs>
          <ExcludedList items={excluded} />
        </Col>
        <Col lg={4}>
          <section aria-labelledby="concerns-title" className="mb-4">
            <h2 className="h5" id="concerns-title">
              Your concerns
            </h2>
            {concerns.length === 0 ? (
              <p className="text-body-secondary">
                None yet. <LinkButton to="/profile/skin" variant="link" className="p-0 align-baseline">Tell us about your skin</LinkButton>
              </p>
            ) : (
              <ol className="ps-3">
                {concerns.map((concern) => (
                  <li key={concern.name} className="mb-2">
                    <a href={concern.learn_url}>{concern.label}</a>{" "}
                    {concern.severity !== null && (
                      <Badge bg="secondary" pill>
                        {concern.severity}/100
                      </Badge>
                    )}
                    <div className="small text-body-secondary">{concern.why}</div>
                  </li>
                ))}
              </ol>
            )}
          </section>
          <section aria-labelledby="tips-title">
            <h2 className="h5" id="tips-title">
              Tips
            </h2>
            <ul className="ps-3">
              {tips.map((tip) => (
                <li key={`${tip.concern}-${tip.title}`} className="mb-2">
                  <strong>{tip.title}.</strong> {tip.text}
                </li>
              ))}
            </ul>
          </section>
        </Col>
      </Row>
      <p className="small text-body-secondary mt-3 ms-disclaimer ps-2">{recommendation.disclaimer}</p>
    </>
  );
}
