"""Marks a doctor's stored next free slot stale whenever what it was computed from changes,
by any path (services, the admin, the portal): bookings, weekly hours, time off and the
doctor's own settings (notice, horizon, slot lengths). See ``appointments.next_free``."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from metskin.appointments.models import Appointment
from metskin.appointments.next_free import next_free_mark_stale
from metskin.doctors.models import AvailabilityException, DoctorProfile, WeeklyAvailability


@receiver(post_save, sender=Appointment, dispatch_uid="appointments.next_free.appointment")
@receiver(post_delete, sender=Appointment, dispatch_uid="appointments.next_free.appointment_d")
@receiver(post_save, sender=WeeklyAvailability, dispatch_uid="appointments.next_free.weekly")
@receiver(post_delete, sender=WeeklyAvailability, dispatch_uid="appointments.next_free.weekly_d")
@receiver(post_save, sender=AvailabilityException, dispatch_uid="appointments.next_free.off")
@receiver(post_delete, sender=AvailabilityException, dispatch_uid="appointments.next_free.off_d")
def _calendar_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    next_free_mark_stale([instance.doctor_id])


@receiver(post_save, sender=DoctorProfile, dispatch_uid="appointments.next_free.doctor")
def _doctor_changed(sender: Any, instance: DoctorProfile, **kwargs: Any) -> None:
    next_free_mark_stale([instance.pk])
