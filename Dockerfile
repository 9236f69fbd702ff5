# Build with the project's own scripts on Debian 12, run as a non-root user.
FROM debian:bookworm AS build
WORKDIR /src
COPY scripts/install-deps.sh scripts/
RUN scripts/install-deps.sh
COPY . .
RUN BUILD_TYPE=Release scripts/build.sh sitelead-bot

FROM debian:bookworm-slim
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      ca-certificates tzdata libsqlite3-0 libspdlog1.10 libfmt9 libssl3 libboost-url1.81.0 libdate-tz3 libfasttext0 \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --create-home --home-dir /var/lib/sitelead sitelead
COPY --from=build /src/build/bot/sitelead-bot /usr/local/bin/sitelead-bot
COPY config/ /etc/sitelead/
USER sitelead
WORKDIR /var/lib/sitelead
ENV SITELEAD_CONFIG=/etc/sitelead/sitelead.example.json \
    SITELEAD_ADDRESS=0.0.0.0 \
    SITELEAD_DB=/var/lib/sitelead/sitelead.db
EXPOSE 3000
ENTRYPOINT ["sitelead-bot"]
CMD ["serve"]
