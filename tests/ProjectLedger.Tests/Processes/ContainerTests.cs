using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Shouldly;

namespace ProjectLedger.Tests.Processes;

/// <summary>
/// docker-compose.yml, the Dockerfile and .dockerignore as production needs them. No Docker engine
/// runs here: Debian's docker-compose validates and normalises the file (`config`), and the test
/// reads the result. The app's own probe (the image's health check) runs against a real process.
/// </summary>
[Trait("Category", "Process")]
public sealed class ContainerTests
{
    private static readonly string Root = AppProcess.RepositoryRoot();

    [Fact]
    public async Task compose_takes_secrets_from_files_applies_the_schema_once_and_loads_demo_data_only_in_the_demo_profile()
    {
        var compose = await NormalisedCompose();
        var services = compose["services"]!.AsObject();
        var ours = services.Where(s => s.Value!["image"]?.GetValue<string>() == "projectledger:local").ToDictionary(s => s.Key, s => s.Value!);
        ours.Keys.ShouldBe(["app", "app2", "demo-data", "schema"], ignoreOrder: true);

        foreach (var (name, service) in services)
        {
            var environment = service!["environment"]?.AsObject() ?? [];
            foreach (var (key, value) in environment)
            {
                key.ShouldNotBeOneOf(["LEDGER_DB", "LEDGER_SIGNING_KEY", "LEDGER_LOG_KEY", "POSTGRES_PASSWORD"], $"{name} sets {key} in the compose file; use {key}_FILE");
                (value?.ToString() ?? "").ShouldNotContain("Password=", Case.Insensitive, $"{name}: {key} holds a password");
            }
        }
        services["postgres"]!["environment"]!["POSTGRES_PASSWORD_FILE"]!.GetValue<string>().ShouldBe("/run/secrets/postgres_password");
        compose["secrets"]!.AsObject().Select(s => s.Value!["file"]!.GetValue<string>())
            .ShouldAllBe(file => file.Contains("/secrets/"));

        foreach (var (name, service) in ours)
        {
            service["environment"]!["LEDGER_DB_FILE"]!.GetValue<string>().ShouldBe("/run/secrets/ledger_db", name);
            service["environment"]!["LEDGER_SIGNING_KEY_FILE"]!.GetValue<string>().ShouldBe("/run/secrets/signing_key", name);
            service["environment"]!["LEDGER_LOG_KEY_FILE"]!.GetValue<string>().ShouldBe("/run/secrets/log_key", name);
            service["environment"]!["LEDGER_OIDC_CLIENT_SECRET_FILE"]!.GetValue<string>().ShouldBe("/run/secrets/oidc_client_secret", name);
            service["secrets"]!.AsArray().Select(s => s!["source"]!.GetValue<string>()).ShouldBe(["ledger_db", "signing_key", "log_key", "oidc_client_secret"], ignoreOrder: true);
        }

        foreach (var node in new[] { "app", "app2" })
        {
            var app = ours[node];
            app["restart"]!.GetValue<string>().ShouldBe("unless-stopped");
            string.Join(' ', app["healthcheck"]!["test"]!.AsArray().Select(t => t!.GetValue<string>())).ShouldBe("CMD dotnet ProjectLedger.dll probe");
            var dependsOn = app["depends_on"]!.AsObject();
            dependsOn["schema"]!["condition"]!.GetValue<string>().ShouldBe("service_completed_successfully");
            dependsOn.ContainsKey("demo-data").ShouldBeFalse($"{node} must not wait for demo data");
            app["profiles"].ShouldBeNull();
            // The session key ring is shared through the database (SharedKeyRingTests), not a folder.
            app["environment"]!.AsObject().ContainsKey("LEDGER_KEYS_DIR").ShouldBeFalse();
        }

        ours["schema"]["command"]!.AsArray().Single()!.GetValue<string>().ShouldBe("db-apply");
        ours["schema"]["restart"]!.GetValue<string>().ShouldBe("no");
        ours["schema"]["profiles"].ShouldBeNull();
        ours["demo-data"]["command"]!.AsArray().Single()!.GetValue<string>().ShouldBe("demo-data");
        ours["demo-data"]["profiles"]!.AsArray().Select(p => p!.GetValue<string>()).ShouldBe(["demo"]);
    }

    [Fact]
    public async Task the_image_runs_unprivileged_checks_its_health_restores_locked_and_its_context_leaves_out_host_state()
    {
        var dockerfile = await File.ReadAllLinesAsync(Path.Combine(Root, "Dockerfile"));
        var final = dockerfile.Skip(Array.FindLastIndex(dockerfile, l => l.StartsWith("FROM "))).ToList();
        final.ShouldContain("USER $APP_UID");
        // The checkpoint volume it writes to belongs to that user before it takes over.
        final.ShouldContain(l => l.StartsWith("RUN ") && l.Contains("chown") && l.Contains("/checkpoints"));
        final.IndexOf("USER $APP_UID").ShouldBeGreaterThan(final.FindIndex(l => l.Contains("chown")));
        final.ShouldContain(l => l.StartsWith("HEALTHCHECK ") && l.EndsWith("CMD [\"dotnet\", \"ProjectLedger.dll\", \"probe\"]"));
        dockerfile.ShouldContain(l => l.Contains("dotnet restore") && l.Contains("--locked-mode"));
        dockerfile.ShouldContain(l => l.Contains("npm ci"));

        var ignored = (await File.ReadAllLinesAsync(Path.Combine(Root, ".dockerignore"))).Where(l => !l.StartsWith('#')).ToList();
        foreach (var pattern in new[] { ".git/", ".ledger/", "secrets/", "**/bin/", "**/obj/", "**/node_modules/" })
            ignored.ShouldContain(pattern);
        (await File.ReadAllTextAsync(Path.Combine(Root, ".gitignore"))).ShouldContain("secrets/");
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task the_probe_says_healthy_for_a_serving_app_and_one_line_otherwise_and_a_key_file_is_the_key()
    {
        var folder = Directory.CreateTempSubdirectory("ledger-key").FullName;
        var keyFile = Path.Combine(folder, "signing_key");
        await File.WriteAllTextAsync(keyFile, "a-production-key-read-from-a-file-0123456789\n");
        // Outside demo mode the transparency log's settings are required too; its key is a file as well.
        var logKey = Path.Combine(folder, "log_key");
        (await AppCommand.Run(new Dictionary<string, string?>(), "log-key", "test.example/events", logKey)).ExitCode.ShouldBe(0);
        await using var app = await AppProcess.Start(new Dictionary<string, string?>
        {
            ["LEDGER_DEMO"] = "0",
            ["LEDGER_SIGNING_KEY_FILE"] = keyFile,
            ["LEDGER_LOG_ORIGIN"] = "test.example/events",
            ["LEDGER_LOG_KEY_FILE"] = logKey,
            ["LEDGER_CHECKPOINT_DIR"] = Directory.CreateDirectory(Path.Combine(folder, "checkpoints")).FullName,
        });

        var healthy = await AppCommand.Run(new Dictionary<string, string?>(), "probe", "--url", app.BaseUrl + "/health");
        healthy.ExitCode.ShouldBe(0, healthy.ToString());

        // Not in demo mode, and signed by the key from the file: a token signed with the demo key is refused.
        using var demoToken = app.Client("leadership", "*");
        (await demoToken.GetAsync("/api/dashboards/funnel")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        app.Kill();
        var gone = await AppCommand.Run(new Dictionary<string, string?>(), "probe", "--url", app.BaseUrl + "/health");
        gone.ExitCode.ShouldBe(3, gone.ToString());
        gone.Stderr.Trim().ShouldStartWith($"projectledger: {app.BaseUrl}/health does not answer");
        gone.Stderr.Trim().Split('\n').Length.ShouldBe(1);
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>`docker-compose config` with secrets made by ops/compose-secrets, as JSON.</summary>
    private static async Task<JsonObject> NormalisedCompose()
    {
        var work = Directory.CreateTempSubdirectory("ledger-compose").FullName;
        File.Copy(Path.Combine(Root, "docker-compose.yml"), Path.Combine(work, "docker-compose.yml"));
        var secrets = await Shell(Root, Path.Combine(Root, "ops", "compose-secrets"), Path.Combine(work, "secrets"));
        File.ReadAllText(Path.Combine(work, "secrets", "log_key")).ShouldStartWith("PRIVATE+KEY+", customMessage: secrets.Output);
        secrets.ExitCode.ShouldBe(0, secrets.Output);
        var config = await Shell(work, "bash", "-c",
            "docker-compose --profile demo config | python3 -c 'import sys, yaml, json; print(json.dumps(yaml.safe_load(sys.stdin)))'");
        config.ExitCode.ShouldBe(0, "docker-compose config failed (ops/test installs Debian's docker-compose): " + config.Output);
        Directory.Delete(work, recursive: true);
        return JsonNode.Parse(config.Stdout)!.AsObject();
    }

    private static async Task<(int ExitCode, string Stdout, string Output)> Shell(string directory, string file, params string[] args)
    {
        var start = new ProcessStartInfo(file, args) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment.Remove("LEDGER_DEMO");
        start.Environment["LEDGER_APP_DLL"] = Path.Combine(AppContext.BaseDirectory, "ProjectLedger.dll");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stdout + await stderr);
    }
}
