import { useState } from "react";
import type { FormEvent } from "react";
import { Button, Col, Form, Row } from "react-bootstrap";

import { FormAlert } from "../../../components/FormAlert";
import { useSaveSkinProfile } from "../api";
import type { SkinProfile } from "../api";
import {
  AGE_RANGES,
  BUDGETS,
  CONCERNS,
  CURRENCIES,
  PREGNANCY,
  SENSITIVITY,
  SKIN_TYPES,
  SUN_REACTIONS,
  SYMPTOMS,
} from "../choices";
import { PhototypeQuestions } from "./PhototypeQuestions";
import { SavedAlert } from "../../../components/SavedAlert";

interface Props {
  initial: SkinProfile;
  onSaved?: (profile: SkinProfile) => void;
}

/** The skin questionnaire: self-reported type, sensitivity, pregnancy, allergies and more. */
export function SkinProfileForm({ initial, onSaved }: Props) {
  const [profile, setProfile] = useState<SkinProfile>(initial);
  const [allergyText, setAllergyText] = useState(initial.allergies.join(", "));
  const [saved, setSaved] = useState(false);
  const save = useSaveSkinProfile();
  const { isPending: pending, error } = save;

  function set<K extends keyof SkinProfile>(key: K, value: SkinProfile[K]) {
    setSaved(false);
    setProfile((current) => ({ ...current, [key]: value }));
  }

  function toggle<K extends "concerns" | "symptoms">(
    key: K,
    value: SkinProfile[K][number],
    on: boolean,
  ) {
    const others = (profile[key] as string[]).filter((item) => item !== value);
    set(key, (on ? [...others, value] : others) as SkinProfile[K]);
  }

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const allergies = allergyText
      .split(/[,;\n]/)
      .map((item) => item.trim())
      .filter(Boolean);
    const { updated_at: _updatedAt, fitzpatrick: _scored, ...body } = { ...profile, allergies };
    save.mutate(body, {
      onSuccess: (result) => {
        setProfile(result);
        setSaved(true);
        onSaved?.(result);
      },
    });
  }

  const select = <K extends "skin_type" | "sensitivity" | "pregnancy" | "sun_reaction" | "age_range" | "budget" | "currency">(
    key: K,
    label: string,
    choices: [SkinProfile[K], string][],
    blank?: string,
  ) => (
    <Form.Group className="mb-3" controlId={`field-${key}`}>
      <Form.Label>{label}</Form.Label>
      <Form.Select
        value={profile[key]}
        isInvalid={Boolean(error?.fieldError(key))}
        onChange={(event) => set(key, event.target.value as SkinProfile[K])}
      >
        {blank !== undefined && <option value="">{blank}</option>}
        {choices.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </Form.Select>
      <Form.Control.Feedback type="invalid">{error?.fieldError(key)}</Form.Control.Feedback>
    </Form.Group>
  );

  return (
    <Form onSubmit={handleSubmit} noValidate aria-label="Skin profile">
      <FormAlert error={error} />
      <SavedAlert show={saved}>Your skin profile is saved. Your routine will take it into account.</SavedAlert>
      <Row>
        <Col md={6}>{select("skin_type", "My skin is usually", SKIN_TYPES, "Not sure")}</Col>
        <Col md={6}>{select("sensitivity", "Sensitivity", SENSITIVITY, "Not sure")}</Col>
        <Col md={6}>
          {select("sun_reaction", "In strong sun without protection, my skin", SUN_REACTIONS, "Not sure")}
        </Col>
        <Col md={6}>{select("age_range", "Age range", AGE_RANGES, "Prefer not to say")}</Col>
        <Col md={6}>{select("pregnancy", "Pregnant or breastfeeding?", PREGNANCY)}</Col>
        <Col md={6}>{select("budget", "Budget for products", BUDGETS)}</Col>
        <Col md={6}>{select("currency", "Where you shop (prices in)", CURRENCIES)}</Col>
      </Row>
      <PhototypeQuestions
        answers={profile.fitzpatrick_answers}
        scored={profile.fitzpatrick}
        onChange={(answers) => set("fitzpatrick_answers", answers)}
      />
      <fieldset className="mb-3">
        <legend className="h6">What would you like help with?</legend>
        {CONCERNS.map(([value, label]) => (
          <Form.Check
            key={value}
            id={`concern-${value}`}
            label={label}
            checked={profile.concerns.includes(value)}
            onChange={(event) => toggle("concerns", value, event.target.checked)}
          />
        ))}
      </fieldset>
      <Form.Check
        className="mb-3"
        id="acne_prone"
        label="I break out easily (acne-prone)"
        checked={profile.acne_prone}
        onChange={(event) => set("acne_prone", event.target.checked)}
      />
      <fieldset className="mb-3">
        <legend className="h6">Have you noticed any of these?</legend>
        {SYMPTOMS.map(([value, label]) => (
          <Form.Check
            key={value}
            id={`symptom-${value}`}
            label={label}
            checked={profile.symptoms.includes(value)}
            onChange={(event) => toggle("symptoms", value, event.target.checked)}
          />
        ))}
      </fieldset>
      <Form.Group className="mb-3" controlId="field-allergies">
        <Form.Label>Ingredients you are allergic or react to</Form.Label>
        <Form.Control
          as="textarea"
          rows={2}
          value={allergyText}
          isInvalid={Boolean(error?.fieldError("allergies"))}
          onChange={(event) => {
            setSaved(false);
            setAllergyText(event.target.value);
          }}
        />
        <Form.Text muted>Separate with commas, e.g. linalool, lanolin.</Form.Text>
      </Form.Group>
      <Form.Check
        id="prefers_fragrance_free"
        label="I prefer fragrance-free products"
        checked={profile.prefers_fragrance_free}
        onChange={(event) => set("prefers_fragrance_free", event.target.checked)}
      />
      <Form.Check
        className="mb-3"
        id="prefers_vegan"
        label="I prefer vegan products (where known)"
        checked={profile.prefers_vegan}
        onChange={(event) => set("prefers_vegan", event.target.checked)}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save my skin profile"}
      </Button>
    </Form>
  );
}
