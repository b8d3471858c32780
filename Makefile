# `make <task>` creates .venv with the pinned dependencies on first use, then
# hands the task to invoke (see tasks.py). Needs only Python 3.11+, git and make.
VENV := .venv
PYTHON ?= python3
INSTALLED := $(VENV)/.installed
TASKS := build clean test test-fast audit publish bench

.PHONY: $(TASKS) check serve cms offline-preview
$(TASKS): $(INSTALLED)
	$(VENV)/bin/invoke $@

# `make serve PORT=8080` previews on another port (a busy one: the next free one).
PORT ?= 8000
serve: $(INSTALLED)
	$(VENV)/bin/invoke serve --port $(PORT)

# `make cms`: the same preview, with the editors' interface at /admin/ writing into
# content/ (installs it first; needs Node.js).
cms: $(INSTALLED)
	$(VENV)/bin/invoke cms --port $(PORT)

check: $(INSTALLED)
	$(VENV)/bin/invoke check

# `make offline-preview` builds apercu/, a preview to open from disk (the CI artifact).
offline-preview: $(INSTALLED)
	$(VENV)/bin/invoke offline-preview

$(INSTALLED): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@
