"""Facts about the project that are written once, in ``_config.yml``, and read from here.

* :func:`edition` and :func:`released`: ``parse.myst_substitutions`` (the book's edition and its
  release date; ``CITATION.cff`` and the how-to-cite page are checked against them);
* :func:`repository_url`: ``repository.url``, where the book is published. The launch buttons,
  the rerun block of every chapter (:mod:`nexus.rerun`), ``CITATION.cff`` and the how-to-cite
  page use it; set it to where you publish the book.
"""
from __future__ import annotations

from functools import lru_cache

from . import paths


@lru_cache(maxsize=1)
def config() -> dict:
    import yaml

    return yaml.safe_load((paths.ROOT / "_config.yml").read_text(encoding="utf-8"))


def edition() -> str:
    return str(config()["parse"]["myst_substitutions"]["edition"])


def released() -> str:
    return str(config()["parse"]["myst_substitutions"]["released"])


def repository_url() -> str:
    return str(config()["repository"]["url"]).rstrip("/")
