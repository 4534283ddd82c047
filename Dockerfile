# One image for every component: `mcp <component>` (orchestrator, chargebee, hubspot, firebase,
# gmail, classification, llm-agent), the component given as the container's argument:
#   docker build -t mcp-orchestrator .                       # production: no sandbox in it
#   docker run -e PORT=8080 -p 8080:8080 mcp-orchestrator chargebee
# The `local` target adds the sandbox and its demo profiles, for docker-compose.yml:
#   docker build --target local -t mcp-orchestrator:local .
FROM rust:1.95-slim-bookworm AS source
WORKDIR /src
COPY . .

# Production: devstack without its default `sandbox` feature (no stand-ins, no test
# credentials, no stack launcher). One binary, one link.
FROM source AS build
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    cargo build --release --locked -p devstack --no-default-features \
 && mkdir -p /out && cp target/release/mcp /out/

# Local containers: the default features, the sandbox included.
FROM source AS build-local
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    cargo build --release --locked -p devstack \
 && mkdir -p /out && cp target/release/mcp /out/

FROM debian:bookworm-slim AS base
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl \
 && rm -rf /var/lib/apt/lists/* && useradd --system --uid 10001 app
ENV HOST=0.0.0.0 PORT=8080 LOG_FORMAT=json PROMPTS_DIR=/app/prompts
WORKDIR /app
COPY prompts /app/prompts
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=2s --retries=3 CMD curl -fsS "http://127.0.0.1:${PORT}/health" || exit 1
ENTRYPOINT ["/app/mcp"]

# docker compose: the sandbox, and the profiles the firebase service seeds
# (SEED_PROFILES_FILE=/app/seed/profiles.json).
FROM base AS local
COPY --from=build-local /out/mcp /app/mcp
COPY sandbox/data/profiles.json /app/seed/profiles.json
USER app

# The default (last) target: what deploy/deploy.sh pushes to Cloud Run.
FROM base AS runtime
COPY --from=build /out/mcp /app/mcp
USER app
