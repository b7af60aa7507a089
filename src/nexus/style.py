"""How every chart looks: one style file, one palette, fixed colours per state.

The palette is Okabe & Ito's colour-blind-safe set. Iran and Russia keep the
same colour in every chart of the book.
"""
from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # headless and deterministic; notebooks still display inline PNGs
import matplotlib.pyplot as plt  # noqa: E402

STYLE_FILE = Path(__file__).with_name("nexus.mplstyle")

# Okabe-Ito
PALETTE = {
    "green": "#009E73",
    "vermillion": "#D55E00",
    "blue": "#0072B2",
    "orange": "#E69F00",
    "purple": "#CC79A7",
    "sky": "#56B4E9",
    "yellow": "#F0E442",
    "black": "#000000",
    "grey": "#999999",
}

COUNTRY_COLORS = {
    "IRN": PALETTE["green"],
    "RUS": PALETTE["vermillion"],
    "USA": PALETTE["blue"],
    "CHN": PALETTE["orange"],
    "DEU": PALETTE["purple"],
    "ITA": PALETTE["sky"],
    "KOR": PALETTE["black"],
    "GBR": PALETTE["yellow"],
}

# figure size (inches) and resolution of every PNG in the book
FIGSIZE = (8.0, 4.5)
DPI = 120
# metadata written into PNGs: fixed, so two builds give identical bytes
PNG_METADATA = {"Software": None}


def color(iso3: str) -> str:
    """The fixed colour of a state (grey for states without one)."""
    return COUNTRY_COLORS.get(iso3, PALETTE["grey"])


def apply() -> None:
    """Apply the book's style and deterministic output settings."""
    plt.style.use(str(STYLE_FILE))
    matplotlib.rcParams["savefig.dpi"] = DPI
    matplotlib.rcParams["figure.figsize"] = FIGSIZE
    matplotlib.rcParams["svg.hashsalt"] = "nexus"
    try:  # inline backend in Jupyter: PNG at the book's DPI, no tight bbox (stable size)
        from matplotlib_inline.backend_inline import set_matplotlib_formats

        set_matplotlib_formats("png", dpi=DPI, metadata=PNG_METADATA, bbox_inches=None)
    except Exception:  # noqa: BLE001 - outside IPython there is nothing to set
        pass
