using Alba;
using ProjectLedger.Tests.Infrastructure;
using ProjectLedger.Tests.Projects;
using Shouldly;

namespace ProjectLedger.Tests.Platform;

/// <summary>A host of its own with a small write allowance: 3 writes, then 1 a second.</summary>
public sealed class LimitedApp : IAsyncLifetime
{
    public IAlbaHost Host { get; private set; } = null!;
    public string Schema { get; } = "l_" + Guid.NewGuid().ToString("N")[..12];

    public async Task InitializeAsync() => Host = await LedgerApp.Start(Schema, new Dictionary<string, string?>
    {
        ["LEDGER_RATE_LIMIT"] = "on",
        ["LEDGER_WRITES_PER_SECOND"] = "1",
        ["LEDGER_WRITE_BURST"] = "3",
    });

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

public sealed class LimitsTests(LimitedApp limited) : IClassFixture<LimitedApp>
{
    private string Token(string user) =>
        limited.Host.Services.GetService(typeof(ProjectLedger.Security.TokenIssuer)) is ProjectLedger.Security.TokenIssuer issuer
            ? issuer.Issue(user, "projectOffice", "vantaa-kerava")
            : throw new InvalidOperationException();

    private Task<IScenarioResult> Register(string user, int? status = 201) => limited.Host.Scenario(s =>
    {
        s.Post.Json(ProjectBodies.AsukkaanAsialla()).ToUrl("/api/projects");
        s.WithRequestHeader("Authorization", "Bearer " + Token(user));
        if (status is { } expected) s.StatusCodeShouldBe(expected);
        else s.IgnoreStatusCode();
    });

    /// <summary>Writes as fast as possible until refused: the burst is 3, so a refusal comes within a few.</summary>
    private async Task<IScenarioResult> WriteUntilRefused(string user)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var result = await Register(user, status: null);
            if (result.Context.Response.StatusCode == 429) return result;
            result.Context.Response.StatusCode.ShouldBe(201);
        }
        throw new ShouldAssertException("10 quick writes were all accepted; the limit is 3 plus 1 a second");
    }

    [Fact]
    public async Task a_user_over_the_write_limit_gets_429_with_retry_after_and_others_are_not_affected()
    {
        var user = "kiireinen-" + Guid.NewGuid().ToString("N")[..6];
        var refused = await WriteUntilRefused(user);
        refused.Context.Response.Headers.RetryAfter.ToString().ShouldNotBeNullOrEmpty();
        int.Parse(refused.Context.Response.Headers.RetryAfter.ToString()).ShouldBeGreaterThanOrEqualTo(1);
        refused.Context.Response.ContentType.ShouldNotBeNull().ShouldStartWith("application/problem+json");
        (await refused.ReadAsTextAsync()).ShouldContain("Too many requests");

        await Register("toinen-" + Guid.NewGuid().ToString("N")[..6], 201);
    }

    [Fact]
    public async Task reads_have_their_own_larger_allowance()
    {
        var user = "lukija-" + Guid.NewGuid().ToString("N")[..6];
        await WriteUntilRefused(user);
        await limited.Host.Scenario(s =>
        {
            s.Get.Url("/api/projects");
            s.WithRequestHeader("Authorization", "Bearer " + Token(user));
            s.StatusCodeShouldBe(200);
        });
    }

    [Fact]
    public async Task a_body_over_one_mebibyte_gets_413_and_nothing_is_stored()
    {
        var huge = new string('a', 1024 * 1024 + 10);
        var result = await limited.Host.Scenario(s =>
        {
            s.Post.Url("/api/projects");
            s.ConfigureHttpContext(http =>
            {
                var bytes = System.Text.Encoding.UTF8.GetBytes($$"""{"name":"{{huge}}"}""");
                http.Request.Body = new MemoryStream(bytes);
                http.Request.ContentLength = bytes.Length;
                http.Request.ContentType = "application/json";
            });
            s.WithRequestHeader("Authorization", "Bearer " + Token("suuri-" + Guid.NewGuid().ToString("N")[..6]));
            s.StatusCodeShouldBe(413);
        });
        result.Context.Response.ContentType.ShouldNotBeNull().ShouldStartWith("application/problem+json");
    }
}
