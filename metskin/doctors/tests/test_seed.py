"""seed_demo's directory: realistic, in several zones, idempotent, with a demo doctor."""

from __future__ import annotations

from base64 import b32encode
from io import StringIO

import pytest
from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from metskin.appointments.models import Appointment
from metskin.doctors.models import DoctorProfile, WeeklyAvailability

pytestmark = pytest.mark.django_db


def test_seed_demo_builds_the_directory_once():
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())

    # Listed: the education seed adds an unlisted demo reviewer that is not in the directory.
    assert DoctorProfile.objects.filter(is_listed=True).count() == 45
    zones = set(DoctorProfile.objects.values_list("time_zone", flat=True))
    assert {"America/New_York", "America/Chicago", "America/Los_Angeles", "Europe/London"} <= zones
    assert not DoctorProfile.objects.filter(is_listed=True, weekly__isnull=True).exists()
    assert WeeklyAvailability.objects.count() > 45 * 4
    demo = DoctorProfile.objects.get(user__email="doctor@metskin.example")
    assert demo.display_name == "Dr Maya Chen"
    # Every clinic has a phone from the fictional ranges; video doctors a joining link.
    assert (demo.clinic_phone, demo.default_video_link) == (
        "+1 212-555-0100",
        "https://video.example.com/metskin/demo-maya-chen",
    )
    assert not DoctorProfile.objects.filter(is_listed=True, clinic_phone="").exists()
    assert not DoctorProfile.objects.filter(offers_video=True, default_video_link="").exists()
    device = TOTPDevice.objects.get(user__email="doctor@metskin.example")
    assert b32encode(device.bin_key).decode() == "JVSXIU3LNFXEIZLNN5KE6VCQJNSXSMRW"
    staff_device = TOTPDevice.objects.get(user__email="staff@metskin.example")
    assert b32encode(staff_device.bin_key).decode() == "JVSXIU3LNFXFG5DBMZTFIT2UKBFWK6JS"
    booked = Appointment.objects.get(patient__email="demo@metskin.example")
    # The demo patient's latest analysis (issue 4's seed) is shared with Dr Chen.
    assert booked.shared_analyses.count() == 1


def test_the_seeded_directory_answers_with_soonest_slots(api_client):
    call_command("seed_demo", stdout=StringIO())

    response = api_client.get("/api/v1/doctors/?specialty=acne&sort=soonest&page_size=50")

    doctors = response.json()["results"]
    assert response.status_code == 200
    assert len(doctors) >= 5
    soonest = [d["next_slots"][0]["start"] for d in doctors if d["next_slots"]]
    assert len(soonest) >= 5
    from datetime import datetime

    instants = [datetime.fromisoformat(s) for s in soonest]
    assert instants == sorted(instants)
