# caseflow on Debian bookworm: built with the same install script and CMake build as
# scripts/run.sh, then copied into a slim runtime image with only the shared libraries it needs.
#   docker compose up --build     (see docs/operations.md)
FROM debian:bookworm AS build
WORKDIR /src
COPY scripts/install-deps.sh scripts/install-deps.sh
RUN bash scripts/install-deps.sh
COPY CMakeLists.txt CMakePresets.json ./
COPY engine engine
COPY connectors connectors
COPY app app
COPY tools tools
RUN cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DCASEFLOW_TESTS=OFF \
          -DCASEFLOW_BENCH=OFF \
 && cmake --build build --target caseflow

FROM debian:bookworm-slim
RUN apt-get update -qq \
 && apt-get install -y -qq --no-install-recommends librdkafka1 libyaml-cpp0.7 \
      libprometheus-cpp-core1.0 libboost-json1.81.0 libboost-container1.81.0 libdate-tz3 \
      libpq5 libsqlite3-0 libssl3 tzdata ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --home-dir /opt/caseflow caseflow \
 && mkdir -p /opt/caseflow/data && chown caseflow: /opt/caseflow/data
WORKDIR /opt/caseflow
COPY --from=build /src/build/app/caseflow /usr/local/bin/caseflow
COPY config config
COPY workflows workflows
USER caseflow
EXPOSE 8080
ENTRYPOINT ["caseflow"]
CMD ["run", "--config", "/opt/caseflow/config/docker.yaml"]
