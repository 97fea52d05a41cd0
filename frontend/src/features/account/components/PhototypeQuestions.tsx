import { Form } from "react-bootstrap";

import { useFitzpatrickQuestions } from "../api";
import type { SkinProfile } from "../api";

interface Props {
  answers: Record<string, string | null>;
  scored: SkinProfile["fitzpatrick"];
  onChange: (answers: Record<string, string | null>) => void;
  fieldError?: (key: string) => string | undefined;
}

/**
 * The Fitzpatrick questionnaire (ten questions, the server's list): the phototype the way
 * dermatologists take it. Any subset can be answered; fewer answers give a wider range.
 */
export function PhototypeQuestions({ answers, scored, onChange }: Props) {
  const questions = useFitzpatrickQuestions();
  return (
    <fieldset className="mb-3" aria-labelledby="phototype-title">
      <legend id="phototype-title" className="h6">
        Your phototype (how your skin reacts to the sun)
      </legend>
      <p className="small text-body-secondary">
        The questions dermatologists use for the Fitzpatrick skin type. Answer what you can: a photo cannot show
        how your skin burns or tans, so your answers come first wherever the phototype matters (sun protection,
        which treatments to start slowly).
      </p>
      {scored && (
        <p className="small fw-semibold" data-testid="phototype-result">
          From your answers: type {scored.fitzpatrick}
          {scored.fitzpatrick_range[0] !== scored.fitzpatrick_range[1] &&
            ` (between ${scored.fitzpatrick_range[0]} and ${scored.fitzpatrick_range[1]} until you answer the rest)`}
          , {scored.answered} of {scored.of} questions answered.
        </p>
      )}
      {questions.data?.map((question) => (
        <Form.Group key={question.key} className="mb-2" controlId={`fitzpatrick-${question.key}`}>
          <Form.Label className="small mb-1">{question.question}</Form.Label>
          <Form.Select
            size="sm"
            value={answers[question.key] ?? ""}
            onChange={(event) => onChange({ ...answers, [question.key]: event.target.value || null })}
          >
            <option value="">Not answered</option>
            {question.choices.map((choice) => (
              <option key={choice.code} value={choice.code}>
                {choice.label}
              </option>
            ))}
          </Form.Select>
        </Form.Group>
      ))}
    </fieldset>
  );
}
