import { Card } from "react-bootstrap";

import type { Tone } from "../api";
import { FITZPATRICK_OF_SUN_REACTION, ITA_BANDS, UNDERTONES } from "../labels";

interface Props {
  tone: Tone | null;
  /** The person's own answer (skin profile), the real basis of a Fitzpatrick type. */
  sunReaction?: string;
}

function Swatch({ colour, label }: { colour: string; label: string }) {
  return (
    <span
      className="ms-swatch d-inline-block rounded-circle border"
      style={{ backgroundColor: colour }}
      role="img"
      aria-label={label}
    />
  );
}

/** Skin tone: Monk swatch, ITA band, Fitzpatrick estimate, undertone. */
export function ToneCard({ tone, sunReaction }: Props) {
  if (!tone) {
    return (
      <Card className="h-100">
        <Card.Body>
          <Card.Title as="h2" className="h5">
            Skin tone
          </Card.Title>
          <p className="mb-0">
            We could not measure your skin tone here: no clear skin was visible long enough. See the
            tips below and try again.
          </p>
        </Card.Body>
      </Card>
    );
  }
  const reported = sunReaction ? FITZPATRICK_OF_SUN_REACTION[sunReaction] : undefined;
  return (
    <Card as="section" aria-labelledby="tone-title">
      <Card.Body>
        <Card.Title as="h2" className="h5" id="tone-title">
          Skin tone
        </Card.Title>
        <div className="d-flex align-items-center gap-3 mb-3">
          <Swatch colour={tone.monk_hex} label={`Monk skin tone ${tone.monk} of 10`} />
          <div>
            <div className="fs-5 fw-semibold">Monk {tone.monk} of 10</div>
            <div className="small text-body-secondary d-flex align-items-center gap-2">
              <Swatch colour={tone.hex} label="Your measured skin colour" /> your measured colour
            </div>
          </div>
        </div>
        <dl className="row mb-0 small">
          <dt className="col-6">ITA° band</dt>
          <dd className="col-6">
            {ITA_BANDS[tone.ita_band] ?? tone.ita_band} ({tone.ita.toFixed(1)}°)
          </dd>
          <dt className="col-6">Fitzpatrick (estimate)</dt>
          <dd className="col-6">Type {tone.fitzpatrick}</dd>
          {reported && (
            <>
              <dt className="col-6">From your sun answer</dt>
              <dd className="col-6">Type {reported}</dd>
            </>
          )}
          <dt className="col-6">Undertone</dt>
          <dd className="col-6">{UNDERTONES[tone.undertone] ?? tone.undertone}</dd>
        </dl>
        <p className="small text-body-secondary mt-2 mb-0">
          {tone.fitzpatrick_note}
          {reported && reported !== tone.fitzpatrick && " Your own answer about the sun is the better guide."}
        </p>
      </Card.Body>
    </Card>
  );
}
