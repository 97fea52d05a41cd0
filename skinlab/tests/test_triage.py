# mypy: disable-error-code="no-untyped-def"
"""Lesion triage: the answers' contract, urgency and reasons, and the command line."""

import json
import re

import cv2
import numpy as np
import pytest

import skinlab
from skinlab.answers import SpotAnswers, parse_answers
from skinlab.cli import main
from skinlab.tests.test_lesion import BLACK, BROWN, closeup
from skinlab.triage import REASON_TEXT, triage

#: Words a reason must never contain: skinlab never names a disease.
DISEASE_WORDS = re.compile(
    r"cancer|melanom|carcinom|keratos|naev|nevus|nevi|tumou?r|malignan|benign|lesion", re.I
)

ONE_SIGN = {  # the lesion details of a close-up's spot showing one sign (colour)
    "signs": ["colour"], "colours": ["light_brown", "black"], "colour_families": ["brown", "black"],
    "asymmetry": 0.1, "border_irregular_octants": 1, "diameter_mm": 8.0, "size_scale": "assumed",
    "worth_a_look": True, "subject_of_close_up": True, "candidates": [{}],
}  # fmt: skip
NO_SIGN = {**ONE_SIGN, "signs": [], "colour_families": ["brown"], "worth_a_look": False}
ALL_NO = SpotAnswers(
    age=30, changed=False, grew=False, bleeds=False, itches=False, hurts=False, raised=False,
    skin_cancer_history=False,
)  # fmt: skip
WORRYING = SpotAnswers(age=63, changed=True, grew=True, bleeds=True, itches=True)


def test_answers_parse_with_null_as_dont_know():
    a = parse_answers(
        {"age": 63, "changed": True, "grew": None, "bleeds": False, "itches": True,
         "hurts": False, "raised": True, "skin_cancer_history": False}
    )  # fmt: skip
    assert a.age == 63 and a.changed is True and a.grew is None and a.bleeds is False
    assert a.given
    assert not parse_answers({}).given and not parse_answers(None).given


@pytest.mark.parametrize(
    ("obj", "field"),
    [
        ({"colour": True}, "colour"),
        ({"bleeds": "yes"}, "bleeds"),
        ({"bleeds": 1}, "bleeds"),
        ({"age": "63"}, "age"),
        ({"age": 63.5}, "age"),
        ({"age": True}, "age"),
        ({"age": -1}, "age"),
        ({"age": 121}, "age"),
        ([True], None),
        ("changed", None),
    ],
)
def test_answers_of_the_wrong_shape_are_refused_naming_the_field(obj, field):
    with pytest.raises(skinlab.BadAnswers) as info:
        parse_answers(obj)
    assert info.value.field == field
    assert info.value.code == "bad_answers"
    assert info.value.message.startswith(f"answers.{field}:" if field else "answers:")


def test_photo_only_keeps_the_public_abcd_advice():
    assert triage(ONE_SIGN).urgency == "soon"
    assert triage({**ONE_SIGN, "worth_a_look": False}).urgency == "routine"
    assert triage(NO_SIGN).urgency == "none"
    # a spot in a face photo with one sign: not the photo's subject, no re-photograph reminder
    incidental = {**ONE_SIGN, "worth_a_look": False, "subject_of_close_up": False}
    assert triage(incidental).urgency == "none"
    assert triage({**ONE_SIGN, "candidates": []}).urgency == "none"  # no spot at all
    t = triage(ONE_SIGN)
    assert t.reasons == [REASON_TEXT["colour"]] and t.basis == "photo"


def test_all_no_answers_turn_a_one_sign_spot_into_watch_and_rephotograph():
    t = triage(ONE_SIGN, ALL_NO)
    assert t.urgency == "routine" and not t.refer
    assert t.reasons == [REASON_TEXT["colour"]]  # the sign is why it is watched
    assert t.to_details()["rephotograph_in_weeks"] == [4, 8]
    assert triage(NO_SIGN, ALL_NO).urgency == "none"


def test_worrying_answers_refer_and_say_why_in_plain_words():
    t = triage(NO_SIGN, WORRYING)
    assert t.urgency == "urgent" and t.refer and t.basis == "answers"
    for key in ("changed", "grew", "bleeds", "itches", "age_50_or_over"):
        assert REASON_TEXT[key] in t.reasons
    assert t.to_details()["rephotograph_in_weeks"] is None
    # more "yes" never lowers the urgency (non-negative weights)
    order = ("none", "routine", "soon", "urgent")
    assert order.index(triage(NO_SIGN, SpotAnswers(bleeds=True, hurts=True)).urgency) >= (
        order.index(triage(NO_SIGN, SpotAnswers(bleeds=True)).urgency)
    )


def test_no_reason_ever_names_a_disease():
    texts = list(REASON_TEXT.values()) + triage(ONE_SIGN, WORRYING).reasons
    assert not [t for t in texts if DISEASE_WORDS.search(t)]


def test_a_larger_spot_than_in_the_earlier_photo_is_a_change():
    earlier = {**NO_SIGN, "diameter_mm": 5.0}
    t = triage({**NO_SIGN, "diameter_mm": 7.0}, previous=earlier)
    assert t.changes == ["larger"] and t.basis == "answers"
    assert "Compared with your earlier photo, it looks larger." in t.reasons
    # the same size on another scale (face vs close-up) is not compared
    assert (
        triage({**NO_SIGN, "size_scale": "ipd", "diameter_mm": 9.0}, previous=earlier).changes == []
    )
    same_size = {**NO_SIGN, "diameter_mm": 5.2, "colour_families": ["brown", "black"]}
    assert triage(same_size, previous=earlier).changes == ["new_colour"]


def _spot_jpeg() -> bytes:
    spot = np.zeros((480, 480), np.uint8)
    cv2.circle(spot, (240, 240), 45, 1, -1)
    spot[:, 240:][spot[:, 240:] == 1] = 2
    return closeup(spot, {1: BROWN, 2: BLACK})


def test_analyze_adds_urgency_and_reasons_to_the_lesion_concern():
    opts = skinlab.AnalysisOptions(overlay=False)
    data = _spot_jpeg()
    photo = skinlab.analyze(data, options=opts).concern("lesion")
    told = skinlab.analyze(data, options=opts, answers=WORRYING.to_dict()).concern("lesion")
    calm = skinlab.analyze(data, options=opts, answers=ALL_NO).concern("lesion")
    assert photo is not None and told is not None and calm is not None
    assert photo.details["urgency"] == "soon" and photo.details["worth_a_look"] is True
    assert told.details["urgency"] == "urgent" and told.details["worth_a_look"] is True
    assert "You said it bleeds." in told.details["reasons"]
    assert calm.details["urgency"] == "routine" and calm.details["worth_a_look"] is False
    assert "4 to 8 weeks" in calm.explanation


def test_bad_answers_are_refused_before_the_photo_is_read():
    with pytest.raises(skinlab.BadAnswers):
        skinlab.analyze(b"not even a photo", answers={"bleeds": "yes"})


def test_cli_answers(tmp_path, capsys):
    path = tmp_path / "spot.jpg"
    path.write_bytes(_spot_jpeg())
    capsys.readouterr()
    answers = json.dumps(WORRYING.to_dict())
    assert main(["analyze", str(path), "--json", "--answers", answers]) == 0
    lesion = next(
        c for c in json.loads(capsys.readouterr().out)["concerns"] if c["name"] == "lesion"
    )
    assert lesion["details"]["urgency"] == "urgent"
    for bad in ('{"bleeds": "yes"}', '{"colour": true}', "{not json", "[]"):
        assert main(["analyze", str(path), "--answers", bad]) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and err[0].startswith("error: bad_answers: answers")
