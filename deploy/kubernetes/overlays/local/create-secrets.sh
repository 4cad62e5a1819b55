#!/usr/bin/env bash
# The Secrets the local overlay needs, with new random values. Run it from the repository root before the first
# `kubectl apply -k deploy/kubernetes/overlays/local` (it creates the namespace too); it needs kubectl, openssl and
# scripts/stack hash-secret (which builds auth-service when its jar is missing).
#
# The values are made once and kept in .local/kubernetes/ (owner-only, git-ignored): running it again applies the
# same Secrets. That matters: MongoDB's and RabbitMQ's users are made from them when their volumes are empty, and the
# OAuth clients' secrets (clients.env) are what you ask for tokens with. `rm -rf .local/kubernetes` and deleting the
# namespace (its volumes with it) starts over.
set -euo pipefail

NAMESPACE=${NAMESPACE:-ecommerce}
DIR=${SECRETS_DIR:-.local/kubernetes}

random() { openssl rand -base64 24 | tr '+/' '-_'; }
hash_secret() { printf %s "$1" | scripts/stack hash-secret; }

mkdir -p "$DIR"
chmod 700 "$DIR"
umask 077

if [[ ! -f $DIR/secrets.env ]]; then
  storefront=$(random) backoffice=$(random) order_service=$(random)
  storefront_hash=$(hash_secret "$storefront")
  backoffice_hash=$(hash_secret "$backoffice")
  order_service_hash=$(hash_secret "$order_service")
  {
    echo "MONGO_ROOT_USER=root"
    echo "MONGO_ROOT_PASSWORD=$(random)"
    echo "MONGO_APP_USER=ecommerce"
    echo "MONGO_APP_PASSWORD=$(random)"
    echo "RABBITMQ_USER=ecommerce"
    echo "RABBITMQ_PASSWORD=$(random)"
    echo "RABBITMQ_ERLANG_COOKIE=$(openssl rand -hex 32)"
    echo "REDIS_PASSWORD=$(random)"
    echo "ORDER_SERVICE_CLIENT_SECRET=$order_service"
    # A hash has '$' in it: single quotes keep `source` from expanding it.
    echo "AUTH_STOREFRONT_SECRET_HASH='$storefront_hash'"
    echo "AUTH_BACKOFFICE_SECRET_HASH='$backoffice_hash'"
    echo "AUTH_ORDER_SERVICE_SECRET_HASH='$order_service_hash'"
  } > "$DIR/secrets.env.new"
  printf 'STOREFRONT_SECRET=%s\nBACKOFFICE_SECRET=%s\n' "$storefront" "$backoffice" > "$DIR/clients.env"
  mv "$DIR/secrets.env.new" "$DIR/secrets.env"
fi
# auth-service's signing key, made here and never in the cluster (docs/security.md); the replica set's key file.
[[ -f $DIR/signing-key.pem ]] || openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$DIR/signing-key.pem"
[[ -f $DIR/mongodb-keyfile ]] || openssl rand -base64 756 > "$DIR/mongodb-keyfile"

# shellcheck source=/dev/null
source "$DIR/secrets.env"

# Every service reaches the stores by these names (the StatefulSets' pods in this namespace).
MONGODB_URI="mongodb://$MONGO_APP_USER:$MONGO_APP_PASSWORD@mongodb-0.mongodb:27017,mongodb-1.mongodb:27017,mongodb-2.mongodb:27017/ecommerce?replicaSet=rs0&authSource=ecommerce"
RABBITMQ_URI="amqp://$RABBITMQ_USER:$RABBITMQ_PASSWORD@rabbitmq-0.rabbitmq:5672,amqp://$RABBITMQ_USER:$RABBITMQ_PASSWORD@rabbitmq-1.rabbitmq:5672,amqp://$RABBITMQ_USER:$RABBITMQ_PASSWORD@rabbitmq-2.rabbitmq:5672"

# shellcheck source=../../application-secrets.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../application-secrets.sh"
apply_application_secrets "$DIR/signing-key.pem"

# What the stores of this overlay read.
apply create secret generic mongodb \
  --from-literal=MONGO_ROOT_USER="$MONGO_ROOT_USER" \
  --from-literal=MONGO_ROOT_PASSWORD="$MONGO_ROOT_PASSWORD" \
  --from-literal=MONGO_APP_USER="$MONGO_APP_USER" \
  --from-literal=MONGO_APP_PASSWORD="$MONGO_APP_PASSWORD"
apply create secret generic mongodb-keyfile \
  --from-file=keyfile="$DIR/mongodb-keyfile"
apply create secret generic rabbitmq \
  --from-literal=RABBITMQ_USER="$RABBITMQ_USER" \
  --from-literal=RABBITMQ_PASSWORD="$RABBITMQ_PASSWORD" \
  --from-literal=RABBITMQ_ERLANG_COOKIE="$RABBITMQ_ERLANG_COOKIE"

echo "Secrets applied in namespace $NAMESPACE; the storefront's and backoffice's client secrets are in $DIR/clients.env"
