import { Alert } from "react-bootstrap";

/** Said plainly wherever results are shown. */
export function NotADiagnosis({ text }: { text?: string }) {
  return (
    <Alert variant="light" className="ms-disclaimer mb-0" role="note">
      <strong>This is not a diagnosis.</strong>{" "}
      {text ??
        "MetSkin describes what a photo shows about the surface of your skin; it cannot tell what a spot is."}{" "}
      If a spot is new, changing, bleeding or worries you, show it to a dermatologist.
    </Alert>
  );
}
