# wargame: `make run` starts the REPL on the default scenario, `make test` runs every test.
# Both install what the build needs from Debian's packages first, when it is missing.

SWIFT      ?= swift
# What building and running need, and what only the tests need (tmux types as a person
# types; GNU parallel, a one-node Slurm cluster and headless Chromium are tested).
BUILD_PKGS := liblua5.4-dev libedit-dev pkg-config
TEST_PKGS  := tmux parallel slurm-wlm munge chromium
BIN        := .build/debug/wargame-repl

.PHONY: run test build release bench deps test-deps install-missing clean typings

run: build
	@$(BIN)

# Some suites run on their own, after the rest: the terminal ones (tmux, typed as a
# person types, the exercise server's among them) should not compete with Monte Carlo
# threads for two cores, and the leak test reads the process's resident memory, which
# any suite running beside it would move.
TERMINAL_SUITES := TerminalTests|KillDuringSaveTests|MonteCarloTerminalTests|ExerciseServerHTTPTests|ExerciseServerKillTests
ALONE_SUITES := LeakTests
# Suites that start other programs (a Slurm cluster, GNU parallel, headless Chromium) run
# after the rest too: their load would move the timed sandbox limits of the others.
PROCESS_SUITES := MonteCarloSlurmTests|MonteCarloShardTests|MonteCarloReportTests|AfterActionReportBrowserTests|ExerciseReportBrowserTests|ExerciseServerBrowserTests

test: deps test-deps
	$(SWIFT) build --build-tests
	WARGAME_REPL=$(CURDIR)/$(BIN) $(SWIFT) test --skip-build --skip "$(TERMINAL_SUITES)|$(ALONE_SUITES)|$(PROCESS_SUITES)"
	WARGAME_REPL=$(CURDIR)/$(BIN) $(SWIFT) test --skip-build --filter "$(PROCESS_SUITES)"
	WARGAME_REPL=$(CURDIR)/$(BIN) $(SWIFT) test --skip-build --filter "$(TERMINAL_SUITES)"
	WARGAME_REPL=$(CURDIR)/$(BIN) $(SWIFT) test --skip-build --filter "$(ALONE_SUITES)"

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# Benchmarks print figures (release build); they are not tests.
bench: deps
	$(SWIFT) build -c release --product wargame-bench
	.build/release/wargame-bench

# types/wargame.lua, the annotations for the Lua language server, from the API reference
# (a test fails while the file is stale).
typings: build
	$(BIN) --typings > types/wargame.lua

# Installs the Debian packages that are missing, without asking (apt-get update first:
# on a new machine the package lists can be empty). Uses sudo when not root.
deps:
	@$(MAKE) --no-print-directory install-missing PKGS="$(BUILD_PKGS)"

test-deps:
	@$(MAKE) --no-print-directory install-missing PKGS="$(TEST_PKGS)"

install-missing:
	@missing=""; \
	for p in $(PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi

clean:
	rm -rf .build
