using System.Net;
using System.Text.RegularExpressions;
using ProjectLedger.Tests.Infrastructure;
using Shouldly;

namespace ProjectLedger.Tests.Platform;

[Collection(LedgerCollection.Name)]
public sealed partial class StaticFileTests(LedgerApp app)
{
    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task the_script_bundle_goes_out_compressed_and_cached_by_its_content_hash(string encoding)
    {
        var client = app.Host.Server.CreateClient();
        var page = await client.GetStringAsync("/");
        var bundle = ScriptBundle().Match(page).Groups[1].Value;
        bundle.ShouldStartWith("/assets/");

        var plain = await client.GetAsync(bundle);
        var request = new HttpRequestMessage(HttpMethod.Get, bundle);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", encoding);
        var compressed = await client.SendAsync(request);

        compressed.StatusCode.ShouldBe(HttpStatusCode.OK);
        compressed.Content.Headers.ContentEncoding.ShouldBe([encoding]);
        var sent = (await compressed.Content.ReadAsByteArrayAsync()).Length;
        var whole = (await plain.Content.ReadAsByteArrayAsync()).Length;
        sent.ShouldBeLessThan(whole / 2);
        compressed.Headers.CacheControl!.Public.ShouldBeTrue();
        compressed.Headers.CacheControl.MaxAge.ShouldBe(TimeSpan.FromDays(365));
        compressed.Headers.CacheControl.Extensions.Select(e => e.Name).ShouldContain("immutable");
    }

    [Fact]
    public async Task the_page_itself_is_revalidated_and_api_answers_are_not_compressed()
    {
        var client = app.Host.Server.CreateClient();
        var page = await client.GetAsync("/");
        page.Headers.CacheControl!.NoCache.ShouldBeTrue();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/counties");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "br");
        (await client.SendAsync(request)).Content.Headers.ContentEncoding.ShouldBeEmpty();
    }

    [GeneratedRegex("<script[^>]+src=\"\\.?(/assets/[^\"]+\\.js)\"")]
    private static partial Regex ScriptBundle();
}
