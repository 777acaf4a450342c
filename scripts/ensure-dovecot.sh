#!/usr/bin/env bash
# Email tests read a real IMAP server: Debian's Dovecot, started privately by each test file
# (apps/server/test/support/dovecot.ts; no system service is used). Installs it when missing; idempotent.
set -euo pipefail
if [ -x /usr/sbin/dovecot ]; then exit 0; fi
if [ "$(id -u)" != "0" ]; then
  echo "Dovecot is missing: install Debian's package with 'sudo apt-get install -y dovecot-imapd'" >&2
  exit 1
fi
echo "Installing Debian's dovecot-imapd for the email tests…"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq dovecot-imapd >/dev/null
