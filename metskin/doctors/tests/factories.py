from __future__ import annotations

from datetime import time
from typing import Any

import factory

from metskin.doctors.models import DoctorProfile, Specialty, WeeklyAvailability


class DoctorFactory(factory.django.DjangoModelFactory[DoctorProfile]):
    class Meta:
        model = DoctorProfile
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"doctor-{n}")
    first_name = factory.Sequence(lambda n: f"Ada{n}")
    last_name = factory.Sequence(lambda n: f"Lovelace{n}")
    credentials = "MD, FAAD"
    clinic_name = "Riverside Skin Clinic"
    address_line = "1 Main Street"
    city = "New York"
    region = "NY"
    postcode = "10001"
    country = "US"
    latitude = 40.7506
    longitude = -73.9972
    time_zone = "America/New_York"
    offers_in_person = True
    offers_video = True
    min_notice_hours = 0
    booking_horizon_days = 365
    slot_minutes_in_person = 30
    slot_minutes_video = 20

    @factory.post_generation
    def specialties(self, create: bool, codes: Any, **kwargs: Any) -> None:
        if create and codes:
            # Transactional tests flush the rows the data migration made: recreate them.
            labels = dict(Specialty.Code.choices)
            self.specialties.set(
                Specialty.objects.get_or_create(code=code, defaults={"name": labels[code]})[0]
                for code in codes
            )


def weekly(
    doctor: DoctorProfile,
    weekdays: range | list[int] = range(7),
    start: time = time(9),
    end: time = time(12),
    offers: str = WeeklyAvailability.Offers.IN_PERSON,
) -> list[WeeklyAvailability]:
    return [
        WeeklyAvailability.objects.create(
            doctor=doctor, weekday=day, start_time=start, end_time=end, offers=offers
        )
        for day in weekdays
    ]
