# syntax=docker/dockerfile:1.7
# One image recipe for all seven services and the devtools image. The build context is the repository root:
#   docker build -f docker/service.Dockerfile --build-arg SERVICE=order-service --build-arg PORT=5014 \
#     -t thriftstore/order-service:0.1.0-SNAPSHOT .
#   docker build -f docker/service.Dockerfile --target devtools -t thriftstore/devtools:0.1.0-SNAPSHOT .
# docker-compose.yml passes the arguments for each service. BuildKit is required (cache mount, COPY --chmod);
# Docker Compose v2 and `docker build` on Docker 23+ use it by default.
#
# Built once: the `build` stage compiles the whole reactor (the seven services and the launcher) and does not
# depend on SERVICE, so its cache key is the same for every image. BuildKit runs it once and every service
# image copies its own layers out of it, whether compose builds the images side by side or one after another
# (docs/DECISIONS.md, "Images: one reactor build stage").

ARG JDK_IMAGE=eclipse-temurin:21-jdk-noble
# Java 21 runs the Java 17 bytecode and can create the CDS archive on its own (-XX:+AutoCreateSharedArchive).
ARG JRE_IMAGE=eclipse-temurin:21-jre-noble

# ---- build: every service's fat jar, split into layers ------------------------------------------------
FROM ${JDK_IMAGE} AS build
WORKDIR /src
# .dockerignore keeps docs/, frontend/, k8s/ and build output out, so only Java sources and poms reach here.
COPY . .
# ~/.m2 (dependencies and the Maven distribution the wrapper fetches) survives between builds.
# install, not package: the second call copies the launcher's dependencies and finds the platform jars it needs
# in ~/.m2. devtools only signs tokens, so it leaves out the PostgreSQL binaries (about 90 MB for four platforms).
RUN --mount=type=cache,target=/root/.m2 \
    set -eu; \
    services="product-service wishlist-service chat-service consumer-service order-service ws-chat-service notification-service"; \
    ./mvnw -B -q install -DskipTests \
        -pl "$(echo $services | tr ' ' ','),devtools/platform-launcher" -am; \
    for service in $services; do \
        java -Djarmode=tools -jar "${service}/target/${service}-"*.jar extract --layers \
            --application-filename app.jar --destination "/build/${service}"; \
    done; \
    ./mvnw -B -q -pl devtools/platform-launcher dependency:copy-dependencies \
        -DincludeScope=runtime -DexcludeGroupIds=io.zonky.test.postgres -DoutputDirectory=/build/devtools/lib; \
    cp devtools/platform-launcher/target/platform-launcher-*.jar /build/devtools/lib/
# Layers change at different rates (libraries rarely, our snapshot modules and classes often), so a code
# change re-sends only the small top layers. Without --launcher the extracted app.jar runs with plain
# `java -jar` and a lib/ classpath, which is what CDS needs (no nested jars), and the spring-boot-loader layer
# stays empty, so the images copy the other three.

# ---- devtools: dev tokens without a JDK on the host ---------------------------------------------------
# `docker compose run --rm devtools token user_alice Alice` runs the launcher's own `token` command (the code
# behind `./thriftstore token`) against the compose dev key, mounted read-only at /data/dev-keys.
FROM ${JRE_IMAGE} AS devtools
LABEL org.opencontainers.image.title="thriftstore-devtools" \
      org.opencontainers.image.source="https://github.com/thriftstore/thriftstore"
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /devtools --no-create-home --shell /usr/sbin/nologin app
COPY --from=build /build/devtools/lib/ /devtools/lib/
COPY --chmod=0755 docker/devtools.sh /usr/local/bin/devtools
USER 10001:10001
ENTRYPOINT ["devtools"]
CMD ["help"]

# ---- runtime (the default target) ----------------------------------------------------------------------
FROM ${JRE_IMAGE} AS service
ARG SERVICE
ARG PORT
LABEL org.opencontainers.image.title="thriftstore-${SERVICE}" \
      org.opencontainers.image.source="https://github.com/thriftstore/thriftstore"
# A fixed numeric uid, so Kubernetes' runAsNonRoot can verify it without reading /etc/passwd.
RUN test -n "${SERVICE}" && test -n "${PORT}" || { echo "pass --build-arg SERVICE=<service directory> --build-arg PORT=<port>" >&2; exit 1; } \
    && groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /application --no-create-home --shell /usr/sbin/nologin app \
    && mkdir -p /cds && chown app:app /cds
WORKDIR /application
COPY --from=build /build/${SERVICE}/dependencies/ ./
COPY --from=build /build/${SERVICE}/snapshot-dependencies/ ./
COPY --from=build /build/${SERVICE}/application/ ./
COPY --chmod=0755 docker/healthcheck.sh /usr/local/bin/healthcheck
USER 10001:10001
# Heap from the container's memory limit, leaving room for metaspace, threads and Kafka buffers.
# Replace the whole JDK_JAVA_OPTIONS variable to tune it; -XX:+ExitOnOutOfMemoryError is in the ENTRYPOINT, so
# that no tuning drops it: the JVM exits (and the orchestrator restarts it) instead of limping on after an
# OutOfMemoryError.
ENV SERVICE=${SERVICE} \
    PORT=${PORT} \
    JDK_JAVA_OPTIONS="-XX:InitialRAMPercentage=25.0 -XX:MaxRAMPercentage=65.0"
EXPOSE ${PORT}
# Ready = readiness group UP (stores and Kafka reachable as the service defines it). Start-up takes 5-15 s.
HEALTHCHECK --interval=10s --timeout=5s --start-period=90s --retries=3 CMD ["healthcheck"]
# CDS: the first run writes a dynamic archive of the loaded classes to /cds when the JVM exits (a graceful
# stop, so give it a stop grace period); every later start maps it and starts noticeably faster. A stale
# or foreign archive is ignored and rewritten. /cds is writable (Kubernetes mounts an emptyDir there).
# -Xlog:cds=error hides the per-class "cannot be archived" warnings that dynamic archiving prints.
ENTRYPOINT ["java", "-XX:+ExitOnOutOfMemoryError", "-XX:SharedArchiveFile=/cds/app.jsa", "-XX:+AutoCreateSharedArchive", "-Xlog:cds=error", "-jar", "/application/app.jar"]
