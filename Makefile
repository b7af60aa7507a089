# The Iran–Russia Nexus: one place for every command. Run `make help`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
BOOK_FLAGS := -W -n --keep-going
PDF := _build/latex/iran-russia-nexus.pdf
# Debian packages of the PDF edition (.ci/run installs them where missing)
TEX_DEBS := texlive-xetex texlive-latex-extra texlive-fonts-recommended texlive-plain-generic latexmk poppler-utils fonts-freefont-otf
STAMP := $(VENV)/.installed

.PHONY: help setup book pdf test check data data-check stamp execute clean lint bench lab chapter linkcheck audit

help:
	@echo "make book      set up .venv and build the HTML book into _build/html"
	@echo "make pdf       set up .venv and build the PDF edition into $(PDF) (needs TeX Live: see README)"
	@echo "make test      set up .venv and run every test (data, package, notebooks, build, references)"
	@echo "make check     the fast tier (< 30 s): package, data layer, references, lint, a fixture book"
	@echo "make data      re-derive data/ from ../shared/data (NEXUS_RAW_DATA to override) and the manifest"
	@echo "make stamp     write each notebook's data checksums into its setup cell"
	@echo "make execute   re-execute every notebook in place (after a code or data change)"
	@echo "make linkcheck check the external links (needs the network; the weekly workflow runs it)"
	@echo "make audit     Lighthouse on every page; scores into benchmarks/README.md"
	@echo "make bench     time cold/warm/edit builds against a trivial baseline (BENCH_FLAGS=--skip-tests)"
	@echo "make lab       set up .venv with JupyterLab, register the book's kernel, open notebooks/"
	@echo "make chapter N=06 ARGS='-p COMPARE CHN'   rerun one chapter with other parameters into _build/runs/"
	@echo "make chapter N=06 HELP=1                  list that chapter's parameters"
	@echo "make clean     remove _build"

$(STAMP): requirements.lock requirements-lab.lock requirements-cff.lock pyproject.toml package-lock.json
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON) not found); set PYTHON=..."; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check -c requirements.lock -r requirements-lab.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	test -x $(VENV)/cff/bin/python || $(PYTHON) -m venv $(VENV)/cff
	$(VENV)/cff/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-cff.lock
	@command -v npm >/dev/null || { echo "npm is needed for the accessibility tests (axe-core): apt-get install nodejs npm"; exit 1; }
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(STAMP)

setup: $(STAMP)

book: $(STAMP)
	$(VENV)/bin/jupyter-book build . $(BOOK_FLAGS)
	@echo "The book is in _build/html/index.html"

# The PDF edition: jupyter-book's LaTeX builder and xelatex, warnings as errors like the HTML.
pdf: $(STAMP)
	@for t in xelatex latexmk; do command -v $$t >/dev/null || { echo "make pdf needs $$t: apt-get install $(TEX_DEBS)"; exit 1; }; done
	$(VENV)/bin/jupyter-book build . --builder pdflatex $(BOOK_FLAGS)
	@echo "The PDF is $(PDF)"

# JupyterLab (requirements-lab.lock, installed by setup on top of the book's lock) with the book's
# kernel registered inside .venv (nothing is written to your home), opened at notebooks/.
# LAB_ARGS passes options to jupyter lab (e.g. LAB_ARGS=--no-browser).
KERNEL := iran-russia-nexus
lab: $(STAMP)
	$(PY) -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Iran–Russia Nexus (.venv)" >/dev/null
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks $(LAB_ARGS)

# One chapter rerun with other parameters (papermill), for a teacher: the result is
# _build/runs/<chapter>.ipynb; the committed notebook is not touched.
chapter: $(STAMP)
	@test -n "$(N)" || { echo "usage: make chapter N=06 [ARGS='-p NAME VALUE ...'] [HELP=1]"; exit 2; }
	$(PY) -m nexus.nbtools chapter $(N) $(if $(HELP),--help-parameters,$(ARGS))

# The tests run with the network unavailable where the machine allows it (root: a network
# namespace with only loopback), proving that neither the build nor any test fetches anything.
test: $(STAMP)
	@if unshare -n true 2>/dev/null && command -v ip >/dev/null; then \
	  echo "make test: running offline (unshare -n, loopback only)"; \
	  unshare -n sh -c 'ip link set lo up && NEXUS_OFFLINE=1 $(PY) -m pytest'; \
	else \
	  echo "make test: unshare not available here; running with the network as it is"; \
	  $(PY) -m pytest; \
	fi

# The fast tier: every test that neither builds the whole book nor executes a chapter.
check: $(STAMP)
	$(PY) -m pytest tests -q -m "not slow"

# The external links (bibliography, data sources): Sphinx's linkcheck builder, report in
# _build/linkcheck/output.txt and output.json. Needs the network (not part of make test).
linkcheck: $(STAMP)
	$(VENV)/bin/jupyter-book build . --builder linkcheck

# Lighthouse on every page of the built book (make book first), served with gzip and cache
# headers as on GitHub Pages; the scores go into benchmarks/README.md (nexus.audit).
audit: $(STAMP)
	test -f _build/html/index.html || $(MAKE) book
	$(PY) -m nexus.audit

data: $(STAMP)
	$(PY) data/scripts/build.py
	$(PY) -m nexus.appendix
	$(PY) -m nexus.ledger
	$(PY) -m nexus.interactive
	$(PY) -m nexus.nbtools stamp

data-check: $(STAMP)
	$(PY) data/scripts/build.py --check

stamp: $(STAMP)
	$(PY) -m nexus.nbtools stamp

execute: $(STAMP)
	$(PY) -m nexus.nbtools execute

lint: $(STAMP)
	$(VENV)/bin/ruff check src data/scripts tests

clean:
	rm -rf _build

# Speed and size (not part of the tests): cold/warm/one-edit/data-change builds against a
# baseline book of trivial notebooks, the test suite, HTML size. See benchmarks/README.md.
BENCH_FLAGS ?=
bench: $(STAMP)
	$(PY) benchmarks/run.py $(BENCH_FLAGS)
