#!/bin/bash
# extract-vmlinux.sh BZIMAGE OUT
# Pulls the uncompressed kernel ELF out of an x86 bzImage. The boot protocol header
# (>= 2.08) says exactly where the compressed payload is, so no magic scanning over the
# whole file is needed; the magic is still checked to choose the decompressor.
# The uncompressed vmlinux carries the PVH entry note, which lets QEMU boot it directly
# (-kernel vmlinux) without the slow in-guest decompression that dominates TCG boots.
set -euo pipefail
in=$1 out=$2

u8()  { od -An -t u1 -j "$1" -N 1 "$in" | tr -d ' '; }
u32() { od -An -t u4 -j "$1" -N 4 --endian=little "$in" | tr -d ' '; }

[ "$(od -An -c -j $((0x202)) -N 4 "$in" | tr -d ' ')" = HdrS ] || { echo "$in: not a bzImage" >&2; exit 1; }
setup_sects=$(u8 $((0x1f1)))
[ "$setup_sects" -eq 0 ] && setup_sects=4
pm_start=$(( (setup_sects + 1) * 512 ))
off=$(( pm_start + $(u32 $((0x248))) ))
len=$(u32 $((0x24c)))

payload() { tail -c +$((off + 1)) "$in" | head -c "$len"; }
# read the magic straight from the file: a 'payload | head' pipe would die of SIGPIPE under pipefail
magic=$(od -An -t x1 -j "$off" -N 6 "$in" | tr -d ' \n')
case $magic in
  fd377a585a00*) dec=(xz -dc --single-stream) ;;   # trailing 4-byte size would upset plain xz
  28b52ffd*)     dec=(zstd -dcq) ;;
  1f8b*)         dec=(gzip -dc) ;;
  425a68*)       dec=(bzip2 -dc) ;;
  5d0000*)       dec=(xz -dc --format=lzma) ;;
  *) echo "$in: unknown payload magic $magic" >&2; exit 1 ;;
esac
# The appended 4-byte decompressed size makes some decompressors warn; the ELF
# check below is what decides success.
payload | "${dec[@]}" > "$out.part" 2>/dev/null || true
[ "$(od -An -t x1 -N 4 "$out.part" | tr -d ' \n')" = 7f454c46 ] \
  || { echo "$in: decompressed payload is not an ELF" >&2; rm -f "$out.part"; exit 1; }
mv "$out.part" "$out"
