# syntax=docker/dockerfile:1.7
# One image recipe for all seven services. The build context is the repository root:
#   docker build -f docker/service.Dockerfile --build-arg SERVICE=order-service --build-arg PORT=5014 \
#     -t thriftstore/order-service .
# docker-compose.yml passes both arguments for each service. BuildKit is required (cache mount, COPY --chmod);
# Docker Compose v2 and `docker build` on Docker 23+ use it by default.

ARG JDK_IMAGE=eclipse-temurin:21-jdk-noble
# Java 21 runs the Java 17 bytecode and can create the CDS archive on its own (-XX:+AutoCreateSharedArchive).
ARG JRE_IMAGE=eclipse-temurin:21-jre-noble

# ---- build: the service's fat jar, then its layers --------------------------------------------
FROM ${JDK_IMAGE} AS build
ARG SERVICE
WORKDIR /src
COPY . .
# ~/.m2 (dependencies and the Maven distribution the wrapper fetches) survives between builds.
RUN --mount=type=cache,target=/root/.m2 \
    test -n "${SERVICE}" || { echo "pass --build-arg SERVICE=<service directory>" >&2; exit 1; }; \
    ./mvnw -B -q -pl "${SERVICE}" -am package -DskipTests \
    && mkdir -p /build \
    && cp "${SERVICE}/target/${SERVICE}-"*.jar /build/app.jar
WORKDIR /build
# Layers change at different rates (libraries rarely, our snapshot modules and classes often), so a code
# change re-sends only the small top layers. Without --launcher the extracted app.jar runs with plain
# `java -jar` and a lib/ classpath, which is what CDS needs (no nested jars).
RUN java -Djarmode=tools -jar app.jar extract --layers --destination extracted

# ---- runtime ------------------------------------------------------------------------------------
FROM ${JRE_IMAGE}
ARG SERVICE
ARG PORT
LABEL org.opencontainers.image.title="thriftstore-${SERVICE}" \
      org.opencontainers.image.source="https://github.com/thriftstore/thriftstore"
# A fixed numeric uid, so Kubernetes' runAsNonRoot can verify it without reading /etc/passwd.
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /application --no-create-home --shell /usr/sbin/nologin app \
    && mkdir -p /cds && chown app:app /cds
WORKDIR /application
COPY --from=build /build/extracted/dependencies/ ./
COPY --from=build /build/extracted/snapshot-dependencies/ ./
COPY --from=build /build/extracted/application/ ./
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
