# One build, two runtime images: `--target api` and `--target ingest` (see docker-compose.yml).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# npm installs the Banana Cake Pop IDE package during the API build.
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
# Both are published ReadyToRun for the image's architecture: precompiled code, so less JIT between start
# and the API's first answer (docs/benchmarks.md, "Start-up to first answer"), and between the ingest's
# start and the end of a load's copy, of which JIT was a large share at 1M rows. The ingest goes further:
# self-contained and composite, the runtime's libraries precompiled together with it, so the generic code
# it instantiates over its own types is precompiled too (docs/benchmarks.md, "The 1M-row load: start-up
# and reading"). TARGETARCH is BuildKit's.
ARG TARGETARCH
RUN dotnet publish src/Api -c Release -a "${TARGETARCH:-amd64}" --self-contained false -p:PublishReadyToRun=true -o /out/api \
 && dotnet publish src/Ingest -c Release -a "${TARGETARCH:-amd64}" --self-contained true -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true -o /out/ingest

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS api
WORKDIR /app
COPY --from=build /out/api .
ENV ASPNETCORE_URLS=http://0.0.0.0:8080
EXPOSE 8080
ENTRYPOINT ["dotnet", "CommunityJustice.Analytics.Api.dll"]

# Self-contained: the runtime ships inside /out/ingest, so only its native dependencies are needed here.
FROM mcr.microsoft.com/dotnet/runtime-deps:10.0 AS ingest
WORKDIR /app
COPY --from=build /out/ingest .
ENTRYPOINT ["/app/ingest"]
