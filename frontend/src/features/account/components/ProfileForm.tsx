import { useState } from "react";
import type { FormEvent } from "react";
import { Button, Col, Form, Row } from "react-bootstrap";

import { FormAlert } from "../../../components/FormAlert";
import { TextField } from "../../../components/TextField";
import { useUpdateProfile } from "../api";
import type { Profile } from "../api";
import { AGE_RANGES } from "../choices";
import { PhoneVerification } from "./PhoneVerification";
import { SavedAlert } from "../../../components/SavedAlert";

function timeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  const zones = intl.supportedValuesOf?.("timeZone") ?? [];
  return zones.length ? ["UTC", ...zones.filter((zone) => zone !== "UTC")] : ["UTC"];
}

const REMINDER_CHOICES = [
  { hours: 48, label: "2 days before" },
  { hours: 24, label: "1 day before" },
  { hours: 2, label: "2 hours before" },
];

export function ProfileForm({ initial }: { initial: Profile }) {
  const [profile, setProfile] = useState<Profile>(initial);
  const [saved, setSaved] = useState(false);
  const [savedPhone, setSavedPhone] = useState(initial.phone_number);
  const update = useUpdateProfile();
  const { isPending: pending, error } = update;
  const zones = timeZones();
  if (!zones.includes(profile.time_zone)) zones.unshift(profile.time_zone);

  function set<K extends keyof Profile>(key: K, value: Profile[K]) {
    setSaved(false);
    setProfile((current) => ({ ...current, [key]: value }));
  }

  function toggleReminder(hours: number, on: boolean) {
    const others = profile.reminder_hours_before.filter((value) => value !== hours);
    set("reminder_hours_before", on ? [...others, hours] : others);
  }

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const { email: _email, role: _role, ...editable } = profile;
    update.mutate(editable, {
      // The form goes on from what the server kept (it may have normalised the number).
      onSuccess: (result) => {
        setProfile(result);
        setSaved(true);
        setSavedPhone(result.phone_number);
      },
    });
  }

  const fieldError = (name: string) => error?.fieldError(name);

  return (
    <Form onSubmit={handleSubmit} noValidate aria-label="Profile">
      <FormAlert error={error} />
      <SavedAlert show={saved}>Saved.</SavedAlert>
      <TextField
        name="display_name"
        label="Display name"
        value={profile.display_name}
        onChange={(value) => set("display_name", value)}
        error={error}
      />
      <Row>
        <Col sm={6}>
          <Form.Group className="mb-3" controlId="field-age_range">
            <Form.Label>Age range</Form.Label>
            <Form.Select
              value={profile.age_range}
              onChange={(event) => set("age_range", event.target.value as Profile["age_range"])}
            >
              <option value="">Prefer not to say</option>
              {AGE_RANGES.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </Form.Select>
          </Form.Group>
        </Col>
        <Col sm={6}>
          <Form.Group className="mb-3" controlId="field-time_zone">
            <Form.Label>Time zone</Form.Label>
            <Form.Select
              value={profile.time_zone}
              isInvalid={Boolean(fieldError("time_zone"))}
              onChange={(event) => set("time_zone", event.target.value)}
            >
              {zones.map((zone) => (
                <option key={zone}>{zone}</option>
              ))}
            </Form.Select>
            <Form.Control.Feedback type="invalid">{fieldError("time_zone")}</Form.Control.Feedback>
          </Form.Group>
        </Col>
      </Row>
      <TextField
        name="phone_number"
        label="Mobile number for SMS reminders"
        type="tel"
        autoComplete="tel"
        value={profile.phone_number}
        onChange={(value) => set("phone_number", value)}
        error={error}
        help="International format, e.g. +44 7911 123456."
      />
      <PhoneVerification savedNumber={savedPhone} />
      <fieldset className="mb-3">
        <legend className="h6">Reminders</legend>
        <Form.Check
          type="switch"
          id="notify_email"
          label="Email me reminders"
          checked={profile.notify_email}
          onChange={(event) => set("notify_email", event.target.checked)}
        />
        <Form.Check
          type="switch"
          id="notify_sms"
          label="Text me reminders (SMS)"
          checked={profile.notify_sms}
          onChange={(event) => set("notify_sms", event.target.checked)}
        />
        <div className="mt-2">
          <span className="me-2">Before an appointment:</span>
          {REMINDER_CHOICES.map((choice) => (
            <Form.Check
              inline
              key={choice.hours}
              id={`reminder-${choice.hours}`}
              label={choice.label}
              checked={profile.reminder_hours_before.includes(choice.hours)}
              onChange={(event) => toggleReminder(choice.hours, event.target.checked)}
            />
          ))}
        </div>
        <Row className="mt-2">
          <Col xs={6} sm={4}>
            <Form.Group controlId="field-quiet_hours_start">
              <Form.Label>Quiet from</Form.Label>
              <Form.Control
                type="time"
                value={profile.quiet_hours_start ?? ""}
                onChange={(event) => set("quiet_hours_start", event.target.value || null)}
              />
            </Form.Group>
          </Col>
          <Col xs={6} sm={4}>
            <Form.Group controlId="field-quiet_hours_end">
              <Form.Label>until</Form.Label>
              <Form.Control
                type="time"
                value={profile.quiet_hours_end ?? ""}
                isInvalid={Boolean(fieldError("quiet_hours_end"))}
                onChange={(event) => set("quiet_hours_end", event.target.value || null)}
              />
              <Form.Control.Feedback type="invalid">
                {fieldError("quiet_hours_end")}
              </Form.Control.Feedback>
            </Form.Group>
          </Col>
        </Row>
        <Form.Group className="mt-3" controlId="field-rescan_reminder_weeks">
          <Form.Label>Remind me to take a new photo</Form.Label>
          <Form.Select
            value={profile.rescan_reminder_weeks ?? ""}
            onChange={(event) =>
              set("rescan_reminder_weeks", event.target.value ? Number(event.target.value) : null)
            }
          >
            <option value="">Never</option>
            {[2, 4, 6, 8, 12].map((weeks) => (
              <option key={weeks} value={weeks}>
                {weeks} weeks after an analysis
              </option>
            ))}
          </Form.Select>
        </Form.Group>
      </fieldset>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save profile"}
      </Button>
    </Form>
  );
}
