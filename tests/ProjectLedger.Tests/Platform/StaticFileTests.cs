using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
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

    [Theory]
    [InlineData("br", ".br")]
    [InlineData("gzip", ".gz")]
    public async Task a_bundle_the_web_build_compressed_goes_out_as_the_build_wrote_it(string encoding, string suffix)
    {
        var client = app.Host.Server.CreateClient();
        var bundle = ScriptBundle().Match(await client.GetStringAsync("/")).Groups[1].Value;
        var root = app.Host.Services.GetRequiredService<IWebHostEnvironment>().WebRootPath;
        var written = await File.ReadAllBytesAsync(Path.Combine(root, bundle.TrimStart('/') + suffix));

        var request = new HttpRequestMessage(HttpMethod.Get, bundle);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", $"{encoding}, identity;q=0.5");
        var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentEncoding.ShouldBe([encoding]);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/javascript");
        response.Headers.Vary.ShouldContain("Accept-Encoding");
        response.Headers.CacheControl!.Extensions.Select(e => e.Name).ShouldContain("immutable");
        var sent = await response.Content.ReadAsByteArrayAsync();
        sent.ShouldBe(written);
        Decompress(sent, encoding).ShouldBe(await client.GetByteArrayAsync(bundle));
    }

    [Fact]
    public async Task a_browser_that_refuses_brotli_gets_gzip_and_one_that_accepts_neither_the_plain_file()
    {
        var client = app.Host.Server.CreateClient();
        var bundle = ScriptBundle().Match(await client.GetStringAsync("/")).Groups[1].Value;
        var noBrotli = new HttpRequestMessage(HttpMethod.Get, bundle);
        noBrotli.Headers.TryAddWithoutValidation("Accept-Encoding", "br;q=0, gzip");
        (await client.SendAsync(noBrotli)).Content.Headers.ContentEncoding.ShouldBe(["gzip"]);

        var plain = await client.GetAsync(bundle);
        plain.Content.Headers.ContentEncoding.ShouldBeEmpty();
        plain.Content.Headers.ContentType!.MediaType.ShouldBe("text/javascript");
    }

    [Fact]
    public async Task the_page_goes_out_compressed_with_its_nonce_and_is_never_stored()
    {
        var client = app.Host.Server.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "br");
        var response = await client.SendAsync(request);

        response.Content.Headers.ContentEncoding.ShouldBe(["br"]);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var html = System.Text.Encoding.UTF8.GetString(Decompress(await response.Content.ReadAsByteArrayAsync(), "br"));
        html.ShouldContain("<meta property=\"csp-nonce\"");
        ScriptBundle().IsMatch(html).ShouldBeTrue();
    }

    private static byte[] Decompress(byte[] body, string encoding)
    {
        using var input = new MemoryStream(body);
        using Stream decompressing = encoding == "br"
            ? new System.IO.Compression.BrotliStream(input, System.IO.Compression.CompressionMode.Decompress)
            : new System.IO.Compression.GZipStream(input, System.IO.Compression.CompressionMode.Decompress);
        using var output = new MemoryStream();
        decompressing.CopyTo(output);
        return output.ToArray();
    }

    [GeneratedRegex("<script[^>]+src=\"\\.?(/assets/[^\"]+\\.js)\"")]
    private static partial Regex ScriptBundle();
}
