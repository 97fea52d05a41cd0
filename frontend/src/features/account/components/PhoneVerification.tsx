import { useState } from "react";
import { Alert, Button, Form, InputGroup } from "react-bootstrap";

import { FormAlert } from "../../../components/FormAlert";
import { useConfirmPhoneCode, usePhoneStatus, useSendPhoneCode } from "../api";

/** SMS reminders go only to a number its owner proved is theirs: we text a code, they type it. */
export function PhoneVerification({ savedNumber }: { savedNumber: string }) {
  // The saved number changes after "Save": it is in the query key, so we ask again whether
  // the new one is verified. A failed read shows nothing, as before.
  const status = usePhoneStatus(savedNumber);
  const state = status.error ? null : (status.data ?? null);
  const [code, setCode] = useState("");
  // Each answers with the number's status, which the hooks put in the query above.
  const send = useSendPhoneCode(savedNumber);
  const confirm = useConfirmPhoneCode(savedNumber);

  if (!state || !state.phone_number) return null;
  if (state.verified) {
    return (
      <p className="small text-success mb-3" role="status">
        ✓ {state.phone_number} is verified: SMS reminders can go to it.
      </p>
    );
  }

  function handleSend() {
    send.mutate();
  }

  function handleConfirm() {
    confirm.mutate(code);
  }

  return (
    <Alert variant="warning" className="mb-3">
      <p className="mb-2">
        {state.phone_number} is not verified yet, so no SMS reminders go to it. We text you a
        six-digit code to prove the number is yours.
      </p>
      <FormAlert error={send.error ?? confirm.error} />
      {state.code_expires_at ? (
        // Not a <form>: this sits inside the profile form, and forms do not nest.
        <div role="group" aria-label="Verify phone">
          <Form.Label htmlFor="phone-code">Code from the text</Form.Label>
          <InputGroup>
            <Form.Control
              id="phone-code"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              value={code}
              onChange={(event) => setCode(event.target.value)}
              onKeyDown={(event) => {
                // Enter verifies the code instead of saving the profile around it.
                if (event.key === "Enter") {
                  event.preventDefault();
                  handleConfirm();
                }
              }}
            />
            <Button onClick={handleConfirm} disabled={confirm.isPending}>
              {confirm.isPending ? "Checking…" : "Verify"}
            </Button>
          </InputGroup>
          <Button variant="link" className="px-0" onClick={handleSend} disabled={send.isPending}>
            Text me a new code
          </Button>
        </div>
      ) : (
        <Button variant="outline-dark" onClick={handleSend} disabled={send.isPending}>
          {send.isPending ? "Sending…" : "Text me a code"}
        </Button>
      )}
    </Alert>
  );
}
