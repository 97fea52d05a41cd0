import { Card } from "react-bootstrap";

/** How to take a photo the analysis can measure well. */
export function CaptureGuidance() {
  return (
    <Card className="h-100">
      <Card.Body>
        <Card.Title as="h2" className="h5">
          For a good photo
        </Card.Title>
        <ul className="mb-0 ps-3">
          <li>
            <strong>Daylight:</strong> face a window; no flash, no coloured lamps.
          </li>
          <li>
            <strong>Bare skin:</strong> no make-up, no beauty filter, no portrait mode.
          </li>
          <li>
            <strong>Face the camera</strong> with both eyes visible, hair off your face.
          </li>
          <li>
            <strong>About 30 cm away</strong> (an arm bent), your face filling most of the picture.
          </li>
          <li>
            A video of 10 to 20 seconds, turning your head slowly, works too (up to 60 s).
          </li>
        </ul>
      </Card.Body>
    </Card>
  );
}
