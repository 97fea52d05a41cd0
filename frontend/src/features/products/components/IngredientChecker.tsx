import { useState } from "react";
import type { FormEvent } from "react";
import { Alert, Badge, Button, Form } from "react-bootstrap";

import { FormAlert } from "../../../components/FormAlert";
import { useCheckIngredients } from "../api";
import type { IngredientCheck } from "../api";
import { IngredientTable } from "./IngredientTable";
import { activeLabel } from "../../../lib/vocabulary";

interface Props {
  signedIn: boolean;
}

/** Paste an ingredient list: see each ingredient's flags and, signed in, the conflicts. */
export function IngredientChecker({ signedIn }: Props) {
  const [text, setText] = useState("");
  const [result, setResult] = useState<IngredientCheck | null>(null);
  const check = useCheckIngredients();
  const { isPending: pending, error } = check;

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    // The last result stays shown while a new list is checked, and when the new one fails.
    check.mutate(text, { onSuccess: (checked) => setResult(checked) });
  }

  const summary = result?.summary;
  return (
    <>
      <Form onSubmit={handleSubmit} className="mb-4">
        <FormAlert error={error} />
        <Form.Group className="mb-3" controlId="field-inci">
          <Form.Label>Ingredient list</Form.Label>
          <Form.Control
            as="textarea"
            rows={5}
            value={text}
            isInvalid={Boolean(error?.fieldError("inci"))}
            aria-describedby="field-inci-help"
            placeholder="Aqua, Glycerin, Niacinamide, …"
            onChange={(event) => setText(event.target.value)}
          />
          <Form.Text id="field-inci-help" muted>
            Copy it from the pack or the shop's page: names separated by commas.
          </Form.Text>
          <Form.Control.Feedback type="invalid">{error?.fieldError("inci")}</Form.Control.Feedback>
        </Form.Group>
        <Button type="submit" disabled={pending}>
          {pending ? "Checking…" : "Check ingredients"}
        </Button>
      </Form>
      {result && summary && (
        <section aria-labelledby="check-result" aria-live="polite">
          <h2 className="h4" id="check-result">
            What we found
          </h2>
          <p>
            {summary.count} ingredients, {summary.known} recognised.{" "}
            {summary.fragrance_free ? "No fragrance. " : "Contains fragrance. "}
            {summary.pregnancy_safe ? "" : "Not advised in pregnancy. "}
            {summary.actives.map((active) => (
              <Badge key={active} bg="info" className="me-1">
                {activeLabel(active)}
              </Badge>
            ))}
          </p>
          {result.conflicts.length > 0 && (
            <Alert variant="warning">
              <Alert.Heading as="h3" className="h6">
                For you
              </Alert.Heading>
              <ul className="mb-0">
                {result.conflicts.map((conflict) => (
                  <li key={conflict.message}>
                    {conflict.message}
                    {conflict.term && (
                      <>
                        {" "}
                        <a href={`/learn/term/${conflict.term}/`}>Learn more</a>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            </Alert>
          )}
          {result.checked_against_routine && result.conflicts.length === 0 && (
            <Alert variant="success">Nothing in it conflicts with your skin profile or your routine.</Alert>
          )}
          {!signedIn && (
            <Alert variant="light" className="border">
              <a href="/signin?next=%2Fingredients%2Fcheck">Sign in</a> to check it against your skin profile and
              routine too.
            </Alert>
          )}
          <IngredientTable lines={result.ingredients} />
          {result.unknown.length > 0 && (
            <p className="small text-body-secondary">
              We did not recognise: {result.unknown.join(", ")}. Check the spelling, or the product may use a
              trade name.
            </p>
          )}
        </section>
      )}
    </>
  );
}
