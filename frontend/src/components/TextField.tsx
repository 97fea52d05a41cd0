import { Form } from "react-bootstrap";
import type { ChangeEvent } from "react";

import type { ApiError } from "../lib/api";

interface Props {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: ApiError | null;
  type?: string;
  autoComplete?: string;
  /** The phone keyboard to show ("numeric" for codes). */
  inputMode?: "text" | "numeric" | "decimal" | "email" | "tel";
  required?: boolean;
  help?: string;
}

/** A labelled Bootstrap input that shows the server's message for its field. */
export function TextField({ name, label, value, onChange, error, help, ...rest }: Props) {
  const message = error?.fieldError(name);
  const id = `field-${name}`;
  return (
    <Form.Group className="mb-3" controlId={id}>
      <Form.Label>{label}</Form.Label>
      <Form.Control
        name={name}
        value={value}
        isInvalid={Boolean(message)}
        aria-describedby={help ? `${id}-help` : undefined}
        onChange={(event: ChangeEvent<HTMLInputElement>) => onChange(event.target.value)}
        type={rest.type ?? "text"}
        autoComplete={rest.autoComplete}
        inputMode={rest.inputMode}
        required={rest.required}
      />
      {help && (
        <Form.Text id={`${id}-help`} muted>
          {help}
        </Form.Text>
      )}
      <Form.Control.Feedback type="invalid">{message}</Form.Control.Feedback>
    </Form.Group>
  );
}
