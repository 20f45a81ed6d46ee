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

# --- Environment files and the units that read them ---------------------------------------------
# Each settings file with the unit that reads it: the single server's, and the cluster's template.
declare -A unit_of=([dropin.env.example]=dropin.service [dropin-cluster.env.example]=dropin@.service)
for env_name in dropin.env.example dropin-cluster.env.example; do
    env_file="$here/$env_name"
    unit_name="${unit_of[$env_name]}"
    # systemd silently ignores lines it cannot parse, so a typo would just be a setting that never applies.
    bad="$(grep -nEv '^[[:space:]]*(#.*)?$|^[A-Za-z_][A-Za-z0-9_]*=' "$env_file" || true)"
    if [[ -z "$bad" ]]; then ok "$env_name: every line is KEY=value or a comment"; else fail "$env_name: unparsable lines"; indent <<<"$bad"; fi
    # The sandbox makes everything but ReadWritePaths read-only, so the data folder must be listed there.
    data_folder="$(sed -n 's/^DropIn__DataFolder=//p' "$env_file" | tr -d '"')"
    if [[ -n "$data_folder" ]] && grep -Eq "^ReadWritePaths=(.*[ ])?-?$data_folder/?([ ]|$)" "$here/$unit_name"; then
        ok "$env_name: DropIn__DataFolder ($data_folder) is in $unit_name ReadWritePaths"
    else
        fail "$env_name: DropIn__DataFolder (${data_folder:-unset}) is not in $unit_name ReadWritePaths"
    fi
done
# Cluster only: an instance must not start on the empty folder under an unmounted share, and must
# trust forwarded headers from nginx alone (the variable trusts any sender on the network).
cluster_env="$here/dropin-cluster.env.example"
cluster_folder="$(sed -n 's/^DropIn__DataFolder=//p' "$cluster_env" | tr -d '"')"
if [[ -n "$cluster_folder" ]] && grep -Eq "^RequiresMountsFor=(.*[ ])?$cluster_folder/?([ ]|$)" "$here/dropin@.service"; then
    ok "dropin@.service waits for the share ($cluster_folder) to be mounted"
else
    fail "dropin@.service has no RequiresMountsFor=${cluster_folder:-<DropIn__DataFolder>}"
fi
if grep -q '^ASPNETCORE_FORWARDEDHEADERS_ENABLED=' "$cluster_env"; then
    fail "dropin-cluster.env.example sets ASPNETCORE_FORWARDEDHEADERS_ENABLED (use DropIn__Proxy__KnownProxies)"
else
    ok "dropin-cluster.env.example trusts forwarded headers from KnownProxies only"
fi

# --- systemd units ------------------------------------------------------------------------------
if command -v systemd-analyze >/dev/null 2>&1; then
    for unit_name in dropin.service dropin@.service; do
        # A template is verified as one of its instances.
        checked="${unit_name/@./@check.}"
        unit="$tmp/$checked"
        cp "$here/$unit_name" "$unit"
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
        ours="$(grep -F "$checked" <<<"$out" || true)"
        if (( rc == 0 )) && [[ -z "$ours" ]]; then
            ok "systemd-analyze verify $unit_name$note"
        else
            fail "systemd-analyze verify $unit_name$note"
            indent <<<"$out"
        fi
    done
else
    skip "systemd-analyze verify (systemd-analyze not installed)"
fi

# --- nginx sites --------------------------------------------------------------------------------
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
    # nginx creates its temp folders even for -t; keep them in $tmp too (only for modules built in).
    temp_paths="client_body_temp_path $tmp/client_body; proxy_temp_path $tmp/proxy;"
    for module in fastcgi uwsgi scgi; do
        nginx -V 2>&1 | grep -q -- "--without-http_${module}_module" || temp_paths+=" ${module}_temp_path $tmp/$module;"
    done
    # Each site alone, as on a server: the single-server and the cluster site are alternatives.
    for site in "$here"/nginx/*.conf; do
        name="$(basename "$site")"
        # nginx -t also binds the listen ports: move 80/443 to unprivileged ports so this works without
        # root, and drop the IPv6 listens on machines (often CI containers) that have no IPv6.
        sed -e "s|^\([[:space:]]*ssl_certificate\)[[:space:]].*;|\1 $tmp/fullchain.pem;|" \
            -e "s|^\([[:space:]]*ssl_certificate_key\)[[:space:]].*;|\1 $tmp/privkey.pem;|" \
            -e "s|/var/log/nginx/|$tmp/|g" \
            -e 's/^\([[:space:]]*listen[[:space:]]\{1,\}\(\[::\]:\)\{0,1\}\)80\([; ]\)/\118080\3/' \
            -e 's/^\([[:space:]]*listen[[:space:]]\{1,\}\(\[::\]:\)\{0,1\}\)443\([; ]\)/\118443\3/' \
            "$site" >"$tmp/$name"
        [[ -e /proc/net/if_inet6 ]] || sed -i '/^[[:space:]]*listen[[:space:]]\{1,\}\[::\]/d' "$tmp/$name"
        cat >"$tmp/nginx.conf" <<CONF
pid $tmp/nginx.pid;
error_log $tmp/error.log;
events {}
http {
    access_log $tmp/access.log;
    $temp_paths
    include $tmp/$name;
}
CONF
        args=(-t -p "$tmp/" -c "$tmp/nginx.conf")
        # -e (nginx >= 1.19.5) keeps nginx from opening its compiled-in error log before reading the config.
        if nginx -h 2>&1 | grep -q -- '-e filename'; then args+=(-e "$tmp/error.log"); fi
        rc=0
        out="$(nginx "${args[@]}" 2>&1)" || rc=$?
        if (( rc == 0 )); then
            ok "nginx -t nginx/$name ($(nginx -v 2>&1 | sed 's|.*/||'))"
            # Show warnings (e.g. deprecated directives on a newer nginx), not the success lines.
            warnings="$(grep -v -e 'syntax is ok' -e 'test is successful' <<<"$out" || true)"
            [[ -z "$warnings" ]] || indent <<<"$warnings"
        else
            fail "nginx -t nginx/$name"
            indent <<<"$out"
        fi
    done
fi

if (( failures > 0 )); then
    echo "$failures check(s) failed"
    exit 1
fi
echo "all checks that could run passed"
