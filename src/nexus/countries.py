"""One table of country codes and names used by every derived dataset.

Derived files identify states by ISO 3166-1 alpha-3 code (``iso3``) and the
name below; COW codes are kept beside them where the source uses them.
Russia's code RUS also covers the Soviet Union, as in the COW system (ccode 365).
"""
from __future__ import annotations

# iso3 -> (display name, COW ccode)
COUNTRIES: dict[str, tuple[str, int | None]] = {
    "IRN": ("Iran", 630),
    "RUS": ("Russia", 365),
    "USA": ("United States", 2),
    "CHN": ("China", 710),
    "GBR": ("United Kingdom", 200),
    "FRA": ("France", 220),
    "DEU": ("Germany", 255),
    "ITA": ("Italy", 325),
    "KOR": ("South Korea", 732),
    "TUR": ("Turkey", 640),
    "SAU": ("Saudi Arabia", 670),
    "ISR": ("Israel", 666),
    "SYR": ("Syria", 652),
    "IRQ": ("Iraq", 645),
    "IND": ("India", 750),
    "JPN": ("Japan", 740),
    "ARE": ("United Arab Emirates", 696),
    "AZE": ("Azerbaijan", 373),
    "TKM": ("Turkmenistan", 701),
    "KAZ": ("Kazakhstan", 705),
    "UZB": ("Uzbekistan", 704),
    "EGY": ("Egypt", 651),
    "VNM": ("Vietnam", 816),
    "DZA": ("Algeria", 615),
    "AFG": ("Afghanistan", 700),
    "PAK": ("Pakistan", 770),
    # rivals of Russia or Iran in the strategic-rivalry lists (added for derive_conflict)
    "SWE": ("Sweden", 380),
    "POL": ("Poland", 290),
    "AUT": ("Austria", 300),  # COW 300 = Austria-Hungary (to 1918); like RUS for the USSR
    "SRB": ("Serbia/Yugoslavia", 345),  # COW 345 = Serbia, Yugoslavia 1918-2006, Serbia
    "UKR": ("Ukraine", 369),
    "LBN": ("Lebanon", 660),
    "YEM": ("Yemen", 679),
    # senders and targets of TIES sanctions cases with Iran or Russia (added for derive_sanctions;
    # COW codes checked against cow-state-system/cow_states_v2016.csv)
    "CAN": ("Canada", 20),
    "CUB": ("Cuba", 40),
    "VEN": ("Venezuela", 101),
    "ARG": ("Argentina", 160),
    "NLD": ("Netherlands", 210),
    "BEL": ("Belgium", 211),
    "ESP": ("Spain", 230),
    "PRT": ("Portugal", 235),
    "DDR": ("East Germany", 265),  # German Democratic Republic 1954-1990 (ISO 3166-3 code)
    "HUN": ("Hungary", 310),
    "CSK": ("Czechoslovakia", 315),  # to 1992 (ISO 3166-3 code)
    "CZE": ("Czech Republic", 316),
    "ALB": ("Albania", 339),
    "BGR": ("Bulgaria", 355),
    "MDA": ("Moldova", 359),
    "ROU": ("Romania", 360),
    "EST": ("Estonia", 366),
    "LVA": ("Latvia", 367),
    "LTU": ("Lithuania", 368),
    "BLR": ("Belarus", 370),
    "GEO": ("Georgia", 372),
    "FIN": ("Finland", 375),
    "NOR": ("Norway", 385),
    "MLI": ("Mali", 432),
    "ETH": ("Ethiopia", 530),
    "ZWE": ("Zimbabwe", 552),  # COW 552 from 1965, i.e. including Rhodesia
    "LBY": ("Libya", 620),
    "KGZ": ("Kyrgyzstan", 703),
    "THA": ("Thailand", 800),
    "KHM": ("Cambodia", 811),
    "AUS": ("Australia", 900),
    # energy competitors and arms suppliers of Iran (added for derive_energy / derive_arms;
    # COW codes checked against cow-state-system/cow_states_v2016.csv)
    "QAT": ("Qatar", 694),
    "PRK": ("North Korea", 731),
    "BRA": ("Brazil", 140),
    "CHE": ("Switzerland", 225),
    # not a state: the world total of trade statistics (World Bank / IMF aggregate code), added for derive_trade
    "WLD": ("World", None),
}

COW_TO_ISO3: dict[int, str] = {c: iso for iso, (_, c) in COUNTRIES.items() if c is not None}
# COW codes that map onto the same modern state
COW_TO_ISO3[260] = "DEU"  # German Federal Republic 1955-1990
COW_TO_ISO3[305] = "AUT"  # Austria from 1919 (COW 300 is Austria-Hungary, also shown as AUT)


def name(iso3: str) -> str:
    """Display name for an ISO3 code; KeyError names the code if it is unknown."""
    try:
        return COUNTRIES[iso3][0]
    except KeyError:
        raise KeyError(f"unknown country code {iso3!r}: add it to nexus.countries.COUNTRIES") from None


def iso3_from_cow(ccode: int) -> str:
    try:
        return COW_TO_ISO3[int(ccode)]
    except KeyError:
        raise KeyError(f"COW code {ccode} has no ISO3 entry in nexus.countries") from None
