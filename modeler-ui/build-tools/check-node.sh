#!/bin/sh
# Fails the build with a message that says what to do when node or npm is missing or too old.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "modeler-ui: node and npm are required to build the web UI (node 20 or newer)." >&2
  echo "modeler-ui: install them (Debian: apt-get install nodejs npm) or build without the UI: mvn -DskipUi ..." >&2
  exit 1
fi
major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$major" -lt 20 ]; then
  echo "modeler-ui: node $(node --version) is too old; node 20 or newer is required (or build with -DskipUi)." >&2
  exit 1
fi
