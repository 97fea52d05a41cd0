"""The development outbox and demo codes: what `make run` gives a newcomer (issue 12)."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from metskin.accounts.seed import DEMO_STAFF_TOTP_KEY
from metskin.accounts.tests.factories import UserFactory
from metskin.core.emails import send_templated_email
from metskin.core.outbox import list_mail, read_mail

pytestmark = pytest.mark.django_db


@pytest.fixture
def outbox(settings, tmp_path: Path) -> Path:
    settings.EMAIL_BACKEND = "metskin.core.outbox.MailFolderBackend"
    settings.EMAIL_FOLDER = str(tmp_path / "mail")
    settings.SMS_FILE_PATH = str(tmp_path / "sms" / "outbox.jsonl")
    settings.DEVELOPMENT_TOOLS = True
    return tmp_path


def send_reset_like_email(to: str = "ana@example.com") -> None:
    send_templated_email(
        to=to,
        subject="Reset your MetSkin password",
        template="emails/password_reset",
        context={"link": "http://127.0.0.1:8123/reset/abc/", "user": None},
        attachments=[("visit.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")],
    )


def test_each_email_is_one_whole_file_listed_newest_first(outbox: Path) -> None:
    send_reset_like_email("first@example.com")
    send_reset_like_email("second@example.com")

    files = sorted((outbox / "mail").iterdir())
    assert [f.suffix for f in files] == [".eml", ".eml"]  # no partial file left behind
    assert [mail.to for mail in list_mail()] == ["second@example.com", "first@example.com"]
    mail = read_mail(list_mail()[0].name)
    assert mail is not None
    assert mail.summary.subject == "Reset your MetSkin password"
    assert mail.attachments == ["visit.ics"]


@pytest.mark.parametrize("name", ["../../etc/passwd", "..%2F.eml", "x/y.eml", "a.txt", ".eml"])
def test_a_name_the_backend_never_wrote_reads_nothing(outbox: Path, name: str) -> None:
    send_reset_like_email()
    assert read_mail(name) is None


def test_the_page_lists_emails_and_sms_and_shows_one_with_its_links(outbox: Path) -> None:
    send_reset_like_email()
    sms_file = outbox / "sms" / "outbox.jsonl"
    sms_file.parent.mkdir()
    sms_file.write_text(
        json.dumps({"id": "1", "to": "+447700900123", "body": "Your visit is tomorrow",
                    "sent_at": "2026-12-05T10:00:00+00:00"}) + "\n" + "half a li"
    )  # fmt: skip
    client = Client()

    index = client.get("/dev/outbox/")

    assert index.status_code == 200
    page = index.content.decode()
    assert "Reset your MetSkin password" in page and "ana@example.com" in page
    assert "+447700900123" in page and "Your visit is tomorrow" in page
    [mail] = list_mail()
    shown = client.get(f"/dev/outbox/{mail.name}/")
    assert shown.status_code == 200
    assert 'href="http://127.0.0.1:8123/reset/abc/"' in shown.content.decode()
    assert client.get("/dev/outbox/20260101T000000.000000-deadbeef.eml/").status_code == 404


def test_without_development_tools_there_is_no_outbox(outbox: Path, settings) -> None:
    settings.DEVELOPMENT_TOOLS = False
    send_reset_like_email()
    [mail] = list_mail()

    assert Client().get("/dev/outbox/").status_code == 404
    assert Client().get(f"/dev/outbox/{mail.name}/").status_code == 404


def test_demo_codes_prints_the_code_the_authenticator_would_show(settings) -> None:
    settings.DEVELOPMENT_TOOLS = True
    staff = UserFactory(email="staff@metskin.example")
    device = TOTPDevice.objects.create(user=staff, key=DEMO_STAFF_TOTP_KEY, confirmed=True)
    UserFactory(email="someone@example.com")  # not a demo account: never printed
    out = StringIO()

    call_command("demo_codes", stdout=out)

    [line] = out.getvalue().splitlines()
    email, code = line.split()[:2]
    assert email == "staff@metskin.example"
    assert device.verify_token(code)


def test_demo_codes_refuses_outside_local_development(settings) -> None:
    settings.DEVELOPMENT_TOOLS = False
    with pytest.raises(CommandError, match="local development"):
        call_command("demo_codes")
