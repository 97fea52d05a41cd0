"""import_doctors reads the real NPPES layout and MetSkin's own CSV columns."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from metskin.doctors.models import DoctorProfile

pytestmark = pytest.mark.django_db
NPPES = Path(__file__).parent / "data" / "nppes_dermatology_207N_subset.csv"


def run(path) -> str:
    out = StringIO()
    call_command("import_doctors", str(path), stdout=out)
    return out.getvalue()


def test_nppes_rows_with_dermatology_as_primary_taxonomy_are_imported():
    output = run(NPPES)

    assert "Imported 7 doctors (7 new, 0 updated, 1 skipped)." in output
    assert "Skipped 1306849500: not a dermatologist (primary taxonomy)" in output
    geiss = DoctorProfile.objects.get(npi="1619970639")
    assert (geiss.first_name, geiss.last_name, geiss.credentials) == ("David", "Geiss", "D.O.")
    assert geiss.address_line == "2000 Newark Granville Rd Ste 202"
    assert (geiss.city, geiss.region, geiss.postcode) == ("Granville", "OH", "43023")
    assert geiss.time_zone == "America/New_York"
    assert geiss.licence_number == "34005696G"
    assert [s.code for s in geiss.specialties.all()] == ["general"]
    # Leading zeros lost by the export come back; Kentucky keeps Louisville's zone.
    assert DoctorProfile.objects.get(npi="1861495061").postcode == "04350"
    assert DoctorProfile.objects.get(npi="1457354649").time_zone == "America/Kentucky/Louisville"
    # The 8th row's licence follows the index of its primary dermatology taxonomy.
    assert DoctorProfile.objects.get(npi="1861495046").licence_number == "32539"


def test_importing_again_updates_instead_of_duplicating():
    run(NPPES)

    output = run(NPPES)

    assert "(0 new, 7 updated, 1 skipped)" in output
    assert DoctorProfile.objects.count() == 7


def test_own_columns_with_a_bad_row_reported(tmp_path):
    path = tmp_path / "doctors.csv"
    path.write_text(
        "first_name,last_name,specialties,languages,city,postcode,country,latitude,longitude,"
        "time_zone,offers_video,fee_amount\n"
        "Amara,Okafor,acne;cosmetic,en;fr,London,SW1A 1AA,GB,51.501,-0.1416,Europe/London,yes,180\n"
        "Bad,Zone,general,en,Paris,75001,FR,48.86,2.34,Mars/Olympus,no,\n",
        encoding="utf-8",
    )

    output = run(path)

    assert "Imported 1 doctors (1 new, 0 updated, 1 skipped)." in output
    assert "Skipped line 3: time_zone:" in output
    amara = DoctorProfile.objects.get()
    assert sorted(s.code for s in amara.specialties.all()) == ["acne", "cosmetic"]
    assert sorted(lang.code for lang in amara.languages.all()) == ["en", "fr"]
    assert (amara.offers_video, str(amara.fee_amount), amara.latitude) == (True, "180.00", 51.501)


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        run(tmp_path / "nope.csv")
