import { useState } from "react";
import type { FormEvent } from "react";
import { Button, Form } from "react-bootstrap";

import { FormAlert } from "../../../components/FormAlert";
import { useSavePortalProfile } from "../api";
import type { PortalProfile } from "../api";
import { SavedAlert } from "../../../components/SavedAlert";

/** The clinic phone patients see, and the joining link every video visit gets unless the
 * visit has its own. */
export function ContactSettings({ initial }: { initial: PortalProfile }) {
  const [phone, setPhone] = useState(initial.clinic_phone ?? "");
  const [link, setLink] = useState(initial.default_video_link ?? "");
  const [saved, setSaved] = useState(false);
  const save = useSavePortalProfile();
  const { isPending: pending, error } = save;

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    save.mutate(
      { clinic_phone: phone, default_video_link: link },
      {
        // The fields go on from what the server kept (it normalises the number).
        onSuccess: (result) => {
          setPhone(result.clinic_phone ?? "");
          setLink(result.default_video_link ?? "");
          setSaved(true);
        },
      },
    );
  }

  return (
    <Form onSubmit={handleSubmit} noValidate aria-label="How patients reach you">
      <Form.Group className="mb-3" controlId="clinic-phone">
        <Form.Label>Clinic phone</Form.Label>
        <Form.Control
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          value={phone}
          isInvalid={Boolean(error?.fieldError("clinic_phone"))}
          onChange={(event) => setPhone(event.target.value)}
          aria-describedby="clinic-phone-help"
        />
        <Form.Text id="clinic-phone-help" muted>
          Shown on your page and on every appointment, with the country code (e.g. +1 212-555-0143).
        </Form.Text>
        <Form.Control.Feedback type="invalid">{error?.fieldError("clinic_phone")}</Form.Control.Feedback>
      </Form.Group>
      <Form.Group className="mb-3" controlId="default-video-link">
        <Form.Label>Video visits: your joining link</Form.Label>
        <Form.Control
          type="url"
          inputMode="url"
          value={link}
          placeholder="https://"
          isInvalid={Boolean(error?.fieldError("default_video_link"))}
          onChange={(event) => setLink(event.target.value)}
          aria-describedby="video-link-help"
        />
        <Form.Text id="video-link-help" muted>
          Patients get it on the appointment, in their emails and in the calendar file. You can give one
          visit its own link on the appointment.
        </Form.Text>
        <Form.Control.Feedback type="invalid">{error?.fieldError("default_video_link")}</Form.Control.Feedback>
      </Form.Group>
      <FormAlert error={error && !error.fieldError("clinic_phone") && !error.fieldError("default_video_link") ? error : null} />
      <SavedAlert show={saved}>Saved. Patients see the new details from now on.</SavedAlert>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save"}
      </Button>
    </Form>
  );
}
