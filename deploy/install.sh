#!/bin/sh
# Install giamngheo as a service on this Debian machine (run as root from the checkout):
#   the code in /srv/giamngheo, a `giamngheo` system user, a virtualenv, the environment file
#   /etc/giamngheo/giamngheo.env (created from the example with a random SECRET_KEY the first
#   time — edit it, then run this again), migrate/collectstatic/load_units, the systemd units
#   (web, worker, nightly backup) and Caddy in front. Safe to run again after an upgrade.
set -eu
SRC=$(cd "$(dirname "$0")/.." && pwd)
APP=/srv/giamngheo
ETC=/etc/giamngheo
ENVFILE=$ETC/giamngheo.env

apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  python3 python3-venv caddy postgresql-client rsync >/dev/null

id giamngheo >/dev/null 2>&1 || adduser --system --group --home "$APP" --no-create-home giamngheo
mkdir -p "$APP" "$ETC"
if [ "$SRC" != "$APP" ]; then
  rsync -a --delete --exclude .venv --exclude var --exclude staticfiles --exclude .git "$SRC"/ "$APP"/
fi
mkdir -p "$APP/var/media" "$APP/var/backups"
chown -R giamngheo:giamngheo "$APP/var"

if [ ! -f "$ENVFILE" ]; then
  key=$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')
  sed "s|^SECRET_KEY=.*|SECRET_KEY=$key|" "$SRC/deploy/giamngheo.env.example" >"$ENVFILE"
  echo "Created $ENVFILE: set ALLOWED_HOSTS, SITE_ADDRESS, DATABASE_URL, then run this again."
fi
chown root:giamngheo "$ENVFILE"
chmod 640 "$ENVFILE"

python3 -m venv "$APP/.venv"
"$APP/.venv/bin/pip" install --quiet --disable-pip-version-check "$APP"

manage() { (cd "$APP" && set -a && . "$ENVFILE" && set +a && runuser -u giamngheo -- "$APP/.venv/bin/python" manage.py "$@"); }
manage migrate --noinput
manage load_units
manage check --deploy --fail-level WARNING
(cd "$APP" && set -a && . "$ENVFILE" && set +a && "$APP/.venv/bin/python" manage.py collectstatic --noinput -v0)

install -m 644 "$APP"/deploy/systemd/giamngheo-*.service "$APP"/deploy/systemd/giamngheo-*.timer /etc/systemd/system/
mkdir -p /etc/systemd/system/caddy.service.d
install -m 644 "$APP/deploy/systemd/caddy-giamngheo.conf" /etc/systemd/system/caddy.service.d/giamngheo.conf
install -m 644 "$APP/deploy/Caddyfile" /etc/caddy/Caddyfile
systemctl daemon-reload
systemctl enable --now giamngheo-web giamngheo-worker giamngheo-backup.timer
systemctl restart giamngheo-web giamngheo-worker caddy
echo "giamngheo is running; check: curl -k https://\$SITE_ADDRESS/healthz"
