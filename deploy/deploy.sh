#!/usr/bin/env bash
# Builds and pushes the one image (the Dockerfile's default target: `mcp`, no sandbox), then
# deploys every service to Cloud Run from it, each with its component as the container's
# argument, and sets who may invoke each one. See deploy/README.md for the one-time setup
# (service accounts, secrets, roles) this script expects.
#   PROJECT=my-project REGION=us-central1 deploy/deploy.sh [service ...]
# Render only (no gcloud, no docker; writes <service>.yaml, commands.txt and iam-commands.txt):
#   DEPLOY_RENDER_DIR=target/deploy PROJECT=my-project REGION=us-central1 \
#     PROJECT_NUMBER=123456789012 deploy/deploy.sh
#
# Identity (the code's model, common::auth):
# - chargebee, hubspot, firebase, gmail, classification, llm-agent: internal ingress;
#   roles/run.invoker for the orchestrator's service account only; each also checks the
#   caller's Google ID token itself (SERVICE_AUTH_AUDIENCE = its own URL,
#   SERVICE_AUTH_ALLOWED_INVOKERS = the orchestrator's account).
# - orchestrator: ingress all and roles/run.invoker for allUsers: end users, Cloud Scheduler and
#   Pub/Sub reach it and it checks their tokens itself (Firebase ID tokens, AUTH_* and
#   PIPELINE_WEBHOOK_*). It calls the services with ID tokens from the metadata server, through
#   the VPC (Direct VPC egress), as internal ingress requires.
#
# Secrets are Secret Manager references under the variable names the binaries read (gmail's
# service-account key is mounted as a file, GMAIL_CREDENTIALS_FILE).
#
# Optional settings (environment):
#   PROJECT_NUMBER      skips `gcloud projects describe` (required with DEPLOY_RENDER_DIR)
#   IMAGE               deploy this image instead of building and pushing one
#   CHARGEBEE_SITE, GMAIL_USER, VERTEX_ENDPOINT_ID
#   LLM_PROVIDER        vertex (default) | gemini (secret gemini-api-key) | rules
#   GMAIL_AUTH          service-account (default: secret gmail-service-account as a key file) |
#                       refresh-token (GMAIL_CLIENT_ID; secrets gmail-client-secret,
#                       gmail-refresh-token)
#   FIREBASE_PROJECT    the Firebase project of end users and Auth lookups (default: PROJECT)
#   SCHEDULER_SA        operator account (default scheduler@PROJECT.iam.gserviceaccount.com)
#   PUBSUB_SA           Gmail push account (default gmail-push@PROJECT.iam.gserviceaccount.com)
#   VPC_NETWORK, VPC_SUBNET   the orchestrator's Direct VPC egress (default: default, default)
#   ORCHESTRATOR_EXTRA_HOSTS  more Host names the orchestrator's /mcp accepts (custom domains)
set -euo pipefail
: "${PROJECT:?set PROJECT}" "${REGION:?set REGION}"
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
registry="${REGION}-docker.pkg.dev/${PROJECT}/mcp-orchestrator"
all_services=(chargebee hubspot firebase gmail classification llm-agent orchestrator)
callees=(chargebee hubspot firebase gmail classification llm-agent)
services=("$@")
[ "${#services[@]}" -gt 0 ] || services=("${all_services[@]}")
for svc in "${services[@]}"; do
  case " ${all_services[*]} " in *" $svc "*) ;; *) echo "unknown service: $svc" >&2; exit 2 ;; esac
done

render_dir="${DEPLOY_RENDER_DIR:-}"
if [ -n "$render_dir" ]; then
  : "${PROJECT_NUMBER:?set PROJECT_NUMBER with DEPLOY_RENDER_DIR (nothing is looked up when rendering)}"
  mkdir -p "$render_dir"
  : > "$render_dir/commands.txt"
  : > "$render_dir/iam-commands.txt"
fi
# Runs a command, or (render only) writes it to commands.txt instead.
run() {
  if [ -n "$render_dir" ]; then
    printf '%q ' "$@" | sed 's/ $//' >> "$render_dir/commands.txt"
    echo >> "$render_dir/commands.txt"
  else
    "$@"
  fi
}
# An IAM command: as run(), and (render only) listed in iam-commands.txt too.
iam() {
  if [ -n "$render_dir" ]; then
    printf '%q ' "$@" | sed 's/ $//' >> "$render_dir/iam-commands.txt"
    echo >> "$render_dir/iam-commands.txt"
  fi
  run "$@"
}

llm_provider="${LLM_PROVIDER:-vertex}"
case "$llm_provider" in vertex|gemini|rules) ;; *) echo "LLM_PROVIDER: vertex, gemini or rules" >&2; exit 2 ;; esac
gmail_auth="${GMAIL_AUTH:-service-account}"
case "$gmail_auth" in service-account|refresh-token) ;; *) echo "GMAIL_AUTH: service-account or refresh-token" >&2; exit 2 ;; esac
firebase_project="${FIREBASE_PROJECT:-$PROJECT}"
# Settings a deploy should not leave empty (the component would answer not_configured).
warned=" "
warn_unset() {
  local name
  for name in "$@"; do
    [ -z "${!name:-}" ] && [[ "$warned" != *" $name "* ]] || continue
    warned+="$name "
    echo "warning: $name is empty; set it in the environment of deploy.sh" >&2
  done
}
for svc in "${services[@]}"; do
  case "$svc" in
    chargebee) warn_unset CHARGEBEE_SITE ;;
    gmail) warn_unset GMAIL_USER; [ "$gmail_auth" = service-account ] || warn_unset GMAIL_CLIENT_ID ;;
    orchestrator) warn_unset GMAIL_USER ;;
  esac
  case "$svc:$llm_provider" in classification:vertex|llm-agent:vertex|orchestrator:vertex) warn_unset VERTEX_ENDPOINT_ID ;; esac
done

secret() { printf '            - name: %s\n              valueFrom:\n                secretKeyRef: { name: %s, key: latest }\n' "$1" "$2"; }
plain() { printf '            - name: %s\n              value: "%s"\n' "$1" "$2"; }

# Cloud Run URLs are https://<service>-<project number>.<region>.run.app: each service's own URL
# is the audience of the ID tokens it accepts, and only the orchestrator's account may call it.
number="${PROJECT_NUMBER:-}"
[ -n "$number" ] || number=$(gcloud projects describe "$PROJECT" --format 'value(projectNumber)')
url_of() { printf 'https://%s-%s.%s.run.app' "$1" "$number" "$REGION"; }
host_of() { printf '%s-%s.%s.run.app' "$1" "$number" "$REGION"; }
orchestrator_sa="orchestrator@${PROJECT}.iam.gserviceaccount.com"
gmail_key_dir=/secrets/gmail

llm_env() {
  plain LLM_PROVIDER "$llm_provider"
  case "$llm_provider" in
    vertex)
      plain VERTEX_PROJECT "$PROJECT"; plain VERTEX_LOCATION "$REGION"
      plain VERTEX_ENDPOINT_ID "${VERTEX_ENDPOINT_ID:-}" ;;
    gemini) secret GEMINI_API_KEY gemini-api-key ;;
    *) ;;
  esac
}

env_for() {
  # /mcp checks the Host header against an exact list (rmcp matches whole host names; a
  # pattern such as *.run.app matches nothing), so each service names its own host.
  if [ "$1" = orchestrator ]; then
    plain MCP_ALLOWED_HOSTS "$(host_of orchestrator)${ORCHESTRATOR_EXTRA_HOSTS:+,$ORCHESTRATOR_EXTRA_HOSTS}"
  else
    plain MCP_ALLOWED_HOSTS "$(host_of "$1")"
    plain SERVICE_AUTH_AUDIENCE "$(url_of "$1")"
    plain SERVICE_AUTH_ALLOWED_INVOKERS "$orchestrator_sa"
  fi
  case "$1" in
    chargebee) plain CHARGEBEE_SITE "${CHARGEBEE_SITE:-}"; secret CHARGEBEE_API_KEY chargebee-api-key ;;
    hubspot) secret HUBSPOT_TOKEN hubspot-token ;;
    firebase)
      plain FIREBASE_PROJECT_ID "$firebase_project"
      plain FIRESTORE_PROJECT_ID "$PROJECT"
      plain STORAGE_BACKEND firestore ;;
    gmail)
      plain GMAIL_USER "${GMAIL_USER:-}"
      if [ "$gmail_auth" = refresh-token ]; then
        plain GMAIL_CLIENT_ID "${GMAIL_CLIENT_ID:-}"
        secret GMAIL_CLIENT_SECRET gmail-client-secret
        secret GMAIL_REFRESH_TOKEN gmail-refresh-token
      else
        # The key (domain-wide delegation) as a file: the secret mounted by volumes_for.
        plain GMAIL_CREDENTIALS_FILE "$gmail_key_dir/key.json"
      fi ;;
    classification|llm-agent) llm_env ;;
    orchestrator)
      llm_env
      # End users: Firebase ID tokens of the project. Operators: Cloud Scheduler's account;
      # the Gmail webhook: the Pub/Sub push account.
      plain FIREBASE_PROJECT_ID "$firebase_project"
      plain FIRESTORE_PROJECT_ID "$PROJECT"
      plain PUBLIC_URL "$(url_of orchestrator)"
      plain AUTH_GOOGLE_AUDIENCE "$(url_of orchestrator)"
      plain AUTH_OPERATOR_SERVICE_ACCOUNTS "${SCHEDULER_SA:-scheduler@${PROJECT}.iam.gserviceaccount.com}"
      secret AUTH_AUDIT_KEY auth-audit-key
      plain PIPELINE_WEBHOOK_AUDIENCE "$(url_of orchestrator)/webhooks/gmail"
      plain PIPELINE_WEBHOOK_SERVICE_ACCOUNT "${PUBSUB_SA:-gmail-push@${PROJECT}.iam.gserviceaccount.com}"
      plain GMAIL_USER "${GMAIL_USER:-}"
      plain SERVICE_ID_TOKENS true
      for s in "${callees[@]}"; do
        name=$(echo "$s" | tr 'a-z-' 'A-Z_')_SERVICE_URL
        plain "$name" "$(url_of "$s")"
      done ;;
    *) ;;
  esac
}

# More revision annotations: the orchestrator reaches the internal services through the VPC
# (requests from Cloud Run count as internal only that way; the subnet needs Private Google
# Access).
annotations_for() {
  if [ "$1" = orchestrator ]; then
    printf '        run.googleapis.com/network-interfaces: '\''[{"network":"%s","subnetwork":"%s"}]'\''\n' \
      "${VPC_NETWORK:-default}" "${VPC_SUBNET:-default}"
    printf '        run.googleapis.com/vpc-access-egress: all-traffic\n'
  fi
}

mounts_for() {
  if [ "$1" = gmail ] && [ "$gmail_auth" = service-account ]; then
    printf '          volumeMounts:\n            - name: gmail-credentials\n              mountPath: %s\n' "$gmail_key_dir"
  fi
}

volumes_for() {
  if [ "$1" = gmail ] && [ "$gmail_auth" = service-account ]; then
    printf '      volumes:\n        - name: gmail-credentials\n          secret:\n            secretName: gmail-service-account\n            items:\n              - key: latest\n                path: key.json\n'
  fi
}

render() {
  local svc=$1 out=$2 ingress=internal min=0 max=10 throttling=true
  if [ "$svc" = orchestrator ]; then ingress=all; min=1; max=20; throttling=false; fi
  BLOCK_ANNOTATIONS=$(annotations_for "$svc") BLOCK_ENV=$(env_for "$svc") \
  BLOCK_VOLUME_MOUNTS=$(mounts_for "$svc") BLOCK_VOLUMES=$(volumes_for "$svc") \
  awk '
    /^#/ { next }
    { gsub(/__SERVICE__/, svc); gsub(/__IMAGE__/, image); gsub(/__PROJECT__/, project)
      gsub(/__MIN__/, min); gsub(/__MAX__/, max); gsub(/__INGRESS__/, ingress)
      gsub(/__CPU_THROTTLING__/, throttling) }
    $0 == "__ANNOTATIONS__" { if (ENVIRON["BLOCK_ANNOTATIONS"] != "") print ENVIRON["BLOCK_ANNOTATIONS"]; next }
    $0 == "__ENV__" { if (ENVIRON["BLOCK_ENV"] != "") print ENVIRON["BLOCK_ENV"]; next }
    $0 == "__VOLUME_MOUNTS__" { if (ENVIRON["BLOCK_VOLUME_MOUNTS"] != "") print ENVIRON["BLOCK_VOLUME_MOUNTS"]; next }
    $0 == "__VOLUMES__" { if (ENVIRON["BLOCK_VOLUMES"] != "") print ENVIRON["BLOCK_VOLUMES"]; next }
    { print }
  ' svc="$svc" image="$image" project="$PROJECT" min="$min" max="$max" ingress="$ingress" \
    throttling="$throttling" "$root/deploy/service.yaml.tmpl" > "$out"
}

# Who may invoke: the orchestrator's account on a service, and nobody else (any other
# roles/run.invoker member found on it, e.g. allUsers from an older deploy, is removed);
# allUsers on the orchestrator, which authenticates its callers itself.
grant_invoker() {
  local svc=$1 where=(--project "$PROJECT" --region "$REGION")
  if [ "$svc" = orchestrator ]; then
    iam gcloud run services add-iam-policy-binding orchestrator "${where[@]}" \
      --member allUsers --role roles/run.invoker --quiet
    return
  fi
  iam gcloud run services add-iam-policy-binding "$svc" "${where[@]}" \
    --member "serviceAccount:$orchestrator_sa" --role roles/run.invoker --quiet
  if [ -n "$render_dir" ]; then
    printf '# %s: then removes every other roles/run.invoker member found by:\n' "$svc" >> "$render_dir/iam-commands.txt"
  fi
  local members
  members=$(iam gcloud run services get-iam-policy "$svc" "${where[@]}" \
    --flatten 'bindings[].members' --filter 'bindings.role=roles/run.invoker' \
    --format 'value(bindings.members)')
  local member
  for member in $members; do
    [ "$member" = "serviceAccount:$orchestrator_sa" ] && continue
    echo "$svc: removing roles/run.invoker from $member (only the orchestrator may invoke it)" >&2
    iam gcloud run services remove-iam-policy-binding "$svc" "${where[@]}" \
      --member "$member" --role roles/run.invoker --quiet
  done
}

if [ -n "${IMAGE:-}" ]; then
  image=$IMAGE
else
  image="${registry}/mcp:$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo latest)"
  run docker build -t "$image" "$root"
  run docker push "$image"
fi

for svc in "${services[@]}"; do
  if [ -n "$render_dir" ]; then
    rendered="$render_dir/$svc.yaml"
  else
    rendered=$(mktemp)
  fi
  render "$svc" "$rendered"
  run gcloud run services replace "$rendered" --project "$PROJECT" --region "$REGION"
  grant_invoker "$svc"
  [ -n "$render_dir" ] || rm -f "$rendered"
done
if [ -n "$render_dir" ]; then
  echo "rendered ${services[*]} into $render_dir (nothing deployed)"
fi
