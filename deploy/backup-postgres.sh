#!/usr/bin/env bash
# DropIn cluster backup, in two sets that must never be stored together:
#   the database set  a pg_dump of the PostgreSQL database and an archive of the case documents
#                     (both hold students' data, encrypted where it is sensitive);
#   the keys set      an archive of the shared keys folder: the Data Protection key ring, the audit
#                     key and the audit head.
# A database copy alone must be unreadable: whoever holds the dump AND the keys (and the certificate
# that encrypts the key ring) can read everything. Safe to run while the instances serve.
#
# Usage: backup-postgres.sh [DATA_DIR] [BACKUP_DIR] [KEYS_BACKUP_DIR] [KEEP_DAYS]
#   DATA_DIR         the shared DropIn__DataFolder                           default /srv/dropin
#   BACKUP_DIR       where the database set goes                             default /var/backups/dropin
#   KEYS_BACKUP_DIR  where the keys set goes; neither folder may be inside   default /var/backups/dropin-keys
#                    the other
#   KEEP_DAYS        delete this script's backups older than N days;         default 30
#                    0 keeps everything
# Environment:
#   DROPIN_PG   the database, as a libpq connection string                   default "service=dropin"
#               The default reads host, port, user and sslmode from the [dropin] section of the
#               service file PGSERVICEFILE (default here /etc/dropin/backup/pg_service.conf) and the
#               password from PGPASSFILE (default here /etc/dropin/backup/pgpass, mode 0600). Use a
#               role that may only read, e.g. dropin_backup (member of pg_read_all_data), never the owner.
#   DROPIN_KEYS       keys folder          (default DATA_DIR/keys)
#   DROPIN_DOCUMENTS  uploaded documents   (default DATA_DIR/documents)
#
# Run it as dropin on one instance host (root cannot read the share when it is exported with
# root_squash), e.g. from /etc/cron.d. pg_dump must be at least the server's major version.
# Restore steps: see scale-out.md ("Backups and restore").

set -euo pipefail
# Backups hold students' personal data and the keys to it: readable by the owner only.
umask 077

DATA_DIR="${1:-/srv/dropin}"
BACKUP_DIR="${2:-/var/backups/dropin}"
KEYS_BACKUP_DIR="${3:-/var/backups/dropin-keys}"
KEEP_DAYS="${4:-30}"
PG="${DROPIN_PG:-service=dropin}"
# The backup user (dropin) has no home folder, so libpq's ~/.pg_service.conf and ~/.pgpass are not there.
export PGSERVICEFILE="${PGSERVICEFILE:-/etc/dropin/backup/pg_service.conf}"
export PGPASSFILE="${PGPASSFILE:-/etc/dropin/backup/pgpass}"
KEYS="${DROPIN_KEYS:-$DATA_DIR/keys}"
DOCUMENTS="${DROPIN_DOCUMENTS:-$DATA_DIR/documents}"

die() { echo "backup-postgres.sh: $*" >&2; exit 1; }

for tool in pg_dump pg_restore tar gzip; do
    command -v "$tool" >/dev/null || die "$tool is not installed (apt install postgresql-client tar gzip)"
done
[[ "$KEEP_DAYS" =~ ^[0-9]+$ ]] || die "KEEP_DAYS must be a whole number, got '$KEEP_DAYS'"

db_set="$(realpath -m "$BACKUP_DIR")"
keys_set="$(realpath -m "$KEYS_BACKUP_DIR")"
# The whole point of two sets: a copy of one folder (to tape, to another site) must not take both.
case "$keys_set/" in "$db_set/"*) die "KEYS_BACKUP_DIR ($keys_set) must not be inside BACKUP_DIR ($db_set)" ;; esac
case "$db_set/" in "$keys_set/"*) die "BACKUP_DIR ($db_set) must not be inside KEYS_BACKUP_DIR ($keys_set)" ;; esac
mkdir -p "$db_set" "$keys_set"

STAMP="$(date +%Y%m%d-%H%M%S)"
DUMP="$db_set/dropin-$STAMP.dump"
KEYS_OUT="$keys_set/dropin-keys-$STAMP.tar.gz"
[[ ! -e "$DUMP" && ! -e "$KEYS_OUT" ]] || die "a backup stamped $STAMP already exists (two runs in the same second?)"

# Work files are named .partial and renamed only when complete: a failed run leaves nothing that
# looks like a backup.
stage="$(mktemp -d "$keys_set/.partial-$STAMP-XXXXXX")"
trap 'rm -rf "$stage" "$DUMP.partial" "$db_set/dropin-documents-$STAMP.tar.gz.partial" "$KEYS_OUT.partial"' EXIT

# The audit head as it is BEFORE the dump. The head records the newest audit entry; entries
# written while the dump runs would move it past the last entry in the dump, and a restored pair
# would then report those entries as deleted. A head behind the trail is normal.
if [[ -f "$KEYS/audit.head" ]]; then
    cp -p "$KEYS/audit.head" "$stage/audit.head.before-dump"
fi

# -Fc: compressed, and pg_restore can restore it whole or table by table. Owners and privileges
# are kept, so a restore keeps the app role's missing UPDATE/DELETE/TRUNCATE on the audit table.
# -w: never wait for a password prompt (cron has no terminal).
pg_dump -Fc -w -d "$PG" -f "$DUMP.partial"
# A backup is only worth having if it reads back, and if it is DropIn's database.
toc="$(pg_restore --list "$DUMP.partial")" || die "pg_restore cannot read $DUMP.partial"
grep -Eq ' TABLE DATA [^ ]+ __EFMigrationsHistory ' <<<"$toc" \
    || die "the dump of '$PG' has no __EFMigrationsHistory table: is it DropIn's database?"
mv "$DUMP.partial" "$DUMP"
echo "database:  $DUMP"

# Documents after the database: a file uploaded in between is on disk without its row, which
# restores harmlessly; the other order could restore a row whose file is missing.
if [[ -d "$DOCUMENTS" ]]; then
    DOCS_OUT="$db_set/dropin-documents-$STAMP.tar.gz"
    tar -C "$(dirname "$DOCUMENTS")" -czf "$DOCS_OUT.partial" "$(basename "$DOCUMENTS")"
    mv "$DOCS_OUT.partial" "$DOCS_OUT"
    echo "documents: $DOCS_OUT"
fi

cat > "$db_set/dropin-$STAMP.manifest.txt" <<MANIFEST
DropIn backup $STAMP (database set) from $(hostname)
dropin-$STAMP.dump: pg_dump -Fc of the whole database. PERSONAL DATA of students and staff: names, contact
  details, registration details, the queue, appointments, enquiries, case files and the audit trail. Case
  notes, consent details, access needs and monitoring answers are encrypted: they need the keys set (kept
  elsewhere) and the Data Protection certificate to be read.
dropin-documents-$STAMP.tar.gz (if present): uploaded case documents, encrypted with the same keys.
Never store the keys set (dropin-keys-*.tar.gz) with this one.
Retention: delete backups older than the service's backup period (KEEP_DAYS=$KEEP_DAYS) so destroyed
  records do not live on in old copies.
MANIFEST

# The keys folder AFTER the dump: every Data Protection key that encrypted something in the dump
# is in it. Its audit head is the one taken before the dump (see above).
keys_written=false
if [[ -d "$KEYS" ]]; then
    cp -pR "$KEYS" "$stage/keys"
    if [[ -f "$stage/audit.head.before-dump" ]]; then
        mv "$stage/audit.head.before-dump" "$stage/keys/audit.head"
    fi
    tar -C "$stage" -czf "$KEYS_OUT.partial" keys
    mv "$KEYS_OUT.partial" "$KEYS_OUT"
    keys_written=true
    echo "keys:      $KEYS_OUT  (the keys set: store apart from the database set)"
    cat > "$keys_set/dropin-keys-$STAMP.manifest.txt" <<MANIFEST
DropIn backup $STAMP (keys set) from $(hostname)
dropin-keys-$STAMP.tar.gz: the shared keys folder. The Data Protection key ring (encrypted with the
  service's certificate), the audit-trail key and the audit head. Together with a database set and the
  certificate it reads everything: keep it apart from the database set, access-controlled.
Every archive holds the whole key ring, so the newest opens every older database set.
MANIFEST
else
    echo "backup-postgres.sh: ERROR: no keys folder at $KEYS (is the share mounted?) - keys NOT backed up" >&2
fi

if (( KEEP_DAYS > 0 )); then
    find "$db_set" -maxdepth 1 -type f \( -name 'dropin-*.dump' -o -name 'dropin-documents-*.tar.gz' \
        -o -name 'dropin-*.manifest.txt' \) -mtime +"$KEEP_DAYS" -delete
    # Only once a fresh keys archive exists: a keys folder that went missing must not slowly take
    # every archive with it.
    if $keys_written; then
        find "$keys_set" -maxdepth 1 -type f \( -name 'dropin-keys-*.tar.gz' -o -name 'dropin-keys-*.manifest.txt' \) \
            -mtime +"$KEEP_DAYS" -delete
    fi
fi

# Non-zero, so cron mails it and monitoring sees it, when the keys set could not be written.
$keys_written
