#!/usr/bin/env bash
# Assembles a private dotnet root that holds the .NET 11 runtime and nothing older, to check that the programs roll
# forward (README.md, "On a newer .NET"). Usage, from anywhere:
#
#     bash tests/scripts/dotnet11-root.sh [ROOT]        ROOT defaults to /tmp/dotnet11
#
# Then run a built program on it:  DOTNET_ROOT=ROOT ROOT/dotnet path/to/Program.dll
#
# NuGet serves the runtime as a runtime pack (Microsoft.NETCore.App.Runtime.linux-x64), the layout a self-contained
# publish copies from: managed assemblies in runtimes/linux-x64/lib/net11.0, native libraries (the runtime, the JIT,
# libhostfxr.so, libhostpolicy.so) in runtimes/linux-x64/native. A dotnet root wants the shared-framework layout:
#
#     ROOT/dotnet                                        the muxer (not in the pack: the installed SDK's copy; it only finds hostfxr)
#     ROOT/host/fxr/11.0.0/libhostfxr.so                 picks the framework version
#     ROOT/shared/Microsoft.NETCore.App/11.0.0/…         the pack's lib/net11.0 and native files (with its deps.json)
set -euo pipefail

root=${1:-/tmp/dotnet11}
# The root is replaced; refuse anything that is not empty and not a root this script made.
if [ -e "$root" ] && [ -n "$(ls -A "$root" 2>/dev/null)" ] && [ ! -f "$root/dotnet" ]; then
  echo "error: $root exists and is not a dotnet root made by this script: give an empty or new folder." >&2
  exit 2
fi
version=11.0.0
rid=linux-x64
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A throwaway project whose restore downloads the pack, into a package folder of its own.
cat > "$work/download.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
  </PropertyGroup>
  <ItemGroup>
    <PackageDownload Include="Microsoft.NETCore.App.Runtime.$rid" Version="[$version]" />
  </ItemGroup>
</Project>
XML
# No Directory.Build.props or Directory.Packages.props above the temp folder is wanted: an empty pair stops the search.
echo '<Project />' > "$work/Directory.Build.props"
echo '<Project />' > "$work/Directory.Packages.props"
dotnet restore "$work/download.csproj" --packages "$work/packages" >&2

pack="$work/packages/microsoft.netcore.app.runtime.$rid/$version/runtimes/$rid"
rm -rf "$root"
framework="$root/shared/Microsoft.NETCore.App/$version"
mkdir -p "$framework" "$root/host/fxr/$version"
cp "$pack"/lib/net11.0/* "$framework/"
cp "$pack"/native/* "$framework/"
mv "$framework/libhostfxr.so" "$root/host/fxr/$version/"

muxer=$(readlink -f "$(command -v dotnet)")
cp "$muxer" "$root/dotnet"

echo "$root: $(DOTNET_ROOT="$root" "$root/dotnet" --list-runtimes | tr '\n' ' ')" >&2
