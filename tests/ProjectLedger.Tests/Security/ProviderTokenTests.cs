using Alba;
using ProjectLedger.Tests.Experiments;
using ProjectLedger.Tests.Infrastructure;
using Shouldly;

namespace ProjectLedger.Tests.Security;

/// <summary>An app configured only with a county's provider (no local key, no demo mode), and that provider running.</summary>
public sealed class ProviderOnlyLedger : IAsyncLifetime
{
    public OidcProviderProcess Provider { get; private set; } = null!;
    public LedgerApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Provider = await OidcProviderProcess.Start();
        var settings = Provider.AppSettings();
        settings["LEDGER_DEMO"] = null;
        settings["LEDGER_SIGNING_KEY"] = null;
        App = LedgerApp.For(await LedgerApp.Start("t_" + Guid.NewGuid().ToString("N")[..12], settings));
    }

    public async Task DisposeAsync()
    {
        if (App is not null) await App.Host.DisposeAsync();
        if (Provider is not null) await Provider.DisposeAsync();
    }
}

/// <summary>
/// Integrations send bearer JWTs from the county's provider: validated through its discovery document
/// and keys (issuer, audience, lifetime, signature), mapped to our role and county like a sign-in.
/// </summary>
public sealed class ProviderTokenTests(ProviderOnlyLedger ledger) : IClassFixture<ProviderOnlyLedger>
{
    private readonly Api _api = new(ledger.App);

    private Task<System.Text.Json.Nodes.JsonNode> Get(string token, int status) =>
        _api.Send(HttpMethod.Get, "/api/projects", null, status, token: token);

    [Fact]
    public async Task an_integrations_token_from_the_provider_writes_as_its_mapped_role_and_county()
    {
        var token = await ledger.Provider.ClientCredentialsToken("integration-vk");
        await Get(token, 200);
        var created = await _api.Send(HttpMethod.Post, "/api/experiments",
            System.Text.Json.JsonSerializer.Serialize(ExperimentBodies.ChatAdvice("vantaa-kerava")), 201, token: token);
        var id = created["id"]!.GetValue<Guid>();
        var proposed = (await ledger.App.StreamEvents(id)).Single();
        proposed.Headers!["userId"].ToString().ShouldBe("integration-vk");
        proposed.Headers!["role"].ToString().ShouldBe("projectOffice");
        await _api.Send(HttpMethod.Post, "/api/experiments",
            System.Text.Json.JsonSerializer.Serialize(ExperimentBodies.ChatAdvice("helsinki")), 403, token: token);
    }

    [Fact]
    public async Task a_token_for_another_audience_is_401()
    {
        var token = await ledger.Provider.ClientCredentialsToken("integration-vk", resource: "urn:other-service");
        (await Get(token, 401))["code"]!.GetValue<string>().ShouldBe("tokenInvalid");
    }

    [Fact]
    public async Task a_token_from_another_provider_is_401()
    {
        await using var other = await OidcProviderProcess.Start();
        var token = await other.ClientCredentialsToken("integration-vk");
        (await Get(token, 401))["code"]!.GetValue<string>().ShouldBe("tokenInvalid");
    }

    [Fact]
    public async Task an_expired_token_signed_by_the_provider_is_401()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var token = await ledger.Provider.SignWithProviderKey(new Dictionary<string, object>
        {
            ["sub"] = "integration-vk", ["aud"] = OidcProviderProcess.Audience, ["groups"] = new[] { "ledger-vk-office" },
            ["county"] = "vantaa-kerava", ["iat"] = now - 900, ["exp"] = now - 300,
        });
        (await Get(token, 401))["code"]!.GetValue<string>().ShouldBe("tokenExpired");
    }

    [Fact]
    public async Task the_same_claims_signed_by_the_provider_and_still_valid_get_in()
    {
        // The control for the expired case: only the lifetime differs.
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var token = await ledger.Provider.SignWithProviderKey(new Dictionary<string, object>
        {
            ["sub"] = "integration-vk", ["aud"] = OidcProviderProcess.Audience, ["groups"] = new[] { "ledger-vk-office" },
            ["county"] = "vantaa-kerava", ["iat"] = now, ["exp"] = now + 300,
        });
        await Get(token, 200);
    }

    [Fact]
    public async Task a_provider_token_without_a_subject_is_401()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var token = await ledger.Provider.SignWithProviderKey(new Dictionary<string, object>
        {
            ["aud"] = OidcProviderProcess.Audience, ["groups"] = new[] { "ledger-vk-office" }, ["county"] = "vantaa-kerava",
            ["iat"] = now, ["exp"] = now + 300,
        });
        (await Get(token, 401))["code"]!.GetValue<string>().ShouldBe("noSubject");
    }

    [Fact]
    public async Task an_unsigned_token_naming_the_provider_is_401()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        static string B64(string s) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(s)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var token = B64("""{"alg":"none","typ":"at+jwt"}""") + "." + B64(System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["iss"] = ledger.Provider.Issuer, ["sub"] = "integration-vk", ["aud"] = OidcProviderProcess.Audience,
            ["groups"] = new[] { "ledger-national" }, ["county"] = "*", ["iat"] = now, ["exp"] = now + 300,
        })) + ".";
        (await Get(token, 401)).ShouldBeProblem(401);
    }

    [Fact]
    public async Task a_token_without_a_mapped_role_is_403()
    {
        var token = await ledger.Provider.ClientCredentialsToken("integration-norole");
        (await Get(token, 403))["code"]!.GetValue<string>().ShouldBe("noRole");
    }

    [Fact]
    public async Task without_a_local_key_the_demo_key_and_ops_token_tokens_are_worthless()
    {
        var demo = HandMadeTokens.Sign(HandMadeTokens.Claims("mallory", "admin", "*"));
        (await Get(demo, 401)).ShouldBeProblem(401);
        (await _api.Send(HttpMethod.Post, "/api/demo/login", """{"user":"x","role":"admin","county":"*"}""", 404, withToken: false))
            .ShouldBeProblem(404);
    }
}
