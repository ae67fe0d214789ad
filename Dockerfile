# Hookflow hub: multi-stage build (Maven Wrapper + JDK 17), then a JRE image running as non-root.
FROM eclipse-temurin:17.0.15_6-jdk-jammy AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY signatures/pom.xml signatures/pom.xml
COPY workflows/pom.xml workflows/pom.xml
COPY activities/pom.xml activities/pom.xml
COPY hub-api/pom.xml hub-api/pom.xml
COPY bench/pom.xml bench/pom.xml
RUN ./mvnw -B -q dependency:go-offline -DexcludeReactor=true || true
COPY signatures signatures
COPY workflows workflows
COPY activities activities
COPY hub-api hub-api
COPY bench bench
RUN ./mvnw -B -q -pl hub-api -am clean package -DskipTests -Dspotless.check.skip=true

FROM eclipse-temurin:17.0.15_6-jre-jammy
RUN apt-get update && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app hookflow
WORKDIR /app
COPY --from=build /src/hub-api/target/hub-api.jar /app/hub-api.jar
USER 10001
ENV HOOKFLOW_PORT=8000
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=5 \
  CMD curl -fsS "http://127.0.0.1:${HOOKFLOW_PORT}/health" || exit 1
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/hub-api.jar"]
