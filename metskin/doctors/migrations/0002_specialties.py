"""The fixed list of specialties that referrals and filters use."""

from django.db import migrations

SPECIALTIES = {
    "general": "General dermatology",
    "acne": "Acne",
    "paediatric": "Children's skin (paediatric)",
    "cosmetic": "Cosmetic dermatology",
    "skin_cancer": "Skin cancer and moles",
    "hair_nails": "Hair and nails",
}


def create_specialties(apps, schema_editor):
    Specialty = apps.get_model("doctors", "Specialty")
    for code, name in SPECIALTIES.items():
        Specialty.objects.update_or_create(code=code, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("doctors", "0001_initial")]

    operations = [migrations.RunPython(create_specialties, migrations.RunPython.noop)]
