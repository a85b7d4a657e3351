using ProjectLedger.Tests.Experiments;
using ProjectLedger.Tests.Infrastructure;
using ProjectLedger.Tests.Projects;
using Shouldly;

namespace ProjectLedger.Tests.Security;

/// <summary>
/// The holes the probes of issue #11 found: a role outside the four, a county-scoped role without a
/// county, "*" for a project office, a token without a subject. Each gets nothing, with a detail a
/// person can act on and a code the UI translates.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class RoleHoleTests(LedgerApp app)
{
    private readonly Api _api = new(app);

    private Task<System.Text.Json.Nodes.JsonNode> Get(string url, string token, int status) =>
        _api.Send(HttpMethod.Get, url, null, status, token: token);

    [Theory]
    [InlineData("guest", "vantaa-kerava", "/api/experiments", "unknownRole")]
    [InlineData(null, "*", "/api/dashboards/funnel", "noRole")]
    [InlineData("", "*", "/api/dashboards/funnel", "noRole")]
    [InlineData("projectOffice", null, "/api/projects", "noCounty")]
    [InlineData("projectOffice", "", "/api/projects", "noCounty")]
    [InlineData("leadership", null, "/api/dashboards/funnel", "noCounty")]
    [InlineData("projectOffice", "*", "/api/projects", "allCountiesNotAllowed")]
    [InlineData("leadership", "atlantis", "/api/projects", "unknownCounty")]
    public async Task a_role_and_county_outside_the_contract_get_403_with_a_detail(string? role, string? county, string url, string code)
    {
        var token = HandMadeTokens.Sign(HandMadeTokens.Claims("probe", role, county));
        var problem = (await Get(url, token, 403)).ShouldBeProblem(403);
        problem["code"]!.GetValue<string>().ShouldBe(code);
        problem["detail"]!.GetValue<string>().ShouldContain("administrator");
    }

    [Fact]
    public async Task a_project_office_claiming_every_county_cannot_write_anywhere()
    {
        var before = await app.EventCount();
        var token = HandMadeTokens.Sign(HandMadeTokens.Claims("probe", "projectOffice", "*"));
        await _api.Send(HttpMethod.Post, "/api/projects", System.Text.Json.JsonSerializer.Serialize(ProjectBodies.AsukkaanAsialla("kainuu")), 403, token: token);
        (await app.EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task a_token_without_a_subject_is_401_and_nothing_is_stored_as_anonymous()
    {
        var before = await app.EventCount();
        var token = HandMadeTokens.Sign(HandMadeTokens.Claims(null, "projectOffice", "vantaa-kerava"));
        var problem = await _api.Send(HttpMethod.Post, "/api/experiments",
            System.Text.Json.JsonSerializer.Serialize(ExperimentBodies.ChatAdvice()), 401, token: token);
        problem.ShouldBeProblem(401);
        problem["code"]!.GetValue<string>().ShouldBe("noSubject");
        problem["detail"]!.GetValue<string>().ShouldContain("sub");
        (await app.EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task the_four_roles_within_the_contract_still_get_in()
    {
        foreach (var (role, county) in new[] { ("projectOffice", "vantaa-kerava"), ("leadership", "kainuu"), ("leadership", "*"), ("auditor", "*"), ("admin", "*") })
            await Get("/api/projects", HandMadeTokens.Sign(HandMadeTokens.Claims("probe", role, county)), 200);
    }

    [Fact]
    public async Task without_a_token_401_says_how_to_sign_in()
    {
        var problem = (await _api.Send(HttpMethod.Get, "/api/projects", null, 401, withToken: false)).ShouldBeProblem(401);
        problem["code"]!.GetValue<string>().ShouldBe("signInRequired");
        problem["detail"]!.GetValue<string>().ShouldContain("Sign in");
    }

    [Fact]
    public async Task an_expired_token_is_401_saying_it_expired()
    {
        var token = HandMadeTokens.Sign(HandMadeTokens.Claims("probe", "leadership", "*"), lifetime: TimeSpan.FromMinutes(-5));
        var problem = (await Get("/api/projects", token, 401)).ShouldBeProblem(401);
        problem["code"]!.GetValue<string>().ShouldBe("tokenExpired");
    }

    [Fact]
    public async Task a_token_for_another_audience_or_issuer_is_401()
    {
        var claims = HandMadeTokens.Claims("probe", "leadership", "*");
        (await Get("/api/projects", HandMadeTokens.Sign(claims, audience: "someone-else"), 401))["code"]!.GetValue<string>().ShouldBe("tokenInvalid");
        (await Get("/api/projects", HandMadeTokens.Sign(claims, issuer: "someone-else"), 401))["code"]!.GetValue<string>().ShouldBe("tokenInvalid");
    }

    [Fact]
    public async Task an_unsigned_token_is_401()
    {
        var header = Base64Url("""{"alg":"none","typ":"JWT"}""");
        var exp = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        var payload = Base64Url($$"""{"sub":"probe","role":"admin","county":"*","iss":"projectledger","aud":"projectledger","exp":{{exp}}}""");
        (await Get("/api/projects", $"{header}.{payload}.", 401)).ShouldBeProblem(401);
    }

    [Theory]
    [InlineData("javascript:alert(document.cookie)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("file:///etc/passwd")]
    public async Task an_operating_model_link_is_http_or_https_only(string link)
    {
        var scenarios = new ExperimentScenarios(_api);
        var id = await scenarios.EvaluatedAsync("adopt");
        var body = new
        {
            scope = "Unit", processes = new[] { "Neuvonta" },
            operatingModel = new { title = "Toimintamalli", link }, rationale = "Tavoitteet saavutettiin",
        };
        await app.ShouldStoreNothing(id, async () => (await _api.Post($"/api/experiments/{id}/adopt", body, 400)).ShouldHaveFieldError("operatingModel.link"));
    }

    private static string Base64Url(string text) =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
