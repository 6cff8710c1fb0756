#!/usr/bin/env bash
# Points a published site at the address it is served under, as GitHub Pages serves it:
#   bash web/set-base-address.sh PUBLISHED/wwwroot /Backprop.NET/
# BASE is "/" for a site at the host's root (a user site, NAME.github.io) and "/REPOSITORY/" for a project site.
# index.html and 404.html (the deep-link fallback) both carry <base href="/" />; every address the site fetches is
# relative to it. Their precompressed copies (.br, .gz) would keep the old base, so they are removed.
# Used by .github/workflows/lessons-site.yml and tested by tests/Backprop.Web.Tests (SiteTests).
set -euo pipefail

if [ "$#" -ne 2 ]; then
  echo "usage: bash web/set-base-address.sh WWWROOT BASE   (BASE like / or /Backprop.NET/)" >&2
  exit 2
fi
root=$1
base=$2
case "$base" in
  /*/ | /) ;;
  *) echo "error: the base address '$base' must start and end with a slash, like /Backprop.NET/" >&2; exit 2 ;;
esac

for page in index.html 404.html; do
  if ! grep -q '<base href="/" />' "$root/$page" 2>/dev/null; then
    echo "error: $root/$page has no <base href=\"/\" />: is $root a freshly published wwwroot?" >&2
    exit 2
  fi
  sed -i "s|<base href=\"/\" />|<base href=\"$base\" />|" "$root/$page"
  rm -f "$root/$page.br" "$root/$page.gz"
done
