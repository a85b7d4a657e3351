using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using ProjectLedger.Hosting;
using ProjectLedger.Security;
using ProjectLedger.Tests.Infrastructure;
using Shouldly;

namespace ProjectLedger.Tests.Security;

/// <summary>Demo mode only when asked for (LEDGER_DEMO=1), never implied; outside it the public demo key is worthless.</summary>
public sealed class DemoModeTests
{
    private const string RealKey = "a-county-secret-key-of-well-over-32-bytes-0123456789";

    private static LedgerOptions Options(string environment, params (string Key, string Value)[] settings) =>
        LedgerOptions.From(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build(),
            new Environment(environment));

    [Fact]
    public void the_development_environment_does_not_switch_demo_mode_on()
    {
        Options("Development", ("LEDGER_SIGNING_KEY", RealKey)).DemoMode.ShouldBeFalse();
        Options("Production", ("LEDGER_SIGNING_KEY", RealKey), ("LEDGER_DEMO", "1")).DemoMode.ShouldBeTrue();
    }

    [Fact]
    public void outside_demo_mode_the_public_demo_key_is_refused()
    {
        Should.Throw<LedgerConfigurationException>(() => Options("Development", ("LEDGER_SIGNING_KEY", TokenIssuer.DemoSigningKey)))
            .Message.ShouldContain("public demo key");
    }

    [Fact]
    public void a_key_under_32_bytes_is_refused_and_no_key_without_a_provider_too()
    {
        Should.Throw<LedgerConfigurationException>(() => Options("Production", ("LEDGER_SIGNING_KEY", "short-key"))).Message.ShouldContain("32 bytes");
        Should.Throw<LedgerConfigurationException>(() => Options("Development")).Message.ShouldContain("LEDGER_OIDC_AUTHORITY");
    }

    [Fact]
    public void with_a_provider_the_local_key_is_optional()
    {
        var options = Options("Production", ("LEDGER_OIDC_AUTHORITY", "https://login.example.fi/realms/ledger"), ("LEDGER_OIDC_CLIENT_ID", "projectledger"));
        options.SigningKey.ShouldBeNull();
        options.Oidc!.ClientId.ShouldBe("projectledger");
    }

    [Fact]
    public async Task a_development_host_with_a_real_key_has_no_demo_login_and_refuses_demo_tokens()
    {
        await using var host = await LedgerApp.Start("t_" + Guid.NewGuid().ToString("N")[..12], OutsideDemo.Settings(new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["LEDGER_SIGNING_KEY"] = RealKey,
        }));
        var api = new Api(LedgerApp.For(host));
        (await api.Send(HttpMethod.Post, "/api/demo/login", """{"user":"x","role":"admin","county":"*"}""", 404, withToken: false, headers: Api.FromThePage)).ShouldBeProblem(404);
        var demoToken = HandMadeTokens.Sign(HandMadeTokens.Claims("mallory", "admin", "*"));
        (await api.Send(HttpMethod.Get, "/api/audit/export", null, 401, token: demoToken)).ShouldBeProblem(401);
        var realToken = HandMadeTokens.Sign(HandMadeTokens.Claims("auditor", "auditor", "*"), key: RealKey);
        await api.Send(HttpMethod.Get, "/api/projects", null, 200, token: realToken);
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "ProjectLedger";
        public string ContentRootPath { get; set; } = "";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
