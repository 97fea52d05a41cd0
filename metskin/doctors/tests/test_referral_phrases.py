"""What a referral tells a patient to look for: one phrase per specialty, in plain words."""

from metskin.doctors.models import REFERRAL_PHRASES, Specialty

DISEASE_WORDS = ("cancer", "melanoma", "carcinoma", "malignan", "tumour", "tumor")


def test_every_specialty_a_referral_can_name_has_a_phrase():
    assert set(REFERRAL_PHRASES) == set(Specialty.Code.values)


def test_no_phrase_names_a_disease():
    # the analysis is not a diagnosis: a referral to the skin-cancer clinic says "moles and
    # skin checks", while the directory's own label may name the specialty
    for code, phrase in REFERRAL_PHRASES.items():
        assert not any(word in phrase.lower() for word in DISEASE_WORDS), code
