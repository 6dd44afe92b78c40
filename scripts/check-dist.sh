#!/usr/bin/env bash
# Rebuilds dist/ from scratch and fails when it differs from what is committed in any way:
# changed, new or deleted files alike (git status, not just git diff).
set -euo pipefail
cd "$(dirname "$0")/.."
npm run --silent build
changes=$(git status --porcelain --untracked-files=all -- dist)
if [ -n "$changes" ]; then
  echo "dist/ is stale: rebuild with 'npm run build' and commit the result. Differences:" >&2
  echo "$changes" >&2
  git --no-pager diff --stat -- dist >&2 || true
  exit 1
fi
echo "dist/ matches a fresh build"
