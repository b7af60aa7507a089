"""Macroeconomic indicators (World Bank World Development Indicators) of Iran, Russia and comparators.

Source (raw folder): ``worldbank-wdi-selected`` (selected WDI series from the datahub
world-development-indicators package, update of 2026-07-01, in one long CSV).
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from nexus.countries import name

WDI_REPO = "datasets/world-development-indicators@4ebec5a2273f531ba238a34dbe440394dc5a6c4b"
COUNTRIES = ["IRN", "RUS", "USA", "CHN", "DEU", "TUR", "SAU"]
INDICATORS = [
    "NY.GDP.MKTP.CD",     # GDP (current US$)
    "NY.GDP.MKTP.KD.ZG",  # GDP growth (annual %)
    "NY.GDP.PCAP.CD",     # GDP per capita (current US$)
    "FP.CPI.TOTL.ZG",     # Inflation, consumer prices (annual %)
    "PA.NUS.FCRF",        # Official exchange rate (LCU per US$, period average)
    "NE.EXP.GNFS.ZS",     # Exports of goods and services (% of GDP)
    "NE.IMP.GNFS.ZS",     # Imports of goods and services (% of GDP)
    "TG.VAL.TOTL.GD.ZS",  # Merchandise trade (% of GDP)
    "TX.VAL.MRCH.CD.WT",  # Merchandise exports (current US$)
    "TM.VAL.MRCH.CD.WT",  # Merchandise imports (current US$)
    "TX.VAL.FUEL.ZS.UN",  # Fuel exports (% of merchandise exports)
    "NY.GDP.TOTL.RT.ZS",  # Total natural resources rents (% of GDP)
    "MS.MIL.XPND.GD.ZS",  # Military expenditure (% of GDP)
    "SP.POP.TOTL",        # Population, total
]
UNIT_WITHOUT_PARENTHESES = {"SP.POP.TOTL": "persons"}

RESOURCES = [
    dict(
        name="wdi",
        title="GDP, growth, inflation, exchange rate, trade, military spending and population of Iran, Russia and comparators, World Bank WDI 1960–2025",
        description=(
            "Fourteen World Development Indicators for Iran, Russia, the United States, China, Germany, Turkey and "
            "Saudi Arabia, by year: GDP and GDP per capita in current US$, GDP growth, CPI inflation, the official "
            "exchange rate, exports, imports and merchandise trade as shares of GDP, merchandise exports and "
            "imports, fuel exports, natural-resource rents, military expenditure as a share of GDP and population."
        ),
        source="worldbank-wdi-selected",
        raw_files=["wdi_selected_long.csv"],
        publisher="The World Bank",
        version="World Development Indicators, datahub world-development-indicators update of 2026-07-01",
        license="CC BY 4.0",
        bibkey="worldbank2025wdi",
        upstream=f"{WDI_REPO}:indicators/<code>/data.csv",
        years="1960–2025 (Russia from 1988–1996 by indicator, population from 1960; 2021–2025 may be provisional)",
        quirks=[
            "This copy reflects the WDI vintage current on 2026-07-01; later vintages may revise values, and years 2021–2025 may be provisional.",
            "Missing years are absent rows (the upstream file has no rows for them).",
            "The Iranian official exchange rate (PA.NUS.FCRF) is the official/administered rate, not the free-market rate, which diverged strongly in 2012–2013 and after 2018.",
            "Russia's series start between 1988 (GDP) and 1996 (fuel exports), CPI inflation and the official exchange rate in 1993, population in 1960; earlier years are absent, not the USSR's.",
            "MS.MIL.XPND.GD.ZS is SIPRI data redistributed by the World Bank; TX.VAL.FUEL.ZS.UN is a World Bank staff estimate from UN Comtrade; NY.GDP.TOTL.RT.ZS is a World Bank natural-resource-rent estimate.",
            "The unit is the one in the World Bank's indicator name (LCU = local currency units).",
        ],
        primary_key=["iso3", "indicator_code", "year"],
        fields=[
            ("iso3", "string", "ISO3 code"),
            ("country", "string", "country name"),
            ("year", "integer", "year"),
            ("indicator_code", "string", "World Bank indicator code"),
            ("indicator_name", "string", "World Bank indicator name"),
            ("value", "number", "value, in the unit of column unit", "see column unit"),
            ("unit", "string", "unit of value (from the indicator name)"),
        ],
        source_line="World Bank, World Development Indicators",
    )
]


def _unit(code: str, indicator_name: str) -> str:
    if code in UNIT_WITHOUT_PARENTHESES:
        return UNIT_WITHOUT_PARENTHESES[code]
    found = re.findall(r"\(([^()]*)\)", indicator_name)
    if not found:
        raise ValueError(f"WDI indicator {code} ({indicator_name}) has no unit in its name")
    return found[0]


def derive(raw: Path) -> dict[str, pd.DataFrame]:
    src = pd.read_csv(raw / "worldbank-wdi-selected" / "wdi_selected_long.csv")
    missing = set(INDICATORS) - set(src["Indicator Code"])
    if missing:
        raise KeyError(f"WDI file lacks indicators {sorted(missing)}")
    df = src[src["Indicator Code"].isin(INDICATORS) & src["Country Code"].isin(COUNTRIES)].dropna(subset=["Value"])
    df = df.rename(columns={"Country Code": "iso3", "Year": "year", "Indicator Code": "indicator_code",
                            "Indicator Name": "indicator_name", "Value": "value"})
    df["country"] = df["iso3"].map(name)
    df["unit"] = [_unit(c, n) for c, n in zip(df["indicator_code"], df["indicator_name"], strict=True)]
    return {"wdi": df[[f[0] for f in RESOURCES[0]["fields"]]]}
