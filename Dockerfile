# One image recipe for every binary: `docker build --build-arg BIN=chargebee -t chargebee .`
# Stage 1 builds the whole workspace once (cached across binaries); stage 2 is a small runtime.
FROM rust:1.95-slim-bookworm AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    cargo build --release --locked --workspace --bins \
 && mkdir -p /out && cp target/release/orchestrator target/release/chargebee target/release/hubspot \
    target/release/firebase target/release/gmail target/release/classification target/release/llm-agent \
    target/release/sandbox /out/

FROM debian:bookworm-slim AS runtime
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl \
 && rm -rf /var/lib/apt/lists/* && useradd --system --uid 10001 app
ARG BIN
ENV BIN=${BIN} HOST=0.0.0.0 PORT=8080 LOG_FORMAT=json PROMPTS_DIR=/app/prompts
WORKDIR /app
COPY --from=build /out/${BIN} /app/service
COPY prompts /app/prompts
USER app
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=2s --retries=3 CMD curl -fsS "http://127.0.0.1:${PORT}/health" || exit 1
ENTRYPOINT ["/app/service"]
