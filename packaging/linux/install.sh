#!/bin/sh
# Installs the Linux bundle for the current user: copies this folder to ~/.local/opt/segmenter,
# links the executable into ~/.local/bin, and adds the desktop entry and icon so Segmenter shows
# in the applications menu and in "Open with" for CSV, Excel and OpenDocument files.
# Run it from the unpacked bundle: ./install.sh   (./install.sh --uninstall removes it again)
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
PREFIX=${SEGMENTER_PREFIX:-"$HOME/.local"}
DEST="$PREFIX/opt/segmenter"
DATA=${XDG_DATA_HOME:-"$HOME/.local/share"}

if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$DEST" "$PREFIX/bin/segmenter" "$DATA/applications/segmenter.desktop" \
    "$DATA/icons/hicolor/256x256/apps/segmenter.png"
  echo "Segmenter removed."
  exit 0
fi

mkdir -p "$PREFIX/opt" "$PREFIX/bin" "$DATA/applications" "$DATA/icons/hicolor/256x256/apps"
if [ "$HERE" != "$DEST" ]; then
  rm -rf "$DEST"
  cp -a "$HERE" "$DEST"
fi
ln -sf "$DEST/segmenter" "$PREFIX/bin/segmenter"
cp "$HERE/segmenter.png" "$DATA/icons/hicolor/256x256/apps/segmenter.png"
# The entry names the installed executable by its full path, so it works without ~/.local/bin
# on the PATH.
sed -e "s|^Exec=segmenter|Exec=$DEST/segmenter|" -e "s|^TryExec=segmenter|TryExec=$DEST/segmenter|" \
  "$HERE/segmenter.desktop" > "$DATA/applications/segmenter.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$DATA/applications" || true
echo "Segmenter installed in $DEST (start it from the applications menu or with 'segmenter')."
