import { useState } from "react";
import type { FormEvent } from "react";
import { Button, Card, Container, Form } from "react-bootstrap";

import { FormAlert } from "../../../components/FormAlert";
import { useAuth } from "../../../lib/auth";
import { useGiveConsent } from "../api";
import { ConsentChecks } from "./ConsentChecks";
import type { Consents } from "./ConsentChecks";

/** Shown instead of any signed-in page while the person has not agreed to the current
 * privacy notice (a newer version asks again; docs/adr/0017). */
export function ConsentStep() {
  const { refresh } = useAuth();
  const [consents, setConsents] = useState<Consents>({
    accept_terms: false,
    health_data_consent: false,
  });
  const consent = useGiveConsent();
  const { isPending: pending, error } = consent;

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    consent.mutate(consents, { onSuccess: () => refresh() });
  }

  return (
    <Container className="py-5" style={{ maxWidth: 560 }}>
      <h1 className="h2 mb-3">Our privacy notice has changed</h1>
      <p>
        Please read the <a href="/privacy">privacy notice</a> and agree to it to keep using
        MetSkin. You can also download your data or delete your account from your profile.
      </p>
      <Card>
        <Card.Body>
          <Form onSubmit={handleSubmit} noValidate aria-label="Consent">
            <FormAlert error={error} />
            <ConsentChecks value={consents} onChange={setConsents} error={error} />
            <Button type="submit" disabled={pending}>
              I agree
            </Button>
          </Form>
        </Card.Body>
      </Card>
    </Container>
  );
}
