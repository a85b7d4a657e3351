using System.Net;
using System.Text.RegularExpressions;
using Alba;
using ProjectLedger.Tests.Infrastructure;
using Shouldly;

namespace ProjectLedger.Tests.Security;

/// <summary>The browser-facing headers: CSP with a per-request style nonce, no framing or sniffing, no referrer, no caching of county data.</summary>
[Collection(LedgerCollection.Name)]
public sealed class SecurityHeaderTests(LedgerApp app)
{
    private async Task<(string Body, Microsoft.AspNetCore.Http.IHeaderDictionary Headers)> Get(string url, bool withToken, int status = 200)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Get.Url(url);
            if (withToken) s.WithRequestHeader("Authorization", "Bearer " + app.Token("leadership", "*"));
            s.StatusCodeShouldBe(status);
        });
        return (await result.ReadAsTextAsync(), result.Context.Response.Headers);
    }

    [Fact]
    public async Task the_ui_page_hands_styled_components_the_nonce_that_its_csp_allows_and_a_new_one_each_time()
    {
        var (first, headers) = await Get("/", withToken: false);
        var csp = headers.ContentSecurityPolicy.ToString();
        var nonce = Regex.Match(csp, "style-src 'self' 'nonce-([^']+)'").Groups[1].Value;
        nonce.Length.ShouldBeGreaterThanOrEqualTo(16);
        first.ShouldContain($"<meta property=\"csp-nonce\" content=\"{nonce}\" />");
        csp.ShouldContain("script-src 'self';");
        csp.ShouldContain("frame-ancestors 'none'");
        csp.ShouldContain("object-src 'none'");
        csp.ShouldNotContain("unsafe-inline");
        headers.CacheControl.ToString().ShouldContain("no-store");

        var (second, _) = await Get("/experiments/anything", withToken: false);
        second.ShouldNotContain(nonce);
        second.ShouldContain("<meta property=\"csp-nonce\"");
    }

    [Theory]
    [InlineData("/api/projects", true, 200)]
    [InlineData("/api/dashboards/funnel", true, 200)]
    [InlineData("/api/projects", false, 401)]
    public async Task api_responses_are_never_cached_framed_or_sniffed(string url, bool withToken, int status)
    {
        var (_, headers) = await Get(url, withToken, status);
        headers.CacheControl.ToString().ShouldBe("no-store");
        headers.XContentTypeOptions.ToString().ShouldBe("nosniff");
        headers.XFrameOptions.ToString().ShouldBe("DENY");
        headers["Referrer-Policy"].ToString().ShouldBe("no-referrer");
        headers.ContentSecurityPolicy.ToString().ShouldContain("frame-ancestors 'none'");
    }

    [Fact]
    public async Task behind_a_trusted_tls_proxy_https_responses_carry_hsts_and_others_do_not()
    {
        await using var host = await LedgerApp.Start("t_" + Guid.NewGuid().ToString("N")[..12], new Dictionary<string, string?>
        {
            ["LEDGER_TRUSTED_PROXIES"] = "10.20.0.0/16",
        });
        async Task<Microsoft.AspNetCore.Http.IHeaderDictionary> Health(string remote)
        {
            var result = await host.Scenario(s =>
            {
                s.Get.Url("/health");
                s.ConfigureHttpContext(http =>
                {
                    http.Connection.RemoteIpAddress = IPAddress.Parse(remote);
                    http.Request.Host = new Microsoft.AspNetCore.Http.HostString("ledger.hyvinvointialue.fi");
                    http.Request.Headers["X-Forwarded-Proto"] = "https";
                    http.Request.Headers["X-Forwarded-For"] = "192.0.2.7";
                });
            });
            return result.Context.Response.Headers;
        }
        (await Health("10.20.3.4")).StrictTransportSecurity.ToString().ShouldStartWith("max-age=31536000");
        (await Health("203.0.113.9")).StrictTransportSecurity.ToString().ShouldBeEmpty("a client that is not the proxy cannot claim https");
    }
}
