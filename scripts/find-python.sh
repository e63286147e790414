#!/bin/sh
# Prints the path of a Python >= 3.12 (Django 6 needs it), or fails with a clear message.
for candidate in "${PYTHON:-}" python3.14 python3.13 python3.12 python3 python; do
  [ -n "$candidate" ] || continue
  path=$(command -v "$candidate" 2>/dev/null) || continue
  if "$path" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then
    echo "$path"; exit 0
  fi
done
echo "Pembina needs Python 3.12 or newer (set PYTHON=/path/to/python3.12)." >&2
exit 1
