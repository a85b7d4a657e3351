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
# Locked: the image restores exactly what packages.lock.json records, or fails naming the package.
RUN dotnet restore src/ProjectLedger/ProjectLedger.csproj --locked-mode
COPY src src
COPY --from=web /repo/src/ProjectLedger/wwwroot src/ProjectLedger/wwwroot
RUN dotnet publish src/ProjectLedger/ProjectLedger.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://+:8080
EXPOSE 8080
ENTRYPOINT ["dotnet", "ProjectLedger.dll"]
