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
}

COW_TO_ISO3: dict[int, str] = {c: iso for iso, (_, c) in COUNTRIES.items() if c is not None}
# COW codes that map onto the same modern state
COW_TO_ISO3[260] = "DEU"  # German Federal Republic 1955-1990


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
