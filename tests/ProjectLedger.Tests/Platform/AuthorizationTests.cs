using ProjectLedger.Tests.Infrastructure;
using ProjectLedger.Tests.Projects;
using Shouldly;

namespace ProjectLedger.Tests.Platform;

[Collection(LedgerCollection.Name)]
public sealed class AuthorizationTests(LedgerApp app)
{
    private readonly Api _api = new(app);

    [Fact]
    public async Task no_token_is_401_problem_and_nothing_is_stored()
    {
        var before = await app.EventCount();
        var problem = await _api.Send(HttpMethod.Post, "/api/projects",
            System.Text.Json.JsonSerializer.Serialize(ProjectBodies.AsukkaanAsialla()), 401, withToken: false);
        problem.ShouldBeProblem(401);
        (await app.EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task a_token_signed_with_another_key_is_401()
    {
        var forged = new ProjectLedger.Security.TokenIssuer(new ProjectLedger.Hosting.LedgerOptions(
                "", "", true, System.Text.Encoding.UTF8.GetBytes("some-other-key-that-is-long-enough-to-sign"), false, false))
            .Issue("mallory", "admin", "*");
        (await _api.Send(HttpMethod.Get, "/api/projects", null, 401, token: forged)).ShouldBeProblem(401);
    }

    [Fact]
    public async Task a_garbage_token_is_401()
    {
        (await _api.Send(HttpMethod.Get, "/api/projects", null, 401, token: "not-a-jwt")).ShouldBeProblem(401);
    }

    [Fact]
    public async Task a_project_office_cannot_write_in_another_county_and_nothing_is_stored()
    {
        var before = await app.EventCount();
        var problem = await _api.As(Api.Office, "helsinki").Post("/api/projects", ProjectBodies.AsukkaanAsialla("vantaa-kerava"), 403);
        problem.ShouldBeProblem(403);
        problem["detail"]!.GetValue<string>().ShouldContain("helsinki");
        (await app.EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task a_project_office_cannot_change_another_countys_project()
    {
        var id = (await _api.Post("/api/projects", ProjectBodies.AsukkaanAsialla(), 201))["id"]!.GetValue<Guid>();
        (await _api.As(Api.Office, "helsinki").Post($"/api/projects/{id}/goals",
            new { workstream = "A", indicator = "i", baseline = 1, target = 2, unit = "kpl" }, 403)).ShouldBeProblem(403);
        (await app.StreamEvents(id)).Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("leadership", "*")]
    [InlineData("auditor", "*")]
    [InlineData("leadership", "vantaa-kerava")]
    public async Task readers_never_write(string role, string county)
    {
        var before = await app.EventCount();
        (await _api.As(role, county).Post("/api/projects", ProjectBodies.AsukkaanAsialla(), 403)).ShouldBeProblem(403);
        (await app.EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task leadership_reads_only_its_county_unless_national()
    {
        var id = (await _api.Post("/api/projects", ProjectBodies.AsukkaanAsialla(), 201))["id"]!.GetValue<Guid>();
        (await _api.As("leadership", "lappi").Get($"/api/projects/{id}", 403)).ShouldBeProblem(403);
        (await _api.As("leadership", "vantaa-kerava").Get($"/api/projects/{id}"))["id"]!.GetValue<Guid>().ShouldBe(id);
        (await _api.As("leadership", "*").Get($"/api/projects/{id}"))["id"]!.GetValue<Guid>().ShouldBe(id);
        (await _api.As("auditor", "*").Get($"/api/projects/{id}"))["id"]!.GetValue<Guid>().ShouldBe(id);
    }

    [Fact]
    public async Task an_admin_writes_anywhere()
    {
        await _api.As("admin", "*").Post("/api/projects", ProjectBodies.AsukkaanAsialla("kainuu"), 201);
    }

    [Fact]
    public async Task demo_login_issues_a_token_that_works()
    {
        var login = await _api.Send(HttpMethod.Post, "/api/demo/login",
            """{"user":"maija","role":"leadership","county":"etela-savo"}""", 200, withToken: false, headers: Api.FromThePage);
        var token = login["token"]!.GetValue<string>();
        (await _api.Send(HttpMethod.Get, "/api/projects", null, 200, token: token)).AsArray().ShouldNotBeNull();
    }

    [Fact]
    public async Task demo_login_rejects_unknown_roles()
    {
        (await _api.Send(HttpMethod.Post, "/api/demo/login", """{"user":"x","role":"superuser","county":"*"}""", 400, withToken: false, headers: Api.FromThePage))
            .ShouldHaveFieldError("role");
    }
}
