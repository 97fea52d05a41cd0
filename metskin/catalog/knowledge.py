"""What MetSkin knows about ingredients beyond CosIng's names and functions.

Curated by the team from public references (named next to each table); staff can change
any ingredient's flags in the admin afterwards. Names are INCI names as CosIng spells
them. Pure data and pure functions: no Django.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from metskin.catalog.vocabulary import HIGH_IRRITANCY, ActiveClass

# The 26 fragrance allergens that EU Regulation (EC) No 1223/2009, Annex III (entries
# 45, 67–92) requires on the label above 0.001% (leave-on) / 0.01% (rinse-off).
EU_ALLERGENS = frozenset(
    {
        "AMYL CINNAMAL",
        "AMYLCINNAMYL ALCOHOL",
        "ANISE ALCOHOL",
        "BENZYL ALCOHOL",
        "BENZYL BENZOATE",
        "BENZYL CINNAMATE",
        "BENZYL SALICYLATE",
        "BUTYLPHENYL METHYLPROPIONAL",
        "CINNAMAL",
        "CINNAMYL ALCOHOL",
        "CITRAL",
        "CITRONELLOL",
        "COUMARIN",
        "EUGENOL",
        "EVERNIA FURFURACEA EXTRACT",
        "EVERNIA PRUNASTRI EXTRACT",
        "FARNESOL",
        "GERANIOL",
        "HEXYL CINNAMAL",
        "HYDROXYCITRONELLAL",
        "HYDROXYISOHEXYL 3-CYCLOHEXENE CARBOXALDEHYDE",
        "ISOEUGENOL",
        "ALPHA-ISOMETHYL IONONE",
        "LIMONENE",
        "LINALOOL",
        "METHYL 2-OCTYNOATE",
    }
)
# Benzyl alcohol is mostly there as a preservative, so it does not make a product scented.
ALLERGENS_THAT_ARE_NOT_FRAGRANCE = frozenset({"BENZYL ALCOHOL"})

FRAGRANCE_NAMES = frozenset({"PARFUM", "FRAGRANCE", "AROMA", "FLAVOR", "PERFUME"})

# Essential oils: plant oils pressed or distilled from fragrant parts (not seed/kernel oils).
_ESSENTIAL_OIL = re.compile(
    r"\b(LEAF|LEAVES|FLOWER|PEEL|BARK|HERB|ROOT|WOOD|RIND|BUD|GRASS|RESIN|NEEDLE|TWIG|"
    r"STEM|ZEST)(/[A-Z]+)* OIL$|^CITRUS .*FRUIT OIL$"
)
# Whole-plant oils named "GENUS SPECIES OIL" are essential oils when CosIng calls them
# scent ingredients, except these pressed (carrier) oils, which CosIng also lists so.
_WHOLE_PLANT_OIL = re.compile(r"^[A-Z]+ [A-Z]+ OIL$")
CARRIER_OILS = frozenset(
    {
        "COCOS NUCIFERA OIL",
        "GLYCINE SOJA OIL",
        "RICINUS COMMUNIS OIL",
        "SIMMONDSIA CHINENSIS OIL",
        "PERSEA GRATISSIMA OIL",
        "ARACHIS HYPOGAEA OIL",
        "OENOTHERA BIENNIS OIL",
        "ELAEIS GUINEENSIS OIL",
        "CARTHAMUS TINCTORIUS OIL",
        "ZEA MAYS OIL",
        "COD LIVER OIL",
        "SESAMUM INDICUM OIL",
        "ORYZA SATIVA OIL",
        "HELIANTHUS ANNUUS OIL",
        "OLEA EUROPAEA OIL",
        "BRASSICA CAMPESTRIS OIL",
    }
)
# CosIng's own words for a scent ingredient.
_SCENT_FUNCTIONS = frozenset({"PERFUMING", "FRAGRANCE", "MASKING", "TONIC"})

# "Drying" alcohols: short-chain alcohols that evaporate and strip the skin barrier.
# Fatty alcohols (cetyl, cetearyl, stearyl) are emollients and are not on this list.
DRYING_ALCOHOLS = frozenset(
    {
        "ALCOHOL",
        "ALCOHOL DENAT.",
        "ISOPROPYL ALCOHOL",
        "METHANOL",
        "PROPYL ALCOHOL",
    }
)

# Active classes (AAD acne guidelines 2024; BAD patient leaflets; CosIng names).
ACTIVE_CLASS_OF: dict[str, str] = {
    "RETINOL": ActiveClass.RETINOID,
    "RETINAL": ActiveClass.RETINOID,
    "RETINYL PALMITATE": ActiveClass.RETINOID,
    "RETINYL ACETATE": ActiveClass.RETINOID,
    "RETINYL PROPIONATE": ActiveClass.RETINOID,
    "RETINYL LINOLEATE": ActiveClass.RETINOID,
    "RETINYL RETINOATE": ActiveClass.RETINOID,
    "HYDROXYPINACOLONE RETINOATE": ActiveClass.RETINOID,
    "ADAPALENE": ActiveClass.RETINOID,
    "TRETINOIN": ActiveClass.RETINOID,
    "GLYCOLIC ACID": ActiveClass.AHA,
    "LACTIC ACID": ActiveClass.AHA,
    "MANDELIC ACID": ActiveClass.AHA,
    "MALIC ACID": ActiveClass.AHA,
    "TARTARIC ACID": ActiveClass.AHA,
    "SALICYLIC ACID": ActiveClass.BHA,
    "BETAINE SALICYLATE": ActiveClass.BHA,
    "SALIX ALBA BARK EXTRACT": ActiveClass.BHA,
    "BENZOYL PEROXIDE": ActiveClass.BENZOYL_PEROXIDE,
    "ASCORBIC ACID": ActiveClass.VITAMIN_C,
    "SODIUM ASCORBYL PHOSPHATE": ActiveClass.VITAMIN_C,
    "MAGNESIUM ASCORBYL PHOSPHATE": ActiveClass.VITAMIN_C,
    "ASCORBYL GLUCOSIDE": ActiveClass.VITAMIN_C,
    "3-O-ETHYL ASCORBIC ACID": ActiveClass.VITAMIN_C,
    "ETHYL ASCORBIC ACID": ActiveClass.VITAMIN_C,
    "TETRAHEXYLDECYL ASCORBATE": ActiveClass.VITAMIN_C,
    "ASCORBYL TETRAISOPALMITATE": ActiveClass.VITAMIN_C,
    "NIACINAMIDE": ActiveClass.NIACINAMIDE,
    "AZELAIC ACID": ActiveClass.AZELAIC_ACID,
    "POTASSIUM AZELAOYL DIGLYCINATE": ActiveClass.AZELAIC_ACID,
}

# UV filters approved as sunscreen actives: EU Regulation 1223/2009 Annex VI (as amended up
# to 2022/1176) and the US FDA over-the-counter sunscreen monograph (21 CFR 352.10, now
# OTC monograph M020). INCI name → where it is approved. A product is a sunscreen for the
# routine only when its list names at least one of these (docs/recommendations.md).
UV_FILTERS: dict[str, tuple[str, ...]] = {
    "ZINC OXIDE": ("EU", "US"),
    "TITANIUM DIOXIDE": ("EU", "US"),
    "BUTYL METHOXYDIBENZOYLMETHANE": ("EU", "US"),  # avobenzone
    "ETHYLHEXYL METHOXYCINNAMATE": ("EU", "US"),  # octinoxate
    "OCTOCRYLENE": ("EU", "US"),
    "HOMOSALATE": ("EU", "US"),
    "ETHYLHEXYL SALICYLATE": ("EU", "US"),  # octisalate
    "BENZOPHENONE-3": ("EU", "US"),  # oxybenzone
    "BENZOPHENONE-4": ("EU", "US"),  # sulisobenzone
    "BENZOPHENONE-5": ("EU",),
    "BENZOPHENONE-8": ("US",),  # dioxybenzone
    "PHENYLBENZIMIDAZOLE SULFONIC ACID": ("EU", "US"),  # ensulizole
    "ETHYLHEXYL DIMETHYL PABA": ("EU", "US"),  # padimate O
    "PABA": ("US",),  # aminobenzoic acid (no longer allowed in the EU)
    "CINOXATE": ("US",),
    "MENTHYL ANTHRANILATE": ("US",),  # meradimate
    "TEA-SALICYLATE": ("US",),  # trolamine salicylate
    "TEREPHTHALYLIDENE DICAMPHOR SULFONIC ACID": ("EU",),  # ecamsule, Mexoryl SX
    "DROMETRIZOLE TRISILOXANE": ("EU",),  # Mexoryl XL
    "BIS-ETHYLHEXYLOXYPHENOL METHOXYPHENYL TRIAZINE": ("EU",),  # bemotrizinol, Tinosorb S
    "METHYLENE BIS-BENZOTRIAZOLYL TETRAMETHYLBUTYLPHENOL": ("EU",),  # bisoctrizole, Tinosorb M
    "ETHYLHEXYL TRIAZONE": ("EU",),  # octyl triazone
    "DIETHYLHEXYL BUTAMIDO TRIAZONE": ("EU",),  # iscotrizinol
    "DIETHYLAMINO HYDROXYBENZOYL HEXYL BENZOATE": ("EU",),  # Uvinul A Plus
    "DISODIUM PHENYL DIBENZIMIDAZOLE TETRASULFONATE": ("EU",),  # bisdisulizole disodium
    "ISOAMYL P-METHOXYCINNAMATE": ("EU",),  # amiloxate
    "4-METHYLBENZYLIDENE CAMPHOR": ("EU",),  # enzacamene
    "3-BENZYLIDENE CAMPHOR": ("EU",),
    "BENZYLIDENE CAMPHOR SULFONIC ACID": ("EU",),
    "CAMPHOR BENZALKONIUM METHOSULFATE": ("EU",),
    "POLYACRYLAMIDOMETHYL BENZYLIDENE CAMPHOR": ("EU",),
    "POLYSILICONE-15": ("EU",),
    "PEG-25 PABA": ("EU",),
    "TRIS-BIPHENYL TRIAZINE": ("EU",),
    "METHOXYPROPYLAMINO CYCLOHEXENYLIDENE ETHOXYETHYLCYANOACETATE": ("EU",),
    "PHENYLENE BIS-DIPHENYLTRIAZINE": ("EU",),
}
ACTIVE_CLASS_OF.update(dict.fromkeys(UV_FILTERS, ActiveClass.SPF))
# Acids that are often only a pH adjuster: they count as an active only near the top of
# a list (where the amount is meaningful), not as the tenth-from-last ingredient.
WEAK_SIGNAL_ACTIVES = frozenset({"LACTIC ACID", "MALIC ACID", "TARTARIC ACID", "ASCORBIC ACID"})
WEAK_SIGNAL_MAX_POSITION = 10

# Ingredients to avoid in pregnancy and breastfeeding (ACOG; BAD "skin care in pregnancy").
# Salicylic acid is only cautioned at high strength; the rule reads its concentration.
PREGNANCY_CAUTION = frozenset(
    {name for name, active in ACTIVE_CLASS_OF.items() if active == ActiveClass.RETINOID}
    | {"SALICYLIC ACID", "HYDROQUINONE", "BETAINE SALICYLATE"}
)

# Of animal origin: a product with any of these is not vegan.
ANIMAL_DERIVED = frozenset(
    {
        "CERA ALBA",
        "BEESWAX",
        "LANOLIN",
        "LANOLIN ALCOHOL",
        "LANOLIN OIL",
        "LANOLIN WAX",
        "ACETYLATED LANOLIN",
        "ACETYLATED LANOLIN ALCOHOL",
        "CARMINE",
        "CI 75470",
        "MEL",
        "HONEY",
        "HONEY EXTRACT",
        "PROPOLIS EXTRACT",
        "ROYAL JELLY",
        "ROYAL JELLY EXTRACT",
        "SNAIL SECRETION FILTRATE",
        "HYDROLYZED COLLAGEN",
        "COLLAGEN",
        "SOLUBLE COLLAGEN",
        "ELASTIN",
        "HYDROLYZED ELASTIN",
        "KERATIN",
        "HYDROLYZED KERATIN",
        "SILK",
        "HYDROLYZED SILK",
        "SERICIN",
        "GUANINE",
        "TALLOW",
        "MILK",
        "LAC",
        "MILK PROTEIN",
        "LACTIS PROTEINUM",
        "SQUALENE",
        "CHITOSAN",
        "EGG YOLK EXTRACT",
        "OVUM",
    }
)

# Common names people (and shops) use for INCI names: alias → INCI.
COMMON_NAMES: dict[str, str] = {
    "WATER": "AQUA",
    "EAU": "AQUA",
    "PURIFIED WATER": "AQUA",
    "DEIONIZED WATER": "AQUA",
    "FRAGRANCE": "PARFUM",
    "PERFUME": "PARFUM",
    "VITAMIN A": "RETINOL",
    "VITAMIN B3": "NIACINAMIDE",
    "NICOTINAMIDE": "NIACINAMIDE",
    "VITAMIN C": "ASCORBIC ACID",
    "L-ASCORBIC ACID": "ASCORBIC ACID",
    "VITAMIN E": "TOCOPHEROL",
    "SHEA BUTTER": "BUTYROSPERMUM PARKII BUTTER",
    "COCONUT OIL": "COCOS NUCIFERA OIL",
    "COCOA BUTTER": "THEOBROMA CACAO SEED BUTTER",
    "ALOE VERA": "ALOE BARBADENSIS LEAF JUICE",
    "JOJOBA OIL": "SIMMONDSIA CHINENSIS SEED OIL",
    "ALMOND OIL": "PRUNUS AMYGDALUS DULCIS OIL",
    "SWEET ALMOND OIL": "PRUNUS AMYGDALUS DULCIS OIL",
    "OLIVE OIL": "OLEA EUROPAEA FRUIT OIL",
    "AVOCADO OIL": "PERSEA GRATISSIMA OIL",
    "APRICOT KERNEL OIL": "PRUNUS ARMENIACA KERNEL OIL",
    "SUNFLOWER OIL": "HELIANTHUS ANNUUS SEED OIL",
    "SAFFLOWER OIL": "CARTHAMUS TINCTORIUS SEED OIL",
    "SOYBEAN OIL": "GLYCINE SOJA OIL",
    "CORN OIL": "ZEA MAYS GERM OIL",
    "PEANUT OIL": "ARACHIS HYPOGAEA OIL",
    "WHEAT GERM OIL": "TRITICUM VULGARE GERM OIL",
    "EVENING PRIMROSE OIL": "OENOTHERA BIENNIS OIL",
    "CASTOR OIL": "RICINUS COMMUNIS SEED OIL",
    "TEA TREE OIL": "MELALEUCA ALTERNIFOLIA LEAF OIL",
    "BEESWAX": "CERA ALBA",
    "CARNAUBA WAX": "COPERNICIA CERIFERA CERA",
    "CANDELILLA WAX": "EUPHORBIA CERIFERA CERA",
    "HONEY": "MEL",
    "ALCOHOL DENAT": "ALCOHOL DENAT.",
    "DENATURED ALCOHOL": "ALCOHOL DENAT.",
    "SD ALCOHOL 40": "ALCOHOL DENAT.",
    "SD ALCOHOL 40-B": "ALCOHOL DENAT.",
    "ETHANOL": "ALCOHOL",
    "ETHYL ALCOHOL": "ALCOHOL",
    "OCTYL PALMITATE": "ETHYLHEXYL PALMITATE",
    "OCTYL STEARATE": "ETHYLHEXYL STEARATE",
    "OCTINOXATE": "ETHYLHEXYL METHOXYCINNAMATE",
    "OCTISALATE": "ETHYLHEXYL SALICYLATE",
    "AVOBENZONE": "BUTYL METHOXYDIBENZOYLMETHANE",
    "OXYBENZONE": "BENZOPHENONE-3",
    # The other UV filters' US (USAN) and trade names, as US labels print them.
    "SULISOBENZONE": "BENZOPHENONE-4",
    "DIOXYBENZONE": "BENZOPHENONE-8",
    "ENSULIZOLE": "PHENYLBENZIMIDAZOLE SULFONIC ACID",
    "PADIMATE O": "ETHYLHEXYL DIMETHYL PABA",
    "AMINOBENZOIC ACID": "PABA",
    "MERADIMATE": "MENTHYL ANTHRANILATE",
    "TROLAMINE SALICYLATE": "TEA-SALICYLATE",
    "ECAMSULE": "TEREPHTHALYLIDENE DICAMPHOR SULFONIC ACID",
    "MEXORYL SX": "TEREPHTHALYLIDENE DICAMPHOR SULFONIC ACID",
    "MEXORYL XL": "DROMETRIZOLE TRISILOXANE",
    "BEMOTRIZINOL": "BIS-ETHYLHEXYLOXYPHENOL METHOXYPHENYL TRIAZINE",
    "TINOSORB S": "BIS-ETHYLHEXYLOXYPHENOL METHOXYPHENYL TRIAZINE",
    "BISOCTRIZOLE": "METHYLENE BIS-BENZOTRIAZOLYL TETRAMETHYLBUTYLPHENOL",
    "TINOSORB M": "METHYLENE BIS-BENZOTRIAZOLYL TETRAMETHYLBUTYLPHENOL",
    "ISCOTRIZINOL": "DIETHYLHEXYL BUTAMIDO TRIAZONE",
    "OCTYL TRIAZONE": "ETHYLHEXYL TRIAZONE",
    "UVINUL A PLUS": "DIETHYLAMINO HYDROXYBENZOYL HEXYL BENZOATE",
    "BISDISULIZOLE DISODIUM": "DISODIUM PHENYL DIBENZIMIDAZOLE TETRASULFONATE",
    "AMILOXATE": "ISOAMYL P-METHOXYCINNAMATE",
    "ENZACAMENE": "4-METHYLBENZYLIDENE CAMPHOR",
    "BHA": "SALICYLIC ACID",
    "WILLOW BARK EXTRACT": "SALIX ALBA BARK EXTRACT",
    "RETINALDEHYDE": "RETINAL",
    "GRANACTIVE RETINOID": "HYDROXYPINACOLONE RETINOATE",
    "EDTA": "DISODIUM EDTA",
    "CERAMIDE 3": "CERAMIDE NP",
    "CERAMIDE 6 II": "CERAMIDE AP",
    "CERAMIDE 1": "CERAMIDE EOP",
    "IRON OXIDES": "CI 77491",
    # Lossy names in the LookFantastic data set (PROVENANCE.md lists the problem).
    "DIMETHICON": "DIMETHICONE",
    "CAFFEINEE": "CAFFEINE",
    "ARGANINE": "ARGININE",
    "CAPRIC TRIGLYCERIDE": "CAPRYLIC/CAPRIC TRIGLYCERIDE",
    "CERBOMER": "CARBOMER",
    "ETHYLHEXYL GLYCERIN": "ETHYLHEXYLGLYCERIN",
    "C12-15": "C12-15 ALKYL BENZOATE",
    "AMMONIUM POLYACRYLOYLDMETHYL TAURATE": "AMMONIUM POLYACRYLOYLDIMETHYL TAURATE",
    "PRUNUS AMYGDALUS DULCIS": "PRUNUS AMYGDALUS DULCIS OIL",
    "BUTYROSPERMUM PARKII": "BUTYROSPERMUM PARKII BUTTER",
    "SIMMONDSIA CHINENSIS": "SIMMONDSIA CHINENSIS SEED OIL",
    "ALOE BARBADENIS EXTRACT": "ALOE BARBADENSIS EXTRACT",
    "SESAMIUM INDICUM SEED OIL": "SESAMUM INDICUM SEED OIL",
    "CETYL DIMETHICON": "CETYL DIMETHICONE",
    "CI 77019": "MICA",
    "CI 77861": "TIN OXIDE",
    "PHENYL ETHYL ALCOHOL": "PHENETHYL ALCOHOL",
    "MINERAL OIL": "PARAFFINUM LIQUIDUM",
    "CITRONNELLOL": "CITRONELLOL",
    "XANTHAN": "XANTHAN GUM",
    "XANTHAM GUM": "XANTHAN GUM",
}

# The comedogenicity / irritancy chart (ingredients/comedogenicity_irritancy.csv) uses
# common names, a few misspelt; this maps each to the INCI name it rates.
CHART_NAMES: dict[str, str] = {
    "Acetylated Lanolin": "ACETYLATED LANOLIN",
    "Acetylated Lanolin Alcohol": "ACETYLATED LANOLIN ALCOHOL",
    "Algae Extract": "ALGAE EXTRACT",
    "Algin": "ALGIN",
    "Allantoin": "ALLANTOIN",
    "Almond Oil": "PRUNUS AMYGDALUS DULCIS OIL",
    "Aloe Vera": "ALOE BARBADENSIS LEAF JUICE",
    "Apricot Kernel Oil": "PRUNUS ARMENIACA KERNEL OIL",
    "Ascorbic Acid": "ASCORBIC ACID",
    "Ascorbyl Palmitate": "ASCORBYL PALMITATE",
    "Avocado Oil": "PERSEA GRATISSIMA OIL",
    "Benzoic Acid": "BENZOIC ACID",
    "Beta Carotene": "BETA-CAROTENE",
    "Beeswax": "CERA ALBA",
    "Butyl Stearate": "BUTYL STEARATE",
    "Butylene Glycol": "BUTYLENE GLYCOL",
    "Camphor": "CAMPHOR",
    "Candelilla Wax": "EUPHORBIA CERIFERA CERA",
    "Capric Acid": "CAPRIC ACID",
    "Caprylic Acid": "CAPRYLIC ACID",
    "Carbomer": "CARBOMER",
    "Carnuba Wax": "COPERNICIA CERIFERA CERA",
    "Carrageenan": "CARRAGEENAN",
    "Cetearyl Alcohol": "CETEARYL ALCOHOL",
    "Cetyl Alcohol": "CETYL ALCOHOL",
    "Cocoa Butter": "THEOBROMA CACAO SEED BUTTER",
    "Coconut Oil": "COCOS NUCIFERA OIL",
    "Colloidal Sulfur": "COLLOIDAL SULFUR",
    "Corn Oil": "ZEA MAYS GERM OIL",
    "D&C Red #17": "CI 26100",
    "D&C Red #21": "CI 45380",
    "D&C Red #3": "CI 45430",
    "D&C Red #6": "CI 15850",
    "D&C Red #7": "CI 15850",
    "Dimethicone": "DIMETHICONE",
    "Evening Primrose Oil": "OENOTHERA BIENNIS OIL",
    "Ethylparaben": "ETHYLPARABEN",
    "Glyceryl Stearate SE": "GLYCERYL STEARATE SE",
    "Glyceryl Stearate NSE": "GLYCERYL STEARATE",
    "Isocetyl Stearate": "ISOCETYL STEARATE",
    "Isopropyl Alcohol": "ISOPROPYL ALCOHOL",
    "Isopropyl Isostearate": "ISOPROPYL ISOSTEARATE",
    "Isopropyl Myristate": "ISOPROPYL MYRISTATE",
    "Isopropyl Palmitate": "ISOPROPYL PALMITATE",
    "Jojoba Oil": "SIMMONDSIA CHINENSIS SEED OIL",
    "Lanolin Alcohol": "LANOLIN ALCOHOL",
    "Lanolin Oil": "LANOLIN OIL",
    "Lanolin Wax": "LANOLIN WAX",
    "Laureth 23": "LAURETH-23",
    "Laureth 4": "LAURETH-4",
    "Lauric Acid": "LAURIC ACID",
    "Lithiumm Stearate": "LITHIUM STEARATE",
    "Magneseium Aluminum Silicate": "MAGNESIUM ALUMINUM SILICATE",
    "Magnesium Stearate": "MAGNESIUM STEARATE",
    "Myristic Acid": "MYRISTIC ACID",
    "Octyl Palmitate": "ETHYLHEXYL PALMITATE",
    "Octyl Stearate": "ETHYLHEXYL STEARATE",
    "Oleth-3": "OLETH-3",
    "Oleth-10": "OLETH-10",
    "Olive Oil": "OLEA EUROPAEA FRUIT OIL",
    "Papain": "PAPAIN",
    "Peanut Oil": "ARACHIS HYPOGAEA OIL",
    "PEG 75 Lanolin": "PEG-75 LANOLIN",
    "PEG 100 Stearate": "PEG-100 STEARATE",
    "PEG 16 Lanolin": "PEG-16 LANOLIN",
    "PEG 8 Stearate": "PEG-8 STEARATE",
    "Palmitic Acid": "PALMITIC ACID",
    "Propylparaben": "PROPYLPARABEN",
    "Polyethylene Glycol (PEG 400)": "PEG-8",
    "Propylene Glycol Monostearate": "PROPYLENE GLYCOL STEARATE",
    "Red Algea": "RED ALGAE EXTRACT",
    "Safflower Oil": "CARTHAMUS TINCTORIUS SEED OIL",
    "Simethicone": "SIMETHICONE",
    "Sodium Chloride": "SODIUM CHLORIDE",
    "Sodium Hyaluronate": "SODIUM HYALURONATE",
    "Sodium Laureth Sulfate": "SODIUM LAURETH SULFATE",
    "Sodium Lauryl Sulfate": "SODIUM LAURYL SULFATE",
    "Sodium PCA": "SODIUM PCA",
    "Soybean Oil": "GLYCINE SOJA OIL",
    "Squalene": "SQUALENE",
    "Stearic Acid": "STEARIC ACID",
    "Stearyl Alcohol": "STEARYL ALCOHOL",
    "Sulfated Castor Oil": "SULFATED CASTOR OIL",
    "Sulfated Jojoba Oil": "SULFATED JOJOBA OIL",
    "Sunflower Oil": "HELIANTHUS ANNUUS SEED OIL",
    "Syearyl Heptanoate": "STEARYL HEPTANOATE",
    "Talc": "TALC",
    "Tocopherol (Vitamin E)": "TOCOPHEROL",
    "Vitamin A Palmitate": "RETINYL PALMITATE",
    "Wheat Germ Oil": "TRITICUM VULGARE GERM OIL",
    "Zinc Oxide": "ZINC OXIDE",
}


@dataclass(frozen=True)
class CuratedFlags:
    """The flags MetSkin derives for one INCI name (before any staff edit)."""

    fragrance: bool
    eu_allergen: bool
    drying_alcohol: bool
    pregnancy_caution: bool
    animal_derived: bool
    active_class: str


def curated_flags(inci_name: str, functions: list[str]) -> CuratedFlags:
    """Flags for a CosIng ingredient from the tables above and its CosIng functions."""
    name = inci_name.upper().strip()
    upper_functions = {function.upper() for function in functions}
    named_like_one = bool(_ESSENTIAL_OIL.search(name)) or (
        bool(_WHOLE_PLANT_OIL.match(name))
        and name not in CARRIER_OILS
        and not any("EMOLLIENT" in function for function in upper_functions)
    )
    essential_oil = named_like_one and bool(upper_functions & _SCENT_FUNCTIONS)
    eu_allergen = name in EU_ALLERGENS
    return CuratedFlags(
        fragrance=name in FRAGRANCE_NAMES
        or essential_oil
        or (eu_allergen and name not in ALLERGENS_THAT_ARE_NOT_FRAGRANCE),
        eu_allergen=eu_allergen,
        drying_alcohol=name in DRYING_ALCOHOLS or name.startswith("SD ALCOHOL"),
        pregnancy_caution=name in PREGNANCY_CAUTION,
        animal_derived=name in ANIMAL_DERIVED,
        active_class=ACTIVE_CLASS_OF.get(name, ""),
    )


def is_irritant(irritancy: int | None) -> bool:
    return irritancy is not None and irritancy >= HIGH_IRRITANCY
