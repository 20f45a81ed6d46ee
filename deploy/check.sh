#!/usr/bin/env bash
# Offline checks for the files in deploy/: run after editing them, before they reach a server.
# Needs no root, no network and no running services, and writes only to a temporary folder.
# A tool that is not installed is skipped, not failed, so this runs on any laptop or CI runner;
# exit status is non-zero only when a check that did run found a problem.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

failures=0
ok()   { echo "ok    $*"; }
skip() { echo "skip  $*"; }
fail() { echo "FAIL  $*"; failures=$((failures + 1)); }
indent() { sed 's/^/      /'; }

# --- Shell scripts ------------------------------------------------------------------------------
for script in "$here"/*.sh; do
    name="$(basename "$script")"
    if out="$(bash -n "$script" 2>&1)"; then ok "bash -n $name"; else fail "bash -n $name"; indent <<<"$out"; fi
done
if command -v shellcheck >/dev/null 2>&1; then
    if out="$(shellcheck "$here"/*.sh 2>&1)"; then ok "shellcheck"; else fail "shellcheck"; indent <<<"$out"; fi
else
    skip "shellcheck (not installed)"
fi

# --- Environment file ---------------------------------------------------------------------------
# systemd silently ignores lines it cannot parse, so a typo would just be a setting that never applies.
env_file="$here/dropin.env.example"
bad="$(grep -nEv '^[[:space:]]*(#.*)?$|^[A-Za-z_][A-Za-z0-9_]*=' "$env_file" || true)"
if [[ -z "$bad" ]]; then ok "dropin.env.example: every line is KEY=value or a comment"; else fail "dropin.env.example: unparsable lines"; indent <<<"$bad"; fi
# The sandbox makes everything but ReadWritePaths read-only, so the data folder must be listed there.
data_folder="$(sed -n 's/^DropIn__DataFolder=//p' "$env_file" | tr -d '"')"
if [[ -n "$data_folder" ]] && grep -Eq "^ReadWritePaths=(.*[ ])?-?$data_folder/?([ ]|$)" "$here/dropin.service"; then
    ok "DropIn__DataFolder ($data_folder) is in the unit's ReadWritePaths"
else
    fail "DropIn__DataFolder (${data_folder:-unset}) is not in dropin.service ReadWritePaths"
fi

# --- systemd unit -------------------------------------------------------------------------------
if command -v systemd-analyze >/dev/null 2>&1; then
    unit="$tmp/dropin.service"
    cp "$here/dropin.service" "$unit"
    note=""
    # verify insists that the ExecStart program exists; without the .NET runtime on this machine,
    # check everything else with a stand-in.
    if [[ ! -x /usr/bin/dotnet ]]; then
        sed -i 's|^ExecStart=/usr/bin/dotnet |ExecStart=/bin/true |' "$unit"
        note=" (no /usr/bin/dotnet here: ExecStart checked with /bin/true)"
    fi
    rc=0
    out="$(systemd-analyze verify "$unit" 2>&1)" || rc=$?
    # verify exits 0 after merely warning about unknown or malformed settings, which systemd then
    # ignores at run time - so any message about our unit counts as a failure.
    ours="$(grep -F 'dropin.service' <<<"$out" || true)"
    if (( rc == 0 )) && [[ -z "$ours" ]]; then
        ok "systemd-analyze verify dropin.service$note"
    else
        fail "systemd-analyze verify dropin.service$note"
        indent <<<"$out"
    fi
else
    skip "systemd-analyze verify (systemd-analyze not installed)"
fi

# --- nginx site ---------------------------------------------------------------------------------
if ! command -v nginx >/dev/null 2>&1; then
    skip "nginx -t (nginx not installed)"
elif ! command -v openssl >/dev/null 2>&1; then
    skip "nginx -t (openssl not installed; needed for a throw-away certificate)"
else
    # nginx -t opens the certificate and log files, which exist only on the server; point them at
    # throw-away copies and give nginx a minimal main config that includes the site, as
    # /etc/nginx/nginx.conf would (inside http { }).
    openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=dropin.example.ac.uk" \
        -keyout "$tmp/privkey.pem" -out "$tmp/fullchain.pem" >/dev/null 2>&1
    # nginx -t also binds the listen ports: move 80/443 to unprivileged ports so this works without
    # root, and drop the IPv6 listens on machines (often CI containers) that have no IPv6.
    sed -e "s|^\([[:space:]]*ssl_certificate\)[[:space:]].*;|\1 $tmp/fullchain.pem;|" \
        -e "s|^\([[:space:]]*ssl_certificate_key\)[[:space:]].*;|\1 $tmp/privkey.pem;|" \
        -e "s|/var/log/nginx/|$tmp/|g" \
        -e 's/^\([[:space:]]*listen[[:space:]]\{1,\}\(\[::\]:\)\{0,1\}\)80\([; ]\)/\118080\3/' \
        -e 's/^\([[:space:]]*listen[[:space:]]\{1,\}\(\[::\]:\)\{0,1\}\)443\([; ]\)/\118443\3/' \
        "$here/nginx/dropin.conf" >"$tmp/dropin.conf"
    [[ -e /proc/net/if_inet6 ]] || sed -i '/^[[:space:]]*listen[[:space:]]\{1,\}\[::\]/d' "$tmp/dropin.conf"
    # nginx creates its temp folders even for -t; keep them in $tmp too (only for modules built in).
    temp_paths="client_body_temp_path $tmp/client_body; proxy_temp_path $tmp/proxy;"
    for module in fastcgi uwsgi scgi; do
        nginx -V 2>&1 | grep -q -- "--without-http_${module}_module" || temp_paths+=" ${module}_temp_path $tmp/$module;"
    done
    cat >"$tmp/nginx.conf" <<CONF
pid $tmp/nginx.pid;
error_log $tmp/error.log;
events {}
http {
    access_log $tmp/access.log;
    $temp_paths
    include $tmp/dropin.conf;
}
CONF
    args=(-t -p "$tmp/" -c "$tmp/nginx.conf")
    # -e (nginx >= 1.19.5) keeps nginx from opening its compiled-in error log before reading the config.
    if nginx -h 2>&1 | grep -q -- '-e filename'; then args+=(-e "$tmp/error.log"); fi
    rc=0
    out="$(nginx "${args[@]}" 2>&1)" || rc=$?
    if (( rc == 0 )); then
        ok "nginx -t nginx/dropin.conf ($(nginx -v 2>&1 | sed 's|.*/||'))"
        # Show warnings (e.g. deprecated directives on a newer nginx), not the success lines.
        warnings="$(grep -v -e 'syntax is ok' -e 'test is successful' <<<"$out" || true)"
        [[ -z "$warnings" ]] || indent <<<"$warnings"
    else
        fail "nginx -t nginx/dropin.conf"
        indent <<<"$out"
    fi
fi

if (( failures > 0 )); then
    echo "$failures check(s) failed"
    exit 1
fi
echo "all checks that could run passed"
