#!/usr/bin/env bash
# DropIn backup: a consistent copy of the SQLite database, an archive of the case documents and an
# archive of the Data Protection keys. Safe to run while the app is serving - no need to stop it.
#
# Usage: backup.sh [DATA_DIR] [BACKUP_DIR] [KEEP_DAYS]
#   DATA_DIR    the app's DropIn__DataFolder                        default /var/lib/dropin
#   BACKUP_DIR  where dated database copies go                      default /var/backups/dropin
#   KEEP_DAYS   delete this script's backups older than N days;     default 30
#               0 keeps everything
# Environment (only if the layout differs):
#   DROPIN_DB               database file, if ConnectionStrings__DropIn moved it (default DATA_DIR/dropin.db)
#   DROPIN_KEYS             Data Protection keys folder                          (default DATA_DIR/keys)
#   DROPIN_DOCUMENTS        uploaded case documents                              (default DATA_DIR/documents)
#   DROPIN_KEYS_BACKUP_DIR  where the keys archive goes; not inside BACKUP_DIR   (default /var/backups/dropin-keys)
#
# Run it as root (e.g. from cron) or as dropin. As root it is still safe: SQLite hands any -wal/-shm
# file it creates to the database's owner, so the service is never locked out of its own files.
#
# ABOUT THE KEYS: the Data Protection keys are what the app uses to encrypt protected data and
# sign-in/antiforgery cookies. A database restored without its keys cannot have that data read
# back, and every user has to sign in again. Together, database + keys are everything needed to
# read the data, so keep the keys archive apart from the database copies (a different, access-
# controlled location or an encrypted store), and copy both off this server.
# Restore steps: see README.md ("Backups and restore").

set -euo pipefail
# Backups hold students' personal data: readable by the owner only.
umask 077

DATA_DIR="${1:-/var/lib/dropin}"
BACKUP_DIR="${2:-/var/backups/dropin}"
KEEP_DAYS="${3:-30}"
DB="${DROPIN_DB:-$DATA_DIR/dropin.db}"
KEYS="${DROPIN_KEYS:-$DATA_DIR/keys}"
DOCUMENTS="${DROPIN_DOCUMENTS:-$DATA_DIR/documents}"
KEYS_BACKUP_DIR="${DROPIN_KEYS_BACKUP_DIR:-/var/backups/dropin-keys}"

die() { echo "backup.sh: $*" >&2; exit 1; }

command -v sqlite3 >/dev/null || die "sqlite3 is not installed (apt install sqlite3)"
[[ -f "$DB" ]] || die "no database at $DB"
[[ "$KEEP_DAYS" =~ ^[0-9]+$ ]] || die "KEEP_DAYS must be a whole number, got '$KEEP_DAYS'"
# A copy of the backup folder (to tape, to another site) must not take the keys with it.
case "$(realpath -m "$KEYS_BACKUP_DIR")/" in "$(realpath -m "$BACKUP_DIR")/"*)
    die "the keys archive folder ($KEYS_BACKUP_DIR) must not be inside $BACKUP_DIR: set DROPIN_KEYS_BACKUP_DIR elsewhere" ;;
esac

STAMP="$(date +%Y%m%d-%H%M%S)"
OUT="$BACKUP_DIR/dropin-$STAMP.db"
# The path is quoted inside a sqlite3 dot-command below, where a ' would end the string.
[[ "$OUT" != *"'"* ]] || die "backup folder must not contain a single quote: $BACKUP_DIR"
[[ ! -e "$OUT.gz" ]] || die "$OUT.gz already exists (two runs in the same second?)"
mkdir -p "$BACKUP_DIR"

# Never leave an uncompressed or half-written copy behind if anything below fails.
work="$(mktemp -d)"
trap 'rm -f "$OUT"; rm -rf "$work"' EXIT

# The audit head as it is BEFORE the database copy. It records the newest audit entry; an entry
# written while the copy is taken would move it past the copy's last entry, and the restored pair
# would then report that entry as deleted. A head behind the trail is normal.
have_head=false
if [[ -f "$KEYS/audit.head" ]]; then
    cp -p "$KEYS/audit.head" "$work/audit.head.before"
    have_head=true
fi

# .backup uses SQLite's online backup API: a consistent snapshot that includes committed changes
# still in the WAL file. Copying dropin.db with cp while the app runs can produce a corrupt copy.
# The timeout rides out a moment of write activity instead of failing with "database is locked".
sqlite3 -cmd ".timeout 10000" "$DB" ".backup '$OUT'"

# A backup is only worth having if it opens.
check="$(sqlite3 "$OUT" "PRAGMA integrity_check;")"
[[ "$check" == "ok" ]] || die "integrity check of $OUT failed: $check"

gzip -9 "$OUT"
echo "database: $OUT.gz"

# Every backup says what it holds, so whoever finds one knows how to treat it.
cat > "$BACKUP_DIR/dropin-$STAMP.manifest.txt" <<MANIFEST
DropIn backup $STAMP from $(hostname)
dropin-$STAMP.db.gz: the whole database. PERSONAL DATA of students and staff: names, contact details,
  registration details, the queue, appointments, enquiries, case files and the audit trail. Case notes,
  consent details, access needs and monitoring answers are encrypted: they need the Data Protection keys
  (keys archive, kept apart) to be read.
dropin-documents-$STAMP.tar.gz (if present): uploaded case documents, encrypted with the same keys.
dropin-keys-$STAMP.tar.gz (in $KEYS_BACKUP_DIR): the Data Protection keys and the audit-trail key. Whoever
  has these and a database copy can read everything: keep them apart and access-controlled.
Retention: students' records are kept 7 years from their last involvement; delete backups older than the
  service's backup period (KEEP_DAYS=$KEEP_DAYS) so destroyed records do not live on in old copies.
MANIFEST
echo "manifest: $BACKUP_DIR/dropin-$STAMP.manifest.txt"

# Documents are taken after the database: a file uploaded in between is on disk without its row,
# which restores harmlessly; the other order could restore a row whose file is missing.
if [[ -d "$DOCUMENTS" ]]; then
    DOCS_OUT="$BACKUP_DIR/dropin-documents-$STAMP.tar.gz"
    tar -C "$(dirname "$DOCUMENTS")" -czf "$DOCS_OUT" "$(basename "$DOCUMENTS")"
    echo "documents: $DOCS_OUT"
fi

keys_written=false
if [[ -d "$KEYS" ]]; then
    mkdir -p "$KEYS_BACKUP_DIR"
    KEYS_OUT="$KEYS_BACKUP_DIR/dropin-keys-$STAMP.tar.gz"
    # The keys after the database (every key that encrypted something in the copy is there), with
    # the audit head from before it (see above).
    cp -pR "$KEYS" "$work/keys"
    if $have_head; then cp -p "$work/audit.head.before" "$work/keys/audit.head"; fi
    tar -C "$work" -czf "$KEYS_OUT" keys
    keys_written=true
    echo "keys:     $KEYS_OUT  (store separately and securely - see the note at the top)"
else
    # Not fatal (the database copy is still good), but loud: cron mails stderr.
    echo "backup.sh: WARNING: no keys folder at $KEYS - keys NOT backed up" >&2
fi

if (( KEEP_DAYS > 0 )); then
    find "$BACKUP_DIR" -maxdepth 1 -type f -name 'dropin-*.db.gz' -mtime +"$KEEP_DAYS" -delete
    find "$BACKUP_DIR" -maxdepth 1 -type f -name 'dropin-documents-*.tar.gz' -mtime +"$KEEP_DAYS" -delete
    find "$BACKUP_DIR" -maxdepth 1 -type f -name 'dropin-*.manifest.txt' -mtime +"$KEEP_DAYS" -delete
    # Each archive holds the whole key ring, so older ones can go - but only once a fresh one
    # exists; otherwise a keys folder that went missing would slowly take every archive with it.
    if $keys_written; then
        find "$KEYS_BACKUP_DIR" -maxdepth 1 -type f -name 'dropin-keys-*.tar.gz' -mtime +"$KEEP_DAYS" -delete
    fi
fi
