#!/usr/bin/env bash
# The Secrets the production overlay needs, from values you give (nothing is made up here): run it with each variable
# below set, e.g. from your secret store, before the first `kubectl apply -k deploy/kubernetes/overlays/production`.
# It creates the namespace too, and running it again updates the Secrets (restart the Deployments to use them:
# kubectl -n ecommerce rollout restart deployment).
#
#   MONGODB_URI           the managed replica set, as the application's user (readWrite on ecommerce only, as
#                         mongo/init-mongo.js makes it): mongodb://USER:PASSWORD@HOST1,HOST2,HOST3/ecommerce?replicaSet=NAME&authSource=ecommerce
#                         (or mongodb+srv://USER:PASSWORD@CLUSTER/ecommerce)
#   RABBITMQ_URI          the cluster's nodes, comma-separated: amqps://USER:PASSWORD@HOST1:5671,amqps://USER:PASSWORD@HOST2:5671
#   REDIS_PASSWORD        the managed Redis' password (its host is in the overlay's ConfigMap ecommerce-stores)
#   ORDER_SERVICE_CLIENT_SECRET                                   order-service's own client secret
#   AUTH_STOREFRONT_SECRET_HASH, AUTH_BACKOFFICE_SECRET_HASH,
#   AUTH_ORDER_SERVICE_SECRET_HASH                                the clients' secrets' hashes (scripts/stack hash-secret)
#   SIGNING_KEY_PEM       the file of auth-service's signing key (openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048)
#   TLS_CERT, TLS_KEY     optional: the Ingress' certificate and key files, unless cert-manager makes ecommerce-tls
set -euo pipefail

NAMESPACE=${NAMESPACE:-ecommerce}
: "${MONGODB_URI:?set MONGODB_URI (see the top of this script)}"
: "${RABBITMQ_URI:?set RABBITMQ_URI}"
: "${REDIS_PASSWORD:?set REDIS_PASSWORD}"
: "${ORDER_SERVICE_CLIENT_SECRET:?set ORDER_SERVICE_CLIENT_SECRET}"
: "${AUTH_STOREFRONT_SECRET_HASH:?set AUTH_STOREFRONT_SECRET_HASH}"
: "${AUTH_BACKOFFICE_SECRET_HASH:?set AUTH_BACKOFFICE_SECRET_HASH}"
: "${AUTH_ORDER_SERVICE_SECRET_HASH:?set AUTH_ORDER_SERVICE_SECRET_HASH}"
: "${SIGNING_KEY_PEM:?set SIGNING_KEY_PEM to the signing key file}"

# shellcheck source=../../application-secrets.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../application-secrets.sh"
apply_application_secrets "$SIGNING_KEY_PEM"
if [[ -n ${TLS_CERT:-} ]]; then
  apply create secret tls ecommerce-tls --cert="$TLS_CERT" --key="$TLS_KEY"
fi
