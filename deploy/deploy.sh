#!/usr/bin/env bash
# Builds and pushes the one image (the Dockerfile's default target: `mcp`, no sandbox), then
# deploys every service to Cloud Run from it, each with its component as the container's argument.
#   PROJECT=my-project REGION=us-central1 deploy/deploy.sh [service ...]
# Secrets live in Secret Manager (names below) and reach the containers as env vars.
# Services other than the orchestrator deploy with internal ingress and require
# roles/run.invoker; the orchestrator calls them with ID tokens from the metadata server.
set -euo pipefail
: "${PROJECT:?set PROJECT}" "${REGION:?set REGION}"
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
registry="${REGION}-docker.pkg.dev/${PROJECT}/mcp-orchestrator"
services=("$@")
[ "${#services[@]}" -gt 0 ] || services=(chargebee hubspot firebase gmail classification llm-agent orchestrator)

secret() { printf '            - name: %s\n              valueFrom:\n                secretKeyRef: { name: %s, key: latest }\n' "$1" "$2"; }
plain() { printf '            - name: %s\n              value: "%s"\n' "$1" "$2"; }

# Cloud Run URLs are https://<service>-<project number>.<region>.run.app: each service's own URL
# is the audience of the ID tokens it accepts, and only the orchestrator's account may call it.
number=$(gcloud projects describe "$PROJECT" --format 'value(projectNumber)')
url_of() { printf 'https://%s-%s.%s.run.app' "$1" "$number" "$REGION"; }
orchestrator_sa="orchestrator@${PROJECT}.iam.gserviceaccount.com"

env_for() {
  if [ "$1" != orchestrator ]; then
    plain SERVICE_AUTH_AUDIENCE "$(url_of "$1")"
    plain SERVICE_AUTH_ALLOWED_INVOKERS "$orchestrator_sa"
  fi
  case "$1" in
    chargebee) plain CHARGEBEE_SITE "${CHARGEBEE_SITE:-}"; secret CHARGEBEE_API_KEY chargebee-api-key ;;
    hubspot) secret HUBSPOT_TOKEN hubspot-token ;;
    gmail) plain GMAIL_USER "${GMAIL_USER:-}"; secret GOOGLE_APPLICATION_CREDENTIALS_JSON gmail-service-account ;;
    classification|llm-agent)
      plain LLM_PROVIDER vertex; plain VERTEX_PROJECT "$PROJECT"; plain VERTEX_LOCATION "$REGION"
      plain VERTEX_ENDPOINT_ID "${VERTEX_ENDPOINT_ID:-}" ;;
    orchestrator)
      plain LLM_PROVIDER vertex; plain VERTEX_PROJECT "$PROJECT"; plain VERTEX_LOCATION "$REGION"
      plain VERTEX_ENDPOINT_ID "${VERTEX_ENDPOINT_ID:-}"
      # End users: Firebase ID tokens of the project (FIREBASE_PROJECT_ID, in the template).
      # Operators: Cloud Scheduler's account; the Gmail webhook: the Pub/Sub push account.
      plain PUBLIC_URL "$(url_of orchestrator)"
      plain AUTH_GOOGLE_AUDIENCE "$(url_of orchestrator)"
      plain AUTH_OPERATOR_SERVICE_ACCOUNTS "${SCHEDULER_SA:-scheduler@${PROJECT}.iam.gserviceaccount.com}"
      secret AUTH_AUDIT_KEY auth-audit-key
      plain PIPELINE_WEBHOOK_AUDIENCE "$(url_of orchestrator)/webhooks/gmail"
      plain PIPELINE_WEBHOOK_SERVICE_ACCOUNT "${PUBSUB_SA:-gmail-push@${PROJECT}.iam.gserviceaccount.com}"
      plain GMAIL_USER "${GMAIL_USER:-}"
      plain SERVICE_ID_TOKENS true
      for s in chargebee hubspot firebase gmail classification llm-agent; do
        name=$(echo "$s" | tr 'a-z-' 'A-Z_')_SERVICE_URL
        plain "$name" "$(url_of "$s")"
      done ;;
    *) ;;
  esac
}

image="${registry}/mcp:$(git -C "$root" rev-parse --short HEAD)"
docker build -t "$image" "$root"
docker push "$image"

for svc in "${services[@]}"; do
  ingress=internal; min=0; max=10
  if [ "$svc" = orchestrator ]; then ingress=all; min=1; max=20; fi
  rendered=$(mktemp)
  env_block=$(env_for "$svc")
  sed -e "s|__SERVICE__|$svc|g" -e "s|__IMAGE__|$image|g" -e "s|__PROJECT__|$PROJECT|g" \
      -e "s|__REGION__|$REGION|g" -e "s|__MIN__|$min|g" -e "s|__MAX__|$max|g" -e "s|__INGRESS__|$ingress|g" \
      "$root/deploy/service.yaml.tmpl" | awk -v env="$env_block" '{ if ($0 == "__ENV__") { if (env != "") print env } else print }' > "$rendered"
  gcloud run services replace "$rendered" --project "$PROJECT" --region "$REGION"
  rm -f "$rendered"
done
