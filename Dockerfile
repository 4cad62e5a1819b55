# syntax=docker/dockerfile:1
#
# The image of any module of the suite. The build context is the repository root; MODULE names the Maven module,
# PORT the port its server listens on (docker compose passes both):
#   docker build --build-arg MODULE=customer-service --build-arg PORT=3001 -t ecommerce/customer-service .
# (api-gateway: MODULE=api-gateway, PORT=8080.)
# docker compose also builds local-stack from it (MODULE=local-stack, no PORT) and runs its seed command once.

ARG MODULE
ARG PORT=8080

# ---- build: the module and the modules it needs, with the project's Maven wrapper ----
FROM eclipse-temurin:21-jdk AS build
ARG MODULE
WORKDIR /workspace

# Wrapper and every module's pom first (the reactor reads them all, even with -pl).
COPY mvnw ./
COPY .mvn/ .mvn/
COPY pom.xml ./
COPY shared-core/pom.xml shared-core/
COPY shared-lib/pom.xml shared-lib/
COPY infrastructure/pom.xml infrastructure/
COPY local-stack/pom.xml local-stack/
COPY customer-service/pom.xml customer-service/
COPY product-service/pom.xml product-service/
COPY payment-service/pom.xml payment-service/
COPY order-service/pom.xml order-service/
COPY transaction-worker/pom.xml transaction-worker/
COPY auth-service/pom.xml auth-service/
COPY api-gateway/pom.xml api-gateway/
COPY system-tests/pom.xml system-tests/

# Then the sources -am may need (test-scoped module dependencies are part of the reactor too).
COPY shared-core/src/ shared-core/src/
COPY shared-lib/src/ shared-lib/src/
COPY infrastructure/src/ infrastructure/src/
COPY local-stack/src/ local-stack/src/
COPY customer-service/src/ customer-service/src/
COPY product-service/src/ product-service/src/
COPY payment-service/src/ payment-service/src/
COPY order-service/src/ order-service/src/
COPY transaction-worker/src/ transaction-worker/src/
COPY auth-service/src/ auth-service/src/
COPY api-gateway/src/ api-gateway/src/

# The Maven repository (and the wrapper's Maven download) live in a BuildKit cache across builds.
RUN --mount=type=cache,target=/root/.m2 \
    : "${MODULE:?build with --build-arg MODULE=<module>}" \
    && chmod +x mvnw \
    && ./mvnw -B -ntp -pl "$MODULE" -am package -DskipTests

# Split the runnable jar into its layers plus the launcher. A service's is <module>-exec.jar (its plain jar stays the
# module's artifact, for order-service's tests); local-stack has only the one, <module>.jar.
RUN jar="$MODULE/target/$MODULE-exec.jar" \
    && { [ -f "$jar" ] || jar="$MODULE/target/$MODULE.jar"; } \
    && java -Djarmode=tools -jar "$jar" extract --layers --launcher --destination /extracted

# ---- runtime: JRE only, non-root ----
FROM eclipse-temurin:21-jre
ARG PORT

# curl for the HEALTHCHECK (and docker compose's healthcheck). /var/lib/auth holds auth-service's signing key
# (compose mounts the auth_keys volume there): a named volume new to Docker takes the owner of the directory it is
# mounted on, so app must own it for auth-service to create the key on first start.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 1001 app \
    && useradd --system --uid 1001 --gid app --no-create-home --shell /usr/sbin/nologin app \
    && install -d -o app -g app -m 700 /var/lib/auth

WORKDIR /app
# Least to most often changed, so a code change only replaces the last layer.
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./

USER app

ENV PORT=${PORT} \
    JAVA_OPTS="-XX:+UseSerialGC -XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"

EXPOSE ${PORT}

HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=5 \
    CMD curl -fsS "http://localhost:${PORT}/readyz" > /dev/null || exit 1

# exec: java is PID 1 and gets SIGTERM (graceful shutdown). Extra arguments go to the application.
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS org.springframework.boot.loader.launch.JarLauncher \"$@\"", "app"]
