# syntax=docker/dockerfile:1
# Build with the Maven wrapper, run on a JRE as a non-root user.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -ntp -q -DskipTests package

FROM eclipse-temurin:17-jre
RUN groupadd --system bot && useradd --system --gid bot --home-dir /app --shell /usr/sbin/nologin bot \
    && mkdir -p /app/data && chown -R bot:bot /app \
    && apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /src/app/target/ect-mentor-bot.jar /app/ect-mentor-bot.jar
COPY app/jvm.options /app/jvm.options
USER bot
ENV BOT_BIND_ADDRESS=0.0.0.0 \
    BOT_DATA_DIR=/app/data \
    PORT=8080 \
    MALLOC_ARENA_MAX=2
EXPOSE 8080
VOLUME ["/app/data"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8080/actuator/health || exit 1
# JVM settings from app/jvm.options; flags in JAVA_OPTS come after them and win (e.g. JAVA_OPTS=-Xmx512m).
# (JAVA_TOOL_OPTIONS would not: the JVM reads it before the command line.)
ENTRYPOINT ["sh", "-c", "exec java @/app/jvm.options $JAVA_OPTS -jar /app/ect-mentor-bot.jar"]
