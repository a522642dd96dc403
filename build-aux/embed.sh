#!/bin/sh
# embed.sh NAME FILE - print a C file that defines NAME as FILE's bytes.
set -eu
name=$1
file=$2
printf '/* generated from %s by embed.sh; do not edit */\n' "$(basename "$file")"
printf 'const char %s[] = {\n' "$name"
od -An -v -tu1 "$file" | awk '{ for (i = 1; i <= NF; i++) printf "%s,", $i; printf "\n" }'
printf '0 };\n'
printf 'const unsigned long %s_len = sizeof(%s) - 1;\n' "$name" "$name"
