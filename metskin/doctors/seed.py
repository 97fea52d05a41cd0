"""Demo directory: a generated but realistic set of dermatologists in US and UK cities,
their weekly hours, and a demo dermatologist account with a known TOTP key (README)."""

from __future__ import annotations

import random
from datetime import time
from decimal import Decimal
from typing import Any

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from metskin.accounts.models import Role, User
from metskin.accounts.seed import DEMO_PASSWORD
from metskin.accounts.services import user_create
from metskin.doctors.models import DoctorProfile, Language, Specialty, WeeklyAvailability

DEMO_DOCTOR_EMAIL = "doctor@metskin.example"
# 20 bytes; base32 JVSXIU3LNFXEIZLNN5KE6VCQJNSXSMRW (README: oathtool --totp -b …).
DEMO_DOCTOR_TOTP_KEY = b"MetSkinDemoTOTPKey26".hex()
DEMO_DOCTOR_SLUG = "demo-maya-chen"
DOCTOR_COUNT = 45

LANGUAGES = {
    "en": "English",
    "es": "Spanish",
    "zh": "Chinese",
    "fr": "French",
    "hi": "Hindi",
    "ar": "Arabic",
    "pt": "Portuguese",
    "de": "German",
    "ko": "Korean",
    "pl": "Polish",
}

# city, region, country, zone, latitude, longitude, currency, postcodes, streets
CITIES: list[tuple[str, str, str, str, float, float, str, list[str], list[str]]] = [
    (
        "New York",
        "NY",
        "US",
        "America/New_York",
        40.7549,
        -73.9840,
        "USD",
        ["10016", "10022", "10128", "10001", "10019"],
        ["Park Avenue", "Lexington Avenue", "East 79th Street", "West 57th Street"],
    ),
    (
        "Brooklyn",
        "NY",
        "US",
        "America/New_York",
        40.6928,
        -73.9903,
        "USD",
        ["11201", "11215"],
        ["Court Street", "7th Avenue"],
    ),
    (
        "Boston",
        "MA",
        "US",
        "America/New_York",
        42.3505,
        -71.0760,
        "USD",
        ["02115", "02116", "02108"],
        ["Boylston Street", "Longwood Avenue", "Beacon Street"],
    ),
    (
        "Chicago",
        "IL",
        "US",
        "America/Chicago",
        41.8925,
        -87.6244,
        "USD",
        ["60611", "60601", "60614"],
        ["North Michigan Avenue", "East Erie Street"],
    ),
    (
        "Denver",
        "CO",
        "US",
        "America/Denver",
        39.7392,
        -104.9849,
        "USD",
        ["80206", "80218"],
        ["East 1st Avenue", "Colfax Avenue"],
    ),
    (
        "Phoenix",
        "AZ",
        "US",
        "America/Phoenix",
        33.4936,
        -112.0740,
        "USD",
        ["85012", "85016"],
        ["North Central Avenue", "East Camelback Road"],
    ),
    (
        "Los Angeles",
        "CA",
        "US",
        "America/Los_Angeles",
        34.0736,
        -118.3800,
        "USD",
        ["90048", "90036", "90024"],
        ["Beverly Boulevard", "Wilshire Boulevard"],
    ),
    (
        "San Francisco",
        "CA",
        "US",
        "America/Los_Angeles",
        37.7880,
        -122.4330,
        "USD",
        ["94115", "94109"],
        ["Sutter Street", "Van Ness Avenue"],
    ),
    (
        "Seattle",
        "WA",
        "US",
        "America/Los_Angeles",
        47.6097,
        -122.3238,
        "USD",
        ["98104", "98122"],
        ["Broadway", "Madison Street"],
    ),
    (
        "London",
        "",
        "GB",
        "Europe/London",
        51.5200,
        -0.1470,
        "GBP",
        ["W1G 9PF", "W1G 6AX", "SW3 6JJ", "EC1A 7BE"],
        ["Harley Street", "Wimpole Street", "Sloane Street"],
    ),
    (
        "Manchester",
        "",
        "GB",
        "Europe/London",
        53.4740,
        -2.2480,
        "GBP",
        ["M1 3BN", "M13 9WL"],
        ["Oxford Road", "Whitworth Street"],
    ),
]
FIRST = [
    "Maya",
    "Olivia",
    "Ethan",
    "Sofia",
    "Daniel",
    "Priya",
    "Marcus",
    "Hannah",
    "Omar",
    "Grace",
    "Lucas",
    "Aisha",
    "Noah",
    "Elena",
    "Samuel",
    "Chloe",
    "Rafael",
    "Leah",
    "Arjun",
    "Isabel",
    "Jonah",
    "Mei",
    "Tobias",
    "Fatima",
    "Leo",
    "Naomi",
    "Gabriel",
    "Zara",
    "Victor",
    "Amara",
    "Julian",
    "Ingrid",
    "Kwame",
    "Rosa",
    "Felix",
    "Yuki",
    "Adrian",
    "Lina",
]
LAST = [
    "Chen",
    "Patel",
    "Okafor",
    "Rossi",
    "Nguyen",
    "Schmidt",
    "Haddad",
    "Kowalski",
    "Alvarez",
    "Kim",
    "Murphy",
    "Shah",
    "Johansson",
    "Mensah",
    "Bianchi",
    "Cohen",
    "Tanaka",
    "Reyes",
    "Fischer",
    "Ibrahim",
    "Walsh",
    "Costa",
    "Novak",
    "Singh",
    "Moreau",
    "Lindqvist",
    "Adeyemi",
    "Park",
    "Romero",
    "Dubois",
    "Hughes",
    "Fernandes",
]
CREDENTIALS = ["MD, FAAD", "MD", "DO, FAAD", "MD, PhD", "MBBS, FRCP", "MBChB, MRCP (Derm)"]
CLINIC_WORDS = ["Skin", "Dermatology", "Skin Health", "Dermatology & Laser"]
CLINIC_PLACES = ["Riverside", "Parkview", "Central", "Harbor", "Northside", "Meadow", "Elm"]
FOCUS = {
    "general": "everyday skin conditions such as eczema, rosacea and psoriasis",
    "acne": "acne and acne scarring, in teenagers and adults",
    "paediatric": "children's skin, from birthmarks to eczema",
    "cosmetic": "pigmentation, ageing skin and laser treatments",
    "skin_cancer": "mole checks, skin cancer screening and Mohs surgery",
    "hair_nails": "hair loss and nail conditions",
}


def _languages() -> dict[str, Language]:
    return {
        code: Language.objects.get_or_create(code=code, defaults={"name": name})[0]
        for code, name in LANGUAGES.items()
    }


def _weekly(doctor: DoctorProfile, rng: random.Random) -> None:
    pattern = rng.choice(["full", "mornings", "late", "four_days"])
    offers_both = doctor.offers_video and doctor.offers_in_person
    main = (
        WeeklyAvailability.Offers.BOTH
        if offers_both
        else (
            WeeklyAvailability.Offers.VIDEO
            if doctor.offers_video and not doctor.offers_in_person
            else WeeklyAvailability.Offers.IN_PERSON
        )
    )
    blocks: list[tuple[int, time, time, str]] = []
    days = [0, 1, 2, 3] if pattern == "four_days" else [0, 1, 2, 3, 4]
    for day in days:
        if pattern == "mornings":
            blocks.append((day, time(8), time(12, 30), main))
        elif pattern == "late":
            blocks.append((day, time(11), time(19), main))
        else:
            blocks.append((day, time(9), time(12, 30), main))
            blocks.append((day, time(13, 30), time(17), main))
    if doctor.offers_video and rng.random() < 0.5:
        blocks.append((rng.choice([1, 3]), time(18), time(20), WeeklyAvailability.Offers.VIDEO))
    if rng.random() < 0.3:
        blocks.append((5, time(9), time(12), main))
    # Evening video blocks may overlap a "late" day: keep the day's blocks apart.
    merged: dict[int, list[tuple[time, time, str]]] = {}
    for day, start, end, offers in blocks:
        day_blocks = merged.setdefault(day, [])
        if all(end <= s or start >= e for s, e, _ in day_blocks):
            day_blocks.append((start, end, offers))
    WeeklyAvailability.objects.bulk_create(
        WeeklyAvailability(doctor=doctor, weekday=day, start_time=s, end_time=e, offers=o)
        for day, day_blocks in merged.items()
        for s, e, o in day_blocks
    )


def _contact(index: int, country: str, slug: str, video: bool) -> dict[str, str]:
    """A clinic phone from the ranges kept for fiction (US 555-01xx, UK 020 7946 0xxx) and,
    for doctors who see patients by video, a joining link on a reserved domain. Derived from
    the index, not the random stream, so adding them changed no other seeded value."""
    phone = (
        f"+1 212-555-{100 + index % 100:04d}"
        if country == "US"
        else f"+44 20 7946 {index % 1000:04d}"
    )
    link = f"https://video.example.com/metskin/{slug}" if video else ""
    return {"clinic_phone": phone, "default_video_link": link}


def _doctor_fields(index: int, rng: random.Random) -> dict[str, Any]:
    city, region, country, zone, lat, lng, currency, postcodes, streets = CITIES[
        index % len(CITIES)
    ]
    first, last = FIRST[index % len(FIRST)], LAST[(index * 7) % len(LAST)]
    if index == 0:
        first, last = "Maya", "Chen"
    video = rng.random() < 0.6
    return {
        "slug": DEMO_DOCTOR_SLUG if index == 0 else f"demo-{first}-{last}-{index}".lower(),
        "title": "Dr",
        "first_name": first,
        "last_name": last,
        "credentials": rng.choice(CREDENTIALS[:4] if country == "US" else CREDENTIALS[4:]),
        "licence_number": (
            f"{region}-{rng.randint(100000, 999999)}"
            if country == "US"
            else f"GMC {rng.randint(4000000, 7999999)}"
        ),
        "board_certified": True,
        "board_certification": (
            "American Board of Dermatology"
            if country == "US"
            else "GMC Specialist Register (Dermatology)"
        ),
        "clinic_name": f"{rng.choice(CLINIC_PLACES)} {rng.choice(CLINIC_WORDS)}",
        "address_line": f"{rng.randint(1, 400)} {rng.choice(streets)}",
        "city": city,
        "region": region,
        "postcode": rng.choice(postcodes),
        "country": country,
        "latitude": round(lat + rng.uniform(-0.03, 0.03), 5),
        "longitude": round(lng + rng.uniform(-0.04, 0.04), 5),
        "time_zone": zone,
        "offers_in_person": True if not video else rng.random() < 0.9,
        "offers_video": video or index == 0,
        "fee_amount": Decimal(rng.randrange(150, 360, 10)),
        "fee_currency": currency,
        "accepting_new_patients": rng.random() < 0.9 or index == 0,
        "rating": Decimal(str(round(rng.uniform(3.9, 5.0), 1))),
        "rating_count": rng.randint(8, 420),
        "slot_minutes_in_person": rng.choice([20, 30, 30, 45]),
        "slot_minutes_video": rng.choice([15, 20, 20]),
        "buffer_minutes": rng.choice([0, 0, 5, 10]),
        "min_notice_hours": rng.choice([2, 4, 12, 24]),
        "booking_horizon_days": rng.choice([30, 60, 90]),
    }


def _demo_doctor_account(doctor: DoctorProfile, stdout: Any) -> None:
    user = User.objects.filter(email=DEMO_DOCTOR_EMAIL).first()
    if user is None:
        user = user_create(
            email=DEMO_DOCTOR_EMAIL,
            password=DEMO_PASSWORD,
            role=Role.DERMATOLOGIST,
            display_name="Dr Maya Chen",
            verified=True,
        )
        stdout.write(f"Created dermatologist {DEMO_DOCTOR_EMAIL}")
    if not TOTPDevice.objects.filter(user=user).exists():
        TOTPDevice.objects.create(
            user=user, name="Demo authenticator", key=DEMO_DOCTOR_TOTP_KEY, confirmed=True
        )
    if doctor.user_id != user.pk:
        DoctorProfile.objects.filter(user=user).exclude(pk=doctor.pk).update(user=None)
        doctor.user = user
        doctor.save(update_fields=["user"])


@transaction.atomic
def seed_demo(*, stdout: Any) -> None:
    languages = _languages()
    specialties = {s.code: s for s in Specialty.objects.all()}
    rng = random.Random(2026)
    created = 0
    for index in range(DOCTOR_COUNT):
        fields = _doctor_fields(index, rng)
        codes = ["general", *rng.sample(sorted(set(FOCUS) - {"general"}), rng.randint(1, 2))]
        if index == 0:
            codes = ["general", "acne", "skin_cancer"]
        extra_languages = rng.sample(sorted(set(LANGUAGES) - {"en"}), rng.randint(0, 2))
        fields.update(
            _contact(index, fields["country"], fields["slug"], bool(fields["offers_video"]))
        )
        doctor = DoctorProfile.objects.filter(slug=fields["slug"]).first()
        if doctor is not None:
            # Seeded before doctors had a phone: fill in what is still blank.
            if not doctor.clinic_phone:
                DoctorProfile.objects.filter(pk=doctor.pk).update(
                    clinic_phone=fields["clinic_phone"],
                    default_video_link=fields["default_video_link"],
                )
            continue
        focus = "; ".join(FOCUS[code] for code in codes[1:])
        fields["bio"] = (
            f"{fields['title']} {fields['first_name']} {fields['last_name']} is a board-certified "
            f"dermatologist at {fields['clinic_name']} in {fields['city']}, with a special "
            f"interest in {focus}. Appointments are unhurried: bring your questions, and any "
            "photos or MetSkin analyses you want to show."
        )
        doctor = DoctorProfile(**fields)
        doctor.full_clean()
        doctor.save()
        doctor.specialties.set([specialties[code] for code in codes])
        doctor.languages.set([languages["en"], *(languages[c] for c in extra_languages)])
        _weekly(doctor, rng)
        created += 1
    if created:
        stdout.write(f"Created {created} demo dermatologists")
    demo = DoctorProfile.objects.get(slug=DEMO_DOCTOR_SLUG)
    _demo_doctor_account(demo, stdout)
