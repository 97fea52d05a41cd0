import { Form } from "react-bootstrap";

import type { ApiError } from "../../../lib/api";

export interface Consents {
  accept_terms: boolean;
  health_data_consent: boolean;
}

/** The two boxes sign-up (and a newer privacy notice) asks for; nothing is pre-ticked. */
export function ConsentChecks({
  value,
  onChange,
  error,
}: {
  value: Consents;
  onChange: (value: Consents) => void;
  error?: ApiError | null;
}) {
  const termsError = error?.fieldError("accept_terms");
  const healthError = error?.fieldError("health_data_consent");
  return (
    <>
      <Form.Check className="mb-3" id="consent-terms">
        <Form.Check.Input
          name="accept_terms"
          checked={value.accept_terms}
          isInvalid={Boolean(termsError)}
          onChange={(event) => onChange({ ...value, accept_terms: event.target.checked })}
        />
        <Form.Check.Label>
          I accept the{" "}
          <a href="/terms" target="_blank" rel="noreferrer">
            terms of use
          </a>{" "}
          and have read the{" "}
          <a href="/privacy" target="_blank" rel="noreferrer">
            privacy notice
          </a>
          .
        </Form.Check.Label>
        <Form.Control.Feedback type="invalid">{termsError}</Form.Control.Feedback>
      </Form.Check>
      <Form.Check className="mb-3" id="consent-health">
        <Form.Check.Input
          name="health_data_consent"
          checked={value.health_data_consent}
          isInvalid={Boolean(healthError)}
          onChange={(event) => onChange({ ...value, health_data_consent: event.target.checked })}
        />
        <Form.Check.Label>
          I explicitly consent to MetSkin processing my skin photos and answers, which are health
          data, to analyse my skin.
        </Form.Check.Label>
        <Form.Control.Feedback type="invalid">{healthError}</Form.Control.Feedback>
      </Form.Check>
    </>
  );
}
