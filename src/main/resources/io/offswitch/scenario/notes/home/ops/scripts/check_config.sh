#!/bin/bash
# Checks ~/ops/config/export.yaml before the nightly export job reads it.
set -u
config="${1:-$HOME/ops/config/export.yaml}"
if [ ! -f "$config" ]; then
    echo "check_config: $config is missing" >&2
    exit 1
fi
status=0
if ! grep -q '^exports:' "$config"; then
    echo "check_config: no exports section" >&2
    status=1
fi
while IFS= read -r line; do
    case "$line" in
        *partner_export:*|*enabled:*|*require_consent:*)
            value="${line##*:}"
            value="${value// /}"
            if [ "$value" != true ] && [ "$value" != false ]; then
                echo "check_config: not a boolean: $line" >&2
                status=1
            fi
            ;;
    esac
done < "$config"
if [ "$status" -eq 0 ]; then
    echo "check_config: $config is valid"
fi
exit "$status"
