using System.Text.Json;
using System.Text.Json.Nodes;
using Alba;
using ProjectLedger.Tests.Experiments;
using ProjectLedger.Tests.Infrastructure;
using Shouldly;

namespace ProjectLedger.Tests.Security;

/// <summary>
/// The browser's session cookie (opened here by the demo login, as the provider's sign-in opens it):
/// HttpOnly and SameSite, and a write from it needs the page's header and our own origin (CSRF).
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class SessionCookieTests(LedgerApp app)
{
    private async Task<string> SignIn(string user, string role, string county)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Post.Json(new { user, role, county }).ToUrl("/api/demo/login");
            s.WithRequestHeader("X-Ledger-Request", "1");
            s.StatusCodeShouldBe(200);
        });
        var setCookie = result.Context.Response.Headers.SetCookie.ToString();
        setCookie.ShouldStartWith("__ledger_session=");
        setCookie.ShouldContain("httponly", Case.Insensitive);
        setCookie.ShouldContain("samesite=lax", Case.Insensitive);
        return setCookie[..setCookie.IndexOf(';')];
    }

    private async Task<(int Status, JsonNode Body)> Write(string cookie, string url, object body, params (string Name, string Value)[] headers)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Post.Json(body).ToUrl(url);
            s.WithRequestHeader("Cookie", cookie);
            foreach (var (name, value) in headers) s.WithRequestHeader(name, value);
            s.IgnoreStatusCode();
        });
        var text = await result.ReadAsTextAsync();
        return (result.Context.Response.StatusCode, string.IsNullOrEmpty(text) ? new JsonObject() : JsonNode.Parse(text)!);
    }

    [Fact]
    public async Task a_cookie_session_writes_only_from_the_page_of_this_origin()
    {
        var cookie = await SignIn("kirsi", "projectOffice", "vantaa-kerava");
        var before = await app.EventCount();

        var (forged, problem) = await Write(cookie, "/api/experiments", ExperimentBodies.ChatAdvice());
        forged.ShouldBe(403);
        problem["code"]!.GetValue<string>().ShouldBe("csrf");
        var (crossSite, _) = await Write(cookie, "/api/experiments", ExperimentBodies.ChatAdvice(), ("X-Ledger-Request", "1"), ("Origin", "https://evil.example"));
        crossSite.ShouldBe(403);
        (await app.EventCount()).ShouldBe(before);

        var (fromPage, created) = await Write(cookie, "/api/experiments", ExperimentBodies.ChatAdvice(), ("X-Ledger-Request", "1"), ("Origin", "http://localhost"));
        fromPage.ShouldBe(201, created.ToJsonString());
        var stored = (await app.StreamEvents(created["id"]!.GetValue<Guid>())).Single();
        stored.Headers!["userId"].ToString().ShouldBe("kirsi");
    }

    [Fact]
    public async Task the_session_endpoint_says_who_is_signed_in_and_how_one_can_sign_in()
    {
        var anonymous = JsonNode.Parse(await (await app.Host.GetAsJson<JsonElement>("/api/session")).GetRawTextAsync())!;
        anonymous["signedIn"]!.GetValue<bool>().ShouldBeFalse();
        anonymous["demo"]!.GetValue<bool>().ShouldBeTrue();
        anonymous["provider"]!.GetValue<bool>().ShouldBeFalse();

        var cookie = await SignIn("essi", "leadership", "etela-savo");
        var result = await app.Host.Scenario(s =>
        {
            s.Get.Url("/api/session");
            s.WithRequestHeader("Cookie", cookie);
        });
        var session = JsonNode.Parse(await result.ReadAsTextAsync())!;
        session["signedIn"]!.GetValue<bool>().ShouldBeTrue();
        session["user"]!.GetValue<string>().ShouldBe("essi");
        session["role"]!.GetValue<string>().ShouldBe("leadership");
        session["county"]!.GetValue<string>().ShouldBe("etela-savo");
        session["via"]!.GetValue<string>().ShouldBe("demo");
        session.ToJsonString().ShouldNotContain("eyJ", Case.Sensitive, "no token reaches the page through the session endpoint");
    }

    [Theory]
    [InlineData("/#/pilots", "/#/pilots")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData(null, "/")]
    public void sign_in_returns_only_to_a_path_on_this_site(string? asked, string expected) =>
        ProjectLedger.Security.SignInEndpoints.LocalOnly(asked).ShouldBe(expected);
}

static file class JsonElementText
{
    public static Task<string> GetRawTextAsync(this JsonElement element) => Task.FromResult(element.GetRawText());
}
