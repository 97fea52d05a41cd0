import { Card } from "react-bootstrap";

import type { Phototype, Tone } from "../api";
import { FITZPATRICK_OF_SUN_REACTION } from "../../../lib/vocabulary";
import { ITA_BANDS, UNDERTONES } from "../labels";

interface Props {
  tone: Tone | null;
  /** The person's own answer (skin profile), the real basis of a Fitzpatrick type. */
  sunReaction?: string;
  /** The phototype the analysis goes by (the owner's questionnaire, else the photo). */
  phototype?: Phototype | null;
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
export function ToneCard({ tone, sunReaction, phototype }: Props) {
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
  const fromAnswers = phototype?.fitzpatrick_source === "questionnaire" ? phototype : undefined;
  // the one sun question, when the analysis did not bring the questionnaire's phototype
  const reported = !fromAnswers && sunReaction ? (FITZPATRICK_OF_SUN_REACTION as Record<string, string>)[sunReaction] : undefined;
  const range = fromAnswers?.fitzpatrick_range;
  return (
    <Card as="section" aria-labelledby="tone-title">
      <Card.Body>
        <Card.Title as="h2" className="h5" id="tone-title">
          Skin tone
        </Card.Title>
        <div className="fs-5 fw-semibold mb-2">Monk {tone.monk} of 10</div>
        {/* Two circles, each named under it: the colour measured in this photo, and the Monk
            scale's reference shade nearest to it (which is why they differ a little). */}
        <div className="d-flex align-items-start gap-4 mb-2">
          <figure className="text-center mb-0">
            <Swatch colour={tone.hex} label="Your measured skin colour" />
            <figcaption className="small mt-1">Your measured colour</figcaption>
          </figure>
          <figure className="text-center mb-0">
            <Swatch colour={tone.monk_hex} label={`Monk skin tone ${tone.monk} of 10`} />
            <figcaption className="small mt-1">Nearest Monk shade ({tone.monk})</figcaption>
          </figure>
        </div>
        <p className="small text-body-secondary mb-3">
          The measured colour is what this photo shows, light and camera included; the Monk shade is
          the closest of the scale's 10 reference shades, so the two differ a little.{" "}
          <a href="/learn/glossary/monk-skin-tone-scale/">What is the Monk scale?</a>
        </p>
        <dl className="row mb-0 small">
          <dt className="col-6">ITA° band</dt>
          <dd className="col-6">
            {ITA_BANDS[tone.ita_band] ?? tone.ita_band} ({tone.ita.toFixed(1)}°)
            <span className="d-block text-body-secondary">
              An angle from the skin's lightness and yellowness: higher is lighter.{" "}
              <a href="/learn/glossary/ita/">About ITA</a>
            </span>
          </dd>
          {fromAnswers && range && (
            <>
              <dt className="col-6">Phototype (your answers)</dt>
              <dd className="col-6" data-testid="phototype">
                Type {fromAnswers.fitzpatrick}
                {range[0] !== range[1] && ` (${range[0]}–${range[1]})`}
              </dd>
            </>
          )}
          <dt className="col-6">{fromAnswers ? "Photo's estimate" : "Fitzpatrick (estimate)"}</dt>
          <dd className="col-6">
            Type {tone.fitzpatrick}
            <a className="d-block" href="/learn/glossary/fitzpatrick-skin-type/">
              About Fitzpatrick types
            </a>
          </dd>
          {reported && (
            <>
              <dt className="col-6">From your sun answer</dt>
              <dd className="col-6">Type {reported}</dd>
            </>
          )}
          <dt className="col-6">Undertone</dt>
          <dd className="col-6">{UNDERTONES[tone.undertone] ?? tone.undertone}</dd>
        </dl>
        {fromAnswers && (
          <p className={`small mt-2 mb-0 ${fromAnswers.disagreement ? "fw-semibold" : "text-body-secondary"}`}>
            {fromAnswers.note}
          </p>
        )}
        <p className="small text-body-secondary mt-2 mb-0">
          {tone.fitzpatrick_note}
          {reported && reported !== tone.fitzpatrick && " Your own answer about the sun is the better guide."}
        </p>
      </Card.Body>
    </Card>
  );
}
