"""Analyses, their media and who may see them: the owner, and a doctor they shared with."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from PIL import Image
from rest_framework.test import APIClient

from metskin.accounts.models import Role
from metskin.accounts.tests.factories import UserFactory
from metskin.accounts.tests.helpers import sign_in_with_totp
from metskin.analysis.models import Analysis, AnalysisShare
from metskin.analysis.services import analysis_share_grant, analysis_share_revoke
from metskin.analysis.tests.factories import AnalysisFactory, sample_result
from metskin.core.exceptions import ApplicationError
from metskin.uploads.models import Upload
from metskin.uploads.storage import private_storage

pytestmark = pytest.mark.django_db

LIST = "/api/v1/analyses/"


def detail(analysis: Analysis) -> str:
    return f"/api/v1/analyses/{analysis.id}/"


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def analysis(patient) -> Analysis:
    created: Analysis = AnalysisFactory(owner=patient)  # type: ignore[assignment]
    return created


@pytest.fixture
def dermatologist():
    return UserFactory(role=Role.DERMATOLOGIST)


def test_the_owner_sees_status_result_and_signed_media(patient_client, analysis):
    response = patient_client.get(detail(analysis))

    assert response.status_code == 200
    body = response.json()
    assert body["id"] == str(analysis.id)
    assert (body["status"], body["progress"], body["kind"], body["is_owner"]) == (
        "done",
        100,
        "photo",
        True,
    )
    assert body["result"] == analysis.result
    assert body["summary"]["ita"] == 35.2
    assert body["summary"]["concerns"] == {"acne": 40, "redness": 25}
    assert body["error"] is None
    assert body["upload"]["format"] == "jpeg"
    for key in ("media_url", "overlay_url", "thumbnail_url"):
        assert body[key].startswith("/api/v1/media/")
    assert response["Cache-Control"] == "private, no-store"

    picture = patient_client.get(body["media_url"])
    overlay = patient_client.get(body["overlay_url"])

    assert picture.status_code == 200
    assert picture["Content-Type"] == "image/jpeg"
    assert picture["Cache-Control"] == "private, no-store"
    assert Image.open(io.BytesIO(b"".join(picture.streaming_content))).size == (256, 256)
    assert overlay.status_code == 200
    assert overlay["Content-Type"] == "image/jpeg"
    assert Image.open(io.BytesIO(b"".join(overlay.streaming_content))).format == "JPEG"


def test_an_overlay_stored_as_png_before_0_5_2_is_still_served_as_png(patient, patient_client):
    legacy = AnalysisFactory(owner=patient, overlay_format="png")

    overlay = patient_client.get(patient_client.get(detail(legacy)).json()["overlay_url"])

    assert overlay.status_code == 200
    assert overlay["Content-Type"] == "image/png"
    assert Image.open(io.BytesIO(b"".join(overlay.streaming_content))).format == "PNG"


def test_a_pending_analysis_has_no_result_yet(patient, patient_client):
    pending = AnalysisFactory(owner=patient, status="pending")

    body = patient_client.get(detail(pending)).json()

    assert (body["status"], body["progress"], body["stage"]) == ("pending", 0, "queued")
    assert (body["result"], body["summary"], body["overlay_url"]) == (None, None, None)
    assert body["media_url"].startswith("/api/v1/media/")


def test_a_failed_analysis_says_why(patient, patient_client):
    failed = AnalysisFactory(owner=patient, status="failed")

    body = patient_client.get(detail(failed)).json()

    assert body["status"] == "failed"
    assert body["error"] == {
        "code": "no_skin_found",
        "message": "No skin was found in the photo.",
    }


def test_the_list_holds_only_my_analyses_newest_first(patient, patient_client):
    older = AnalysisFactory(owner=patient, days_ago=10)
    newer = AnalysisFactory(owner=patient, result=sample_result(ita=20.0))
    AnalysisFactory()  # someone else's

    response = patient_client.get(LIST)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert [item["id"] for item in body["results"]] == [str(newer.id), str(older.id)]
    assert body["results"][0]["summary"]["ita"] == 20.0
    assert body["results"][0]["thumbnail_url"].startswith("/api/v1/media/")
    assert "result" not in body["results"][0]


def test_the_list_filters_by_status(patient, patient_client):
    AnalysisFactory(owner=patient)
    failed = AnalysisFactory(owner=patient, status="failed")

    body = patient_client.get(LIST, {"status": "failed"}).json()
    bad = patient_client.get(LIST, {"status": "sideways"})

    assert [item["id"] for item in body["results"]] == [str(failed.id)]
    assert bad.status_code == 400


def test_another_patient_gets_404_for_everything_of_mine(patient_client, analysis):
    owner_view = patient_client.get(detail(analysis)).json()
    intruder = client_for(UserFactory())
    urls = {
        "analysis": detail(analysis),
        "upload": f"/api/v1/uploads/{analysis.upload_id}/",
        "picture": owner_view["media_url"],
        "overlay": owner_view["overlay_url"],
        "thumbnail": owner_view["thumbnail_url"],
    }

    answers = {name: intruder.get(url).status_code for name, url in urls.items()}
    deleted = intruder.delete(detail(analysis))

    assert answers == dict.fromkeys(urls, 404)
    assert deleted.status_code == 404
    assert Analysis.objects.filter(pk=analysis.pk).exists()
    assert private_storage().exists(analysis.upload.file_name)
    assert intruder.get(LIST).json()["count"] == 0


def test_unknown_and_malformed_ids_are_404(patient_client):
    assert patient_client.get("/api/v1/analyses/not-a-uuid/").status_code == 404
    assert (
        patient_client.get("/api/v1/analyses/6f1c0d1e-0000-4000-8000-000000000000/").status_code
        == 404
    )
    assert patient_client.get("/api/v1/uploads/nope/").status_code == 404


def test_the_owner_reads_the_upload(patient_client, analysis):
    body = patient_client.get(f"/api/v1/uploads/{analysis.upload_id}/").json()

    assert body["id"] == str(analysis.upload_id)
    assert (body["kind"], body["format"], body["width"], body["height"]) == (
        "photo",
        "jpeg",
        256,
        256,
    )
    assert body["analysis"] == {"id": str(analysis.id), "status": "done"}
    assert patient_client.get(body["url"]).status_code == 200


def test_a_doctor_sees_a_shared_analysis_and_its_pictures_until_revoked(analysis, dermatologist):
    doctor = sign_in_with_totp(dermatologist)  # doctors read patient data after two-factor only
    assert doctor.get(detail(analysis)).status_code == 404

    analysis_share_grant(analysis=analysis, doctor_user=dermatologist)
    body = doctor.get(detail(analysis)).json()

    assert body["is_owner"] is False
    assert body["result"] == analysis.result
    assert doctor.get(body["media_url"]).status_code == 200
    assert doctor.get(body["overlay_url"]).status_code == 200
    assert doctor.get(f"/api/v1/uploads/{analysis.upload_id}/").status_code == 200
    # Sharing is for viewing: a doctor cannot delete, and the list stays the owner's.
    assert doctor.delete(detail(analysis)).status_code == 404
    assert doctor.get(LIST).json()["count"] == 0

    analysis_share_revoke(analysis=analysis, doctor_user=dermatologist)

    assert doctor.get(detail(analysis)).status_code == 404
    assert AnalysisShare.objects.get().revoked_at is not None


def test_a_link_made_for_the_owner_is_useless_to_the_doctor(
    patient_client, analysis, dermatologist
):
    analysis_share_grant(analysis=analysis, doctor_user=dermatologist)
    owner_link = patient_client.get(detail(analysis)).json()["media_url"]

    assert sign_in_with_totp(dermatologist).get(owner_link).status_code == 404


def test_sharing_only_with_dermatologists_and_once(analysis, dermatologist):
    with pytest.raises(ApplicationError) as refused:
        analysis_share_grant(analysis=analysis, doctor_user=UserFactory())
    first = analysis_share_grant(analysis=analysis, doctor_user=dermatologist)
    again = analysis_share_grant(analysis=analysis, doctor_user=dermatologist)
    analysis_share_revoke(analysis=analysis, doctor_user=dermatologist)
    renewed = analysis_share_grant(analysis=analysis, doctor_user=dermatologist)

    assert refused.value.code == "not_a_dermatologist"
    assert first.pk == again.pk == renewed.pk
    assert AnalysisShare.objects.count() == 1
    assert renewed.revoked_at is None


def test_an_expired_link_is_refused(patient_client, analysis, settings):
    settings.UPLOAD_SIGNED_URL_MAX_AGE = 300
    # One fixed clock for the whole test: the signature's timestamp has whole seconds, so
    # reading the real clock again after slow requests could push "fresh" past the limit.
    minted_at = timezone.now()
    with time_machine.travel(minted_at, tick=False):
        link = patient_client.get(detail(analysis)).json()["media_url"]
    with time_machine.travel(minted_at + timedelta(seconds=301), tick=False):
        expired = patient_client.get(link)
    with time_machine.travel(minted_at + timedelta(seconds=298), tick=False):
        fresh = patient_client.get(link)

    assert expired.status_code == 403
    assert expired.json()["error"]["code"] == "link_expired"
    assert fresh.status_code == 200


def test_a_tampered_link_is_404(patient_client, analysis):
    link = patient_client.get(detail(analysis)).json()["media_url"]
    token = link.split("/")[-2]
    tampered = link.replace(token, token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB"))

    assert patient_client.get(tampered).status_code == 404


def test_media_links_need_a_signed_in_person(patient_client, analysis):
    link = patient_client.get(detail(analysis)).json()["media_url"]

    assert APIClient().get(link).status_code == 401


def test_media_are_served_in_ranges(patient_client, analysis):
    link = patient_client.get(detail(analysis)).json()["media_url"]
    whole = private_storage().read_bytes(analysis.upload.file_name)

    first = patient_client.get(link, HTTP_RANGE="bytes=0-99")
    tail = patient_client.get(link, HTTP_RANGE="bytes=-10")
    beyond = patient_client.get(link, HTTP_RANGE=f"bytes={len(whole) + 5}-")

    assert first.status_code == 206
    assert first["Content-Range"] == f"bytes 0-99/{len(whole)}"
    assert b"".join(first.streaming_content) == whole[:100]
    assert b"".join(tail.streaming_content) == whole[-10:]
    assert beyond.status_code == 416


def test_deleting_an_analysis_removes_its_media_from_storage(
    patient_client, analysis, django_capture_on_commit_callbacks
):
    names = [analysis.upload.file_name, analysis.upload.thumbnail_name, analysis.overlay_name]
    assert all(private_storage().exists(name) for name in names)

    with django_capture_on_commit_callbacks(execute=True):
        response = patient_client.delete(detail(analysis))

    assert response.status_code == 204
    assert not Analysis.objects.filter(pk=analysis.pk).exists()
    assert not Upload.objects.filter(pk=analysis.upload_id).exists()
    assert [private_storage().exists(name) for name in names] == [False, False, False]
    assert patient_client.get(detail(analysis)).status_code == 404


def test_deleting_an_account_removes_its_media(
    patient, analysis, django_capture_on_commit_callbacks
):
    names = [analysis.upload.file_name, analysis.overlay_name]

    with django_capture_on_commit_callbacks(execute=True):
        patient.delete()

    assert [private_storage().exists(name) for name in names] == [False, False]


def test_compare_two_analyses_in_the_same_light(patient, patient_client):
    before = AnalysisFactory(
        owner=patient, result=sample_result(ita=30.0, concerns={"acne": 60}), days_ago=30
    )
    after = AnalysisFactory(
        owner=patient, result=sample_result(ita=32.5, concerns={"acne": 35, "shine": 10})
    )

    response = patient_client.get(
        "/api/v1/analyses/compare/", {"first": str(before.id), "second": str(after.id)}
    )

    assert response.status_code == 200
    body = response.json()
    assert body["first"]["id"] == str(before.id)
    assert body["second"]["id"] == str(after.id)
    assert body["lighting"] == {"comparable": True, "reasons": [], "advice": ""}
    assert body["concerns"] == [
        {"name": "acne", "first": 60, "second": 35, "change": -25},
        {"name": "shine", "first": None, "second": 10, "change": None},
    ]
    assert body["ita_change"] == 2.5
    assert body["first"]["media_url"].startswith("/api/v1/media/")


def test_compare_warns_when_the_light_differs(patient, patient_client):
    daylight = AnalysisFactory(owner=patient, result=sample_result(cct_k=5500, brightness=130))
    lamp = AnalysisFactory(
        owner=patient,
        result=sample_result(
            cct_k=2900,
            brightness=60,
            issues=[{"code": "colour_cast", "message": "The light is strongly coloured."}],
        ),
    )

    body = patient_client.get(
        "/api/v1/analyses/compare/", {"first": str(daylight.id), "second": str(lamp.id)}
    ).json()

    assert body["lighting"]["comparable"] is False
    assert body["lighting"]["reasons"] == [
        "The colour of the light differs (about 5500 K and 2900 K): warmer or cooler light "
        "changes how red or yellow skin looks.",
        "The second photo is much darker than the other.",
        "The second photo was taken in poor or coloured light.",
    ]
    assert "same place and light" in body["lighting"]["advice"]


def test_compare_refuses_unfinished_same_or_foreign_analyses(patient, patient_client):
    done = AnalysisFactory(owner=patient)
    pending = AnalysisFactory(owner=patient, status="pending")
    foreign = AnalysisFactory()
    url = "/api/v1/analyses/compare/"

    unfinished = patient_client.get(url, {"first": str(done.id), "second": str(pending.id)})
    same = patient_client.get(url, {"first": str(done.id), "second": str(done.id)})
    other = patient_client.get(url, {"first": str(done.id), "second": str(foreign.id)})
    missing = patient_client.get(url, {"first": str(done.id)})

    assert (unfinished.status_code, unfinished.json()["error"]["code"]) == (400, "not_finished")
    assert (same.status_code, same.json()["error"]["code"]) == (400, "same_analysis")
    assert other.status_code == 404
    assert missing.status_code == 400
    assert "second" in missing.json()["error"]["fields"]
