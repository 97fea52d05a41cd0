"""Development outbox: every email and SMS that `make run` sends, readable in the browser.

With the embedded defaults the web process and the Celery worker both send mail. Printed to
the console, their emails interleave with the servers' logs in two different places; written
here, each email is one ``.eml`` file in ``EMAIL_FOLDER`` (var/mail/), and ``/dev/outbox/``
lists them beside the SMS file backend's messages. Only local settings turn the page on
(``DEVELOPMENT_TOOLS``); everywhere else it answers 404.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.message import EmailMessage as ParsedEmail
from email.parser import BytesParser
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage

# A file name the folder backend writes: a sortable time, then a random part.
_NAME_CHARACTERS = set("0123456789abcdef-T.")


class MailFolderBackend(BaseEmailBackend):
    """Writes each message, whole (attachments included), as one ``.eml`` file."""

    def send_messages(self, email_messages: Any) -> int:
        folder = Path(settings.EMAIL_FOLDER)
        folder.mkdir(parents=True, exist_ok=True)
        sent = 0
        for message in email_messages:
            assert isinstance(message, EmailMessage)
            name = f"{datetime.now().strftime('%Y%m%dT%H%M%S.%f')}-{uuid.uuid4().hex[:8]}.eml"
            partial = folder / f".{name}.partial"
            partial.write_bytes(message.message().as_bytes())
            # The rename makes a file appear whole: the page never reads half an email.
            os.replace(partial, folder / name)
            sent += 1
        return sent


@dataclass(frozen=True)
class MailSummary:
    name: str
    sent_at: datetime | None
    to: str
    subject: str


@dataclass(frozen=True)
class Mail:
    summary: MailSummary
    text: str
    attachments: list[str]


@dataclass(frozen=True)
class Sms:
    sent_at: str
    to: str
    body: str


def _parse(path: Path) -> ParsedEmail:
    with path.open("rb") as handle:
        parsed = BytesParser(policy=policy.default).parse(handle)
    assert isinstance(parsed, ParsedEmail)
    return parsed


def _summary(path: Path, parsed: ParsedEmail) -> MailSummary:
    date = parsed.get("Date")
    return MailSummary(
        name=path.name,
        sent_at=parsedate_to_datetime(str(date)) if date else None,
        to=str(parsed.get("To", "")),
        subject=str(parsed.get("Subject", "")),
    )


def list_mail(limit: int = 200) -> list[MailSummary]:
    """The newest ``limit`` emails, newest first."""
    folder = Path(settings.EMAIL_FOLDER)
    if not folder.is_dir():
        return []
    paths = sorted(folder.glob("*.eml"), reverse=True)[:limit]
    return [_summary(path, _parse(path)) for path in paths]


def read_mail(name: str) -> Mail | None:
    """One email by its file name; None for a name this backend would not have written."""
    if not name.endswith(".eml") or not set(name.removesuffix(".eml")) <= _NAME_CHARACTERS:
        return None  # never a path: no "/" or ".." can reach the file system
    path = Path(settings.EMAIL_FOLDER) / name
    if not path.is_file():
        return None
    parsed = _parse(path)
    body = parsed.get_body(preferencelist=("plain",))
    text = body.get_content() if body is not None else ""
    attachments = [part.get_filename() or "attachment" for part in parsed.iter_attachments()]
    return Mail(summary=_summary(path, parsed), text=str(text), attachments=attachments)


def list_sms(limit: int = 200) -> list[Sms]:
    """The newest ``limit`` SMS the file backend wrote, newest first."""
    path = Path(settings.SMS_FILE_PATH)
    if not path.is_file():
        return []
    messages = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            item = json.loads(line)
            messages.append(Sms(sent_at=item["sent_at"], to=item["to"], body=item["body"]))
        except (ValueError, KeyError, TypeError):
            continue  # a line being written, or not ours
    return messages[::-1][:limit]
