import { Form } from "react-bootstrap";

import type { components } from "../../../lib/api-types";

export type SpotAnswers = components["schemas"]["SpotAnswersSchema"];
type YesNoKey = Exclude<keyof SpotAnswers, "age">;

/** The yes / no / don't know questions, in the order skinlab documents them. */
export const SPOT_QUESTIONS: { key: YesNoKey; text: string }[] = [
  { key: "changed", text: "Has it changed (shape, colour or look)?" },
  { key: "grew", text: "Has it grown?" },
  { key: "bleeds", text: "Has it bled, without being scratched or cut?" },
  { key: "itches", text: "Does it itch?" },
  { key: "hurts", text: "Does it hurt or feel tender?" },
  { key: "raised", text: "Is it raised above the skin?" },
  { key: "skin_cancer_history", text: "Have you had skin cancer before?" },
];

const CHOICES: { label: string; value: boolean | null }[] = [
  { label: "Yes", value: true },
  { label: "No", value: false },
  { label: "Don't know", value: null },
];

interface Props {
  answers: SpotAnswers;
  onChange: (answers: SpotAnswers) => void;
}

/**
 * "About this spot": asked when the person says the photo shows one spot or mole. Every
 * question is optional; "Don't know" is the default. The age is asked here only when the
 * profile's age range does not tell (leaving it empty uses the profile).
 */
export function SpotQuestions({ answers, onChange }: Props) {
  return (
    <fieldset className="border rounded-3 p-3 mb-3" aria-labelledby="spot-questions-title">
      <legend id="spot-questions-title" className="h6 float-none w-auto px-1 mb-1">
        About this spot
      </legend>
      <p className="small text-body-secondary">
        Optional. Dermatologists judge a spot by how it looks and by what you notice about it: your answers
        make the advice about it more accurate.
      </p>
      {SPOT_QUESTIONS.map(({ key, text }) => (
        <Form.Group key={key} className="mb-2" role="radiogroup" aria-label={text}>
          <div className="small mb-1">{text}</div>
          {CHOICES.map((choice) => (
            <Form.Check
              key={choice.label}
              inline
              type="radio"
              id={`spot-${key}-${choice.label}`}
              name={`spot-${key}`}
              label={choice.label}
              checked={(answers[key] ?? null) === choice.value}
              onChange={() => onChange({ ...answers, [key]: choice.value })}
            />
          ))}
        </Form.Group>
      ))}
      <Form.Group className="mt-2" controlId="spot-age" style={{ maxWidth: "14rem" }}>
        <Form.Label className="small mb-1">Your age (optional)</Form.Label>
        <Form.Control
          type="number"
          inputMode="numeric"
          min={0}
          max={120}
          step={1}
          value={answers.age ?? ""}
          onChange={(event) => {
            const text = event.target.value.trim();
            const age = text === "" ? null : Number.parseInt(text, 10);
            onChange({ ...answers, age: age === null || Number.isNaN(age) ? null : age });
          }}
        />
        <Form.Text className="small">Left empty, the age range in your profile is used.</Form.Text>
      </Form.Group>
    </fieldset>
  );
}
