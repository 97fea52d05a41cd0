import { Fragment } from "react";
import { Card } from "react-bootstrap";
import { Link } from "react-router-dom";

import type { SkinProfile } from "../api";
import { AGE_RANGES, CONCERNS, PREGNANCY, SENSITIVITY, SKIN_TYPES, SUN_REACTIONS } from "../choices";

function labelOf<T extends string>(choices: [T, string][], value: string): string | undefined {
  return choices.find(([key]) => key === value)?.[1];
}

/** What the person told us about their skin, shown beside an analysis. */
export function SkinProfileSummary({ profile }: { profile: SkinProfile }) {
  const rows: [string, string | undefined][] = [
    ["Skin type", labelOf(SKIN_TYPES, profile.skin_type)],
    ["Sensitivity", labelOf(SENSITIVITY, profile.sensitivity)],
    ["In the sun", labelOf(SUN_REACTIONS, profile.sun_reaction)],
    [
      "Phototype",
      profile.fitzpatrick
        ? `Type ${profile.fitzpatrick.fitzpatrick} (${profile.fitzpatrick.answered} of ${profile.fitzpatrick.of} questions)`
        : undefined,
    ],
    ["Age range", labelOf(AGE_RANGES, profile.age_range)],
    [
      "Pregnancy",
      profile.pregnancy && profile.pregnancy !== "no" ? labelOf(PREGNANCY, profile.pregnancy) : undefined,
    ],
    [
      "Concerns",
      profile.concerns.length
        ? profile.concerns.map((value) => labelOf(CONCERNS, value) ?? value).join(", ")
        : undefined,
    ],
    ["Allergies", profile.allergies.length ? profile.allergies.join(", ") : undefined],
  ];
  const answered = rows.filter(([, value]) => value);
  return (
    <Card as="section" aria-labelledby="skin-profile-title">
      <Card.Body>
        <Card.Title as="h2" className="h5" id="skin-profile-title">
          What you told us
        </Card.Title>
        {answered.length ? (
          <dl className="row small mb-2">
            {answered.map(([term, value]) => (
              <Fragment key={term}>
                <dt className="col-5">{term}</dt>
                <dd className="col-7">{value}</dd>
              </Fragment>
            ))}
          </dl>
        ) : (
          <p className="small">
            You have not filled in your skin profile yet. Your answers (skin type, sensitivity,
            allergies, pregnancy) keep your routine safe.
          </p>
        )}
        <Link to="/profile/skin" className="small">
          {answered.length ? "Edit my skin profile" : "Fill in my skin profile"}
        </Link>
      </Card.Body>
    </Card>
  );
}
