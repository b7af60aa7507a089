"""How every chart looks: one style file, one colour per actor, one size.

Colours of the actors
---------------------
Every recurring actor has one colour in every chart of the book, looked up with
:func:`color` by ISO3 code or group key (:data:`ACTOR_COLORS`):

=========  =========  =========================================================
key        colour     who
=========  =========  =========================================================
``IRN``    green      Iran
``RUS``    vermilion  Russia (and the USSR)
``USA``    blue       the United States
``CHN``    charcoal   China
``SYR``    mauve      Syria
``ISR``    sky        Israel (a light colour: draw it at least 2 pt wide, or as bars)
``GCC``    amber      the Gulf states: the GCC as a group and each member
                      (Saudi Arabia, the UAE, Qatar, Kuwait, Bahrain, Oman) take one colour
``TUR``    brown      Turkey
``E3``     navy       the EU and the E3: Germany, France, the UK and the EU take one colour
``UKR``    yellow     Ukraine (a light colour: use it for bars and areas, or 2 pt lines)
other      grey       any other state, or "all others"
=========  =========  =========================================================

The colours were chosen so that every two of them (and the grey) stay apart by at least
:data:`MIN_DISTANCE` in CAM02-UCS, in normal vision and simulated deuteranopia, protanopia
and tritanopia (``tests/test_style.py``). Iran and Russia keep the Okabe-Ito green and
vermilion of earlier editions; the US blue is darker than Okabe-Ito's so that it stays apart
from Iran's green for a tritanope.

Several "other" states in one chart are all grey and are told apart by line style and marker
(:func:`other_style`) and by a direct label. A measure that belongs to no actor (a ratio, a
price, a total) is drawn in :data:`INK`.

Pairs
-----
A measure of a directed pair (Russia's arms to Iran, Russia's statements about Iran) is drawn
in the colour of the first actor, the sender: ``pair_color("RUS", "IRN") == color("RUS")``.
The direction is shown by the line style: an actor's own series (its GDP, its capabilities)
is a solid line; a flow from it to a partner is a dashed line with the partner named in the
label (:func:`pair_style`). An undirected measure of a pair (agreement of two states' votes)
is a solid line in the colour of the actor named first: name first the actor that varies
between the chart's lines (Iran's agreement with the USSR and with the US: ``pair_color("RUS",
"IRN")`` and ``pair_color("USA", "IRN")``), or, if none varies, the pair as the book names it
(Russia in "Russia–Iran").

Size
----
Figures are :data:`FIGSIZE` inches wide, the width at which the book shows them at desktop
width (672 CSS px at 96 px per inch), and rendered at :data:`DPI` (2×) so that they are sharp
on high-density screens. Every text is at least :data:`MIN_FONT_PT` points at that size.
"""
from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # headless and deterministic; notebooks still display inline PNGs
import matplotlib.pyplot as plt  # noqa: E402

STYLE_FILE = Path(__file__).with_name("nexus.mplstyle")

# Okabe-Ito: kept for categories that are not actors (kinds of events, vote choices)
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

#: the colour of a measure that belongs to no actor (a ratio, a price, a total)
INK = "#000000"
#: the colour of "other" states and of "all others"
OTHER = "#BBBBBB"

#: one colour per recurring actor, keyed by ISO3 code or group key
ACTOR_COLORS = {
    "IRN": "#009E73",  # green (Okabe-Ito)
    "RUS": "#D55E00",  # vermilion (Okabe-Ito)
    "USA": "#1F4E9C",  # blue
    "CHN": "#4D4D4D",  # charcoal
    "SYR": "#8E6C8A",  # mauve
    "ISR": "#66CCEE",  # sky (Tol's cyan)
    "GCC": "#E69F00",  # amber (Okabe-Ito orange)
    "TUR": "#663300",  # brown
    "E3": "#1F1F5F",   # navy
    "UKR": "#F0E442",  # yellow (Okabe-Ito)
}

#: members that take their group's colour
GROUPS = {
    "GCC": ("SAU", "ARE", "QAT", "KWT", "BHR", "OMN"),
    "E3": ("DEU", "FRA", "GBR", "EU", "EUU"),
}
_ALIASES = {member: group for group, members in GROUPS.items() for member in members}
_ALIASES["SUN"] = "RUS"  # the USSR is drawn as Russia

#: the actors of the book, in the order of the colour cycle
ACTORS = tuple(ACTOR_COLORS)

#: minimum CAM02-UCS distance between two actor colours (and "other") in normal vision and
#: each simulated colour-vision deficiency; tests/test_style.py checks it
MIN_DISTANCE = 15.0

#: line style of an actor's own series, and of a flow from it to a partner
OWN_LINESTYLE = "-"
PAIR_LINESTYLE = "--"

# several grey "other" states in one chart: told apart by line style and marker
_OTHER_STYLES = [("-", "o"), ("--", "s"), (":", "^"), ("-.", "D"), ((0, (5, 1, 1, 1)), "v")]

# figure size (inches): the displayed width at 96 CSS px per inch (672 px); PNGs at 2×
FIGSIZE = (7.0, 4.4)
DPI = 192
#: the smallest text of any chart, in points at the displayed size
MIN_FONT_PT = 11
# metadata written into PNGs: fixed, so two builds give identical bytes
PNG_METADATA = {"Software": None}


def color(key: str) -> str:
    """The fixed colour of an actor (ISO3 code or group key); grey for any other state.

    Members of a group take the group's colour (``color("SAU") == color("GCC")``,
    ``color("DEU") == color("E3")``); the USSR (``SUN``) is drawn as Russia.
    """
    key = _ALIASES.get(key, key)
    return ACTOR_COLORS.get(key, OTHER)


def pair_color(src: str, tgt: str) -> str:
    """The colour of a measure of the pair (src, tgt): the colour of the first actor."""
    del tgt  # the partner is named in the label; the line style shows the direction
    return color(src)


def pair_style(src: str, tgt: str | None = None) -> dict:
    """Keyword arguments for ``ax.plot`` of a series of ``src`` (``tgt=None``: its own series,
    solid) or of a flow from ``src`` to ``tgt`` (dashed), in ``src``'s colour."""
    if tgt is None:
        return {"color": color(src), "ls": OWN_LINESTYLE}
    return {"color": pair_color(src, tgt), "ls": PAIR_LINESTYLE}


def other_style(i: int) -> dict:
    """Keyword arguments for the i-th grey "other" state of a chart (line style and marker)."""
    ls, marker = _OTHER_STYLES[i % len(_OTHER_STYLES)]
    return {"color": OTHER, "ls": ls, "marker": marker}


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
