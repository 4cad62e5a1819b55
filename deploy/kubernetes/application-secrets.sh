# shellcheck shell=bash
# Sourced by each overlay's create-secrets.sh: the namespace and the Secrets every overlay's applications read (the
# Deployments' secretKeyRef), from variables the overlay's script has set. Each overlay adds its stores' own.
#
#   MONGODB_URI, RABBITMQ_URI, REDIS_PASSWORD                 how the services reach their stores
#   AUTH_STOREFRONT_SECRET_HASH, AUTH_BACKOFFICE_SECRET_HASH,
#   AUTH_ORDER_SERVICE_SECRET_HASH                            the OAuth clients' secrets' hashes, for auth-service
#   ORDER_SERVICE_CLIENT_SECRET                               order-service's own client secret
#   NAMESPACE                                                 where they go

# kubectl's create, made idempotent: rendered, then applied (a second run updates instead of failing).
apply() { kubectl -n "$NAMESPACE" "$@" --dry-run=client -o yaml | kubectl apply -f -; }

# The namespace and the applications' Secrets; $1 is the file of auth-service's signing key.
apply_application_secrets() {
  local signing_key=$1
  kubectl create namespace "$NAMESPACE" --dry-run=client -o yaml | kubectl apply -f -
  apply create secret generic ecommerce-stores \
    --from-literal=MONGODB_URI="$MONGODB_URI" \
    --from-literal=RABBITMQ_URI="$RABBITMQ_URI" \
    --from-literal=REDIS_PASSWORD="$REDIS_PASSWORD"
  apply create secret generic auth-clients \
    --from-literal=AUTH_STOREFRONT_SECRET_HASH="$AUTH_STOREFRONT_SECRET_HASH" \
    --from-literal=AUTH_BACKOFFICE_SECRET_HASH="$AUTH_BACKOFFICE_SECRET_HASH" \
    --from-literal=AUTH_ORDER_SERVICE_SECRET_HASH="$AUTH_ORDER_SERVICE_SECRET_HASH"
  apply create secret generic order-service-client \
    --from-literal=ORDER_SERVICE_CLIENT_SECRET="$ORDER_SERVICE_CLIENT_SECRET"
  apply create secret generic auth-signing-key \
    --from-file=signing-key.pem="$signing_key"
}
