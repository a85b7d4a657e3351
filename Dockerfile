# ProjectLedger: the web UI built with Node, the app published with the .NET 10 SDK.
FROM node:20-bookworm AS web
WORKDIR /repo
COPY web/package.json web/package-lock.json web/
RUN cd web && npm ci
COPY web web
RUN mkdir -p src/ProjectLedger && cd web && npm run build

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /repo
COPY nuget.config Directory.Build.props ProjectLedger.sln ./
COPY ops/packages ops/packages
COPY src/ProjectLedger/ProjectLedger.csproj src/ProjectLedger/packages.lock.json src/ProjectLedger/
COPY src/ProjectLedger.Demo/ProjectLedger.Demo.csproj src/ProjectLedger.Demo/packages.lock.json src/ProjectLedger.Demo/
# Locked: the image restores exactly what packages.lock.json records, or fails naming the package.
RUN dotnet restore src/ProjectLedger/ProjectLedger.csproj --locked-mode && dotnet restore src/ProjectLedger.Demo/ProjectLedger.Demo.csproj --locked-mode
COPY src src
COPY --from=web /repo/src/ProjectLedger/wwwroot src/ProjectLedger/wwwroot
# ReadyToRun for linux-x64 (the csproj's RuntimeIdentifiers): a new container answers its first requests without JIT-compiling them.
RUN dotnet publish src/ProjectLedger/ProjectLedger.csproj -c Release --no-restore -r linux-x64 --self-contained false -o /app
# The demo data's assembly beside the app, for the compose file's demo profile (demo-data).
RUN dotnet build src/ProjectLedger.Demo/ProjectLedger.Demo.csproj -c Release --no-restore -o /demo && cp /demo/ProjectLedger.Demo.dll /app/

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_HTTP_PORTS=8080
EXPOSE 8080
# The image's unprivileged "app" user (uid 1654). It writes only to the transparency log's checkpoint
# volume; a new named volume takes this folder's ownership.
RUN mkdir -p /checkpoints && chown "$APP_UID" /checkpoints
USER $APP_UID
# The runtime image has no curl: the app's own probe asks /health without building a host.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 CMD ["dotnet", "ProjectLedger.dll", "probe"]
ENTRYPOINT ["dotnet", "ProjectLedger.dll"]
