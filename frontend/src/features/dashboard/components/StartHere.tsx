import { Card } from "react-bootstrap";
import { Link } from "react-router-dom";

interface Props {
  profileDone: boolean;
  photoDone: boolean;
}

const STEPS = [
  { key: "profile", title: "Tell us about your skin", text: "Skin type, sensitivity, allergies, pregnancy: two minutes.", to: "/profile/skin" },
  { key: "photo", title: "Take a photo", text: "Your face in daylight, or a close-up of a spot.", to: "/analyse" },
  { key: "routine", title: "Get your routine", text: "Morning and evening steps with products that suit you.", to: "/routine" },
] as const;

/** First run: the three steps in order, each ticked off when done. */
export function StartHere({ profileDone, photoDone }: Props) {
  const done: Record<string, boolean> = { profile: profileDone, photo: photoDone, routine: profileDone && photoDone };
  const next = STEPS.find((step) => !done[step.key]);
  return (
    <Card border="primary" as="section" aria-labelledby="start-title">
      <Card.Body>
        <h2 className="h5" id="start-title">
          Start here
        </h2>
        <ol className="list-unstyled mb-0 d-flex flex-column gap-2">
          {STEPS.map((step, index) => (
            <li key={step.key} className="d-flex gap-3 align-items-start">
              <span
                className={`badge rounded-pill ${done[step.key] ? "text-bg-success" : "text-bg-primary"}`}
                aria-hidden="true"
              >
                {done[step.key] ? "✓" : index + 1}
              </span>
              <div>
                {step === next ? (
                  <Link to={step.to} className="fw-semibold">
                    {step.title}
                  </Link>
                ) : (
                  <span className={done[step.key] ? "text-body-secondary" : "fw-semibold"}>
                    {step.title}
                    {done[step.key] && <span className="visually-hidden"> (done)</span>}
                  </span>
                )}
                <div className="small text-body-secondary">{step.text}</div>
              </div>
            </li>
          ))}
        </ol>
      </Card.Body>
    </Card>
  );
}
